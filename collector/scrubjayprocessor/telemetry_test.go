package scrubjayprocessor

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// counts reads one of the processor's counters from tel: its value per value of the
// attribute key (nil when it recorded nothing), after checking its unit and description.
func counts(t *testing.T, tel *componenttest.Telemetry, name, key string) map[string]int64 {
	t.Helper()
	m, err := tel.GetMetric(name)
	if err != nil {
		return nil
	}
	want := map[string][2]string{
		redactionsMetric:   {"{redaction}", "Values redacted by scrubjay, per rule"},
		failedClosedMetric: {"{value}", "Values or items scrubjay replaced or dropped whole instead of scanning, per reason"},
	}[name]
	if m.Unit != want[0] || m.Description != want[1] {
		t.Errorf("%s: unit %q, description %q", name, m.Unit, m.Description)
	}
	sum, ok := m.Data.(metricdata.Sum[int64])
	if !ok || !sum.IsMonotonic {
		t.Fatalf("%s is not a counter: %T", name, m.Data)
	}
	out := map[string]int64{}
	for _, dp := range sum.DataPoints {
		v, _ := dp.Attributes.Value(attribute.Key(key))
		out[v.AsString()] += dp.Value
	}
	return out
}

func newTelemetryForTest(t *testing.T) *componenttest.Telemetry {
	tel := componenttest.NewTelemetry()
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	return tel
}

// The processor counts redactions per rule and fail-closed values per reason through the
// Collector's meter, as the engine's reports count them.
func TestTelemetryCountsRedactionsPerRuleAndFailClosedValues(t *testing.T) {
	tel := newTelemetryForTest(t)
	cfg := defaultConfig()
	cfg.Policy = map[string]any{"version": 1, "limits": map[string]any{"max_value_bytes": 90}}
	td := secretSpan("checkout")
	_, _, span := onlySpan(td)
	span.Attributes().PutStr("app.huge", strings.Repeat("y", 100))
	processTraces(t, cfg, tel, td)

	// E-mails: the scope's owner, the name, the nested user, the tag, the event's name and its
	// attribute (percent-encoded), the link attribute, the status message. Secrets: the
	// command line's --db-password=, the URL's token= and its user:password@.
	want := map[string]int64{"email": 8, "credit_card": 1, "secret_kv": 2, "url_credentials": 1}
	if got := counts(t, tel, redactionsMetric, ruleKey); !reflect.DeepEqual(got, want) {
		t.Errorf("redactions: got %v, want %v", got, want)
	}
	if got := counts(t, tel, failedClosedMetric, reasonKey); !reflect.DeepEqual(got, map[string]int64{"too_large": 1}) {
		t.Errorf("failed closed: %v", got)
	}

	// The next batch adds to the counters.
	processTraces(t, cfg, tel, secretSpan("checkout"))
	if got := counts(t, tel, redactionsMetric, ruleKey); got["email"] != 16 || got["credit_card"] != 2 {
		t.Errorf("two batches: %v", got)
	}
}

// Field rules count under their names, and attributes removed because allow.keys does not
// list them under allow.keys; logs count as traces do.
func TestTelemetryCountsFieldRulesAndDeniedAttributes(t *testing.T) {
	tel := newTelemetryForTest(t)
	cfg := defaultConfig()
	cfg.Policy = map[string]any{"version": 1,
		"fields": []any{map[string]any{"name": "password", "keys": []any{"*password*"}, "action": "mask"}},
		"allow":  map[string]any{"keys": []any{"db.*", "http.*"}}}
	ld := plog.NewLogs()
	rec := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	rec.Body().SetStr("login failed for a@b.io")
	rec.Attributes().PutStr("db.password", "hunter2")
	rec.Attributes().PutStr("http.route", "/login")
	rec.Attributes().PutStr("app.secret", "s")
	rec.Attributes().PutInt("user.id", 7)
	out := processLogs(t, cfg, tel, ld).ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	if out.Attributes().Len() != 2 {
		t.Errorf("attributes: %v", out.Attributes().AsRaw())
	}
	want := map[string]int64{"password": 1, deniedRule: 2, "email": 1}
	if got := counts(t, tel, redactionsMetric, ruleKey); !reflect.DeepEqual(got, want) {
		t.Errorf("redactions: got %v, want %v", got, want)
	}
}

// A batch across per-service policies counts each engine's rules.
func TestTelemetryAcrossPerServicePolicies(t *testing.T) {
	tel := newTelemetryForTest(t)
	cfg := loadConfig(t, "inline") // default: only TICKET-…; payments-* in prod: only cards
	td := ptrace.NewTraces()
	for _, r := range []struct{ service, env string }{{"payments-eu", "prod"}, {"payments-eu", "staging"}, {"checkout", "prod"}} {
		rs := secretSpan(r.service).ResourceSpans().At(0)
		rs.Resource().Attributes().PutStr("deployment.environment", r.env)
		rs.CopyTo(td.ResourceSpans().AppendEmpty())
	}
	processTraces(t, cfg, tel, td)
	if got := counts(t, tel, redactionsMetric, ruleKey); got["credit_card"] != 1 || got["ticket"] != 2 || got["email"] != 0 {
		t.Errorf("redactions: %v", got)
	}
}

// After shutdown the engines are freed: a batch is refused with an error, not forwarded, and
// its spans count as dropped.
func TestBatchRefusedWhenItCannotBeRedacted(t *testing.T) {
	tel := newTelemetryForTest(t)
	s, err := newScrubber(settings(tel), defaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	_ = s.shutdown(context.Background())
	td := secretSpan("x")
	secretSpan("y").ResourceSpans().At(0).CopyTo(td.ResourceSpans().AppendEmpty())
	if _, err := s.processTraces(context.Background(), td); err == nil {
		t.Fatal("a batch was processed by a closed engine")
	}
	if got := counts(t, tel, failedClosedMetric, reasonKey); !reflect.DeepEqual(got, map[string]int64{droppedReason: 2}) {
		t.Errorf("failed closed: %v", got)
	}
	if got := counts(t, tel, redactionsMetric, ruleKey); len(got) != 0 {
		t.Errorf("redactions of a refused batch: %v", got)
	}
}
