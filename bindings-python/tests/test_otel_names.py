"""Span names, event names and instrumentation-scope attributes, with the real SDK: the text
fields beside the attributes."""

from opentelemetry._logs import LogRecord
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from scrubjay.otel import RedactingLogRecordExporter, RedactingLogRecordProcessor, RedactingSpanExporter

SCOPE = {"deploy.owner": "ops@example.com", "team": "payments"}


def exported_spans(*names, scope=None):
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory)))
    tracer = provider.get_tracer("shop", "1.2.0", "https://schemas.example/1", attributes=scope)
    for name in names:
        with tracer.start_as_current_span(name) as span:
            span.add_event(f"receipt sent to jane@example.org for {name}", {"n": 1})
            span.add_event("exception")
    return memory.get_finished_spans()


def test_span_and_event_names_are_scrubbed_with_the_content_rules():
    [span] = exported_spans("GET /reset?token=abc123")
    assert span.name == "GET /reset?token=[REDACTED:secret_kv]"
    assert [e.name for e in span.events] == [
        "receipt sent to [REDACTED:email] for GET /reset?token=[REDACTED:secret_kv]", "exception"]
    assert span.events[0].attributes == {"n": 1}


def test_route_templates_stay_as_they_are():
    names = ["GET /users/{id}", "GET /users/:id", "GET /users/<email>/orders", "SELECT shop.orders", "checkout"]
    assert [s.name for s in exported_spans(*names)] == names


def test_scope_attributes_are_scrubbed_and_the_scope_identity_kept():
    one, two = exported_spans("a", "b", scope=SCOPE)
    scope = one.instrumentation_scope
    assert dict(scope.attributes) == {"deploy.owner": "[REDACTED:email]", "team": "payments"}
    assert (scope.name, scope.version, scope.schema_url) == ("shop", "1.2.0", "https://schemas.example/1")
    assert two.instrumentation_scope is scope, "one scrubbed copy per scope"


def test_a_scope_without_attributes_is_passed_on_as_it_is():
    memory = InMemorySpanExporter()
    raw = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(memory)))
    provider.add_span_processor(SimpleSpanProcessor(raw))
    with provider.get_tracer("plain").start_as_current_span("x"):
        pass
    assert memory.get_finished_spans()[0].instrumentation_scope is raw.get_finished_spans()[0].instrumentation_scope


def emit(provider):
    logger = provider.get_logger("shop", "1.2.0", attributes=SCOPE)
    logger.emit(LogRecord(body="sent", event_name="mail.sent to jane@example.org"))
    logger.emit(LogRecord(body="plain", event_name="user.login"))


def check_logs(records):
    assert [r.log_record.event_name for r in records] == ["mail.sent to [REDACTED:email]", "user.login"]
    for record in records:
        assert dict(record.instrumentation_scope.attributes) == {"deploy.owner": "[REDACTED:email]", "team": "payments"}
        assert record.instrumentation_scope.name == "shop"
    assert records[0].instrumentation_scope is records[1].instrumentation_scope


def test_the_log_processor_scrubs_event_names_and_scope_attributes():
    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(RedactingLogRecordProcessor(SimpleLogRecordProcessor(memory)))
    emit(provider)
    check_logs(memory.get_finished_logs())


def test_the_log_exporter_copies_scrub_event_names_and_scope_attributes():
    memory, raw = InMemoryLogRecordExporter(), InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(SimpleLogRecordProcessor(RedactingLogRecordExporter(memory)))
    provider.add_log_record_processor(SimpleLogRecordProcessor(raw))
    emit(provider)
    check_logs(memory.get_finished_logs())
    first = raw.get_finished_logs()[0]
    assert first.log_record.event_name == "mail.sent to jane@example.org", "the shared record is left alone"
    assert first.instrumentation_scope.attributes["deploy.owner"] == "ops@example.com"
