package scrubjayprocessor

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

const scopeName = "github.com/scrubjay/scrubjay/collector/scrubjayprocessor"

// telemetry is the processor's own metrics, through the Collector's meter: values redacted
// per rule, and values that failed closed (replaced because they could not be redacted).
type telemetry struct {
	redactions metric.Int64Counter
	failed     metric.Int64Counter
}

func newTelemetry(mp metric.MeterProvider) (*telemetry, error) {
	meter := mp.Meter(scopeName)
	redactions, err := meter.Int64Counter("scrubjay.redactions",
		metric.WithDescription("Values redacted by the scrubjay processor, per rule"), metric.WithUnit("{value}"))
	if err != nil {
		return nil, err
	}
	failed, err := meter.Int64Counter("scrubjay.failed_closed",
		metric.WithDescription("Values the scrubjay processor replaced because they could not be redacted"), metric.WithUnit("{value}"))
	if err != nil {
		return nil, err
	}
	return &telemetry{redactions: redactions, failed: failed}, nil
}

// record adds one batch's counts.
func (t *telemetry) record(ctx context.Context, batch *tally) {
	for rule, n := range batch.rules {
		t.redactions.Add(ctx, n, metric.WithAttributes(attribute.String("rule", rule)))
	}
	if batch.failed > 0 {
		t.failed.Add(ctx, batch.failed)
	}
}
