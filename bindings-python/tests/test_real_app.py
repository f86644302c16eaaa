"""A real instrumented Flask app (apps/shop.py) with planted secrets, run in a subprocess (the
instrumentations patch modules and set process-wide providers): every exported span, log
record and console line is checked for each secret and for the data that must survive.

Two setups: providers wired in code with scrubjay.otel and scrubjay.logging ("manual"), and
`opentelemetry-instrument` with the exporters named by OTEL_TRACES_EXPORTER and
OTEL_LOGS_EXPORTER ("zero-code"). A zero-code run with the SDK's own console exporters shows
that the secrets do reach the telemetry when nothing scrubs it.
"""

import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
import threading

import pytest

import scrubjay

APP = pathlib.Path(__file__).resolve().parent / "apps" / "shop.py"
_spec = importlib.util.spec_from_file_location("shop_secrets", APP)
assert _spec is not None and _spec.loader is not None
shop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shop)

ROUTES = {"/orders", "/users/<email>/orders", "/signup", "/charge", "/sync"}
# The requests instrumentation records a URL with its credentials already replaced by
# REDACTED:REDACTED, and requests sends them as a header it does not record: this secret never
# reaches the telemetry, scrubbed or not. The console exporter leaves instrumentation scopes
# out of its JSON, so the scope's secret is not in its output either (OTLP carries it).
NOT_IN_RAW_TELEMETRY = {shop.UPSTREAM_PASSWORD, shop.SCOPE_EMAIL}
SPANS = 14


def app_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("OTEL_") and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update(
        NO_PROXY="127.0.0.1",
        OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_REQUEST=shop.CAPTURED_HEADERS,
        OTEL_SERVICE_NAME="shop",
        SCRUBJAY_POLICY_FILE="",
    )
    env.update(extra)
    return env


def run(command, mode, env, tmp_path):
    done = subprocess.run(
        [*command, str(APP), mode, "--db", str(tmp_path / "shop.db"), f"--db-password={shop.DB_PASSWORD}"],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done


def instrumented(env, tmp_path):
    """The app under `opentelemetry-instrument`, as a zero-code deployment starts it."""
    instrument = pathlib.Path(sys.executable).parent / "opentelemetry-instrument"
    return run([str(instrument), sys.executable], "zero-code", env, tmp_path)


def json_objects(text):
    """The JSON documents the console exporters wrote one after another."""
    decoder, at, out = json.JSONDecoder(), 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return out
        value, at = decoder.raw_decode(text, at)
        out.append(value)


def zero_code(tmp_path, exporter):
    env = app_env(
        OTEL_TRACES_EXPORTER=exporter,
        OTEL_LOGS_EXPORTER=exporter,
        OTEL_METRICS_EXPORTER=exporter,
        # The SDK's process detector only records the command line when asked in code;
        # deployments that want it there set it as a resource attribute.
        OTEL_RESOURCE_ATTRIBUTES=f"process.command_line=python shop.py --db-password={shop.DB_PASSWORD}",
    )
    done = instrumented(env, tmp_path)
    documents = json_objects(done.stdout)
    return {
        "text": done.stdout,
        "spans": [d for d in documents if "context" in d],
        "logs": [d for d in documents if "body" in d],
        "metrics": [d for d in documents if "resource_metrics" in d],
    }


@pytest.fixture(scope="module")
def manual(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("manual")
    done = run([sys.executable], "manual", app_env(), tmp_path)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def scrubbed_zero_code(tmp_path_factory):
    return zero_code(tmp_path_factory.mktemp("zero"), "scrubjay_console")


@pytest.fixture(scope="module")
def raw_zero_code(tmp_path_factory):
    return zero_code(tmp_path_factory.mktemp("raw"), "console")


def by_route(spans):
    return {s["attributes"]["http.route"]: s for s in spans if "http.route" in s["attributes"]}


def check_useful_data(spans, logs):
    """What must survive scrubbing, in either setup."""
    servers = by_route(spans)
    assert set(servers) == ROUTES
    assert {name: s["attributes"]["http.status_code"] for name, s in servers.items()} == {
        "/orders": 200, "/users/<email>/orders": 200, "/signup": 201, "/charge": 500, "/sync": 200}
    assert servers["/users/<email>/orders"]["name"] == "GET /users/<email>/orders"
    assert servers["/users/<email>/orders"]["attributes"]["http.target"] == "/users/[REDACTED:email]/orders"
    assert servers["/orders"]["attributes"]["http.target"].endswith("&page=2")
    # Ids: every parent named is an exported span, of the same trace.
    ids = {s["context"]["span_id"]: s["context"]["trace_id"] for s in spans}
    for span in spans:
        assert re.fullmatch(r"0x[0-9a-f]{32}", span["context"]["trace_id"])
        if span["parent_id"] is not None:
            assert ids[span["parent_id"]] == span["context"]["trace_id"]
    # Table names, through the normalised statements.
    insert, select = [s for s in spans if s["attributes"].get("db.system") == "sqlite"]
    assert insert["attributes"]["db.statement"] == "INSERT INTO customers (email, card) VALUES (?, ?)"
    assert insert["parent_id"] == servers["/signup"]["context"]["span_id"]
    assert select["attributes"]["db.statement"] == "SELECT count(*) FROM customers WHERE email = ? AND card = ?"
    assert select["parent_id"] == servers["/sync"]["context"]["span_id"]
    # Exception type, message (scrubbed) and frames, on the span and on the log record.
    charge = servers["/charge"]
    assert charge["status"]["status_code"] == "ERROR"
    [event] = [e for e in charge["events"] if e["name"] == "exception"]
    message = "charge declined for [REDACTED:email] card [REDACTED:credit_card]"
    [record] = [r for r in logs if r["body"].startswith("Exception on /charge")]
    for attributes in (event["attributes"], record["attributes"]):
        assert attributes["exception.type"] == "ValueError"
        assert attributes["exception.message"] == message
        assert ", in charge_route\n" in attributes["exception.stacktrace"]
        assert ", in charge\n" in attributes["exception.stacktrace"]
        assert attributes["exception.stacktrace"].rstrip().endswith("ValueError: " + message)
    assert record["trace_id"] == charge["context"]["trace_id"]
    # The command line keeps its shape; only the password goes.
    for item in [*spans, *logs]:
        command_line = item["resource"]["attributes"]["process.command_line"]
        assert command_line.endswith("--db-password=[REDACTED:secret_kv]")
    assert any(r["body"] == "upstream answered 200" for r in logs)


def check_server_addresses(spans):
    """Server addresses, the URL host and loopback are service identity, not personal data."""
    servers = by_route(spans)
    sync = servers["/sync"]["attributes"]
    assert sync["http.server_name"] == "127.0.0.1"
    assert re.fullmatch(r"127\.0\.0\.1:\d+", sync["net.host.name"])
    [upstream] = [s for s in spans if "/ping" in s["attributes"].get("http.url", "")]
    assert re.fullmatch(r"http://REDACTED:REDACTED@127\.0\.0\.1:\d+/ping\?api_key=REDACTED",
                        upstream["attributes"]["http.url"])


def test_manual_setup_exports_no_secret(manual):
    assert manual["statuses"] == [200, 200, 201, 500, 200]
    exported = json.dumps([manual["spans"], manual["logs"], manual["metrics"]])
    for secret in shop.SECRETS:
        assert secret not in exported, secret
        assert secret not in manual["console"], secret
    raw = json.dumps(manual["raw_spans"])
    in_raw = [s for s in shop.SECRETS if s in raw]
    assert shop.QUERY_TOKEN in in_raw and shop.BEARER in in_raw and shop.SQL_EMAIL in in_raw
    assert shop.DB_PASSWORD in in_raw and shop.EXCEPTION_CARD in in_raw and shop.PATH_EMAIL in in_raw
    assert shop.CONFIRM_TOKEN in in_raw and shop.SCOPE_EMAIL in in_raw


def test_manual_setup_keeps_the_structure_of_every_span(manual):
    def shape(span, name=lambda text: text):
        return (name(span["name"]), span["kind"], span["context"], span["parent_id"], span["start_time"],
                span["end_time"], span["status"]["status_code"], sorted(span["attributes"]),
                [(name(e["name"]), sorted(e["attributes"])) for e in span["events"]], len(span["links"]),
                sorted(span["resource"]["attributes"]), span["scope"]["name"], sorted(span["scope"]["attributes"]))

    # Names went through the content rules, and nothing else touched them.
    redact = scrubjay.default_engine().redact
    assert len(manual["spans"]) == len(manual["raw_spans"]) == SPANS
    assert [shape(s) for s in manual["spans"]] == [shape(s, redact) for s in manual["raw_spans"]]


def test_manual_setup_scrubs_names_scope_and_metric_attributes(manual):
    [mail] = [s for s in manual["spans"] if s["scope"]["name"] == "shop.mailer"]
    assert mail["name"] == "GET /mail/confirm?token=[REDACTED:secret_kv]"
    assert [e["name"] for e in mail["events"]] == ["confirmation queued for [REDACTED:email]"]
    assert mail["scope"]["attributes"] == {"mail.sender": "[REDACTED:email]"}
    signups = metric_points(manual, "shop", "shop.signups")
    assert [(p["attributes"], p["value"]) for p in signups] == [({"customer": "[REDACTED:email]", "plan": "basic"}, 1)]
    # The instrumentations' own metrics keep their schema: route templates and statuses.
    targets = {p["attributes"]["http.target"] for p in metric_points(manual, "opentelemetry.instrumentation.flask", "http.server.duration")}
    assert targets == {"/orders", "/users/<email>/orders", "/signup", "/charge", "/sync"}
    for export in manual["metrics"]:
        resource = export["resource_metrics"][0]["resource"]["attributes"]
        assert resource["process.command_line"].endswith("--db-password=[REDACTED:secret_kv]")


def metric_points(manual, scope, name):
    """The data points of the metric ``name`` of ``scope`` in the last export (cumulative)."""
    [points] = [m["data"]["data_points"] for rm in manual["metrics"][-1]["resource_metrics"]
                for sm in rm["scope_metrics"] if sm["scope"]["name"] == scope
                for m in sm["metrics"] if m["name"] == name]
    return points


def test_manual_setup_records_what_it_redacted_per_rule(manual):
    redactions = {p["attributes"]["rule"]: p["value"] for p in metric_points(manual, "scrubjay", "scrubjay.redactions")}
    assert all(isinstance(n, int) and n > 0 for n in redactions.values()), redactions
    # Every rule whose label is in the exported spans was counted, and the sanitizers of URLs,
    # headers and SQL, which write no label. (Labels in log records may come from the logging
    # filter, which scrubs the records before OpenTelemetry's handler sees them.)
    labels = set(re.findall(r"\[REDACTED:(\w+)\]", json.dumps(manual["spans"])))
    assert labels >= {"email", "secret_kv", "credit_card"}
    assert set(redactions) >= labels | {"url", "header", "sql"}
    fields = {field["name"] for field in json.loads(scrubjay.default_policy())["fields"]}
    assert set(redactions) <= set(scrubjay.default_engine().rules) | fields
    # The span name's token, the event name's and the scope's e-mails are among them.
    assert redactions["email"] >= 2 and redactions["secret_kv"] >= 1
    assert all(not m["name"].startswith("scrubjay.failed") for m in
               [m for rm in manual["metrics"][-1]["resource_metrics"] for sm in rm["scope_metrics"] for m in sm["metrics"]])


def test_manual_setup_keeps_the_useful_data(manual):
    check_useful_data(manual["spans"], manual["logs"])
    console = manual["console"]
    assert "ERROR shop Exception on /charge [POST]\nTraceback (most recent call last):" in console
    assert ", in charge\n" in console
    assert "ValueError: charge declined for [REDACTED:email] card [REDACTED:credit_card]" in console
    assert 'signup request {"email": "[REDACTED:email]", "password": "[REDACTED:secret_kv]"' in console
    assert '"GET /ping?api_key=[REDACTED:secret_kv] HTTP/1.1" 200' in console


def test_manual_setup_keeps_server_addresses(manual):
    check_server_addresses(manual["spans"])


def test_zero_code_setup_exports_no_secret(scrubbed_zero_code):
    assert len(scrubbed_zero_code["spans"]) == SPANS
    assert any(r["body"].startswith("statuses [200, 200, 201, 500, 200]") for r in scrubbed_zero_code["logs"])
    for secret in shop.SECRETS:
        assert secret not in scrubbed_zero_code["text"], secret


def signup_points(exports):
    """The data points of the mailer's `shop.signups` counter, across the metric exports."""
    return [point for export in exports for rm in export["resource_metrics"] for sm in rm["scope_metrics"]
            for m in sm["metrics"] if m["name"] == "shop.signups" for point in m["data"]["data_points"]]


def test_zero_code_metrics_are_scrubbed(scrubbed_zero_code, raw_zero_code):
    points = signup_points(scrubbed_zero_code["metrics"])
    assert points and all(p["attributes"] == {"customer": "[REDACTED:email]", "plan": "basic"} for p in points)
    # The console exporter writes the customer's address without scrubjay.
    assert any("@" in p["attributes"]["customer"] for p in signup_points(raw_zero_code["metrics"]))


def test_zero_code_setup_keeps_the_useful_data(scrubbed_zero_code):
    check_useful_data(scrubbed_zero_code["spans"], scrubbed_zero_code["logs"])
    check_server_addresses(scrubbed_zero_code["spans"])


def test_without_scrubjay_the_secrets_reach_the_telemetry(raw_zero_code):
    missing = [s for s in shop.SECRETS if s not in raw_zero_code["text"]]
    assert set(missing) == NOT_IN_RAW_TELEMETRY
    assert len(raw_zero_code["spans"]) == SPANS


def test_a_policy_file_from_the_environment_is_used(tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"version": 1, "content": [{"id": "shop_route", "pattern": "charge_route"}]}))
    env = app_env(OTEL_TRACES_EXPORTER="scrubjay_console", OTEL_LOGS_EXPORTER="none",
                  OTEL_METRICS_EXPORTER="none", SCRUBJAY_POLICY_FILE=str(policy))
    done = instrumented(env, tmp_path)
    assert ", in [REDACTED:shop_route]" in done.stdout
    assert "charge_route" not in done.stdout
    assert shop.QUERY_TOKEN not in done.stdout, "the builtins stay on"


def test_an_unreadable_policy_file_exports_nothing(tmp_path):
    env = app_env(OTEL_TRACES_EXPORTER="scrubjay_console", OTEL_LOGS_EXPORTER="scrubjay_console",
                  OTEL_METRICS_EXPORTER="none", SCRUBJAY_POLICY_FILE=str(tmp_path / "missing.json"))
    done = instrumented(env, tmp_path)
    assert done.stdout.strip() == ""
    assert "missing.json" in done.stderr


@pytest.fixture
def collector():
    """An OTLP/HTTP receiver on 127.0.0.1 that keeps the bodies it is sent, by path."""
    from werkzeug.serving import make_server

    received = []

    def app(environ, start_response):
        size = int(environ.get("CONTENT_LENGTH") or 0)
        received.append((environ["PATH_INFO"], environ["wsgi.input"].read(size)))
        start_response("200 OK", [("Content-Type", "application/x-protobuf")])
        return [b""]

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    thread.join(10)


def test_zero_code_otlp_payloads_are_scrubbed_and_carry_one_resource(tmp_path, collector):
    from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    endpoint, received = collector
    env = app_env(
        OTEL_TRACES_EXPORTER="scrubjay_otlp", OTEL_LOGS_EXPORTER="scrubjay_otlp",
        OTEL_METRICS_EXPORTER="scrubjay_otlp", OTEL_EXPORTER_OTLP_ENDPOINT=endpoint,
        OTEL_RESOURCE_ATTRIBUTES=f"process.command_line=python shop.py --db-password={shop.DB_PASSWORD}",
    )
    instrumented(env, tmp_path)
    assert {path for path, _ in received} == {"/v1/traces", "/v1/logs", "/v1/metrics"}
    for path, body in received:
        for secret in shop.SECRETS:
            assert secret.encode() not in body, (path, secret)
    metrics = [(p, b) for p, b in received if p == "/v1/metrics"]
    assert b"shop.signups" in b"".join(b for _, b in metrics)
    spans, records = [], []
    for path, body in received:
        if path == "/v1/metrics":
            continue
        if path == "/v1/traces":
            request = ExportTraceServiceRequest.FromString(body)
            # All spans of one provider under a single resource, as without scrubjay.
            assert len(request.resource_spans) == 1
            batch = request.resource_spans[0]
            spans += [span for scope in batch.scope_spans for span in scope.spans]
        else:
            request = ExportLogsServiceRequest.FromString(body)
            assert len(request.resource_logs) == 1
            batch = request.resource_logs[0]
            records += [record for scope in batch.scope_logs for record in scope.log_records]
        resource = {kv.key: kv.value.string_value for kv in batch.resource.attributes}
        assert resource["process.command_line"] == "python shop.py --db-password=[REDACTED:secret_kv]"
        assert resource["service.name"] == "shop"
    assert len(spans) == SPANS
    assert {span.name for span in spans} >= {"GET /users/<email>/orders", "POST /charge", "INSERT", "SELECT",
                                             "GET /mail/confirm?token=[REDACTED:secret_kv]"}
    scopes = {scope.scope.name: {kv.key: kv.value.string_value for kv in scope.scope.attributes}
              for request in [ExportTraceServiceRequest.FromString(b) for p, b in received if p == "/v1/traces"]
              for batch in request.resource_spans for scope in batch.scope_spans}
    assert scopes["shop.mailer"] == {"mail.sender": "[REDACTED:email]"}
    assert all(len(span.trace_id) == 16 and len(span.span_id) == 8 for span in spans)
    [failure] = [r for r in records if r.body.string_value.startswith("Exception on /charge")]
    attributes = {kv.key: kv.value.string_value for kv in failure.attributes}
    assert attributes["exception.type"] == "ValueError"
    assert attributes["exception.message"] == "charge declined for [REDACTED:email] card [REDACTED:credit_card]"
