"""JSON lines on stdout: one object per record, with its UTC time, level and request id."""

import datetime as dt
import logging
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# Functions that add fields to every record; core/tracing.py adds the trace and span ids.
record_enrichers: list[Callable[[logging.LogRecord], None]] = []

_base_factory = logging.getLogRecordFactory()


def _record_with_context(*args: Any, **kwargs: Any) -> logging.LogRecord:
    # Stamped when the record is made, so every handler (ours, pytest's, a library's) sees it.
    record = _base_factory(*args, **kwargs)
    record.requestId = request_id_var.get()
    for enrich in record_enrichers:
        enrich(record)
    return record


class _Formatter(JsonFormatter):
    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        fields = dict(log_data)
        log_data.clear()
        # First the time, ISO 8601 in UTC with milliseconds (2026-01-31T12:00:00.123Z), then
        # the level in the words LOG_LEVEL takes.
        created = dt.datetime.fromtimestamp(record.created, dt.UTC)
        log_data["time"] = created.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        log_data.update(fields, level=record.levelname.lower())


def json_formatter() -> logging.Formatter:
    return _Formatter(
        "{levelname}{message}{name}",
        style="{",
        rename_fields={"levelname": "level", "name": "logger"},
        # Uvicorn adds an ANSI-coloured copy of its messages; keep it out of the JSON.
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
    # Uvicorn's handlers print plain text: send its records through ours instead. Its access
    # log is replaced by the one in middleware.py, which knows the route and the request id.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
