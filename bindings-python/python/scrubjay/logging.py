"""A ``logging.Filter`` that scrubs every record before any handler formats it.

Both paths a secret can take are covered: the formatted message (``msg % args``) is redacted
and stored back as ``msg`` with ``args`` emptied, and every ``extra=`` attribute is redacted
by key and value (so ``extra={"password": ...}`` is masked by the field rules).

Nothing that later handlers need is taken from the record, which every handler shares:

- the exception is formatted, redacted and kept in ``exc_text``, which formatters print
  instead of formatting ``exc_info`` again;
- ``exc_info`` keeps the exception's class and traceback, with the exception replaced by a
  scrubbed stand-in of the same class and name (its message, notes and chained exceptions
  redacted), so a handler that reads the exception itself, such as OpenTelemetry's
  ``LoggingHandler`` (``exception.type``, ``exception.message``, ``exception.stacktrace``),
  still gets one, without the secrets;
- ``stack_info`` is redacted in place.

Only when scrubbing itself fails is the record emptied (fail closed): the message becomes
a marker and the exception and stack are dropped.

>>> import logging, io
>>> stream = io.StringIO()
>>> handler = logging.StreamHandler(stream)
>>> handler.addFilter(RedactingFilter())
>>> log = logging.getLogger("scrubjay.doc")
>>> log.addHandler(handler); log.propagate = False
>>> log.warning("login failed for %s", "jane@example.org", extra={"password": "hunter2"})
>>> stream.getvalue()
'login failed for [REDACTED:email]\\n'
"""

from __future__ import annotations

import logging as _logging
from typing import Any, Optional

from . import Engine, Report, default_engine
from ._exceptions import scrubbed_exception

__all__ = ["RedactingFilter"]

# Attributes every LogRecord has; anything else came from ``extra=``.
_STANDARD = frozenset(
    vars(_logging.LogRecord("", 0, "", 0, "", (), None)).keys()
) | {"message", "asctime", "taskName"}


class RedactingFilter(_logging.Filter):
    """Redacts the message, the arguments, ``extra`` attributes and exception text of every
    record. Never drops a record; if redaction itself fails, the message is replaced by a
    marker (fail closed)."""

    def __init__(self, engine: Optional[Engine] = None, name: str = "", report: Optional[Report] = None) -> None:
        super().__init__(name)
        self._engine = engine or default_engine()
        self._report = report

    def filter(self, record: _logging.LogRecord) -> bool:
        try:
            self._scrub(record)
        except Exception:  # fail closed: nothing of the record's text survives
            record.msg = "[REDACTED:redaction_failed]"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True

    def _scrub(self, record: _logging.LogRecord) -> None:
        engine, report = self._engine, self._report
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: scan the template and the arguments as text
            message = f"{record.msg} {record.args!r}"
        record.msg = engine.redact(message, report)
        record.args = ()
        if hasattr(record, "message"):  # formatted by an earlier handler
            record.message = record.msg
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if extras:
            clean = engine.redact_attributes(extras, report)
            for key, value in extras.items():
                if key in clean:
                    if clean[key] is not value:
                        setattr(record, key, clean[key])
                else:
                    delattr(record, key)
        if record.exc_info and not record.exc_text:
            record.exc_text = _logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = engine.redact(record.exc_text, report)
        if record.exc_info:
            kind, value, traceback = record.exc_info
            if kind is not None and value is not None:
                stand_in = scrubbed_exception(value, lambda text: engine.redact(text, report))
                record.exc_info = (kind, stand_in, traceback)
        if record.stack_info:
            record.stack_info = engine.redact(record.stack_info, report)

    def __repr__(self) -> str:
        return f"RedactingFilter({self._engine!r})"


