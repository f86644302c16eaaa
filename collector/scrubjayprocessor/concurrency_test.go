package scrubjayprocessor

import (
	"context"
	"sync"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
)

// One processor, batches from many goroutines at once, as a Collector's receivers send
// them (run under -race by make collector-test): every span comes out the same.
func TestConcurrentBatches(t *testing.T) {
	cfg := defaultConfig()
	cfg.Summary = SummaryCounts
	sink := &consumertest.TracesSink{}
	p, err := NewFactory().CreateTraces(context.Background(), settings(componenttest.NewTelemetry()), cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				if err := p.ConsumeTraces(context.Background(), secretSpan("checkout")); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := p.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(sink.AllTraces()); n != 200 {
		t.Fatalf("%d batches", n)
	}
	for _, td := range sink.AllTraces() {
		_, _, span := onlySpan(td)
		if span.Name() != "notify [REDACTED:email]" || str(span.Attributes(), "db.password") != "[REDACTED:password]" ||
			str(span.Events().At(0).Attributes(), "exception.message") == "lookup of bob%40example.com failed" {
			t.Fatalf("a span came out differently: %s", span.Name())
		}
	}
}
