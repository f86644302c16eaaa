package dev.scrubjay.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The 20-attribute spans of {@code benches/python/spans.py}, the same shape in Java. */
final class Spans {
  private static final List<String> ROUTES =
      List.of("/api/v2/orders/{id}", "/checkout", "/health", "/api/users/{id}/profile", "/search");
  private static final List<String> AGENTS =
      List.of(
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
          "okhttp/4.12.0",
          "python-requests/2.31.0",
          "Go-http-client/1.1");

  private Spans() {}

  private static String hex(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return b.toString();
  }

  private static <T> T pick(Random r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  static List<Map<String, Object>> make(int n) {
    Random r = new Random(7);
    Map<String, Object>[] spans = newArray(n);
    for (int i = 0; i < n; i++) {
      String user = "user" + i + "@example.com";
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("http.request.method", pick(r, List.of("GET", "POST", "PUT")));
      s.put("http.route", pick(r, ROUTES));
      s.put("http.response.status_code", pick(r, List.of(200L, 201L, 404L, 500L)));
      s.put("url.full", "https://api.example.com/api/v2/orders/" + (1 + r.nextInt(99999)) + "?page=2&limit=50");
      s.put("server.address", "orders.internal");
      s.put("server.port", 8443L);
      s.put("user_agent.original", pick(r, AGENTS));
      s.put("service.version", "2." + r.nextInt(21) + "." + r.nextInt(51));
      s.put(
          "app.request_id",
          hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-a" + hex(r, 3) + "-" + hex(r, 12));
      s.put("app.trace_ref", hex(r, 32));
      s.put("app.git_sha", hex(r, 40));
      s.put("app.duration_ms", r.nextDouble() * 200);
      s.put("app.retry_count", (long) r.nextInt(4));
      s.put("app.cache_hit", r.nextBoolean());
      s.put("db.system", "postgresql");
      s.put("db.statement", "SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2");
      s.put("messaging.destination.name", "order-events");
      s.put("app.region", pick(r, List.of("eu-west-1", "us-east-1")));
      s.put("app.feature_flags", "checkout_v2,fast_search");
      s.put("app.note", "processed in batch 17 at 2024-06-01T10:00:00Z");
      if (i % 4 == 0) {
        s.put("app.note", "charge failed for " + user + " card 4111 1111 1111 1111");
      }
      if (i % 10 == 0) {
        s.put("url.full", "https://api.example.com/reset?token=tok_" + hex(r, 16) + "&email=" + user);
      }
      spans[i] = s;
    }
    return List.of(spans);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] newArray(int n) {
    return (Map<String, Object>[]) new Map<?, ?>[n];
  }
}
