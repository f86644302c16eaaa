package otel

import (
	"context"
	"fmt"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// RedactingSpanExporter wraps a SpanExporter: every span it exports is a scrubbed copy.
// The spans handed in are not modified, so other processors of the same provider still see
// them as they were. Safe for concurrent use, as the engine is.
type RedactingSpanExporter struct {
	next      sdktrace.SpanExporter
	engine    *scrubjay.Engine
	resources resourceCache
	metrics   *redactionMetrics
}

var _ sdktrace.SpanExporter = (*RedactingSpanExporter)(nil)

// NewRedactingSpanExporter wraps next. A nil engine is the default policy; the caller keeps
// ownership of a given one (close it after the exporter's Shutdown). WithMeter records what
// each export redacts.
func NewRedactingSpanExporter(next sdktrace.SpanExporter, engine *scrubjay.Engine, opts ...Option) *RedactingSpanExporter {
	return &RedactingSpanExporter{next: next, engine: engineOr(engine), metrics: newRedactionMetrics(opts)}
}

// ExportSpans exports scrubbed copies of spans. If scrubbing fails (the engine was closed),
// nothing is exported and the error says why: a span is never exported unscrubbed. With
// WithMeter, what the export redacted is recorded first (or, when it fails, its spans under
// DroppedReason).
func (x *RedactingSpanExporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	clean, report, err := x.scrub(spans)
	defer report.Close()
	if err != nil {
		x.metrics.record(ctx, nil, len(spans))
		return err
	}
	x.metrics.record(ctx, report, 0)
	return x.next.ExportSpans(ctx, clean)
}

// scrub scrubs spans, counting into a fresh report when there are metrics to record.
func (x *RedactingSpanExporter) scrub(spans []sdktrace.ReadOnlySpan) (clean []sdktrace.ReadOnlySpan, report *scrubjay.Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			clean, err = nil, fmt.Errorf("scrubjay: %d spans dropped: %v", len(spans), r)
		}
	}()
	report = x.metrics.newReport(x.engine)
	clean = make([]sdktrace.ReadOnlySpan, len(spans))
	for i, s := range spans {
		clean[i] = x.scrubSpan(s, report)
	}
	return clean, report, nil
}

// Shutdown shuts the wrapped exporter down.
func (x *RedactingSpanExporter) Shutdown(ctx context.Context) error { return x.next.Shutdown(ctx) }

func (x *RedactingSpanExporter) scrubSpan(s sdktrace.ReadOnlySpan, r *scrubjay.Report) sdktrace.ReadOnlySpan {
	e := x.engine
	out := &scrubbedSpan{
		ReadOnlySpan: s,
		name:         e.RedactWithReport(s.Name(), r),
		attrs:        redactKVs(e, s.Attributes(), r),
		status:       s.Status(),
	}
	if events := s.Events(); len(events) > 0 {
		out.events = make([]sdktrace.Event, len(events))
		for i, ev := range events {
			ev.Name = e.RedactWithReport(ev.Name, r)
			ev.Attributes = redactKVs(e, ev.Attributes, r)
			out.events[i] = ev
		}
	}
	if links := s.Links(); len(links) > 0 {
		out.links = make([]sdktrace.Link, len(links))
		for i, l := range links {
			l.Attributes = redactKVs(e, l.Attributes, r)
			out.links[i] = l
		}
	}
	if out.status.Description != "" {
		out.status.Description = e.RedactWithReport(out.status.Description, r)
	}
	out.resource = x.resources.get(s.Resource(), e, r)
	return out
}

// scrubbedSpan is a ReadOnlySpan with the scrubbed parts replaced (the name too: a raw URL
// with a token in it; a route template stays as it is); everything else (ids, kind, timings,
// scope, dropped counts) is the original's. Embedding the interface is
// what lets a type outside the SDK be a ReadOnlySpan.
type scrubbedSpan struct {
	sdktrace.ReadOnlySpan
	name     string
	attrs    []attribute.KeyValue
	events   []sdktrace.Event
	links    []sdktrace.Link
	status   sdktrace.Status
	resource *resource.Resource
}

func (s *scrubbedSpan) Name() string                     { return s.name }
func (s *scrubbedSpan) Attributes() []attribute.KeyValue { return s.attrs }
func (s *scrubbedSpan) Events() []sdktrace.Event         { return s.events }
func (s *scrubbedSpan) Links() []sdktrace.Link           { return s.links }
func (s *scrubbedSpan) Status() sdktrace.Status          { return s.status }
func (s *scrubbedSpan) Resource() *resource.Resource     { return s.resource }
