"""Scrubbed copies of OpenTelemetry resources, made once per resource object."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Optional

from opentelemetry.sdk.resources import Resource

from . import Engine, Report, default_engine

__all__ = ["ExportScrubber", "ResourceCache", "redact_mapping"]


def redact_mapping(engine: Engine, attributes: Optional[Mapping[str, Any]], report: Optional[Report]) -> dict[str, Any]:
    """``attributes`` scrubbed into a new dict (an empty one for None)."""
    if not attributes:
        return {}
    return engine.redact_attributes(attributes, report)


class ResourceCache:
    """Scrubbed copies of resources, one per resource object.

    A provider gives every span and log record the same ``Resource`` object, so its scrubbed
    copy is made the first time it is seen and shared after that. Entries are keyed by
    identity (a resource's own hash serialises it) and hold the original, so an id is never
    reused while its entry lives; the cache keeps at most ``size`` of them.
    """

    def __init__(self, engine: Optional[Engine] = None, report: Optional[Report] = None, size: int = 16) -> None:
        self._engine = engine or default_engine()
        self._report = report
        self._size = size
        self._lock = threading.Lock()
        self._entries: dict[int, tuple[Resource, Resource]] = {}

    def get(self, resource: Resource) -> Resource:
        """The scrubbed copy of ``resource``."""
        entry = self._entries.get(id(resource))
        if entry is not None and entry[0] is resource:
            return entry[1]
        clean = Resource(redact_mapping(self._engine, resource.attributes, self._report), resource.schema_url)
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[id(resource)] = (resource, clean)
        return clean


class ExportScrubber:
    """What an exporter wrapper holds: the engine, the report, the scrubbed resources, and
    the count of items it could not scrub (and so did not export)."""

    def __init__(self, engine: Optional[Engine] = None, report: Optional[Report] = None) -> None:
        self._engine = engine or default_engine()
        self._report = report
        self._resources = ResourceCache(self._engine, report)
        self.dropped = 0

    @property
    def engine(self) -> Engine:
        """The engine the exported items are scrubbed with."""
        return self._engine
