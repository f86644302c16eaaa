package scrubjayprocessor

import (
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

func TestLogsBodiesAndAttributesScrubbed(t *testing.T) {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("owner", "ops@example.com")
	records := rl.ScopeLogs().AppendEmpty().LogRecords()
	text := records.AppendEmpty()
	text.Body().SetStr("login failed for jane@example.org password=hunter2")
	text.Attributes().PutStr("db.password", "hunter2")
	text.Attributes().PutInt("attempt", 3)
	text.SetTraceID(traceID)
	text.SetSpanID(spanID)
	text.SetSeverityNumber(plog.SeverityNumberWarn)
	nested := records.AppendEmpty()
	body := nested.Body().SetEmptyMap()
	body.PutStr("msg", "card 4111 1111 1111 1111")
	inner := body.PutEmptyMap("user")
	inner.PutStr("email", "bob@example.com")
	inner.PutStr("name", "Bob")
	list := records.AppendEmpty().Body().SetEmptySlice()
	list.AppendEmpty().SetStr("a@b.io")
	list.AppendEmpty().SetInt(4)

	out := processLogs(t, defaultConfig(), nil, ld)
	got := out.ResourceLogs().At(0)
	expect(t, "resource", str(got.Resource().Attributes(), "owner"), "[REDACTED:email]")
	recs := got.ScopeLogs().At(0).LogRecords()
	r0 := recs.At(0)
	expect(t, "string body", r0.Body().Str(), "login failed for [REDACTED:email] password=[REDACTED:secret_kv]")
	expect(t, "db.password", str(r0.Attributes(), "db.password"), "[REDACTED:password]")
	if v, _ := r0.Attributes().Get("attempt"); v.Type() != pcommon.ValueTypeInt || v.Int() != 3 {
		t.Errorf("attempt: %v", v.AsRaw())
	}
	if r0.TraceID() != traceID || r0.SpanID() != spanID || r0.SeverityNumber() != plog.SeverityNumberWarn {
		t.Error("ids or severity changed")
	}
	b1 := recs.At(1).Body()
	if b1.Type() != pcommon.ValueTypeMap {
		t.Fatalf("the map body became %v", b1.Type())
	}
	expect(t, "body.msg", str(b1.Map(), "msg"), "card [REDACTED:credit_card]")
	user, _ := b1.Map().Get("user")
	expect(t, "body.user.email", str(user.Map(), "email"), "[REDACTED:email]")
	expect(t, "body.user.name", str(user.Map(), "name"), "Bob")
	expect(t, "slice body", recs.At(2).Body().AsString(), `["[REDACTED:email]",4]`)
}

func TestLogsSummaryCounts(t *testing.T) {
	cfg := defaultConfig()
	cfg.Summary = SummaryCounts
	ld := plog.NewLogs()
	rec := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	rec.Body().SetStr("mail a@b.io and c@d.io")
	rec.Attributes().PutStr("clean", "GET /health 200")
	out := processLogs(t, cfg, nil, ld).ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	if v, _ := out.Attributes().Get(summaryPrefix + "email"); v.Int() != 2 {
		t.Errorf("email count: %v", v.AsRaw())
	}
	expect(t, "clean", str(out.Attributes(), "clean"), "GET /health 200")
}
