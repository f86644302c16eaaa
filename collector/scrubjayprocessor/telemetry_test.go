package scrubjayprocessor

import (
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// The processor counts redactions per rule and fail-closed values through the Collector's meter.
func TestTelemetryCountsRedactionsPerRuleAndFailClosedValues(t *testing.T) {
	tel := componenttest.NewTelemetry()
	defer func() { _ = tel.Shutdown(context.Background()) }()
	cfg := defaultConfig()
	cfg.Policy = map[string]any{"version": 1, "limits": map[string]any{"max_value_bytes": 90}}
	td := secretSpan("checkout")
	_, _, span := onlySpan(td)
	span.Attributes().PutStr("app.huge", strings.Repeat("y", 100))
	processTraces(t, cfg, tel, td)

	redactions, err := tel.GetMetric("scrubjay.redactions")
	if err != nil {
		t.Fatal(err)
	}
	perRule := map[string]int64{}
	for _, dp := range redactions.Data.(metricdata.Sum[int64]).DataPoints {
		rule, _ := dp.Attributes.Value("rule")
		perRule[rule.AsString()] += dp.Value
	}
	if perRule["email"] < 6 || perRule["credit_card"] != 1 || perRule["too_large"] != 1 {
		t.Errorf("per rule: %v", perRule)
	}
	failed, err := tel.GetMetric("scrubjay.failed_closed")
	if err != nil {
		t.Fatal(err)
	}
	if n := failed.Data.(metricdata.Sum[int64]).DataPoints[0].Value; n != 1 {
		t.Errorf("failed_closed: %d", n)
	}
}

// After shutdown the engines are freed: a batch is refused with an error, not forwarded.
func TestBatchRefusedWhenItCannotBeRedacted(t *testing.T) {
	s, err := newScrubber(settings(nil), defaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	_ = s.shutdown(context.Background())
	if _, err := s.processTraces(context.Background(), secretSpan("x")); err == nil {
		t.Fatal("a batch was processed by a closed engine")
	}
}
