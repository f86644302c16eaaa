"""OpenTelemetry metrics: an exporter wrapper that exports scrubbed copies (see
:mod:`scrubjay.otel`).

A metric's name, unit and description are its schema, and its values are numbers: they are
copied as they are. What carries text from the application is attributes: each data point's,
each exemplar's (``filtered_attributes``), the resource's and the instrumentation scope's.
Each attribute map is one call to the engine.

>>> from opentelemetry.sdk.metrics import MeterProvider
>>> from opentelemetry.sdk.metrics.export import InMemoryMetricReader
>>> reader = InMemoryMetricReader()
>>> meter = MeterProvider(metric_readers=[reader]).get_meter("doc")
>>> meter.create_counter("logins").add(1, {"user": "jane@example.org"})
>>> clean = redact_metrics_data(reader.get_metrics_data())
>>> [metric] = clean.resource_metrics[0].scope_metrics[0].metrics
>>> metric.name, dict(metric.data.data_points[0].attributes), metric.data.data_points[0].value
('logins', {'user': '[REDACTED:email]'}, 1)
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from opentelemetry.metrics import Meter
from opentelemetry.sdk.metrics.export import (
    Metric,
    MetricExporter,
    MetricExportResult,
    MetricsData,
    ResourceMetrics,
    ScopeMetrics,
)

from . import Engine, Report, default_engine
from ._otel_resources import ExportScrubber, ResourceCache, ScopeCache
from ._otel_resources import redact_mapping as _attrs

__all__ = ["RedactingMetricExporter", "redact_metrics_data"]


def _redact_point(engine: Engine, point: Any, report: Optional[Report]) -> Any:
    """A data point (number, histogram or exponential histogram) with its attributes and its
    exemplars' attributes scrubbed."""
    exemplars = [
        dataclasses.replace(e, filtered_attributes=_attrs(engine, e.filtered_attributes, report))
        for e in point.exemplars
    ]
    return dataclasses.replace(point, attributes=_attrs(engine, point.attributes, report), exemplars=exemplars)


def _redact_metric(engine: Engine, metric: Metric, report: Optional[Report]) -> Metric:
    data: Any = metric.data  # Sum, Gauge, Histogram or ExponentialHistogram: all have data_points
    points = [_redact_point(engine, p, report) for p in data.data_points]
    return dataclasses.replace(metric, data=dataclasses.replace(data, data_points=points))


class _Copier:
    """Copies one ``MetricsData``; a metric that cannot be scrubbed is left out and counted."""

    def __init__(self, engine: Engine, report: Optional[Report], resources: ResourceCache, scopes: ScopeCache) -> None:
        self.engine, self.report, self.resources, self.scopes = engine, report, resources, scopes
        self.dropped = 0

    def data(self, data: MetricsData) -> MetricsData:
        return MetricsData(resource_metrics=[self._resource_metrics(r) for r in data.resource_metrics])

    def _resource_metrics(self, item: ResourceMetrics) -> ResourceMetrics:
        scope_metrics = [self._scope_metrics(s) for s in item.scope_metrics]
        try:
            resource = self.resources.get(item.resource, self.report)
        except Exception:  # fail closed: nothing goes out under a raw resource
            self.dropped += sum(len(s.metrics) for s in scope_metrics)
            return ResourceMetrics(resource=item.resource, scope_metrics=[], schema_url=item.schema_url)
        return ResourceMetrics(resource=resource, scope_metrics=scope_metrics, schema_url=item.schema_url)

    def _scope_metrics(self, item: ScopeMetrics) -> ScopeMetrics:
        try:
            scope = self.scopes.get(item.scope, self.report)
        except Exception:  # fail closed: nothing goes out under a raw scope
            self.dropped += len(item.metrics)
            return ScopeMetrics(scope=item.scope, metrics=[], schema_url=item.schema_url)
        metrics = []
        for metric in item.metrics:
            try:
                metrics.append(_redact_metric(self.engine, metric, self.report))
            except Exception:  # fail closed: a metric we cannot scrub is not exported
                self.dropped += 1
        return ScopeMetrics(scope=scope, metrics=metrics, schema_url=item.schema_url)


def redact_metrics_data(
    data: MetricsData,
    engine: Optional[Engine] = None,
    report: Optional[Report] = None,
    resources: Optional[ResourceCache] = None,
    scopes: Optional[ScopeCache] = None,
) -> MetricsData:
    """A scrubbed copy of ``data`` (the original is not modified). A metric that cannot be
    scrubbed is left out. Pass a :class:`ResourceCache` and a :class:`ScopeCache` to scrub each
    resource and scope once."""
    engine = engine or default_engine()
    return _Copier(engine, report, resources or ResourceCache(engine), scopes or ScopeCache(engine)).data(data)


class RedactingMetricExporter(ExportScrubber, MetricExporter):
    """Wraps a metric exporter; every ``MetricsData`` it receives is a scrubbed copy.

    ``PeriodicExportingMetricReader(RedactingMetricExporter(OTLPMetricExporter()))``

    The wrapped exporter's preferred temporality and aggregation are the wrapper's. A metric
    that cannot be scrubbed is dropped (never exported raw) and counted in :attr:`dropped`.
    With ``meter=``, what each export redacted is recorded on it (see
    :class:`~scrubjay.otel.RedactionMetrics`); with ``report=`` too,
    the report accumulates what the meter records.
    """

    def __init__(
        self,
        exporter: MetricExporter,
        engine: Optional[Engine] = None,
        report: Optional[Report] = None,
        *,
        meter: Optional[Meter] = None,
    ) -> None:
        ExportScrubber.__init__(self, engine, report, meter)
        MetricExporter.__init__(
            self,
            # The reader asks its exporter for these; the wrapped exporter's choice stands.
            preferred_temporality=getattr(exporter, "_preferred_temporality", None),
            preferred_aggregation=getattr(exporter, "_preferred_aggregation", None),
        )
        self._exporter = exporter

    def export(self, metrics_data: MetricsData, timeout_millis: float = 10_000, **kwargs: Any) -> MetricExportResult:
        report = self._batch_report()
        copier = _Copier(self._engine, report, self._resources, self._scopes)
        clean = copier.data(metrics_data)
        self._finish_batch(report, copier.dropped)
        return self._exporter.export(clean, timeout_millis=timeout_millis, **kwargs)

    def force_flush(self, timeout_millis: float = 10_000) -> bool:
        return bool(self._exporter.force_flush(timeout_millis=timeout_millis))

    def shutdown(self, timeout_millis: float = 30_000, **kwargs: Any) -> None:
        self._exporter.shutdown(timeout_millis=timeout_millis, **kwargs)
