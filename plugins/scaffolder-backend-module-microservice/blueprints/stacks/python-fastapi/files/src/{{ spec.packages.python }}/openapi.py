"""Write the OpenAPI document: `python -m <package>.openapi openapi.json` (make openapi).

A file argument rather than stdout, so no log line can end up in the document.
"""

import json
import sys
from pathlib import Path

from .main import app


def main(path: str) -> None:
    document = json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"
    Path(path).write_text(document, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
