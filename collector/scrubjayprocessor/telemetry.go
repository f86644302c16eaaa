package scrubjayprocessor

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

const scopeName = "github.com/scrubjay/scrubjay/collector/scrubjayprocessor"

// The processor's metrics, their attributes, and the values of those attributes that are not
// the engine's rule ids and fail-closed reasons (the same as every scrubjay integration's).
const (
	redactionsMetric   = "scrubjay.redactions"
	failedClosedMetric = "scrubjay.failed_closed"
	ruleKey            = "rule"
	reasonKey          = "reason"
	// The rule of attributes removed because the policy's allow.keys does not list them.
	deniedRule = "allow.keys"
	// The reason of the items of a batch refused because it could not be redacted (and of
	// values the Go package replaced by [REDACTED:error]).
	droppedReason = scrubjay.ReasonRedactionFailed
)

// telemetry is the processor's own metrics, through the Collector's meter: values redacted
// per rule, and values or items that failed closed per reason, as the engine's reports of
// each batch count them.
type telemetry struct {
	redactions metric.Int64Counter
	failed     metric.Int64Counter
}

func newTelemetry(mp metric.MeterProvider) (*telemetry, error) {
	meter := mp.Meter(scopeName)
	redactions, err := meter.Int64Counter(redactionsMetric,
		metric.WithDescription("Values redacted by scrubjay, per rule"), metric.WithUnit("{redaction}"))
	if err != nil {
		return nil, err
	}
	failed, err := meter.Int64Counter(failedClosedMetric,
		metric.WithDescription("Values or items scrubjay replaced or dropped whole instead of scanning, per reason"),
		metric.WithUnit("{value}"))
	if err != nil {
		return nil, err
	}
	return &telemetry{redactions: redactions, failed: failed}, nil
}

// record adds one batch's counts.
func (t *telemetry) record(ctx context.Context, b *batch) {
	for _, er := range b.reports {
		r := er.report
		for rule, n := range r.Counts() {
			t.redactions.Add(ctx, int64(n), metric.WithAttributes(attribute.String(ruleKey, rule)))
		}
		if n := r.Denied(); n > 0 {
			t.redactions.Add(ctx, int64(n), metric.WithAttributes(attribute.String(ruleKey, deniedRule)))
		}
		for reason, n := range r.FailClosed() {
			t.failed.Add(ctx, int64(n), metric.WithAttributes(attribute.String(reasonKey, reason)))
		}
	}
}

// dropped counts the items of a refused batch.
func (t *telemetry) dropped(ctx context.Context, items int) {
	if items > 0 {
		t.failed.Add(ctx, int64(items), metric.WithAttributes(attribute.String(reasonKey, droppedReason)))
	}
}

// batch is what one batch counted: a report per engine that redacted part of it (the
// engines of per-service policies number their rules differently).
type batch struct {
	reports []engineReport
}

type engineReport struct {
	engine *scrubjay.Engine
	report *scrubjay.Report
}

// report is the batch's report for e, made on first use.
func (b *batch) report(e *scrubjay.Engine) *scrubjay.Report {
	for _, er := range b.reports {
		if er.engine == e {
			return er.report
		}
	}
	r := e.NewReport()
	b.reports = append(b.reports, engineReport{engine: e, report: r})
	return r
}

func (b *batch) close() {
	for _, er := range b.reports {
		er.report.Close()
	}
}

// finish records what the batch counted or, when it was refused (*err set), its items as
// dropped; then frees its reports.
func (s *scrubber) finish(ctx context.Context, b *batch, err *error, items func() int) {
	defer b.close()
	if *err != nil {
		s.telemetry.dropped(ctx, items())
		return
	}
	s.telemetry.record(ctx, b)
}

// counter is where one map's or string's redactions count: the batch's report for the engine
// that redacts it (for the metrics) and, with summary: counts, the tally of the span or
// record it belongs to (nil otherwise, and for resource and scope attributes).
type counter struct {
	report *scrubjay.Report
	tally  *tally
}

// newTally is a span's or record's tally: nil unless summary is counts.
func (s *scrubber) newTally() *tally {
	if !s.summary {
		return nil
	}
	return &tally{}
}
