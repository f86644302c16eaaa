package otel

import (
	"context"
	"fmt"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/otel/attribute"
	sdklog "go.opentelemetry.io/otel/sdk/log"
)

// LogProcessor scrubs each log record in OnEmit (records are mutable there): its body (a
// string through the content rules, a map or slice as attributes) and its attributes,
// exception.* included. Then it passes the record on to the processor it wraps, so that
// what the wrapped processor exports is scrubbed. Safe for concurrent use.
type LogProcessor struct {
	next    sdklog.Processor
	engine  *scrubjay.Engine
	metrics *redactionMetrics
}

// failedValue replaces what could not be scrubbed, as the scrubjay package does.
const failedValue = "[REDACTED:error]"

var _ sdklog.Processor = (*LogProcessor)(nil)

// NewLogProcessor wraps next (nil: the record is only scrubbed, for processors registered
// after this one). A nil engine is the default policy. WithMeter records what each record's
// scrubbing redacts.
func NewLogProcessor(next sdklog.Processor, engine *scrubjay.Engine, opts ...Option) *LogProcessor {
	return &LogProcessor{next: next, engine: engineOr(engine), metrics: newRedactionMetrics(opts)}
}

// OnEmit scrubs record, then hands it to the wrapped processor. If scrubbing fails (the
// engine was closed), the record's body and attributes are replaced (processors after this
// one see the record too, so it is emptied rather than only held back), it is not passed on,
// and the error says why. With WithMeter, what the record's scrubbing redacted is recorded
// (or, when it fails, the record under DroppedReason).
func (p *LogProcessor) OnEmit(ctx context.Context, record *sdklog.Record) error {
	report, err := p.scrub(record)
	defer report.Close()
	if err != nil {
		record.SetBody(attribute.StringValue(failedValue))
		record.SetAttributes()
		p.metrics.record(ctx, nil, 1)
		return err
	}
	p.metrics.record(ctx, report, 0)
	if p.next == nil {
		return nil
	}
	return p.next.OnEmit(ctx, record)
}

// scrub scrubs record in place, counting into a fresh report when there are metrics to
// record.
func (p *LogProcessor) scrub(record *sdklog.Record) (report *scrubjay.Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scrubjay: log record dropped: %v", r)
		}
	}()
	report = p.metrics.newReport(p.engine)
	record.SetBody(redactValue(p.engine, record.Body(), report))
	if record.AttributesLen() == 0 {
		return report, nil
	}
	attrs := make([]attribute.KeyValue, 0, record.AttributesLen())
	record.WalkAttributes(func(kv attribute.KeyValue) bool {
		attrs = append(attrs, kv)
		return true
	})
	record.SetAttributes(redactKVs(p.engine, attrs, report)...)
	return report, nil
}

// Enabled is the wrapped processor's answer (true without one).
func (p *LogProcessor) Enabled(ctx context.Context, param sdklog.EnabledParameters) bool {
	return p.next == nil || p.next.Enabled(ctx, param)
}

// Shutdown shuts the wrapped processor down.
func (p *LogProcessor) Shutdown(ctx context.Context) error {
	if p.next == nil {
		return nil
	}
	return p.next.Shutdown(ctx)
}

// ForceFlush flushes the wrapped processor.
func (p *LogProcessor) ForceFlush(ctx context.Context) error {
	if p.next == nil {
		return nil
	}
	return p.next.ForceFlush(ctx)
}
