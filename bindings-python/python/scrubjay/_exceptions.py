"""Scrubbed stand-ins for exceptions, for handlers that read ``LogRecord.exc_info`` itself.

A stand-in is an instance of a subclass of the original's class that bears the original's
name and module (so ``isinstance`` checks, ``type(e).__name__`` and printed tracebacks read
as before), whose text is the scrubbed text of the original, and which carries the original
traceback (frames name code, not data) and scrubbed stand-ins of the chained exceptions.
Other attributes of the original (which may hold the same secrets) are not copied.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional

__all__ = ["scrubbed_exception"]

_LOCK = threading.Lock()
# One stand-in class per exception class seen (each holds its original as its base).
_CLASSES: dict[type[BaseException], type[BaseException]] = {}


def _text(self: BaseException) -> str:
    return str(getattr(self, "_scrubjay_text", ""))


def _repr(self: BaseException) -> str:
    return f"{type(self).__qualname__}({_text(self)!r})"


def _named_like(cls: type[BaseException], base: type[BaseException]) -> type[BaseException]:
    namespace = {"__str__": _text, "__repr__": _repr, "_scrubjay_stand_in": True}
    sub = type(cls.__name__, (base,), namespace)
    sub.__qualname__ = cls.__qualname__
    sub.__module__ = cls.__module__
    return sub


def _blank(cls: type[BaseException]) -> BaseException:
    """An instance of a stand-in class for ``cls``, made without calling any ``__init__``:
    a subclass of ``cls`` when ``cls`` allows it, else an ``Exception`` of the same name."""
    with _LOCK:
        sub = cls if cls.__dict__.get("_scrubjay_stand_in") else _CLASSES.get(cls)
    if sub is not None:
        return sub.__new__(sub)
    try:
        sub = _named_like(cls, cls)
        out = sub.__new__(sub)
        setattr(out, "_scrubjay_text", "")
    except Exception:  # a class that cannot be subclassed or built without arguments
        sub = _named_like(cls, Exception)
        out = sub.__new__(sub)
    with _LOCK:
        _CLASSES[cls] = sub
    return out


def scrubbed_exception(
    value: BaseException,
    redact: Callable[[str], str],
    _seen: Optional[dict[int, BaseException]] = None,
) -> BaseException:
    """A stand-in for ``value`` whose message, notes and chained exceptions went through
    ``redact``."""
    seen = {} if _seen is None else _seen
    done = seen.get(id(value))
    if done is not None:
        return done
    out = _blank(type(value))
    seen[id(value)] = out
    text = redact(str(value))
    setattr(out, "_scrubjay_text", text)
    out.args = (text,)
    out.__traceback__ = value.__traceback__
    out.__suppress_context__ = value.__suppress_context__
    if value.__cause__ is not None:
        out.__cause__ = scrubbed_exception(value.__cause__, redact, seen)
    if value.__context__ is not None:
        out.__context__ = scrubbed_exception(value.__context__, redact, seen)
    notes = getattr(value, "__notes__", None)
    if isinstance(notes, list):
        setattr(out, "__notes__", [redact(str(n)) for n in notes])
    return out
