package scrubjayprocessor

import (
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

var (
	traceID = pcommon.TraceID([16]byte{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36})
	spanID  = pcommon.SpanID([8]byte{0, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7})
	parent  = pcommon.SpanID([8]byte{1, 2, 3, 4, 5, 6, 7, 8})
	start   = pcommon.NewTimestampFromTime(time.Unix(1700000000, 0))
)

// secretSpan is a span with a secret in every place the processor covers.
func secretSpan(service string) ptrace.Traces {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	rs.Resource().Attributes().PutStr("service.name", service)
	rs.Resource().Attributes().PutStr("process.command_line", "app --db-password=hunter2 --port 80")
	ss := rs.ScopeSpans().AppendEmpty()
	ss.Scope().SetName("shop")
	ss.Scope().Attributes().PutStr("owner", "ops@example.com")
	span := ss.Spans().AppendEmpty()
	span.SetTraceID(traceID)
	span.SetSpanID(spanID)
	span.SetParentSpanID(parent)
	span.SetKind(ptrace.SpanKindServer)
	span.SetStartTimestamp(start)
	span.SetEndTimestamp(start + 1500)
	span.SetName("notify jane@example.org")
	attrs := span.Attributes()
	attrs.PutStr("url.full", "https://admin:s3cr3tpw@shop.example.com/pay?token=tok_abc123&page=2")
	attrs.PutStr("db.password", "hunter2")
	attrs.PutInt("http.response.status_code", 200)
	attrs.PutStr("app.note", "charge failed for card 4111 1111 1111 1111, ticket TICKET-123456")
	tags := attrs.PutEmptySlice("app.tags")
	tags.AppendEmpty().SetStr("vip")
	tags.AppendEmpty().SetStr("x@y.io")
	user := attrs.PutEmptyMap("app.user")
	user.PutStr("email", "jane@example.org")
	user.PutInt("id", 7)
	ev := span.Events().AppendEmpty()
	ev.SetName("mail sent to bob@example.com")
	ev.SetTimestamp(start + 10)
	ev.Attributes().PutStr("exception.message", "lookup of bob%40example.com failed")
	link := span.Links().AppendEmpty()
	link.SetTraceID(traceID)
	link.SetSpanID(parent)
	link.Attributes().PutStr("app.user", "jane@example.org")
	span.Status().SetCode(ptrace.StatusCodeError)
	span.Status().SetMessage("no user jane@example.org")
	return td
}

func onlySpan(td ptrace.Traces) (ptrace.ResourceSpans, ptrace.ScopeSpans, ptrace.Span) {
	rs := td.ResourceSpans().At(0)
	ss := rs.ScopeSpans().At(0)
	return rs, ss, ss.Spans().At(0)
}

func TestTracesEveryPartScrubbedIdsAndStructureKept(t *testing.T) {
	out := processTraces(t, defaultConfig(), nil, secretSpan("checkout"))
	rs, ss, span := onlySpan(out)
	expect(t, "service.name", str(rs.Resource().Attributes(), "service.name"), "checkout")
	if cl := str(rs.Resource().Attributes(), "process.command_line"); strings.Contains(cl, "hunter2") || !strings.Contains(cl, "--port 80") {
		t.Errorf("process.command_line: %q", cl)
	}
	expect(t, "scope owner", str(ss.Scope().Attributes(), "owner"), "[REDACTED:email]")
	expect(t, "span name", span.Name(), "notify [REDACTED:email]")
	attrs := span.Attributes()
	if u := str(attrs, "url.full"); strings.Contains(u, "s3cr3tpw") || strings.Contains(u, "tok_abc123") || !strings.Contains(u, "page=2") {
		t.Errorf("url.full: %q", u)
	}
	expect(t, "db.password", str(attrs, "db.password"), "[REDACTED:password]")
	if v, _ := attrs.Get("http.response.status_code"); v.Type() != pcommon.ValueTypeInt || v.Int() != 200 {
		t.Errorf("status code: %v", v.AsRaw())
	}
	expect(t, "app.note", str(attrs, "app.note"), "charge failed for card [REDACTED:credit_card], ticket TICKET-123456")
	expect(t, "app.tags", str(attrs, "app.tags"), `["vip","[REDACTED:email]"]`)
	if v, _ := attrs.Get("app.user"); v.Type() != pcommon.ValueTypeMap || str(v.Map(), "email") != "[REDACTED:email]" || str(v.Map(), "id") != "7" {
		t.Errorf("app.user: %v", v.AsRaw())
	}
	ev := span.Events().At(0)
	expect(t, "event name", ev.Name(), "mail sent to [REDACTED:email]")
	if m := str(ev.Attributes(), "exception.message"); strings.Contains(m, "bob%40example.com") {
		t.Errorf("a URL-encoded e-mail was kept: %q", m)
	}
	expect(t, "link attribute", str(span.Links().At(0).Attributes(), "app.user"), "[REDACTED:email]")
	expect(t, "status message", span.Status().Message(), "no user [REDACTED:email]")
	if span.TraceID() != traceID || span.SpanID() != spanID || span.ParentSpanID() != parent ||
		span.Kind() != ptrace.SpanKindServer || span.StartTimestamp() != start || span.EndTimestamp() != start+1500 ||
		span.Status().Code() != ptrace.StatusCodeError || ev.Timestamp() != start+10 ||
		span.Links().At(0).SpanID() != parent || ss.Scope().Name() != "shop" || attrs.Len() != 6 {
		t.Error("ids, timings or structure changed")
	}
	if _, ok := attrs.Get(summaryPrefix + "email"); ok {
		t.Error("summary attributes written with summary: none")
	}
}

func TestTracesSummaryCountsPerRule(t *testing.T) {
	cfg := defaultConfig()
	cfg.Summary = SummaryCounts
	_, _, span := onlySpan(processTraces(t, cfg, nil, secretSpan("checkout")))
	attrs := span.Attributes()
	// name, nested map, slice item, link, status, event name: six e-mails; one card; one password.
	for rule, want := range map[string]int64{"email": 6, "credit_card": 1, "password": 1} {
		v, ok := attrs.Get(summaryPrefix + rule)
		if !ok || v.Int() < want {
			t.Errorf("%s%s: %v, want at least %d", summaryPrefix, rule, v.AsRaw(), want)
		}
	}
	if _, ok := attrs.Get(summaryFailed); ok {
		t.Error("failed_closed counted with nothing failing")
	}
}

// A value the engine cannot redact (here: longer than the policy's limit) is replaced.
func TestTracesValueThatFailsClosedIsReplaced(t *testing.T) {
	cfg := defaultConfig()
	cfg.Policy = map[string]any{"version": 1, "limits": map[string]any{"max_value_bytes": 64}}
	cfg.Summary = SummaryCounts
	td := ptrace.NewTraces()
	span := td.ResourceSpans().AppendEmpty().ScopeSpans().AppendEmpty().Spans().AppendEmpty()
	long := strings.Repeat("x", 100) + " jane@example.org"
	span.Attributes().PutStr("app.note", long)
	_, _, got := onlySpan(processTraces(t, cfg, nil, td))
	if note := str(got.Attributes(), "app.note"); strings.Contains(note, "jane") || !strings.HasPrefix(note, "[REDACTED:") {
		t.Fatalf("app.note: %q", note)
	}
	if v, _ := got.Attributes().Get(summaryFailed); v.Int() != 1 {
		t.Errorf("%s: %v", summaryFailed, v.AsRaw())
	}
}
