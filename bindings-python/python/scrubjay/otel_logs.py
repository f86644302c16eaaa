"""OpenTelemetry log records: scrubbed in place by a processor, or as copies by an exporter
wrapper (see :mod:`scrubjay.otel`)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from opentelemetry.attributes import BoundedAttributes
from opentelemetry.metrics import Meter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.util.instrumentation import InstrumentationScope

from . import Engine, Report, default_engine
from ._otel_meter import RedactionMetrics
from ._otel_resources import ExportScrubber, ResourceCache, ScopeCache

try:  # the logs SDK moved between releases; both shapes are handled below
    from opentelemetry.sdk._logs import LogRecordProcessor
except ImportError:  # pragma: no cover - very old SDKs
    LogRecordProcessor = object  # type: ignore[assignment,misc]
try:  # the SDK's configurator only takes subclasses of its log exporter class
    from opentelemetry.sdk._logs.export import LogRecordExporter as _LogExporter
except ImportError:  # pragma: no cover - SDKs before 1.39 name it LogExporter
    from opentelemetry.sdk._logs.export import LogExporter as _LogExporter

__all__ = ["RedactingLogRecordExporter", "RedactingLogRecordProcessor"]


def _redact_body(engine: Engine, body: Any, report: Optional[Report]) -> Any:
    if isinstance(body, str):
        return engine.redact(body, report)
    if isinstance(body, Mapping):
        return engine.redact_attributes(body, report)
    if isinstance(body, (list, tuple)):
        return engine.redact_attributes({"body": body}, report).get("body")
    if body is not None:
        return engine.redact(str(body), report)
    return None


def _redact_event_name(engine: Engine, record: Any, report: Optional[Report]) -> None:
    """An event name is text like a span name (SDKs before 1.31 have none)."""
    name = getattr(record, "event_name", None)
    if isinstance(name, str) and name:
        record.event_name = engine.redact(name, report)


def _scrub_record(record: Any, engine: Engine, report: Optional[Report]) -> None:
    """Scrubs an API log record's body, event name and attributes (``exception.*`` included)
    in place."""
    record.body = _redact_body(engine, record.body, report)
    _redact_event_name(engine, record, report)
    attributes = record.attributes
    if attributes:
        clean = engine.redact_attributes(attributes, report)
        try:
            for key in list(attributes):
                if key in clean:
                    if clean[key] is not attributes[key]:
                        attributes[key] = clean[key]
                else:
                    del attributes[key]
        except TypeError:  # an immutable mapping: replace it
            record.attributes = clean


def _holder(log_record: Any) -> Any:
    """Where a log record's resource lives: the SDK's wrapper (``ReadWriteLogRecord``,
    ``ReadableLogRecord``) in current SDKs, the SDK record inside ``LogData`` in old ones."""
    if hasattr(log_record, "resource"):
        return log_record
    return getattr(log_record, "log_record", log_record)


def _attributes_like(original: Any, clean: dict[str, Any]) -> Any:
    """``clean`` in the container type of ``original``, keeping its count of attributes the
    SDK dropped (exported with the record)."""
    if not isinstance(original, BoundedAttributes):
        return clean
    out = BoundedAttributes(attributes=clean, immutable=False)
    out.dropped = original.dropped
    return out


class RedactingLogRecordProcessor(LogRecordProcessor):
    """Scrubs each log record during ``on_emit`` (records are mutable there): its body, its
    event name, its attributes (``exception.message`` and ``exception.stacktrace`` too; they
    are kept, not dropped), its resource (``process.command_line`` and
    ``process.command_args`` carry command-line secrets) and its instrumentation scope's
    attributes. Then it passes the record on to ``processor`` if one is given.

    Register it before the exporting processor, or wrap that processor. With ``meter=``, what
    each record had redacted is recorded on it (see :class:`~scrubjay.otel.RedactionMetrics`);
    with ``report=`` too,
    the report accumulates what the meter records.
    """

    def __init__(
        self,
        processor: Optional[Any] = None,
        engine: Optional[Engine] = None,
        report: Optional[Report] = None,
        *,
        meter: Optional[Meter] = None,
    ) -> None:
        self._next = processor
        self._engine = engine or default_engine()
        self._metrics = RedactionMetrics.for_wrapper(meter)
        self._report = report
        self._resources = ResourceCache(self._engine, report)
        self._scopes = ScopeCache(self._engine, report)

    def on_emit(self, log_record: Any) -> None:
        report = self._engine.new_report() if self._metrics is not None else self._report
        record = getattr(log_record, "log_record", log_record)
        _scrub_record(record, self._engine, report)
        holder = _holder(log_record)
        resource = getattr(holder, "resource", None)
        if isinstance(resource, Resource):
            holder.resource = self._resources.get(resource, report)
        scope = getattr(holder, "instrumentation_scope", None)
        if isinstance(scope, InstrumentationScope):
            holder.instrumentation_scope = self._scopes.get(scope, report)
        if self._metrics is not None and report is not None:
            self._metrics.record(report)
            if self._report is not None:
                self._report.merge(report)
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


class RedactingLogRecordExporter(ExportScrubber, _LogExporter):
    """Wraps a log record exporter; every record it receives is a scrubbed copy (body, event
    name, attributes, resource, scope attributes). The records handed in are not modified, so
    other exporters of the same provider still see them as they were.

    If scrubbing a record fails, the record is dropped (never exported raw) and counted in
    :attr:`dropped`. With ``meter=``, what each export redacted is recorded on it;
    with ``report=`` too,
    the report accumulates what the meter records.
    """

    def __init__(
        self,
        exporter: Any,
        engine: Optional[Engine] = None,
        report: Optional[Report] = None,
        *,
        meter: Optional[Meter] = None,
    ) -> None:
        ExportScrubber.__init__(self, engine, report, meter)
        self._exporter = exporter

    def _copy(self, item: Any, report: Optional[Report]) -> Any:
        engine = self._engine
        record = copy.copy(item.log_record)
        record.body = _redact_body(engine, record.body, report)
        _redact_event_name(engine, record, report)
        if record.attributes:
            clean = engine.redact_attributes(record.attributes, report)
            record.attributes = _attributes_like(record.attributes, clean)
        changes: dict[str, Any] = {"log_record": record}
        resource = getattr(item, "resource", None)
        if isinstance(resource, Resource):
            changes["resource"] = self._resources.get(resource, report)
        elif isinstance(getattr(record, "resource", None), Resource):
            record.resource = self._resources.get(record.resource, report)
        scope = getattr(item, "instrumentation_scope", None)
        if isinstance(scope, InstrumentationScope):
            changes["instrumentation_scope"] = self._scopes.get(scope, report)
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return dataclasses.replace(item, **changes)
        out = copy.copy(item)
        for name, value in changes.items():
            setattr(out, name, value)
        return out

    def export(self, batch: Sequence[Any]) -> Any:
        report = self._batch_report()
        clean = []
        for item in batch:
            try:
                clean.append(self._copy(item, report))
            except Exception:  # fail closed: a record we cannot scrub is not exported
                pass
        self._finish_batch(report, len(batch) - len(clean))
        return self._exporter.export(clean)

    def shutdown(self) -> None:
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return bool(self._exporter.force_flush(timeout_millis))
