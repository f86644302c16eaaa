"""OpenTelemetry SDK integration: export scrubbed copies of spans and metrics, scrub log records.

Spans are frozen by the time ``on_end`` runs, so :class:`RedactingSpanExporter` wraps an
exporter and hands it scrubbed copies of each span: its name and its events' names (with the
content rules: ``GET /reset?token=abc123`` loses the token, a route template such as
``GET /users/{id}`` stays as it is), span attributes, event attributes (exception messages
and stack traces), link attributes, resource and instrumentation-scope attributes and the
status description. Trace and span ids, kinds and timings are copied untouched.

>>> from opentelemetry.sdk.trace import TracerProvider
>>> from opentelemetry.sdk.trace.export import SimpleSpanProcessor
>>> from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
>>> memory = InMemorySpanExporter()
>>> provider = TracerProvider()
>>> provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory)))
>>> with provider.get_tracer("doc").start_as_current_span("signup") as span:
...     span.set_attribute("enduser.email", "jane@example.org")
>>> memory.get_finished_spans()[0].attributes["enduser.email"]
'[REDACTED:email]'

Log records are scrubbed either in place by :class:`RedactingLogRecordProcessor` (body,
event name, attributes, ``exception.*`` included, resource and scope) or as copies by
:class:`RedactingLogRecordExporter`, which wraps an exporter as the span exporter does.
:class:`RedactingMetricExporter` wraps a metric exporter: data point and exemplar
attributes, resource and scope attributes are scrubbed; metric names, units, descriptions
and values are the schema and the data, and stay.

A resource or a scope is the same for every item of a provider or tracer, so its scrubbed
copy is made once per object and shared (see :class:`ResourceCache`, :class:`ScopeCache`).

Each wrapper takes ``meter=``, an OpenTelemetry ``Meter``: it then records what it redacted
as ``scrubjay.redactions`` (attribute ``rule``) and ``scrubjay.failed_closed`` (attribute
``reason``), read from the engine's report of each export (see :class:`RedactionMetrics`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from opentelemetry.metrics import Meter
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.trace import Link, Status

from . import Engine, Report, default_engine
from ._otel_meter import RedactionMetrics
from ._otel_resources import ExportScrubber, ResourceCache, ScopeCache
from ._otel_resources import redact_mapping as _attrs
from .otel_logs import RedactingLogRecordExporter, RedactingLogRecordProcessor
from .otel_metrics import RedactingMetricExporter, redact_metrics_data

__all__ = [
    "RedactingLogRecordExporter",
    "RedactingLogRecordProcessor",
    "RedactingMetricExporter",
    "RedactingSpanExporter",
    "RedactingSpanProcessor",
    "RedactionMetrics",
    "ResourceCache",
    "ScopeCache",
    "redact_metrics_data",
    "redact_span",
]


def redact_span(
    span: ReadableSpan,
    engine: Optional[Engine] = None,
    report: Optional[Report] = None,
    resources: Optional[ResourceCache] = None,
    scopes: Optional[ScopeCache] = None,
) -> ReadableSpan:
    """A scrubbed copy of a finished span (the original is not modified). Pass a
    :class:`ResourceCache` and a :class:`ScopeCache` to scrub each resource and scope once."""
    engine = engine or default_engine()
    events = [
        Event(engine.redact(e.name, report), _attrs(engine, e.attributes, report), e.timestamp)
        for e in span.events
    ]
    links = [Link(link.context, _attrs(engine, link.attributes, report)) for link in span.links]
    resource = span.resource
    if resource is not None:
        resource = (resources or ResourceCache(engine)).get(resource, report)
    scope = span.instrumentation_scope
    if scope is not None:
        scope = (scopes or ScopeCache(engine)).get(scope, report)
    status = span.status
    if status is not None and status.description:
        status = Status(status.status_code, engine.redact(status.description, report))
    return ReadableSpan(
        name=engine.redact(span.name, report),
        context=span.context,
        parent=span.parent,
        resource=resource,
        attributes=_attrs(engine, span.attributes, report),
        events=events,
        links=links,
        kind=span.kind,
        status=status,
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=scope,
    )


class RedactingSpanExporter(ExportScrubber, SpanExporter):
    """Wraps an exporter; every span it receives is a scrubbed copy.

    If scrubbing a span fails, the span is dropped (never exported raw) and the failure
    is counted in :attr:`dropped`. With ``meter=``, what each export redacted is recorded on
    it (see :class:`RedactionMetrics`); with ``report=`` too, the report accumulates what the
    meter records.
    """

    def __init__(
        self,
        exporter: SpanExporter,
        engine: Optional[Engine] = None,
        report: Optional[Report] = None,
        *,
        meter: Optional[Meter] = None,
    ) -> None:
        ExportScrubber.__init__(self, engine, report, meter)
        self._exporter = exporter

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        report = self._batch_report()
        clean = []
        for span in spans:
            try:
                clean.append(redact_span(span, self._engine, report, self._resources, self._scopes))
            except Exception:  # fail closed: a span we cannot scrub is not exported
                pass
        self._finish_batch(report, len(spans) - len(clean))
        if not clean:
            return SpanExportResult.SUCCESS
        return self._exporter.export(clean)

    def shutdown(self) -> None:
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._exporter.force_flush(timeout_millis)


class RedactingSpanProcessor(BatchSpanProcessor):
    """A ``BatchSpanProcessor`` whose exporter receives scrubbed spans.

    ``provider.add_span_processor(RedactingSpanProcessor(OTLPSpanExporter(), meter=meter))``
    """

    def __init__(
        self,
        exporter: SpanExporter,
        engine: Optional[Engine] = None,
        *,
        meter: Optional[Meter] = None,
        **batch_options: Any,
    ) -> None:
        super().__init__(RedactingSpanExporter(exporter, engine, meter=meter), **batch_options)
