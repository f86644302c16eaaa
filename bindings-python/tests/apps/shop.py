"""A small Flask shop, instrumented with the real OpenTelemetry packages, that serves a fixed
set of requests carrying planted secrets and reports what was exported.

    python shop.py manual --db-password=...     # providers set up in code (scrubjay.otel),
                                                # prints one JSON document of what the
                                                # in-memory exporters and the console got
    opentelemetry-instrument python shop.py zero-code --db-password=...
                                                # nothing set up in code: the exporters named
                                                # by OTEL_TRACES_EXPORTER / OTEL_LOGS_EXPORTER
                                                # print to standard output

Both servers (the shop and the upstream service it calls) listen on 127.0.0.1, on a port the
system picks, and stop when the requests are done. Every secret is made up.
"""

import argparse
import json
import logging
import sqlite3
import threading

# The planted secrets, by where they travel; the test checks that none is exported.
QUERY_TOKEN = "tok_live_Q7w8e9r0t1y2u3i4"
PATH_EMAIL = "carol.path@example.net"
BODY = {"email": "dave.body@example.org", "password": "B0dy-Pa55word!", "card": "4111 1111 1111 1111"}
EXCEPTION_EMAIL, EXCEPTION_CARD = "erin.exc@example.com", "5500 0000 0000 0004"
UPSTREAM_USER, UPSTREAM_PASSWORD = "svc-user", "Upstr3am-Pa55"
UPSTREAM_API_KEY = "ak_Z9y8x7w6v5u4t3s2"
BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmcmFuayJ9.c2lnbmF0dXJlLW1hZGUtdXA"
SESSION = "sess_Kq2Lw9Xz7Pm4Rt6Y"
SQL_EMAIL, SQL_CARD = "grace.sql@example.com", "4000 0566 5566 5556"
DB_PASSWORD = "Cmd-L1ne-Pa55"
# A span named after the raw URL it calls, and a tracer whose scope names its sender.
CONFIRM_TOKEN = "cft_R5t6Y7u8I9o0P1a2"
SCOPE_EMAIL = "mailer.scope@example.com"

SECRETS = [
    QUERY_TOKEN, PATH_EMAIL, *BODY.values(), EXCEPTION_EMAIL, EXCEPTION_CARD, UPSTREAM_PASSWORD,
    UPSTREAM_API_KEY, BEARER, SESSION, SQL_EMAIL, SQL_CARD, DB_PASSWORD, CONFIRM_TOKEN, SCOPE_EMAIL,
]

# Request headers the HTTP instrumentations record as span attributes (they read this list
# from the environment).
CAPTURED_HEADERS = "authorization,cookie"

log = logging.getLogger("shop")


def charge(email, card):
    raise ValueError(f"charge declined for {email} card {card}")


def send_confirmation(email):
    """What a mailer does with the telemetry APIs: a span named after the raw URL it calls, an
    event named after the recipient, a tracer whose scope names the sender, and a counter
    with the customer as an attribute."""
    from opentelemetry import metrics, trace

    tracer = trace.get_tracer("shop.mailer", "1.0", attributes={"mail.sender": SCOPE_EMAIL})
    with tracer.start_as_current_span(f"GET /mail/confirm?token={CONFIRM_TOKEN}") as span:
        span.add_event(f"confirmation queued for {email}")
    signups = metrics.get_meter("shop").create_counter("shop.signups", unit="{signup}")
    signups.add(1, {"customer": email, "plan": "basic"})


def create_app(db_path, upstream):
    import flask
    import requests

    app = flask.Flask("shop")

    @app.get("/orders")
    def orders():
        log.info("orders requested with query %s", flask.request.query_string.decode())
        return {"orders": [], "page": flask.request.args.get("page")}

    @app.get("/users/<email>/orders")
    def user_orders(email):
        log.info("orders of %s", email)
        return {"user": "known"}

    @app.post("/signup")
    def signup():
        body = flask.request.get_json()
        log.info("signup request %s", json.dumps(body))
        with sqlite3.connect(db_path) as db:
            # Literals in the SQL text, as code that formats its queries writes them.
            db.cursor().execute(f"INSERT INTO customers (email, card) VALUES ('{body['email']}', '{body['card']}')")
        log.info("auth %s", flask.request.headers.get("Authorization"))
        send_confirmation(body["email"])
        return {"created": True}, 201

    @app.post("/charge")
    def charge_route():
        charge(EXCEPTION_EMAIL, EXCEPTION_CARD)
        return {}

    @app.get("/sync")
    def sync():
        with sqlite3.connect(db_path) as db:
            known = db.cursor().execute(
                f"SELECT count(*) FROM customers WHERE email = '{SQL_EMAIL}' AND card = '{SQL_CARD}'"
            ).fetchone()
        log.info("known customers %s", known[0])
        url = f"http://{UPSTREAM_USER}:{UPSTREAM_PASSWORD}@{upstream}/ping?api_key={UPSTREAM_API_KEY}"
        reply = requests.get(url, timeout=10)
        log.info("upstream answered %s", reply.status_code)
        return {"upstream": reply.status_code}

    return app


def upstream_app(environ, start_response):
    """The service the shop calls: plain WSGI, so no instrumentation makes spans of it."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"pong"]


def serve(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def init_db(db_path):
    with sqlite3.connect(db_path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS customers (email TEXT, card TEXT)")


def drive(base):
    """The requests, in order; returns their status codes."""
    import requests

    headers = {"Authorization": f"Bearer {BEARER}", "Cookie": f"session={SESSION}; theme=dark"}
    calls = [
        ("GET", f"/orders?token={QUERY_TOKEN}&page=2", None),
        ("GET", f"/users/{PATH_EMAIL}/orders", None),
        ("POST", "/signup", BODY),
        ("POST", "/charge", None),
        ("GET", "/sync", None),
    ]
    statuses = []
    with requests.Session() as session:
        for method, path, body in calls:
            reply = session.request(method, base + path, json=body, headers=headers, timeout=10)
            statuses.append(reply.status_code)
    return statuses


def run(db_path):
    """Starts both servers, sends the requests and stops the servers."""
    upstream, upstream_thread = serve(upstream_app)
    init_db(db_path)
    shop, shop_thread = serve(create_app(db_path, f"127.0.0.1:{upstream.server_port}"))
    try:
        return drive(f"http://127.0.0.1:{shop.server_port}")
    finally:
        for server, thread in ((shop, shop_thread), (upstream, upstream_thread)):
            server.shutdown()
            thread.join(10)


def setup_in_code():
    """Providers as an application sets them up with scrubjay: spans through
    RedactingSpanExporter, log records through RedactingLogRecordProcessor, metrics through
    RedactingMetricExporter, console lines through RedactingFilter; what the span and log
    wrappers redact is counted on a meter of the application's provider. A raw in-memory
    exporter beside the scrubbed one gives the spans as the SDK made them, to compare their
    structure."""
    import io
    import math

    from opentelemetry import _logs, metrics, trace
    from opentelemetry.instrumentation.flask import FlaskInstrumentor
    from opentelemetry.instrumentation.logging import LoggingInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor
    from opentelemetry.instrumentation.sqlite3 import SQLite3Instrumentor
    from opentelemetry.instrumentation.urllib3 import URLLib3Instrumentor
    from opentelemetry.sdk._logs import LoggerProvider
    from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import MetricExporter, MetricExportResult, PeriodicExportingMetricReader
    from opentelemetry.sdk.resources import ProcessResourceDetector, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from scrubjay.logging import RedactingFilter
    from scrubjay.otel import RedactingLogRecordProcessor, RedactingMetricExporter, RedactingSpanExporter

    # The command line (with --db-password) is part of the resource when the application
    # opts in, as the SDK's process detector lets it.
    command = ProcessResourceDetector(include_command_args=True).detect()
    resource = Resource.create({"service.name": "shop"}).merge(command)
    spans, raw_spans, logs = InMemorySpanExporter(), InMemorySpanExporter(), InMemoryLogRecordExporter()
    class MetricsMemory(MetricExporter):
        """Keeps what it is given (the SDK has an in-memory metric reader, but no exporter)."""

        def __init__(self):
            super().__init__()
            self.exports = []

        def export(self, metrics_data, timeout_millis=10_000, **kwargs):
            self.exports.append(metrics_data)
            return MetricExportResult.SUCCESS

        def force_flush(self, timeout_millis=10_000):
            return True

        def shutdown(self, timeout_millis=30_000, **kwargs):
            pass

    metric_exports = MetricsMemory()
    # Exported when the app is done (force_flush), not on a timer.
    reader = PeriodicExportingMetricReader(RedactingMetricExporter(metric_exports), export_interval_millis=math.inf)
    meter_provider = MeterProvider(resource=resource, metric_readers=[reader])
    metrics.set_meter_provider(meter_provider)
    scrubjay_meter = meter_provider.get_meter("scrubjay")
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(spans, meter=scrubjay_meter)))
    tracer_provider.add_span_processor(SimpleSpanProcessor(raw_spans))
    trace.set_tracer_provider(tracer_provider)
    logger_provider = LoggerProvider(resource=resource)
    logger_provider.add_log_record_processor(
        RedactingLogRecordProcessor(SimpleLogRecordProcessor(logs), meter=scrubjay_meter))
    _logs.set_logger_provider(logger_provider)

    console = io.StringIO()
    console_handler = logging.StreamHandler(console)
    console_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    # The filter sits on the console handler, which comes before OpenTelemetry's handler:
    # that one must still get the exceptions (scrubbed) from the shared record.
    console_handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(console_handler)
    LoggingInstrumentor().instrument()
    RequestsInstrumentor().instrument()
    URLLib3Instrumentor().instrument()
    SQLite3Instrumentor().instrument()
    FlaskInstrumentor().instrument()
    return spans, raw_spans, logs, console, meter_provider, metric_exports.exports


def span_json(span):
    """The SDK's JSON of a span, with its instrumentation scope (which that JSON leaves out)."""
    out = json.loads(span.to_json())
    scope = span.instrumentation_scope
    out["scope"] = {"name": scope.name, "attributes": dict(scope.attributes or {})}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["manual", "zero-code"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--db-password", required=True, help="what real services take on the command line")
    args = parser.parse_args()
    if args.mode == "zero-code":
        # The instrumentation has put OpenTelemetry's handler on the root logger already, so
        # basicConfig would do nothing.
        logging.getLogger().setLevel(logging.INFO)
        logging.getLogger().addHandler(logging.StreamHandler())
        statuses = run(args.db)
        logging.getLogger("shop.driver").info("statuses %s", statuses)
        return
    spans, raw_spans, logs, console, meter_provider, metric_exports = setup_in_code()
    statuses = run(args.db)
    meter_provider.force_flush()
    print(json.dumps({
        "statuses": statuses,
        "spans": [span_json(s) for s in spans.get_finished_spans()],
        "raw_spans": [span_json(s) for s in raw_spans.get_finished_spans()],
        "logs": [json.loads(r.to_json()) for r in logs.get_finished_logs()],
        "console": console.getvalue(),
        "metrics": [json.loads(data.to_json()) for data in metric_exports],
    }))


if __name__ == "__main__":
    main()
