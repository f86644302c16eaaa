"""OpenTelemetry SDK integration: export scrubbed copies of spans, scrub log records.

Spans are frozen by the time ``on_end`` runs, so :class:`RedactingSpanExporter` wraps an
exporter and hands it scrubbed copies of each span: span attributes, event attributes
(exception messages and stack traces), link attributes, resource attributes and the status
description. Trace and span ids, names, kinds and timings are copied untouched.

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
attributes, ``exception.*`` included, and resource) or as copies by
:class:`RedactingLogRecordExporter`, which wraps an exporter as the span exporter does.

A resource is the same for every span and record of a provider, so its scrubbed copy is made
once per resource object and shared (see :class:`ResourceCache`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.trace import Link, Status

from . import Engine, Report, default_engine
from ._otel_resources import ExportScrubber, ResourceCache
from ._otel_resources import redact_mapping as _attrs
from .otel_logs import RedactingLogRecordExporter, RedactingLogRecordProcessor

__all__ = [
    "RedactingLogRecordExporter",
    "RedactingLogRecordProcessor",
    "RedactingSpanExporter",
    "RedactingSpanProcessor",
    "ResourceCache",
    "redact_span",
]


def redact_span(
    span: ReadableSpan,
    engine: Optional[Engine] = None,
    report: Optional[Report] = None,
    resources: Optional[ResourceCache] = None,
) -> ReadableSpan:
    """A scrubbed copy of a finished span (the original is not modified). Pass a
    :class:`ResourceCache` to scrub each resource once."""
    engine = engine or default_engine()
    events = [
        Event(e.name, _attrs(engine, e.attributes, report), e.timestamp)
        for e in span.events
    ]
    links = [Link(link.context, _attrs(engine, link.attributes, report)) for link in span.links]
    resource = span.resource
    if resource is not None:
        resource = (resources or ResourceCache(engine, report)).get(resource)
    status = span.status
    if status is not None and status.description:
        status = Status(status.status_code, engine.redact(status.description, report))
    return ReadableSpan(
        name=span.name,
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
        instrumentation_scope=span.instrumentation_scope,
    )


class RedactingSpanExporter(ExportScrubber, SpanExporter):
    """Wraps an exporter; every span it receives is a scrubbed copy.

    If scrubbing a span fails, the span is dropped (never exported raw) and the failure
    is counted in :attr:`dropped`.
    """

    def __init__(self, exporter: SpanExporter, engine: Optional[Engine] = None, report: Optional[Report] = None) -> None:
        ExportScrubber.__init__(self, engine, report)
        self._exporter = exporter

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        clean = []
        for span in spans:
            try:
                clean.append(redact_span(span, self._engine, self._report, self._resources))
            except Exception:  # fail closed: a span we cannot scrub is not exported
                self.dropped += 1
        if not clean:
            return SpanExportResult.SUCCESS
        return self._exporter.export(clean)

    def shutdown(self) -> None:
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._exporter.force_flush(timeout_millis)


class RedactingSpanProcessor(BatchSpanProcessor):
    """A ``BatchSpanProcessor`` whose exporter receives scrubbed spans.

    ``provider.add_span_processor(RedactingSpanProcessor(OTLPSpanExporter()))``
    """

    def __init__(self, exporter: SpanExporter, engine: Optional[Engine] = None, **batch_options: Any) -> None:
        super().__init__(RedactingSpanExporter(exporter, engine), **batch_options)
