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
