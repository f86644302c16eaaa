"""A batch of realistic span attribute dicts (20 attributes each), shared by the benchmarks."""

import random

ROUTES = ["/api/v2/orders/{id}", "/checkout", "/health", "/api/users/{id}/profile", "/search"]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
          "okhttp/4.12.0", "python-requests/2.31.0", "Go-http-client/1.1"]


def _hex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _uuid(rng):
    return f"{_hex(rng, 8)}-{_hex(rng, 4)}-4{_hex(rng, 3)}-a{_hex(rng, 3)}-{_hex(rng, 12)}"


def make_spans(n=1000, seed=7):
    rng = random.Random(seed)
    spans = []
    for i in range(n):
        user = f"user{i}@example.com"
        span = {
            "http.request.method": rng.choice(["GET", "POST", "PUT"]),
            "http.route": rng.choice(ROUTES),
            "http.response.status_code": rng.choice([200, 201, 404, 500]),
            "url.full": f"https://api.example.com/api/v2/orders/{rng.randint(1, 99999)}?page=2&limit=50",
            "server.address": "orders.internal",
            "server.port": 8443,
            "user_agent.original": rng.choice(AGENTS),
            "service.version": f"2.{rng.randint(0, 20)}.{rng.randint(0, 50)}",
            "app.request_id": _uuid(rng),
            "app.trace_ref": _hex(rng, 32),
            "app.git_sha": _hex(rng, 40),
            "app.duration_ms": rng.random() * 200,
            "app.retry_count": rng.randint(0, 3),
            "app.cache_hit": rng.random() < 0.5,
            "db.system": "postgresql",
            "db.statement": "SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2",
            "messaging.destination.name": "order-events",
            "app.region": rng.choice(["eu-west-1", "us-east-1"]),
            "app.feature_flags": "checkout_v2,fast_search",
            "app.note": "processed in batch 17 at 2024-06-01T10:00:00Z",
        }
        if i % 4 == 0:
            span["app.note"] = f"charge failed for {user} card 4111 1111 1111 1111"
        if i % 10 == 0:
            span["url.full"] = f"https://api.example.com/reset?token=tok_{_hex(rng, 16)}&email={user}"
        spans.append(span)
    return spans


def make_unique_records(n=1000, seed=11):
    """Span records of about 340 bytes whose 12 string values never repeat across the batch
    (ids, epochs, timestamps, digests, names): the engine's memo of clean values cannot help.
    Every third record carries one or two secrets."""
    rng = random.Random(seed)
    # Every third record, and a second secret in every sixth.
    planted = [
        (3, "app.note", lambda i: f"charge failed for user{i}@example.com card 4111 1111 1111 1111"),
        (6, "app.cache_key", lambda i: f"session token=tok_{_hex(rng, 24)}"),
    ]
    records = []
    for i in range(n):
        record = {
            "trace_id": _hex(rng, 32),
            "span_id": _hex(rng, 16),
            "app.request_id": _uuid(rng),
            "app.started_at": f"2026-11-{1 + i % 28:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999999):06d}Z",
            "app.epoch_ms": str(1761666269798 + i * 1000 + rng.randint(0, 999)),
            "app.digest": f"sha256:{_hex(rng, 64)}",
            "app.customer": f"customer-{i}-{_hex(rng, 6)}",
            "app.job": f"reindex batch {i} of shard {rng.randint(0, 63)}",
            "http.route": f"/api/v1/orders/ORD-{100000 + i}/items",
            "app.cache_key": f"product:summary:v{rng.randint(1, 9)}:{i}",
            "app.worker": f"worker-{i}.checkout.svc",
            "app.note": f"completed in {rng.randint(1, 900)}ms attempt {i}",
        }
        for every, key, secret in planted:
            if i % every == 0:
                record[key] = secret(i)
        records.append(record)
    return records
