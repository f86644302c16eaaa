package scrubjayprocessor

import (
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/ptrace"
)

// Resources matching a per-service policy get it; the others get the default one.
func TestPerServicePolicies(t *testing.T) {
	cfg := loadConfig(t, "inline") // default: only TICKET-…; payments-* in prod: only cards
	td := ptrace.NewTraces()
	for _, r := range []struct{ service, env string }{{"payments-eu", "prod"}, {"payments-eu", "staging"}, {"checkout", "prod"}} {
		rs := secretSpan(r.service).ResourceSpans().At(0)
		rs.Resource().Attributes().PutStr("deployment.environment", r.env)
		rs.CopyTo(td.ResourceSpans().AppendEmpty())
	}
	out := processTraces(t, cfg, nil, td)
	notes := make([]string, 3)
	for i := range notes {
		notes[i] = str(out.ResourceSpans().At(i).ScopeSpans().At(0).Spans().At(0).Attributes(), "app.note")
	}
	expect(t, "payments in prod", notes[0], "charge failed for card [REDACTED:credit_card], ticket TICKET-123456")
	expect(t, "payments in staging (default policy)", notes[1], "charge failed for card 4111 1111 1111 1111, ticket [REDACTED:ticket]")
	expect(t, "checkout (default policy)", notes[2], "charge failed for card 4111 1111 1111 1111, ticket [REDACTED:ticket]")
	if name := out.ResourceSpans().At(0).ScopeSpans().At(0).Spans().At(0).Name(); !strings.Contains(name, "jane@example.org") {
		t.Errorf("the payments policy has no e-mail rule, yet: %q", name)
	}
}
