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
}

var _ sdktrace.SpanExporter = (*RedactingSpanExporter)(nil)

// NewRedactingSpanExporter wraps next. A nil engine is the default policy; the caller keeps
// ownership of a given one (close it after the exporter's Shutdown).
func NewRedactingSpanExporter(next sdktrace.SpanExporter, engine *scrubjay.Engine) *RedactingSpanExporter {
	return &RedactingSpanExporter{next: next, engine: engineOr(engine)}
}

// ExportSpans exports scrubbed copies of spans. If scrubbing fails (the engine was closed),
// nothing is exported and the error says why: a span is never exported unscrubbed.
func (x *RedactingSpanExporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	clean, err := x.scrub(spans)
	if err != nil {
		return err
	}
	return x.next.ExportSpans(ctx, clean)
}

func (x *RedactingSpanExporter) scrub(spans []sdktrace.ReadOnlySpan) (clean []sdktrace.ReadOnlySpan, err error) {
	defer func() {
		if r := recover(); r != nil {
			clean, err = nil, fmt.Errorf("scrubjay: %d spans dropped: %v", len(spans), r)
		}
	}()
	clean = make([]sdktrace.ReadOnlySpan, len(spans))
	for i, s := range spans {
		clean[i] = x.scrubSpan(s)
	}
	return clean, nil
}

// Shutdown shuts the wrapped exporter down.
func (x *RedactingSpanExporter) Shutdown(ctx context.Context) error { return x.next.Shutdown(ctx) }

func (x *RedactingSpanExporter) scrubSpan(s sdktrace.ReadOnlySpan) sdktrace.ReadOnlySpan {
	e := x.engine
	out := &scrubbedSpan{
		ReadOnlySpan: s,
		name:         e.Redact(s.Name()),
		attrs:        redactKVs(e, s.Attributes()),
		status:       s.Status(),
	}
	if events := s.Events(); len(events) > 0 {
		out.events = make([]sdktrace.Event, len(events))
		for i, ev := range events {
			ev.Name = e.Redact(ev.Name)
			ev.Attributes = redactKVs(e, ev.Attributes)
			out.events[i] = ev
		}
	}
	if links := s.Links(); len(links) > 0 {
		out.links = make([]sdktrace.Link, len(links))
		for i, l := range links {
			l.Attributes = redactKVs(e, l.Attributes)
			out.links[i] = l
		}
	}
	if out.status.Description != "" {
		out.status.Description = e.Redact(out.status.Description)
	}
	out.resource = x.resources.get(s.Resource(), e)
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
