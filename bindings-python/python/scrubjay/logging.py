"""A ``logging.Filter`` that scrubs every record before any handler formats it.

Both paths a secret can take are covered: the formatted message (``msg % args``) is redacted
and stored back as ``msg`` with ``args`` emptied, and every ``extra=`` attribute is redacted
by key and value (so ``extra={"password": ...}`` is masked by the field rules). Exception
text is formatted, redacted and kept in ``exc_text``; ``exc_info`` is cleared so that no
handler formats the raw exception again.

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
        record.exc_info = None
        if record.stack_info:
            record.stack_info = engine.redact(record.stack_info, report)

    def __repr__(self) -> str:
        return f"RedactingFilter({self._engine!r})"


