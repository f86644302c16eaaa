"""RedactingMetricExporter and the redaction metrics (meter=), with the real metrics SDK."""

import math

from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import Counter, MeterProvider
from opentelemetry.sdk.metrics.export import (
    AggregationTemporality,
    InMemoryMetricReader,
    MetricExporter,
    MetricExportResult,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.metrics.view import ExplicitBucketHistogramAggregation
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import scrubjay
from scrubjay.otel import (
    RedactingLogRecordProcessor,
    RedactingMetricExporter,
    RedactingSpanExporter,
    RedactionMetrics,
)

RESOURCE = {"service.name": "checkout", "owner": "ops@example.com"}


class Memory(MetricExporter):
    """Keeps every MetricsData it is given (the SDK has an in-memory reader, not exporter)."""

    def __init__(self, **preferences):
        super().__init__(**preferences)
        self.exports = []
        self.shut = False

    def export(self, metrics_data, timeout_millis=10_000, **kwargs):
        self.exports.append(metrics_data)
        return MetricExportResult.SUCCESS

    def force_flush(self, timeout_millis=10_000):
        return True

    def shutdown(self, timeout_millis=30_000, **kwargs):
        self.shut = True


def metrics_of(data):
    return {m.name: (sm.scope, m) for rm in data.resource_metrics for sm in rm.scope_metrics for m in sm.metrics}


def points(metric):
    return sorted((tuple(sorted(dict(p.attributes).items())), p.value) for p in metric.data.data_points)


def counts(reader, name):
    """{attribute value: total} of the counter ``name`` that ``reader`` collects."""
    data = reader.get_metrics_data()
    if data is None:
        return {}
    found = [m for _, m in metrics_of(data).values() if m.name == name]
    return {next(iter(dict(p.attributes).values())): p.value for m in found for p in m.data.data_points}


def record_workload(provider):
    meter = provider.get_meter("shop", "1.0", attributes={"deploy.owner": "ops@example.com"})
    orders = meter.create_counter("shop.orders", unit="{order}", description="orders placed")
    orders.add(2, {"customer": "jane@example.org", "channel": "web"})
    orders.add(1, {"customer": "jane@example.org", "channel": "web"})
    latency = meter.create_histogram("shop.charge.duration", unit="ms")
    latency.record(12.5, {"url.full": "https://pay.example.com/c?token=tok_abc123&page=2"})
    meter.create_up_down_counter("shop.carts").add(4, {"card": "4111 1111 1111 1111"})


def test_data_point_scope_and_resource_attributes_are_scrubbed_names_and_values_kept():
    memory = Memory()
    provider = MeterProvider(
        resource=Resource.create(RESOURCE),
        metric_readers=[PeriodicExportingMetricReader(RedactingMetricExporter(memory), export_interval_millis=math.inf)],
    )
    record_workload(provider)
    provider.force_flush()
    [data] = memory.exports
    found = metrics_of(data)
    assert set(found) == {"shop.orders", "shop.charge.duration", "shop.carts"}
    scope, orders = found["shop.orders"]
    assert (orders.unit, orders.description) == ("{order}", "orders placed")
    assert points(orders) == [((("channel", "web"), ("customer", "[REDACTED:email]")), 3)]
    _, latency = found["shop.charge.duration"]
    [point] = latency.data.data_points
    assert dict(point.attributes) == {"url.full": "https://pay.example.com/c?token=REDACTED&page=2"}
    assert (point.count, point.sum, point.min, point.max) == (1, 12.5, 12.5, 12.5)
    assert points(found["shop.carts"][1]) == [((("card", "[REDACTED:credit_card]"),), 4)]
    assert dict(scope.attributes) == {"deploy.owner": "[REDACTED:email]"}
    assert (scope.name, scope.version) == ("shop", "1.0")
    resource = data.resource_metrics[0].resource
    assert resource.attributes["owner"] == "[REDACTED:email]"
    assert resource.attributes["service.name"] == "checkout"
    provider.force_flush()
    assert memory.exports[1].resource_metrics[0].resource is resource, "one scrubbed copy per resource"
    provider.shutdown()
    assert memory.shut


def test_exemplar_attributes_are_scrubbed():
    from opentelemetry.sdk.metrics.export import Metric, MetricsData, NumberDataPoint, ResourceMetrics, ScopeMetrics, Sum
    from opentelemetry.sdk.metrics._internal.exemplar import Exemplar
    from opentelemetry.sdk.util.instrumentation import InstrumentationScope

    exemplar = Exemplar({"enduser.email": "jane@example.org"}, 7, 1, span_id=5, trace_id=9)
    point = NumberDataPoint({"n": 1}, 0, 1, 7, exemplars=[exemplar])
    metric = Metric("m", None, None, Sum([point], AggregationTemporality.CUMULATIVE, True))
    data = MetricsData([ResourceMetrics(Resource.create({}), [ScopeMetrics(InstrumentationScope("s"), [metric], "")], "")])
    memory = Memory()
    RedactingMetricExporter(memory).export(data)
    [clean] = memory.exports[0].resource_metrics[0].scope_metrics[0].metrics[0].data.data_points[0].exemplars
    assert clean.filtered_attributes == {"enduser.email": "[REDACTED:email]"}
    assert (clean.value, clean.time_unix_nano, clean.span_id, clean.trace_id) == (7, 1, 5, 9)
    assert exemplar.filtered_attributes == {"enduser.email": "jane@example.org"}, "the original is left alone"


def test_the_wrapped_exporters_temporality_and_aggregation_are_the_wrappers():
    temporality = {Counter: AggregationTemporality.DELTA}
    aggregation = {Counter: ExplicitBucketHistogramAggregation()}
    wrapper = RedactingMetricExporter(Memory(preferred_temporality=temporality, preferred_aggregation=aggregation))
    assert wrapper._preferred_temporality == temporality
    assert wrapper._preferred_aggregation == aggregation


def test_a_metric_that_cannot_be_scrubbed_is_dropped_not_exported_raw():
    reader = InMemoryMetricReader()
    provider = MeterProvider(metric_readers=[reader])
    record_workload(provider)
    data = reader.get_metrics_data()

    class Broken:
        name = "broken"

        @property
        def data(self):
            raise RuntimeError("boom")

    data.resource_metrics[0].scope_metrics[0].metrics.append(Broken())
    meter_reader = InMemoryMetricReader()
    memory = Memory()
    wrapper = RedactingMetricExporter(memory, meter=MeterProvider(metric_readers=[meter_reader]).get_meter("scrubjay"))
    wrapper.export(data)
    assert set(metrics_of(memory.exports[0])) == {"shop.orders", "shop.charge.duration", "shop.carts"}
    assert wrapper.dropped == 1
    assert counts(meter_reader, "scrubjay.failed_closed") == {"redaction_failed": 1}


def meter_and_reader():
    reader = InMemoryMetricReader()
    return MeterProvider(metric_readers=[reader]).get_meter("scrubjay"), reader


def test_span_exports_record_their_redactions_per_rule():
    meter, reader = meter_and_reader()
    memory = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create(RESOURCE))
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory, meter=meter)))
    tracer = provider.get_tracer("shop", attributes={"deploy.owner": "ops@example.com"})
    for _ in range(2):
        with tracer.start_as_current_span("GET /reset?token=abc123") as span:
            span.set_attribute("db.password", "hunter2")
            span.add_event("mail to jane@example.org")
    assert memory.get_finished_spans()[0].name == "GET /reset?token=[REDACTED:secret_kv]"
    # Per span: the name's token, the password, the event name's e-mail; once: the resource's
    # and the scope's e-mails, scrubbed once and shared.
    assert counts(reader, "scrubjay.redactions") == {"secret_kv": 2, "password": 2, "email": 4}
    assert counts(reader, "scrubjay.failed_closed") == {}


def test_fail_closed_values_are_recorded_with_their_reason():
    meter, reader = meter_and_reader()
    engine = scrubjay.Engine({"version": 1, "limits": {"max_depth": 2}})
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory, engine, meter=meter)))
    exporter = RedactingSpanExporter(memory, engine, meter=meter)
    with provider.get_tracer("t").start_as_current_span("x"):
        pass
    span = memory.get_finished_spans()[0]

    class Deep:
        """A span whose attributes nest deeper than the policy allows."""

        def __getattr__(self, name):
            return getattr(span, name)

        attributes = {"a": {"b": {"c": {"d": "x"}}}}

    exporter.export([Deep()])
    assert counts(reader, "scrubjay.failed_closed") == {"too_deep": 1}


def test_the_log_processor_records_per_record():
    meter, reader = meter_and_reader()
    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(RedactingLogRecordProcessor(SimpleLogRecordProcessor(memory), meter=meter))
    from opentelemetry._logs import LogRecord

    logger = provider.get_logger("shop")
    logger.emit(LogRecord(body="login failed for jane@example.org", attributes={"db.password": "hunter2"}))
    logger.emit(LogRecord(body="card 4111 1111 1111 1111", event_name="pay for joe@example.com"))
    assert memory.get_finished_logs()[1].log_record.event_name == "pay for [REDACTED:email]"
    assert counts(reader, "scrubjay.redactions") == {"email": 2, "password": 1, "credit_card": 1}


def test_allow_list_removals_count_under_allow_keys():
    meter, reader = meter_and_reader()
    engine = scrubjay.Engine({"version": 1, "allow": {"keys": ["http.*"]}})
    metrics = RedactionMetrics(meter)
    report = engine.new_report()
    engine.redact_attributes({"http.method": "GET", "user.id": "42", "note": "x"}, report)
    metrics.record(report)
    assert counts(reader, "scrubjay.redactions") == {"allow.keys": report.denied}
    assert report.denied == 2


def test_a_report_and_a_meter_both_count():
    meter, reader = meter_and_reader()
    engine = scrubjay.Engine()
    report = engine.new_report()
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory, engine, report, meter=meter)))
    for _ in range(2):
        with provider.get_tracer("t").start_as_current_span("reset for jane@example.org") as span:
            span.set_attribute("db.password", "hunter2")
    logs = LoggerProvider()
    logs.add_log_record_processor(RedactingLogRecordProcessor(
        SimpleLogRecordProcessor(InMemoryLogRecordExporter()), engine, report, meter=meter))
    from opentelemetry._logs import LogRecord

    logs.get_logger("shop").emit(LogRecord(body="card 4111 1111 1111 1111"))
    expected = {"email": 2, "password": 2, "credit_card": 1}
    assert counts(reader, "scrubjay.redactions") == expected
    assert report.counts == expected


def test_reports_merge_by_rule_across_engines():
    default = scrubjay.Engine()
    custom = scrubjay.Engine({"version": 1, "builtins": ["email"],
                              "content": [{"id": "ticket", "pattern": "TCK-[0-9]{6}"}]})
    total = default.new_report()
    default.redact("a@example.com card 4111 1111 1111 1111", total)
    other = custom.new_report()
    custom.redact("b@example.com TCK-123456", other)
    total.merge(other)
    total.merge(total)
    assert total.counts == {"email": 4, "credit_card": 2, "ticket": 2}
    assert other.counts == {"email": 1, "ticket": 1}


def test_without_a_meter_the_report_still_counts():
    engine = scrubjay.Engine()
    report = engine.new_report()
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory, engine, report)))
    with provider.get_tracer("t").start_as_current_span("mail jane@example.org"):
        pass
    assert report.counts == {"email": 1}
