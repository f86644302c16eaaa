package otel_test

import (
	"context"
	"sync"
	"testing"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	sjotel "github.com/scrubjay/scrubjay/bindings-go/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	"go.opentelemetry.io/otel/sdk/resource"
)

// memoryLogs keeps what it is asked to export (the log SDK ships no in-memory exporter).
type memoryLogs struct {
	mu      sync.Mutex
	records []sdklog.Record
}

func (m *memoryLogs) Export(_ context.Context, records []sdklog.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range records {
		m.records = append(m.records, r.Clone())
	}
	return nil
}
func (m *memoryLogs) Shutdown(context.Context) error   { return nil }
func (m *memoryLogs) ForceFlush(context.Context) error { return nil }

func recordAttrs(r sdklog.Record) []attribute.KeyValue {
	var out []attribute.KeyValue
	r.WalkAttributes(func(kv attribute.KeyValue) bool { out = append(out, kv); return true })
	return out
}

// emit sends records through a provider whose only processor is the scrubbing one wrapping a
// simple processor over memory.
func emit(t *testing.T, engine *scrubjay.Engine, records ...log.Record) []sdklog.Record {
	t.Helper()
	memory := &memoryLogs{}
	provider := sdklog.NewLoggerProvider(
		sdklog.WithResource(sjotel.RedactResource(resource.NewSchemaless(attribute.String("owner", "ops@example.com")), engine)),
		sdklog.WithProcessor(sjotel.NewLogProcessor(sdklog.NewSimpleProcessor(memory), engine)))
	logger := provider.Logger("shop")
	for _, r := range records {
		logger.Emit(context.Background(), r)
	}
	if err := provider.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	return memory.records
}

func TestLogProcessorScrubsBodiesAndAttributes(t *testing.T) {
	var text, structured, list log.Record
	text.SetBody(attribute.StringValue("login failed for jane@example.org"))
	text.SetSeverity(log.SeverityWarn)
	text.SetEventName("login")
	text.AddAttributes(attribute.String("db.password", "hunter2"), attribute.Int("attempt", 3),
		attribute.String("exception.message", "card 4111 1111 1111 1111 declined"))
	structured.SetBody(attribute.MapValue(attribute.String("user.email", "bob@example.com"), attribute.Bool("ok", false)))
	list.SetBody(attribute.SliceValue(attribute.StringValue("a@b.io"), attribute.Int64Value(4)))
	got := emit(t, nil, text, structured, list)
	if len(got) != 3 {
		t.Fatalf("%d records", len(got))
	}
	if b := got[0].Body().AsString(); b != "login failed for [REDACTED:email]" {
		t.Errorf("body %q", b)
	}
	attrs := recordAttrs(got[0])
	if attr(attrs, "db.password").AsString() != "[REDACTED:password]" || attr(attrs, "attempt").AsInt64() != 3 ||
		attr(attrs, "exception.message").AsString() != "card [REDACTED:credit_card] declined" {
		t.Errorf("attributes %v", attrs)
	}
	if got[0].Severity() != log.SeverityWarn || got[0].EventName() != "login" {
		t.Errorf("severity or event name changed")
	}
	if m := got[1].Body().AsMap(); attr(m, "user.email").AsString() != "[REDACTED:email]" || attr(m, "ok").AsBool() {
		t.Errorf("map body %v", got[1].Body().Emit())
	}
	if items := got[2].Body().AsSlice(); len(items) != 2 || items[0].AsString() != "[REDACTED:email]" || items[1].AsInt64() != 4 {
		t.Errorf("slice body %v", got[2].Body().Emit())
	}
	if owner := attr(got[0].Resource().Attributes(), "owner").AsString(); owner != "[REDACTED:email]" {
		t.Errorf("resource %q", owner)
	}
}

// A closed engine cannot scrub: the record is emptied for later processors and not passed on.
func TestLogProcessorFailsClosed(t *testing.T) {
	engine := scrubjay.Default()
	memory := &memoryLogs{}
	after := &memoryLogs{}
	provider := sdklog.NewLoggerProvider(
		sdklog.WithProcessor(sjotel.NewLogProcessor(sdklog.NewSimpleProcessor(memory), engine)),
		sdklog.WithProcessor(sdklog.NewSimpleProcessor(after)))
	engine.Close()
	var r log.Record
	r.SetBody(attribute.StringValue("password=hunter2"))
	r.AddAttributes(attribute.String("user", "jane@example.org"))
	provider.Logger("x").Emit(context.Background(), r)
	if len(memory.records) != 0 {
		t.Fatal("a record that could not be scrubbed was passed on")
	}
	if len(after.records) != 1 || after.records[0].Body().AsString() != "[REDACTED:error]" || after.records[0].AttributesLen() != 0 {
		t.Fatalf("later processors saw %+v", after.records)
	}
}
