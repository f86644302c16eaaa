"""Scrubbed copies of what many exported items share: resources and instrumentation scopes,
each made once per object."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Generic, Optional, TypeVar

from opentelemetry.metrics import Meter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.util.instrumentation import InstrumentationScope

from . import Engine, Report, default_engine
from ._otel_meter import RedactionMetrics

__all__ = ["ExportScrubber", "ResourceCache", "ScopeCache", "redact_mapping"]


def redact_mapping(engine: Engine, attributes: Optional[Mapping[str, Any]], report: Optional[Report]) -> dict[str, Any]:
    """``attributes`` scrubbed into a new dict (an empty one for None)."""
    if not attributes:
        return {}
    return engine.redact_attributes(attributes, report)


_T = TypeVar("_T")


class _SharedCopies(Generic[_T]):
    """Scrubbed copies of shared objects, one per object.

    A provider gives every span, log record and metric the same ``Resource`` object, and a
    tracer, logger or meter the same ``InstrumentationScope``, so a copy is made the first
    time an object is seen and shared after that (exporters group items by these objects).
    Entries are keyed by identity (a resource's own hash serialises it) and hold the
    original, so an id is never reused while its entry lives; at most ``size`` are kept.
    What the first scrub redacted is counted once, in the report it was given.
    """

    def __init__(self, engine: Optional[Engine] = None, report: Optional[Report] = None, size: int = 16) -> None:
        self._engine = engine or default_engine()
        self._report = report
        self._size = size
        self._lock = threading.Lock()
        self._entries: dict[int, tuple[_T, _T]] = {}

    def get(self, original: _T, report: Optional[Report] = None) -> _T:
        """The scrubbed copy of ``original``; a first scrub counts into ``report`` (else the
        cache's own report)."""
        entry = self._entries.get(id(original))
        if entry is not None and entry[0] is original:
            return entry[1]
        clean = self._scrub(original, report if report is not None else self._report)
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[id(original)] = (original, clean)
        return clean

    def _scrub(self, original: _T, report: Optional[Report]) -> _T:
        raise NotImplementedError


class ResourceCache(_SharedCopies[Resource]):
    """Scrubbed copies of resources (their attributes; the schema URL is kept)."""

    def _scrub(self, original: Resource, report: Optional[Report]) -> Resource:
        return Resource(redact_mapping(self._engine, original.attributes, report), original.schema_url)


class ScopeCache(_SharedCopies[InstrumentationScope]):
    """Scrubbed copies of instrumentation scopes: their attributes are scrubbed; name, version
    and schema URL identify the instrumentation and are kept. A scope without attributes (most
    instrumentations' scopes) is its own copy and takes no entry."""

    def __init__(self, engine: Optional[Engine] = None, report: Optional[Report] = None, size: int = 64) -> None:
        super().__init__(engine, report, size)

    def get(self, original: InstrumentationScope, report: Optional[Report] = None) -> InstrumentationScope:
        if not original.attributes:
            return original
        return super().get(original, report)

    def _scrub(self, original: InstrumentationScope, report: Optional[Report]) -> InstrumentationScope:
        return InstrumentationScope(
            original.name,
            original.version,
            original.schema_url,
            redact_mapping(self._engine, original.attributes, report),
        )


class ExportScrubber:
    """What an exporter wrapper holds: the engine, the report, the scrubbed resources and
    scopes, the optional redaction metrics, and the count of items it could not scrub (and so
    did not export)."""

    def __init__(self, engine: Optional[Engine] = None, report: Optional[Report] = None, meter: Optional[Meter] = None) -> None:
        self._engine = engine or default_engine()
        self._metrics = RedactionMetrics.for_wrapper(meter)
        self._report = report
        self._resources = ResourceCache(self._engine, report)
        self._scopes = ScopeCache(self._engine, report)
        self.dropped = 0

    @property
    def engine(self) -> Engine:
        """The engine the exported items are scrubbed with."""
        return self._engine

    def _batch_report(self) -> Optional[Report]:
        """The report one export counts into: a fresh one when its counts go to a meter."""
        return self._engine.new_report() if self._metrics is not None else self._report

    def _finish_batch(self, report: Optional[Report], dropped: int) -> None:
        """Counts the items dropped, records what the export redacted on the meter, and adds
        it to the caller's report."""
        self.dropped += dropped
        if self._metrics is not None and report is not None:
            self._metrics.record(report, dropped)
            if self._report is not None:
                self._report.merge(report)
