"""What the OpenTelemetry wrappers redacted, recorded as metrics on a meter the user passes.

The counts are the engine's: each export (or log record) is scrubbed into a fresh
:class:`~scrubjay.Report`, whose counts are then added to two counters.
"""

from __future__ import annotations

from typing import Optional

from opentelemetry.metrics import Meter

from . import Report

__all__ = ["DENIED_RULE", "DROPPED_REASON", "FAILED_CLOSED", "REDACTIONS", "RedactionMetrics"]

REDACTIONS = "scrubjay.redactions"
FAILED_CLOSED = "scrubjay.failed_closed"
# The ``reason`` of items a wrapper could not scrub and dropped whole (an error, not a limit).
DROPPED_REASON = "redaction_failed"
# The ``rule`` under which attributes removed because ``allow.keys`` does not list them count.
DENIED_RULE = "allow.keys"


class RedactionMetrics:
    """Two counters on ``meter``: ``scrubjay.redactions`` (attribute ``rule``: a content rule
    id, a field rule name, or ``allow.keys`` for attributes the allow-list removed) and
    ``scrubjay.failed_closed`` (attribute ``reason``: ``too_large``, ``too_deep``, ... as the
    report names them, or ``redaction_failed`` for an item dropped because it could not be
    scrubbed).

    >>> from opentelemetry.sdk.metrics import MeterProvider
    >>> from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    >>> import scrubjay
    >>> reader = InMemoryMetricReader()
    >>> metrics = RedactionMetrics(MeterProvider(metric_readers=[reader]).get_meter("scrubjay"))
    >>> engine = scrubjay.Engine()
    >>> report = engine.new_report()
    >>> _ = engine.redact("mail jane@example.org or joe@example.com", report)
    >>> metrics.record(report)
    >>> [m] = reader.get_metrics_data().resource_metrics[0].scope_metrics[0].metrics
    >>> [(dict(p.attributes), p.value) for p in m.data.data_points]
    [({'rule': 'email'}, 2)]
    """

    def __init__(self, meter: Meter) -> None:
        self._redactions = meter.create_counter(
            REDACTIONS, unit="{redaction}", description="Values redacted by scrubjay, per rule")
        self._failed = meter.create_counter(
            FAILED_CLOSED, unit="{value}",
            description="Values or items scrubjay replaced or dropped whole instead of scanning, per reason")

    @classmethod
    def for_wrapper(cls, meter: Optional[Meter]) -> Optional[RedactionMetrics]:
        """The metrics of a wrapper given ``meter``, or None without one.

        A wrapper with a meter scrubs each export into a report of its own, records it, and
        then merges it into the caller's ``report=`` when there is one.
        """
        return None if meter is None else cls(meter)

    def record(self, report: Report, dropped: int = 0) -> None:
        """Adds the counts of ``report`` (and ``dropped`` items) to the counters."""
        for rule, count in report.counts.items():
            self._redactions.add(count, {"rule": rule})
        denied = report.denied
        if denied:
            self._redactions.add(denied, {"rule": DENIED_RULE})
        for reason, count in report.fail_closed.items():
            self._failed.add(count, {"reason": reason})
        if dropped:
            self._failed.add(dropped, {"reason": DROPPED_REASON})
