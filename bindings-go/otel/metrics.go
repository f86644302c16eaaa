package otel

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	gootel "go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/metric/noop"
)

// The metrics a wrapper given WithMeter records, their attributes, and the values of those
// attributes that are not the engine's rule ids and reasons.
const (
	// RedactionsMetric counts the values redacted, per rule (attribute RuleKey: a content
	// rule id such as "email", a field rule name, or DeniedRule).
	RedactionsMetric = "scrubjay.redactions"
	// FailedClosedMetric counts the values or items replaced or dropped whole instead of
	// scanned, per reason (attribute ReasonKey: too_large, too_deep, scan_budget, ... as
	// scrubjay.Report.FailClosed names them, or DroppedReason).
	FailedClosedMetric = "scrubjay.failed_closed"
	// RuleKey is the attribute of RedactionsMetric.
	RuleKey = "rule"
	// ReasonKey is the attribute of FailedClosedMetric.
	ReasonKey = "reason"
	// DeniedRule is the rule of the attributes removed because the policy's allow.keys does
	// not list them.
	DeniedRule = "allow.keys"
	// DroppedReason is the reason of the spans and log records a wrapper could not scrub and
	// so did not pass on (and of values the scrubjay package replaced by [REDACTED:error]).
	DroppedReason = scrubjay.ReasonRedactionFailed
)

// Option configures a wrapper (NewRedactingSpanExporter, NewLogProcessor).
type Option func(*options)

type options struct {
	meter metric.Meter
}

// WithMeter records what the wrapper redacts on meter, as two counters: RedactionsMetric
// (unit {redaction}, attribute rule) and FailedClosedMetric (unit {value}, attribute
// reason). Each export (each log record for the LogProcessor) is scrubbed into a fresh
// scrubjay.Report, whose counts are then added to the counters. A nil meter records nothing.
//
//	meter := meterProvider.Meter("github.com/scrubjay/scrubjay/bindings-go/otel")
//	exporter := otel.NewRedactingSpanExporter(otlpExporter, nil, otel.WithMeter(meter))
func WithMeter(meter metric.Meter) Option {
	return func(o *options) { o.meter = meter }
}

// redactionMetrics are the two counters of a wrapper given a meter; nil without one.
type redactionMetrics struct {
	redactions metric.Int64Counter
	failed     metric.Int64Counter
}

func newRedactionMetrics(opts []Option) *redactionMetrics {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.meter == nil {
		return nil
	}
	redactions, err := o.meter.Int64Counter(RedactionsMetric,
		metric.WithUnit("{redaction}"), metric.WithDescription("Values redacted by scrubjay, per rule"))
	if err != nil {
		gootel.Handle(err)
	}
	failed, err := o.meter.Int64Counter(FailedClosedMetric, metric.WithUnit("{value}"),
		metric.WithDescription("Values or items scrubjay replaced or dropped whole instead of scanning, per reason"))
	if err != nil {
		gootel.Handle(err)
	}
	m := &redactionMetrics{redactions: redactions, failed: failed}
	if m.redactions == nil {
		m.redactions = noop.Int64Counter{}
	}
	if m.failed == nil {
		m.failed = noop.Int64Counter{}
	}
	return m
}

// newReport is the report one export counts into: a fresh one when there are metrics to
// record, else nil (no counting at all).
func (m *redactionMetrics) newReport(e *scrubjay.Engine) *scrubjay.Report {
	if m == nil {
		return nil
	}
	return e.NewReport()
}

// record adds the counts of r (nil: none) and dropped items to the counters.
func (m *redactionMetrics) record(ctx context.Context, r *scrubjay.Report, dropped int) {
	if m == nil {
		return
	}
	if r != nil {
		for rule, n := range r.Counts() {
			m.redactions.Add(ctx, int64(n), metric.WithAttributes(attribute.String(RuleKey, rule)))
		}
		if n := r.Denied(); n > 0 {
			m.redactions.Add(ctx, int64(n), metric.WithAttributes(attribute.String(RuleKey, DeniedRule)))
		}
		for reason, n := range r.FailClosed() {
			m.failed.Add(ctx, int64(n), metric.WithAttributes(attribute.String(ReasonKey, reason)))
		}
	}
	if dropped > 0 {
		m.failed.Add(ctx, int64(dropped), metric.WithAttributes(attribute.String(ReasonKey, DroppedReason)))
	}
}
