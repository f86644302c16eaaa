"""scrubjay: one PII and secret redaction engine for tracing data.

>>> import scrubjay
>>> engine = scrubjay.Engine()
>>> engine.redact("payment failed for john.doe@company.com")
'payment failed for [REDACTED:email]'
>>> engine.redact_attributes({"http.url": "https://u:pw@api.example.com/?page=2", "retries": 3})
{'http.url': 'https://REDACTED:REDACTED@api.example.com/?page=2', 'retries': 3}

The integrations live in :mod:`scrubjay.otel` (OpenTelemetry SDK) and
:mod:`scrubjay.logging` (the standard library's ``logging``).
"""

from ._scrubjay import (
    Engine,
    Finding,
    KeyRing,
    KeyRingError,
    PolicyError,
    Report,
    SanitizedBaggage,
    TraceparentCheck,
    __version__,
    default_policy,
)

__all__ = [
    "Engine",
    "Finding",
    "KeyRing",
    "KeyRingError",
    "PolicyError",
    "Report",
    "SanitizedBaggage",
    "TraceparentCheck",
    "__version__",
    "default_engine",
    "default_policy",
]

_DEFAULT: "Engine | None" = None


def default_engine() -> Engine:
    """The engine for the default policy, built once and shared (engines are thread-safe).

    >>> default_engine() is default_engine()
    True
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Engine()
    return _DEFAULT
