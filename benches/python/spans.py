"""A batch of realistic span attribute dicts (20 attributes each), shared by the benchmarks."""

import random

ROUTES = ["/api/v2/orders/{id}", "/checkout", "/health", "/api/users/{id}/profile", "/search"]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
          "okhttp/4.12.0", "python-requests/2.31.0", "Go-http-client/1.1"]


def _hex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


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
            "app.request_id": f"{_hex(rng, 8)}-{_hex(rng, 4)}-4{_hex(rng, 3)}-a{_hex(rng, 3)}-{_hex(rng, 12)}",
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
