package bench

import (
	"fmt"
	"math/rand"

	"go.opentelemetry.io/collector/pdata/ptrace"
)

func hex(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.Intn(16)]
	}
	return string(b)
}

// spans is n 20-attribute spans of the shape bindings-go's benchmark uses: HTTP, database
// and messaging attributes, ids and hashes, a note with a card and an e-mail on one span in
// four, a reset URL with a token and an e-mail on one in ten.
func spans(n int) ptrace.Traces {
	r := rand.New(rand.NewSource(7))
	routes := []string{"/api/v2/orders/{id}", "/checkout", "/health", "/api/users/{id}/profile", "/search"}
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	rs.Resource().Attributes().PutStr("service.name", "orders")
	ss := rs.ScopeSpans().AppendEmpty().Spans()
	for i := 0; i < n; i++ {
		s := ss.AppendEmpty()
		s.SetName("HTTP " + routes[r.Intn(len(routes))])
		a := s.Attributes()
		a.PutStr("http.request.method", []string{"GET", "POST", "PUT"}[r.Intn(3)])
		a.PutStr("http.route", routes[r.Intn(len(routes))])
		a.PutInt("http.response.status_code", []int64{200, 201, 404, 500}[r.Intn(4)])
		url := fmt.Sprintf("https://api.example.com/api/v2/orders/%d?page=2&limit=50", r.Intn(99999))
		if i%10 == 0 {
			url = "https://api.example.com/reset?token=tok_" + hex(r, 16) + fmt.Sprintf("&email=user%d@example.com", i)
		}
		a.PutStr("url.full", url)
		a.PutStr("server.address", "orders.internal")
		a.PutInt("server.port", 8443)
		a.PutStr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109")
		a.PutStr("service.version", fmt.Sprintf("2.%d.%d", r.Intn(20), r.Intn(50)))
		a.PutStr("app.request_id", hex(r, 8)+"-"+hex(r, 4)+"-4"+hex(r, 3)+"-a"+hex(r, 3)+"-"+hex(r, 12))
		a.PutStr("app.trace_ref", hex(r, 32))
		a.PutStr("app.git_sha", hex(r, 40))
		a.PutDouble("app.duration_ms", r.Float64()*200)
		a.PutInt("app.retry_count", int64(r.Intn(4)))
		a.PutBool("app.cache_hit", r.Intn(2) == 0)
		a.PutStr("db.system", "postgresql")
		a.PutStr("db.statement", "SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2")
		a.PutStr("messaging.destination.name", "order-events")
		a.PutStr("app.region", []string{"eu-west-1", "us-east-1"}[r.Intn(2)])
		a.PutStr("app.feature_flags", "checkout_v2,fast_search")
		note := "processed in batch 17 at 2024-06-01T10:00:00Z"
		if i%4 == 0 {
			note = fmt.Sprintf("charge failed for user%d@example.com card 4111 1111 1111 1111", i)
		}
		a.PutStr("app.note", note)
	}
	return td
}
