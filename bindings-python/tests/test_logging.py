"""scrubjay.logging: the message, the arguments, extra attributes and exception text."""

import io
import json
import logging

import scrubjay
from scrubjay.logging import RedactingFilter


class JsonFormatter(logging.Formatter):
    """A formatter that ships `extra` attributes, as structured loggers do."""

    def format(self, record):
        return json.dumps({"msg": record.getMessage(), "user": getattr(record, "user", None),
                           "password": getattr(record, "password", None), "exc": record.exc_text})


def make_logger(name, formatter=None, engine=None):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    if formatter:
        handler.setFormatter(formatter)
    handler.addFilter(RedactingFilter(engine))
    log = logging.getLogger(name)
    log.handlers = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log, stream


def test_message_args_and_extra_are_redacted():
    log, stream = make_logger("t.json", JsonFormatter())
    log.info("payment by %s with %s", "jane@example.org", "4111 1111 1111 1111",
             extra={"user": {"email": "bob@example.com", "id": 7}, "password": "hunter2"})
    out = json.loads(stream.getvalue())
    assert out["msg"] == "payment by [REDACTED:email] with [REDACTED:credit_card]"
    assert out["user"] == {"email": "[REDACTED:email]", "id": 7}
    assert out["password"] == "[REDACTED:password]"


def test_exception_text_is_redacted_and_not_formatted_again():
    log, stream = make_logger("t.exc")
    try:
        raise RuntimeError("no account for jane@example.org")
    except RuntimeError:
        log.exception("lookup failed")
    text = stream.getvalue()
    assert "jane@example.org" not in text
    assert "RuntimeError: no account for [REDACTED:email]" in text


def test_bad_format_strings_still_get_scanned():
    log, stream = make_logger("t.bad")
    log.warning("user %s %s", "jane@example.org")  # one argument short
    text = stream.getvalue()
    assert "jane@example.org" not in text and "[REDACTED:email]" in text


def test_custom_engine_and_report():
    engine = scrubjay.Engine({"version": 1, "builtins": "none",
                              "content": [{"id": "ticket", "pattern": "TICKET-[0-9]{6}"}]})
    log, stream = make_logger("t.custom", engine=engine)
    log.error("see TICKET-123456")
    assert stream.getvalue() == "see [REDACTED:ticket]\n"


def otel_pipeline():
    from opentelemetry.instrumentation.logging.handler import LoggingHandler
    from opentelemetry.sdk._logs import LoggerProvider
    from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor

    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(SimpleLogRecordProcessor(memory))
    return LoggingHandler(logger_provider=provider), memory


EMAIL, CARD = "jane@example.org", "4111 1111 1111 1111"


def failing_lookup(email, card):
    try:
        raise KeyError(email)
    except KeyError as cause:
        raise LookupError(f"no account for {email}, card {card}") from cause


def test_a_handler_after_the_filter_still_gets_the_exception_scrubbed():
    # The filter sits on the logger, so the console handler and OpenTelemetry's LoggingHandler
    # after it share the scrubbed record: the console prints scrubbed text, and the
    # LoggingHandler still finds an exception to turn into exception.* attributes.
    otel_handler, memory = otel_pipeline()
    stream = io.StringIO()
    log = logging.getLogger("t.shared")
    log.handlers = [logging.StreamHandler(stream), otel_handler]
    log.filters = []
    log.addFilter(RedactingFilter())
    log.propagate = False
    try:
        # Source lines appear in tracebacks as written: the data comes in through variables,
        # as it does in applications.
        failing_lookup(EMAIL, CARD)
    except LookupError:
        log.exception("lookup for %s failed", "bob@example.com")
    console = stream.getvalue()
    [record] = memory.get_finished_logs()
    attributes = dict(record.log_record.attributes)
    exported = repr((record.log_record.body, attributes))
    for text in (console, exported):
        for secret in ("jane@example.org", "bob@example.com", "4111 1111 1111 1111"):
            assert secret not in text
    assert record.log_record.body == "lookup for [REDACTED:email] failed"
    assert attributes["exception.type"] == "LookupError"
    assert attributes["exception.message"] == "no account for [REDACTED:email], card [REDACTED:credit_card]"
    stack = attributes["exception.stacktrace"]
    # Frames, the chained cause and the classes survive; only the text is scrubbed.
    assert "in failing_lookup" in stack and "KeyError: '[REDACTED:email]'" in stack
    assert stack.rstrip().endswith("LookupError: no account for [REDACTED:email], card [REDACTED:credit_card]")
    assert "in failing_lookup" in console and "LookupError: no account for [REDACTED:email]" in console


def test_the_stand_in_keeps_the_class_for_isinstance_and_handlers():
    seen = []

    class Capture(logging.Handler):
        def emit(self, record):
            seen.append(record.exc_info)

    log = logging.getLogger("t.capture")
    log.handlers = [Capture()]
    log.filters = []
    log.addFilter(RedactingFilter())
    log.propagate = False
    try:
        raise FileNotFoundError(2, "missing", "/home/jane/.secrets/jane@example.org.key")
    except OSError:
        log.exception("open failed")
    [(kind, value, traceback)] = seen
    assert kind is FileNotFoundError
    assert isinstance(value, FileNotFoundError)
    assert type(value).__name__ == "FileNotFoundError"
    assert "jane@example.org" not in str(value) and "[REDACTED:email]" in str(value)
    assert traceback is not None and traceback.tb_frame.f_code.co_name == "test_the_stand_in_keeps_the_class_for_isinstance_and_handlers"


def test_stack_info_is_scrubbed_not_dropped():
    log, stream = make_logger("t.stack")
    log.warning("checkpoint", stack_info=True, extra={"user": "jane@example.org"})
    text = stream.getvalue()
    assert "Stack (most recent call last)" in text
    assert "test_stack_info_is_scrubbed_not_dropped" in text


def test_two_filters_on_one_record_scrub_once_more_without_nesting_stand_ins():
    class PaymentError(Exception):
        def __init__(self, email, amount):
            super().__init__(f"{email} owes {amount}")

    seen = []

    class Capture(logging.Handler):
        def emit(self, record):
            seen.append(record.exc_info)

    first, second = Capture(), Capture()
    first.addFilter(RedactingFilter())
    second.addFilter(RedactingFilter())
    log = logging.getLogger("t.twice")
    log.handlers = [first, second]
    log.filters = []
    log.propagate = False
    try:
        raise PaymentError(EMAIL, 12)
    except PaymentError:
        log.exception("payment")
    [(_, once, _), (_, twice, _)] = seen
    assert str(once) == str(twice) == "[REDACTED:email] owes 12"
    assert type(once) is type(twice)
    assert type(twice).__mro__[1] is PaymentError
