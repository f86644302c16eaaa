"""End to end with the real OpenTelemetry SDK."""

import pytest

from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Link, StatusCode

import scrubjay
from scrubjay.otel import RedactingLogRecordProcessor, RedactingSpanExporter, RedactingSpanProcessor

SECRETS = ["jane@example.org", "hunter2", "tok_abc123", "4111 1111 1111 1111", "ops@example.com", "10.1.2.3"]


def charge(card):
    raise ValueError(f"card {card} declined for jane@example.org")


def traced_provider(exporter, processor=None):
    provider = TracerProvider(resource=Resource.create({"service.name": "checkout", "owner": "ops@example.com"}))
    provider.add_span_processor(processor or SimpleSpanProcessor(RedactingSpanExporter(exporter)))
    return provider


def run_workload(provider):
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("link-target") as other:
        other_ctx = other.get_span_context()
    with pytest.raises(ValueError):
        with tracer.start_as_current_span("charge", links=[Link(other_ctx, {"peer.ip": "10.1.2.3"})]) as span:
            span.set_attribute("http.url", "https://shop.example.com/pay?token=tok_abc123&page=2")
            span.set_attribute("db.password", "hunter2")
            span.set_attribute("http.response.status_code", 402)
            span.set_attribute("app.tags", ["vip", "jane@example.org"])
            charge("4111 1111 1111 1111")
    return span


def assert_clean(spans):
    text = repr([(s.attributes, [e.attributes for e in s.events], [l.attributes for l in s.links],
                  s.resource.attributes, s.status.description) for s in spans])
    for secret in SECRETS:
        assert secret not in text, secret


def test_exception_messages_urls_and_attributes_arrive_scrubbed():
    memory = InMemorySpanExporter()
    provider = traced_provider(memory)
    original = run_workload(provider)
    spans = memory.get_finished_spans()
    assert [s.name for s in spans] == ["link-target", "charge"]
    assert_clean(spans)
    span = spans[1]
    assert span.attributes["http.url"] == "https://shop.example.com/pay?token=REDACTED&page=2"
    assert span.attributes["db.password"] == "[REDACTED:password]"
    assert span.attributes["http.response.status_code"] == 402
    assert tuple(span.attributes["app.tags"]) == ("vip", "[REDACTED:email]")
    [event] = span.events
    assert event.name == "exception"
    assert event.attributes["exception.message"] == "card [REDACTED:credit_card] declined for [REDACTED:email]"
    assert event.attributes["exception.type"] == "ValueError"
    assert span.status.status_code == StatusCode.ERROR
    assert span.status.description == "ValueError: card [REDACTED:credit_card] declined for [REDACTED:email]"
    assert span.links[0].attributes["peer.ip"] == "[REDACTED:ipv4]"
    assert span.resource.attributes["service.name"] == "checkout"
    assert span.resource.attributes["owner"] == "[REDACTED:email]"
    # ids, names and timings are intact
    assert span.context.trace_id == original.get_span_context().trace_id
    assert span.context.span_id == original.get_span_context().span_id
    assert span.links[0].context.span_id == spans[0].context.span_id
    assert (span.start_time, span.end_time) == (original.start_time, original.end_time)
    assert span.kind == original.kind
    assert span.instrumentation_scope.name == "test"


def test_batch_processor_convenience():
    memory = InMemorySpanExporter()
    provider = traced_provider(memory, RedactingSpanProcessor(memory, scrubjay.Engine()))
    run_workload(provider)
    provider.force_flush()
    spans = memory.get_finished_spans()
    assert len(spans) == 2
    assert_clean(spans)
    provider.shutdown()


def test_a_span_that_cannot_be_scrubbed_is_dropped_not_exported_raw():
    class Broken:
        name = "broken"

        @property
        def events(self):
            raise RuntimeError("boom")

    memory = InMemorySpanExporter()
    exporter = RedactingSpanExporter(memory)
    exporter.export([Broken()])  # type: ignore[list-item]
    assert memory.get_finished_spans() == ()
    assert exporter.dropped == 1


def test_log_records_are_scrubbed_in_place():
    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(RedactingLogRecordProcessor(SimpleLogRecordProcessor(memory)))
    logger = provider.get_logger("test")
    from opentelemetry._logs import LogRecord

    logger.emit(LogRecord(body="login failed for jane@example.org",
                          attributes={"db.password": "hunter2", "attempt": 3}))
    logger.emit(LogRecord(body={"msg": "card 4111 1111 1111 1111", "n": 1}))
    records = [getattr(r, "log_record", r) for r in memory.get_finished_logs()]
    assert records[0].body == "login failed for [REDACTED:email]"
    assert records[0].attributes["db.password"] == "[REDACTED:password]"
    assert records[0].attributes["attempt"] == 3
    assert records[1].body == {"msg": "card [REDACTED:credit_card]", "n": 1}


COMMAND_LINE = "/srv/app/bin/worker --db-password=Tr1cky-Pa55 --port 8080"


def command_line_resource():
    return Resource.create({
        "service.name": "checkout",
        "process.command_line": COMMAND_LINE,
        "process.command_args": ["/srv/app/bin/worker", "--db-password=Tr1cky-Pa55", "--port", "8080"],
    })


def emit_two(provider):
    from opentelemetry._logs import LogRecord

    logger = provider.get_logger("test")
    logger.emit(LogRecord(body="starting", attributes={"attempt": 1}))
    logger.emit(LogRecord(body="ready for ops@example.com", attributes={
        "exception.type": "TimeoutError",
        "exception.message": "no answer from jane@example.org",
        "exception.stacktrace": 'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n'
                                "TimeoutError: no answer from jane@example.org\n",
    }))


def test_the_resource_of_log_records_is_scrubbed_once_and_shared():
    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider(resource=command_line_resource())
    provider.add_log_record_processor(RedactingLogRecordProcessor(SimpleLogRecordProcessor(memory)))
    emit_two(provider)
    first, second = memory.get_finished_logs()
    for record in (first, second):
        attributes = record.resource.attributes
        assert "Tr1cky-Pa55" not in repr(dict(attributes))
        assert attributes["service.name"] == "checkout"
        assert attributes["process.command_line"].startswith("/srv/app/bin/worker --db-password=")
        assert attributes["process.command_line"].endswith("--port 8080")
    assert first.resource is second.resource, "one scrubbed copy per resource"
    assert provider.resource.attributes["process.command_line"] == COMMAND_LINE, "the provider's is untouched"


def test_exception_attributes_of_log_records_are_kept_scrubbed():
    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(RedactingLogRecordProcessor(SimpleLogRecordProcessor(memory)))
    emit_two(provider)
    attributes = dict(memory.get_finished_logs()[1].log_record.attributes)
    assert attributes["exception.type"] == "TimeoutError"
    assert attributes["exception.message"] == "no answer from [REDACTED:email]"
    assert attributes["exception.stacktrace"].startswith('Traceback (most recent call last):\n  File "app.py", line 3')
    assert attributes["exception.stacktrace"].endswith("TimeoutError: no answer from [REDACTED:email]\n")


def test_the_log_exporter_wrapper_exports_copies_and_leaves_the_records_alone():
    from scrubjay.otel import RedactingLogRecordExporter

    raw, clean = InMemoryLogRecordExporter(), InMemoryLogRecordExporter()
    wrapper = RedactingLogRecordExporter(clean)
    provider = LoggerProvider(resource=command_line_resource())
    provider.add_log_record_processor(SimpleLogRecordProcessor(wrapper))
    provider.add_log_record_processor(SimpleLogRecordProcessor(raw))
    emit_two(provider)
    scrubbed = clean.get_finished_logs()
    assert [r.log_record.body for r in scrubbed] == ["starting", "ready for [REDACTED:email]"]
    assert "Tr1cky-Pa55" not in repr(dict(scrubbed[0].resource.attributes))
    assert scrubbed[0].resource is scrubbed[1].resource
    assert dict(scrubbed[1].log_record.attributes)["exception.message"] == "no answer from [REDACTED:email]"
    assert scrubbed[1].log_record.trace_id == raw.get_finished_logs()[1].log_record.trace_id
    # The other exporter of the same provider still gets the records as they were.
    assert raw.get_finished_logs()[1].log_record.body == "ready for ops@example.com"
    assert raw.get_finished_logs()[0].resource.attributes["process.command_line"] == COMMAND_LINE
    assert wrapper.dropped == 0


def test_span_resources_are_scrubbed_once_per_resource():
    memory = InMemorySpanExporter()
    provider = TracerProvider(resource=command_line_resource())
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory)))
    tracer = provider.get_tracer("test")
    for name in ("one", "two"):
        with tracer.start_as_current_span(name):
            pass
    one, two = memory.get_finished_spans()
    assert "Tr1cky-Pa55" not in repr(dict(one.resource.attributes))
    assert one.resource is two.resource
