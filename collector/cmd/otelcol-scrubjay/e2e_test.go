package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// The secrets of examples/otlp-traces.json and of the logs request below.
var secrets = []string{
	"s3cr3tP4ss", "alice@example.com", "eyJhbGciOiJIUzI1NiJ9", "dozjgNryP4J3jVmNHl0w5N", "bob@example.org",
	"4111111111111111", "tok_9f8e7d6c5b4a", "415-555-0132", "sk_live_51H8", "5500 0000 0000 0004",
	"carol@example.net", "078-05-1120", "hunter2", "AKIAIOSFODNN7EXAMPLE", "dave@example.com",
	"erin@example.com", "4242 4242 4242 4242", "p4ssw0rd!", "frank%40example.com",
}

func logsRequest(t *testing.T) []byte {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "accounts")
	rec := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	rec.Body().SetStr("password reset for erin@example.com, card 4242 4242 4242 4242")
	rec.Attributes().PutStr("db.password", "p4ssw0rd!")
	rec.Attributes().PutStr("http.target", "/reset?email=frank%40example.com")
	rec.SetTraceID([16]byte{0xa4, 0xc1, 0x23})
	nested := rl.ScopeLogs().At(0).LogRecords().AppendEmpty().Body().SetEmptyMap()
	nested.PutStr("event", "signup")
	nested.PutEmptyMap("user").PutStr("email", "erin@example.com")
	data, err := plogotlp.NewExportRequestFromLogs(ld).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestEndToEnd starts the distribution on free ports, posts the example traces and a logs
// request over OTLP/HTTP, and checks what reaches the exporter's backend: no secret, the same
// spans with the same ids, names, timings and structure, and the processor's telemetry.
func TestEndToEnd(t *testing.T) {
	be := newBackend(t)
	in, metrics := freePort(t), freePort(t)
	c := start(t, pipelineConfig(in, metrics, be.URL))
	example, err := os.ReadFile("../../../examples/otlp-traces.json")
	if err != nil {
		t.Fatal(err)
	}
	post(t, c, fmt.Sprintf("http://127.0.0.1:%d/v1/traces", in), example)
	post(t, c, fmt.Sprintf("http://127.0.0.1:%d/v1/logs", in), logsRequest(t))

	sent, err := (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(example)
	if err != nil {
		t.Fatal(err)
	}
	var td ptrace.Traces
	var ld plog.Logs
	waitFor(t, "the exported spans and records", func() bool {
		td, ld = be.received()
		return td.SpanCount() >= sent.SpanCount() && ld.LogRecordCount() >= 2
	})
	if td.SpanCount() != sent.SpanCount() || ld.LogRecordCount() != 2 {
		t.Fatalf("exported %d spans (sent %d) and %d records (sent 2)", td.SpanCount(), sent.SpanCount(), ld.LogRecordCount())
	}
	tracesJSON, _ := (&ptrace.JSONMarshaler{}).MarshalTraces(td)
	logsJSON, _ := (&plog.JSONMarshaler{}).MarshalLogs(ld)
	for _, secret := range secrets {
		if strings.Contains(string(tracesJSON), secret) || strings.Contains(string(logsJSON), secret) {
			t.Errorf("%q reached the backend", secret)
		}
	}
	compareSpans(t, sent, td)
	if !strings.Contains(string(tracesJSON), "scrubjay.redacted.email") {
		t.Error("no summary counts on the exported spans")
	}
	rec := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	if rec.TraceID() != [16]byte{0xa4, 0xc1, 0x23} || !strings.Contains(rec.Body().Str(), "password reset for [REDACTED:email]") {
		t.Errorf("log record: %s %q", rec.TraceID(), rec.Body().Str())
	}
	waitFor(t, "the processor's telemetry", func() bool {
		m := get(fmt.Sprintf("http://127.0.0.1:%d/metrics", metrics))
		return strings.Contains(m, "scrubjay_redactions") && strings.Contains(m, `rule="email"`)
	})
}

// compareSpans checks that every sent span arrived with its ids, name, kind, timings, parent,
// events, links and attribute keys (the processor adds only scrubjay.* summary keys).
func compareSpans(t *testing.T, sent, got ptrace.Traces) {
	byID := map[string]ptrace.Span{}
	each(got, func(s ptrace.Span) { byID[s.SpanID().String()] = s })
	each(sent, func(want ptrace.Span) {
		s, ok := byID[want.SpanID().String()]
		switch {
		case !ok:
			t.Errorf("span %s did not arrive", want.SpanID())
		case s.TraceID() != want.TraceID() || s.ParentSpanID() != want.ParentSpanID() || s.Name() != want.Name() ||
			s.Kind() != want.Kind() || s.StartTimestamp() != want.StartTimestamp() || s.EndTimestamp() != want.EndTimestamp() ||
			s.Events().Len() != want.Events().Len() || s.Links().Len() != want.Links().Len() ||
			s.Status().Code() != want.Status().Code():
			t.Errorf("span %s changed: %v", want.SpanID(), s.Name())
		default:
			for i := 0; i < want.Links().Len(); i++ {
				if s.Links().At(i).SpanID() != want.Links().At(i).SpanID() || s.Links().At(i).TraceID() != want.Links().At(i).TraceID() {
					t.Errorf("span %s: link %d changed", want.SpanID(), i)
				}
			}
			for k := range want.Attributes().All() {
				if _, ok := s.Attributes().Get(k); !ok {
					t.Errorf("span %s lost attribute %s", want.SpanID(), k)
				}
			}
		}
	})
}

func each(td ptrace.Traces, f func(ptrace.Span)) {
	for _, rs := range td.ResourceSpans().All() {
		for _, ss := range rs.ScopeSpans().All() {
			for _, s := range ss.Spans().All() {
				f(s)
			}
		}
	}
}
