"""JSON logs on stdout, one object per line, each carrying the id of the request it belongs to."""

import logging
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# More fields for every record; core/tracing.py adds the trace and span ids, for example.
record_enrichers: list[Callable[[logging.LogRecord], None]] = []

_base_factory = logging.getLogRecordFactory()


def _record_with_context(*args: Any, **kwargs: Any) -> logging.LogRecord:
    # Stamped at creation, so every handler (ours, pytest's, a library's) sees it.
    record = _base_factory(*args, **kwargs)
    record.request_id = request_id_var.get()
    for enrich in record_enrichers:
        enrich(record)
    return record


def json_formatter() -> JsonFormatter:
    return JsonFormatter(
        "{asctime}{levelname}{name}{message}{request_id}",
        style="{",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        # Uvicorn attaches an ANSI-coloured copy of its messages; keep it out of the JSON.
        reserved_attrs=[*RESERVED_ATTRS, "color_message"],
    )


class _JsonStdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler we install, so configuring again replaces it instead of adding one."""


def configure_logging(level: str) -> None:
    logging.setLogRecordFactory(_record_with_context)
    handler = _JsonStdoutHandler(sys.stdout)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, _JsonStdoutHandler)]
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Uvicorn's own handlers print plain text; route its records through ours instead.
    # Its access log is replaced by the request log in middleware.py, which has the request id.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
