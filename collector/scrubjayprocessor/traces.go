package scrubjayprocessor

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// processTraces redacts resource and scope attributes, then each span.
func (s *scrubber) processTraces(ctx context.Context, td ptrace.Traces) (_ ptrace.Traces, err error) {
	defer guard(&err)
	var batch tally
	rss := td.ResourceSpans()
	for i := 0; i < rss.Len(); i++ {
		rs := rss.At(i)
		e := s.engines.forResource(rs.Resource().Attributes())
		redactMap(e, rs.Resource().Attributes(), &batch)
		sss := rs.ScopeSpans()
		for j := 0; j < sss.Len(); j++ {
			ss := sss.At(j)
			redactMap(e, ss.Scope().Attributes(), &batch)
			spans := ss.Spans()
			for k := 0; k < spans.Len(); k++ {
				s.redactSpan(e, spans.At(k), &batch)
			}
		}
	}
	s.telemetry.record(ctx, &batch)
	return td, nil
}

// redactSpan: the attributes in one library call; the name, the status message and each
// event's name through Redact; event and link attributes one call each. Ids, kinds,
// timings and trace state are not touched.
func (s *scrubber) redactSpan(e *scrubjay.Engine, span ptrace.Span, batch *tally) {
	var t tally
	if name := span.Name(); name != "" {
		span.SetName(redactString(e, name, &t))
	}
	redactMap(e, span.Attributes(), &t)
	events := span.Events()
	for i := 0; i < events.Len(); i++ {
		ev := events.At(i)
		ev.SetName(redactString(e, ev.Name(), &t))
		redactMap(e, ev.Attributes(), &t)
	}
	links := span.Links()
	for i := 0; i < links.Len(); i++ {
		redactMap(e, links.At(i).Attributes(), &t)
	}
	if msg := span.Status().Message(); msg != "" {
		span.Status().SetMessage(redactString(e, msg, &t))
	}
	s.summarize(span.Attributes(), &t)
	batch.merge(&t)
}
