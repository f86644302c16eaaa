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

SECRETS = [
    QUERY_TOKEN, PATH_EMAIL, *BODY.values(), EXCEPTION_EMAIL, EXCEPTION_CARD, UPSTREAM_PASSWORD,
    UPSTREAM_API_KEY, BEARER, SESSION, SQL_EMAIL, SQL_CARD, DB_PASSWORD,
]

# Request headers the HTTP instrumentations record as span attributes (they read this list
# from the environment).
CAPTURED_HEADERS = "authorization,cookie"

log = logging.getLogger("shop")


def charge(email, card):
    raise ValueError(f"charge declined for {email} card {card}")


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
    RedactingSpanExporter, log records through RedactingLogRecordProcessor, console lines
    through RedactingFilter. A raw in-memory exporter beside the scrubbed one gives the
    spans as the SDK made them, to compare their structure."""
    import io

    from opentelemetry import _logs, trace
    from opentelemetry.instrumentation.flask import FlaskInstrumentor
    from opentelemetry.instrumentation.logging import LoggingInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor
    from opentelemetry.instrumentation.sqlite3 import SQLite3Instrumentor
    from opentelemetry.instrumentation.urllib3 import URLLib3Instrumentor
    from opentelemetry.sdk._logs import LoggerProvider
    from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
    from opentelemetry.sdk.resources import ProcessResourceDetector, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from scrubjay.logging import RedactingFilter
    from scrubjay.otel import RedactingLogRecordProcessor, RedactingSpanExporter

    # The command line (with --db-password) is part of the resource when the application
    # opts in, as the SDK's process detector lets it.
    command = ProcessResourceDetector(include_command_args=True).detect()
    resource = Resource.create({"service.name": "shop"}).merge(command)
    spans, raw_spans, logs = InMemorySpanExporter(), InMemorySpanExporter(), InMemoryLogRecordExporter()
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(spans)))
    tracer_provider.add_span_processor(SimpleSpanProcessor(raw_spans))
    trace.set_tracer_provider(tracer_provider)
    logger_provider = LoggerProvider(resource=resource)
    logger_provider.add_log_record_processor(RedactingLogRecordProcessor(SimpleLogRecordProcessor(logs)))
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
    return spans, raw_spans, logs, console


def span_json(span):
    return json.loads(span.to_json())


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
    spans, raw_spans, logs, console = setup_in_code()
    statuses = run(args.db)
    print(json.dumps({
        "statuses": statuses,
        "spans": [span_json(s) for s in spans.get_finished_spans()],
        "raw_spans": [span_json(s) for s in raw_spans.get_finished_spans()],
        "logs": [json.loads(r.to_json()) for r in logs.get_finished_logs()],
        "console": console.getvalue(),
    }))


if __name__ == "__main__":
    main()
