package otel_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	sjotel "github.com/scrubjay/scrubjay/bindings-go/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// traced runs one span through a provider with two exporters: the scrubbing one and a raw one
// beside it (which must still see the span as it was).
func traced(t *testing.T, engine *scrubjay.Engine, res *resource.Resource, body func(trace.Tracer)) (clean, raw tracetest.SpanStub) {
	t.Helper()
	scrubbed, plain := tracetest.NewInMemoryExporter(), tracetest.NewInMemoryExporter()
	provider := sdktrace.NewTracerProvider(
		sdktrace.WithResource(res),
		sdktrace.WithSyncer(sjotel.NewRedactingSpanExporter(scrubbed, engine)),
		sdktrace.WithSyncer(plain),
	)
	body(provider.Tracer("shop"))
	// Syncers export as each span ends; Shutdown would empty the in-memory exporters.
	if len(scrubbed.GetSpans()) != 1 || len(plain.GetSpans()) != 1 {
		t.Fatalf("exported %d scrubbed and %d raw spans", len(scrubbed.GetSpans()), len(plain.GetSpans()))
	}
	clean, raw = scrubbed.GetSpans()[0], plain.GetSpans()[0]
	if err := provider.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	return clean, raw
}

func attr(kvs []attribute.KeyValue, key string) attribute.Value {
	for _, kv := range kvs {
		if string(kv.Key) == key {
			return kv.Value
		}
	}
	return attribute.Value{}
}

func TestSpanExporterScrubsEveryPartAndKeepsIdsAndTimings(t *testing.T) {
	res := resource.NewWithAttributes("https://opentelemetry.io/schemas/1.26.0",
		attribute.String("service.name", "checkout"),
		attribute.String("process.command_line", "app --db-password=hunter2 --port 80"))
	linked := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{1, 2, 3}, SpanID: trace.SpanID{4, 5, 6}, TraceFlags: trace.FlagsSampled})
	clean, raw := traced(t, nil, res, func(tr trace.Tracer) {
		_, span := tr.Start(context.Background(), "checkout",
			trace.WithLinks(trace.Link{SpanContext: linked, Attributes: []attribute.KeyValue{attribute.String("app.user", "jane@example.org")}}),
			trace.WithAttributes(
				attribute.String("url.full", "https://shop.example.com/pay?token=tok_abc123&page=2"),
				attribute.String("db.password", "hunter2"),
				attribute.Int("http.response.status_code", 200),
				attribute.StringSlice("app.tags", []string{"vip", "x@y.io"}),
				attribute.Map("app.user", attribute.String("email", "jane@example.org"), attribute.Int("id", 7)),
			))
		span.AddEvent("mail sent to bob@example.com", trace.WithAttributes(
			attribute.String("exception.message", "charge failed for card 4111 1111 1111 1111")))
		span.SetStatus(codes.Error, "no user jane@example.org")
		span.End()
	})
	checks := map[string]attribute.Value{
		"url.full":                  attribute.StringValue("https://shop.example.com/pay?token=REDACTED&page=2"),
		"db.password":               attribute.StringValue("[REDACTED:password]"),
		"http.response.status_code": attribute.Int64Value(200),
		"app.tags":                  attribute.StringSliceValue([]string{"vip", "[REDACTED:email]"}),
	}
	for k, want := range checks {
		if got := attr(clean.Attributes, k); got.Emit() != want.Emit() || got.Type() != want.Type() {
			t.Errorf("%s: got %v (%v), want %v", k, got.Emit(), got.Type(), want.Emit())
		}
	}
	if user := attr(clean.Attributes, "app.user"); user.Type() != attribute.MAP ||
		attr(user.AsMap(), "email").AsString() != "[REDACTED:email]" || attr(user.AsMap(), "id").AsInt64() != 7 {
		t.Errorf("nested map: %v", user.Emit())
	}
	if got := clean.Events[0]; got.Name != "mail sent to [REDACTED:email]" ||
		attr(got.Attributes, "exception.message").AsString() != "charge failed for card [REDACTED:credit_card]" {
		t.Errorf("event: %+v", got)
	}
	if got := attr(clean.Links[0].Attributes, "app.user").AsString(); got != "[REDACTED:email]" {
		t.Errorf("link attribute: %q", got)
	}
	if clean.Status.Code != codes.Error || clean.Status.Description != "no user [REDACTED:email]" {
		t.Errorf("status: %+v", clean.Status)
	}
	if got := attr(clean.Resource.Attributes(), "process.command_line").AsString(); strings.Contains(got, "hunter2") ||
		attr(clean.Resource.Attributes(), "service.name").AsString() != "checkout" || clean.Resource.SchemaURL() != res.SchemaURL() {
		t.Errorf("resource: %v", clean.Resource)
	}
	if !clean.SpanContext.Equal(raw.SpanContext) || !clean.Parent.Equal(raw.Parent) || clean.Name != raw.Name ||
		clean.SpanKind != raw.SpanKind || !clean.StartTime.Equal(raw.StartTime) || !clean.EndTime.Equal(raw.EndTime) ||
		!clean.Links[0].SpanContext.Equal(linked) || !clean.Events[0].Time.Equal(raw.Events[0].Time) ||
		clean.InstrumentationScope != raw.InstrumentationScope {
		t.Errorf("ids, names or timings changed:\n%+v\n%+v", clean, raw)
	}
	if attr(raw.Attributes, "db.password").AsString() != "hunter2" || raw.Status.Description != "no user jane@example.org" {
		t.Errorf("the span handed to other exporters was modified: %+v", raw)
	}
}

func TestSpanExporterUsesTheGivenPolicy(t *testing.T) {
	engine, err := scrubjay.New([]byte("version: 1\nbuiltins: none\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	clean, _ := traced(t, engine, resource.Empty(), func(tr trace.Tracer) {
		_, span := tr.Start(context.Background(), "s", trace.WithAttributes(attribute.String("note", "see TICKET-123456 a@b.io")))
		span.End()
	})
	if got := attr(clean.Attributes, "note").AsString(); got != "see [REDACTED:ticket] a@b.io" {
		t.Fatalf("got %q", got)
	}
}

// A span named after a raw URL loses the token; a route template stays as it is.
func TestSpanExporterScrubsNames(t *testing.T) {
	for name, want := range map[string]string{
		"GET /reset?token=abc123": "GET /reset?token=[REDACTED:secret_kv]",
		"GET /users/{id}":         "GET /users/{id}",
	} {
		clean, raw := traced(t, nil, resource.Empty(), func(tr trace.Tracer) {
			_, span := tr.Start(context.Background(), name)
			span.End()
		})
		if clean.Name != want || raw.Name != name {
			t.Fatalf("%q: exported %q (raw %q), want %q", name, clean.Name, raw.Name, want)
		}
	}
}

// A closed engine cannot scrub: the batch is refused, never exported raw.
func TestSpanExporterFailsClosed(t *testing.T) {
	engine := scrubjay.Default()
	exported := tracetest.NewInMemoryExporter()
	x := sjotel.NewRedactingSpanExporter(exported, engine)
	stub := tracetest.SpanStub{Name: "s", Attributes: []attribute.KeyValue{attribute.String("db.password", "hunter2")}}
	engine.Close()
	if err := x.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{stub.Snapshot()}); err == nil {
		t.Fatal("a closed engine exported without error")
	}
	if n := len(exported.GetSpans()); n != 0 {
		t.Fatalf("%d spans exported unscrubbed", n)
	}
}

// One exporter, many goroutines (run with -race by make go-test).
func TestSpanExporterConcurrentUse(t *testing.T) {
	exported := tracetest.NewInMemoryExporter()
	x := sjotel.NewRedactingSpanExporter(exported, nil)
	res := resource.NewSchemaless(attribute.String("owner", "ops@example.com"))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				stub := tracetest.SpanStub{Name: "s", Resource: res,
					Attributes: []attribute.KeyValue{attribute.String("note", "mail a@b.io")}}
				if err := x.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{stub.Snapshot()}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	spans := exported.GetSpans()
	if len(spans) != 400 {
		t.Fatalf("%d spans", len(spans))
	}
	for _, s := range spans {
		if attr(s.Attributes, "note").AsString() != "mail [REDACTED:email]" ||
			attr(s.Resource.Attributes(), "owner").AsString() != "[REDACTED:email]" {
			t.Fatalf("%+v", s)
		}
	}
}
