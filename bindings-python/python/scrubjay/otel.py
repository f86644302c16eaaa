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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.trace import Link, Status

from . import Engine, Report, default_engine

try:  # the logs SDK moved between releases; both shapes are handled below
    from opentelemetry.sdk._logs import LogRecordProcessor
except ImportError:  # pragma: no cover - very old SDKs
    LogRecordProcessor = object  # type: ignore[assignment,misc]

__all__ = [
    "RedactingLogRecordProcessor",
    "RedactingSpanExporter",
    "RedactingSpanProcessor",
    "redact_span",
]


def _attrs(engine: Engine, attributes: Optional[Mapping[str, Any]], report: Optional[Report]) -> dict[str, Any]:
    if not attributes:
        return {}
    return engine.redact_attributes(attributes, report)


def redact_span(span: ReadableSpan, engine: Optional[Engine] = None, report: Optional[Report] = None) -> ReadableSpan:
    """A scrubbed copy of a finished span (the original is not modified)."""
    engine = engine or default_engine()
    events = [
        Event(e.name, _attrs(engine, e.attributes, report), e.timestamp)
        for e in span.events
    ]
    links = [Link(link.context, _attrs(engine, link.attributes, report)) for link in span.links]
    resource = span.resource
    if resource is not None:
        resource = Resource(_attrs(engine, resource.attributes, report), resource.schema_url)
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


class RedactingSpanExporter(SpanExporter):
    """Wraps an exporter; every span it receives is a scrubbed copy.

    If scrubbing a span fails, the span is dropped (never exported raw) and the failure
    is counted in :attr:`dropped`.
    """

    def __init__(self, exporter: SpanExporter, engine: Optional[Engine] = None, report: Optional[Report] = None) -> None:
        self._exporter = exporter
        self._engine = engine or default_engine()
        self._report = report
        self.dropped = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        clean = []
        for span in spans:
            try:
                clean.append(redact_span(span, self._engine, self._report))
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


class RedactingLogRecordProcessor(LogRecordProcessor):
    """Scrubs each log record's body and attributes in place during ``on_emit`` (records are
    mutable there), then passes it on to ``processor`` if one is given.

    Register it before the exporting processor, or wrap that processor.
    """

    def __init__(self, processor: Optional[Any] = None, engine: Optional[Engine] = None, report: Optional[Report] = None) -> None:
        self._next = processor
        self._engine = engine or default_engine()
        self._report = report

    def on_emit(self, log_record: Any) -> None:
        record = getattr(log_record, "log_record", log_record)
        engine = self._engine
        body = record.body
        if isinstance(body, str):
            record.body = engine.redact(body, self._report)
        elif isinstance(body, Mapping):
            record.body = engine.redact_attributes(body, self._report)
        elif isinstance(body, (list, tuple)):
            record.body = engine.redact_attributes({"body": body}, self._report).get("body")
        elif body is not None:
            record.body = engine.redact(str(body), self._report)
        attributes = record.attributes
        if attributes:
            clean = engine.redact_attributes(attributes, self._report)
            try:
                for key in list(attributes):
                    if key in clean:
                        if clean[key] is not attributes[key]:
                            attributes[key] = clean[key]
                    else:
                        del attributes[key]
            except TypeError:  # an immutable mapping: replace it
                record.attributes = clean
        if self._next is not None:
            self._next.on_emit(log_record)

    # Older SDKs call ``emit``.
    emit = on_emit

    def shutdown(self) -> None:
        if self._next is not None:
            self._next.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        if self._next is not None:
            return bool(self._next.force_flush(timeout_millis))
        return True
