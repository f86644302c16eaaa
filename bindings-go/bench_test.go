package scrubjay

import (
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"testing"
)

// The OpenTelemetry Collector's redaction processor strategy: every rule its own regexp,
// applied one after another to every string value.
var naiveRules = func() []*regexp.Regexp {
	patterns := []string{
		`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`,
		`\b(?:\d[ -]?){13,19}\b`,
		`\b\d{3}-\d{2}-\d{4}\b`,
		`\+?\d{1,3}[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b`,
		`\b(?:\d{1,3}\.){3}\d{1,3}\b`,
		`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`,
		`(?i)bearer\s+[A-Za-z0-9._~+/-]+=*`,
		`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`,
		`\bgh[pousr]_[A-Za-z0-9]{36}\b`,
		`\bxox[abposr]-[A-Za-z0-9-]+`,
		`\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}`,
		`\bsk-[A-Za-z0-9_-]{20,}`,
		`\bAIza[0-9A-Za-z_-]{35}\b`,
		`-----BEGIN [A-Z ]*PRIVATE KEY-----`,
		`(?i)(?:password|passwd|secret|token|api_key)\s*[=:]\s*[^\s&,;]+`,
		`://[^/\s:@]+:[^/\s@]+@`,
		`\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b`,
	}
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(p)
	}
	return out
}()

func naiveRedact(attrs map[string]any) map[string]any {
	out := make(map[string]any, len(attrs))
	for k, v := range attrs {
		if s, ok := v.(string); ok {
			for _, rx := range naiveRules {
				s = rx.ReplaceAllString(s, "[REDACTED]")
			}
			out[k] = s
		} else {
			out[k] = v
		}
	}
	return out
}

func hex(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.Intn(16)]
	}
	return string(b)
}

// benchSpans: 20-attribute spans, the same shape as benches/python/spans.py.
func benchSpans(n int) []map[string]any {
	r := rand.New(rand.NewSource(7))
	routes := []string{"/api/v2/orders/{id}", "/checkout", "/health", "/api/users/{id}/profile", "/search"}
	spans := make([]map[string]any, n)
	for i := range spans {
		user := fmt.Sprintf("user%d@example.com", i)
		s := map[string]any{
			"http.request.method":        []string{"GET", "POST", "PUT"}[r.Intn(3)],
			"http.route":                 routes[r.Intn(len(routes))],
			"http.response.status_code":  []int{200, 201, 404, 500}[r.Intn(4)],
			"url.full":                   fmt.Sprintf("https://api.example.com/api/v2/orders/%d?page=2&limit=50", r.Intn(99999)),
			"server.address":             "orders.internal",
			"server.port":                8443,
			"user_agent.original":        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
			"service.version":            fmt.Sprintf("2.%d.%d", r.Intn(20), r.Intn(50)),
			"app.request_id":             hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-a" + hex(r, 3) + "-" + hex(r, 12),
			"app.trace_ref":              hex(r, 32),
			"app.git_sha":                hex(r, 40),
			"app.duration_ms":            r.Float64() * 200,
			"app.retry_count":            r.Intn(4),
			"app.cache_hit":              r.Intn(2) == 0,
			"db.system":                  "postgresql",
			"db.statement":               "SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2",
			"messaging.destination.name": "order-events",
			"app.region":                 []string{"eu-west-1", "us-east-1"}[r.Intn(2)],
			"app.feature_flags":          "checkout_v2,fast_search",
			"app.note":                   "processed in batch 17 at 2024-06-01T10:00:00Z",
		}
		if i%4 == 0 {
			s["app.note"] = "charge failed for " + user + " card 4111 1111 1111 1111"
		}
		if i%10 == 0 {
			s["url.full"] = "https://api.example.com/reset?token=tok_" + hex(r, 16) + "&email=" + user
		}
		spans[i] = s
	}
	return spans
}

var sink map[string]any

func BenchmarkRedactAttributes(b *testing.B) {
	spans := benchSpans(1000)
	e := Default()
	defer e.Close()
	b.Run("scrubjay", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink = e.RedactAttributes(spans[i%len(spans)])
		}
	})
	b.Run("regexp-per-rule", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink = naiveRedact(spans[i%len(spans)])
		}
	})
}

// TestBenchmarkRatio prints scrubjay against the per-rule regexp baseline, measured in the same
// run. It runs only when SCRUBJAY_BENCH=1 (make bench).
func TestBenchmarkRatio(t *testing.T) {
	if os.Getenv("SCRUBJAY_BENCH") == "" {
		t.Skip("set SCRUBJAY_BENCH=1 to measure")
	}
	spans := benchSpans(1000)
	e := Default()
	defer e.Close()
	fast := testing.Benchmark(func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink = e.RedactAttributes(spans[i%len(spans)])
		}
	})
	slow := testing.Benchmark(func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink = naiveRedact(spans[i%len(spans)])
		}
	})
	ratio := float64(slow.NsPerOp()) / float64(fast.NsPerOp())
	fmt.Printf("scrubjay RedactAttributes  %8.2f us/span\n", float64(fast.NsPerOp())/1e3)
	fmt.Printf("regexp, 17 rules one by one %8.2f us/span\n", float64(slow.NsPerOp())/1e3)
	fmt.Printf("ratio %.1fx\n", ratio)
}
