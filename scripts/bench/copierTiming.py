"""Times copier's run_copy in this process, and its CLI, on a template; prints one JSON line.

    python copierTiming.py TEMPLATE OUT_ROOT RUNS CLI_RUNS LIMIT_SECONDS
"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from copier import run_copy


def main() -> None:
    template, out_root, runs, cli_runs, limit = (
        sys.argv[1],
        Path(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
        float(sys.argv[5]),
    )
    out_root.mkdir(parents=True, exist_ok=True)

    def copy_once(target: Path) -> None:
        run_copy(template, target, defaults=True, overwrite=True, quiet=True, unsafe=True)

    copy_once(out_root / "sample")  # warm-up, and the tree compared with the others
    api: list[float] = []
    deadline = time.monotonic() + limit
    for _ in range(runs):
        if time.monotonic() > deadline:
            break
        target = Path(tempfile.mkdtemp(dir=out_root))
        started = time.perf_counter()
        copy_once(target / "out")
        api.append((time.perf_counter() - started) * 1000)
        shutil.rmtree(target)
    cli: list[float] = []
    executable = Path(sys.executable).with_name("copier")
    for _ in range(cli_runs):
        target = Path(tempfile.mkdtemp(dir=out_root))
        started = time.perf_counter()
        subprocess.run(
            [str(executable), "copy", "--defaults", "--overwrite", "--quiet", "--trust",
             template, str(target / "out")],
            check=True,
        )
        cli.append((time.perf_counter() - started) * 1000)
        shutil.rmtree(target)
    print(json.dumps({"api": api, "cli": cli}))


if __name__ == "__main__":
    main()
