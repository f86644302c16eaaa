package otel_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	sjotel "github.com/scrubjay/scrubjay/bindings-go/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// meter is a meter whose metrics reader collects on demand.
func meter(t *testing.T) (*sdkmetric.ManualReader, sjotel.Option) {
	t.Helper()
	reader := sdkmetric.NewManualReader()
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = provider.Shutdown(context.Background()) })
	return reader, sjotel.WithMeter(provider.Meter("scrubjay-test"))
}

// sums collects one counter: its value per value of the attribute key, its unit and
// description.
func sums(t *testing.T, reader *sdkmetric.ManualReader, name, key string) (map[string]int64, string, string) {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			sum, ok := m.Data.(metricdata.Sum[int64])
			if !ok || !sum.IsMonotonic {
				t.Fatalf("%s is not a counter: %T", name, m.Data)
			}
			for _, dp := range sum.DataPoints {
				v, _ := dp.Attributes.Value(attribute.Key(key))
				out[v.AsString()] += dp.Value
			}
			return out, m.Unit, m.Description
		}
	}
	return out, "", ""
}

func expectSums(t *testing.T, what string, got, want map[string]int64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
		return
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %v, want %v", what, got, want)
			return
		}
	}
}

// A span export's redactions, per rule, and its values that failed closed, per reason.
func TestSpanExporterRecordsRedactionsOnTheMeter(t *testing.T) {
	engine, err := scrubjay.New([]byte(`{"version": 1, "limits": {"max_value_bytes": 64}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	reader, withMeter := meter(t)
	exported := tracetest.NewInMemoryExporter()
	x := sjotel.NewRedactingSpanExporter(exported, engine, withMeter)
	res := resource.NewSchemaless(attribute.String("owner", "ops@example.com"))
	stub := tracetest.SpanStub{
		Name:     "mail to jane@example.org",
		Resource: res,
		Attributes: []attribute.KeyValue{
			attribute.String("user.email", "bob@example.com"),
			attribute.String("app.huge", strings.Repeat("y", 100)),
			attribute.Int("http.response.status_code", 200),
		},
		Events: []sdktrace.Event{{Name: "charged", Attributes: []attribute.KeyValue{
			attribute.String("exception.message", "card 4111 1111 1111 1111 declined")}}},
	}
	spans := []sdktrace.ReadOnlySpan{stub.Snapshot(), stub.Snapshot()}
	if err := x.ExportSpans(context.Background(), spans); err != nil {
		t.Fatal(err)
	}
	if got := attr(exported.GetSpans()[0].Attributes, "app.huge").AsString(); got != "[REDACTED:too_large]" {
		t.Fatalf("app.huge: %q", got)
	}
	// Two spans: each has two e-mails (name, attribute) and a card; the shared resource (a
	// third e-mail) is scrubbed once.
	redactions, unit, description := sums(t, reader, sjotel.RedactionsMetric, sjotel.RuleKey)
	expectSums(t, "redactions", redactions, map[string]int64{"email": 5, "credit_card": 2})
	if unit != "{redaction}" || description != "Values redacted by scrubjay, per rule" {
		t.Errorf("redactions: unit %q, description %q", unit, description)
	}
	failed, unit, description := sums(t, reader, sjotel.FailedClosedMetric, sjotel.ReasonKey)
	expectSums(t, "failed closed", failed, map[string]int64{"too_large": 2})
	if unit != "{value}" || description != "Values or items scrubjay replaced or dropped whole instead of scanning, per reason" {
		t.Errorf("failed closed: unit %q, description %q", unit, description)
	}

	// The next export adds to the counters.
	if err := x.ExportSpans(context.Background(), spans[:1]); err != nil {
		t.Fatal(err)
	}
	redactions, _, _ = sums(t, reader, sjotel.RedactionsMetric, sjotel.RuleKey)
	expectSums(t, "two exports", redactions, map[string]int64{"email": 7, "credit_card": 3})
}

// Attributes removed because allow.keys does not list them count under the rule allow.keys.
func TestSpanExporterRecordsDeniedAttributes(t *testing.T) {
	engine, err := scrubjay.New([]byte(`{"version": 1, "allow": {"keys": ["http.*"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	reader, withMeter := meter(t)
	x := sjotel.NewRedactingSpanExporter(tracetest.NewInMemoryExporter(), engine, withMeter)
	stub := tracetest.SpanStub{Name: "s", Attributes: []attribute.KeyValue{
		attribute.String("http.route", "/x"), attribute.String("app.secret", "s"), attribute.Int("app.n", 1)}}
	if err := x.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{stub.Snapshot()}); err != nil {
		t.Fatal(err)
	}
	redactions, _, _ := sums(t, reader, sjotel.RedactionsMetric, sjotel.RuleKey)
	expectSums(t, "denied", redactions, map[string]int64{sjotel.DeniedRule: 2})
}

// A batch that cannot be scrubbed counts its spans as dropped.
func TestSpanExporterRecordsDroppedSpans(t *testing.T) {
	engine := scrubjay.Default()
	reader, withMeter := meter(t)
	x := sjotel.NewRedactingSpanExporter(tracetest.NewInMemoryExporter(), engine, withMeter)
	stub := tracetest.SpanStub{Name: "s", Attributes: []attribute.KeyValue{attribute.String("db.password", "hunter2")}}
	engine.Close()
	if err := x.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{stub.Snapshot(), stub.Snapshot()}); err == nil {
		t.Fatal("a closed engine exported without error")
	}
	failed, _, _ := sums(t, reader, sjotel.FailedClosedMetric, sjotel.ReasonKey)
	expectSums(t, "dropped", failed, map[string]int64{sjotel.DroppedReason: 2})
	redactions, _, _ := sums(t, reader, sjotel.RedactionsMetric, sjotel.RuleKey)
	expectSums(t, "nothing redacted", redactions, map[string]int64{})
}

// Each log record's scrubbing is recorded; a record that cannot be scrubbed counts as dropped.
func TestLogProcessorRecordsRedactionsOnTheMeter(t *testing.T) {
	engine := scrubjay.Default()
	reader, withMeter := meter(t)
	memory := &memoryLogs{}
	provider := sdklog.NewLoggerProvider(
		sdklog.WithProcessor(sjotel.NewLogProcessor(sdklog.NewSimpleProcessor(memory), engine, withMeter)))
	var r log.Record
	r.SetBody(attribute.StringValue("login failed for jane@example.org"))
	r.AddAttributes(attribute.String("db.password", "hunter2"), attribute.String("note", "a@b.io"))
	logger := provider.Logger("shop")
	logger.Emit(context.Background(), r)
	logger.Emit(context.Background(), r)
	redactions, _, _ := sums(t, reader, sjotel.RedactionsMetric, sjotel.RuleKey)
	expectSums(t, "log redactions", redactions, map[string]int64{"email": 4, "password": 2})

	engine.Close()
	logger.Emit(context.Background(), r)
	failed, _, _ := sums(t, reader, sjotel.FailedClosedMetric, sjotel.ReasonKey)
	expectSums(t, "dropped record", failed, map[string]int64{sjotel.DroppedReason: 1})
	if len(memory.records) != 2 {
		t.Fatalf("%d records passed on", len(memory.records))
	}
	if err := provider.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// Without a meter nothing is counted, and a nil meter is no meter.
func TestWrappersWithoutAMeter(t *testing.T) {
	exported := tracetest.NewInMemoryExporter()
	x := sjotel.NewRedactingSpanExporter(exported, nil, sjotel.WithMeter(nil), nil)
	stub := tracetest.SpanStub{Name: "a@b.io"}
	if err := x.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{stub.Snapshot()}); err != nil {
		t.Fatal(err)
	}
	if got := exported.GetSpans()[0].Name; got != "[REDACTED:email]" {
		t.Fatalf("name %q", got)
	}
}

// One exporter with a meter, many goroutines (run with -race by make go-test).
func TestSpanExporterRecordsUnderConcurrentUse(t *testing.T) {
	reader, withMeter := meter(t)
	x := sjotel.NewRedactingSpanExporter(tracetest.NewInMemoryExporter(), nil, withMeter)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				stub := tracetest.SpanStub{Name: "s", Attributes: []attribute.KeyValue{attribute.String("note", "mail a@b.io")}}
				if err := x.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{stub.Snapshot()}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	redactions, _, _ := sums(t, reader, sjotel.RedactionsMetric, sjotel.RuleKey)
	expectSums(t, "concurrent", redactions, map[string]int64{"email": 200})
}
