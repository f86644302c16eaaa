package scrubjayprocessor

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// processTraces redacts resource and scope attributes, then each span.
func (s *scrubber) processTraces(ctx context.Context, td ptrace.Traces) (_ ptrace.Traces, err error) {
	var b batch
	defer s.finish(ctx, &b, &err, td.SpanCount)
	defer guard(&err)
	rss := td.ResourceSpans()
	for i := 0; i < rss.Len(); i++ {
		rs := rss.At(i)
		e := s.engines.forResource(rs.Resource().Attributes())
		report := b.report(e)
		redactMap(e, rs.Resource().Attributes(), counter{report: report})
		sss := rs.ScopeSpans()
		for j := 0; j < sss.Len(); j++ {
			ss := sss.At(j)
			redactMap(e, ss.Scope().Attributes(), counter{report: report})
			spans := ss.Spans()
			for k := 0; k < spans.Len(); k++ {
				s.redactSpan(e, spans.At(k), report)
			}
		}
	}
	return td, nil
}

// redactSpan: the attributes in one library call; the name, the status message and each
// event's name through Redact; event and link attributes one call each. Ids, kinds,
// timings and trace state are not touched.
func (s *scrubber) redactSpan(e *scrubjay.Engine, span ptrace.Span, report *scrubjay.Report) {
	c := counter{report: report, tally: s.newTally()}
	if name := span.Name(); name != "" {
		span.SetName(redactString(e, name, c))
	}
	redactMap(e, span.Attributes(), c)
	events := span.Events()
	for i := 0; i < events.Len(); i++ {
		ev := events.At(i)
		ev.SetName(redactString(e, ev.Name(), c))
		redactMap(e, ev.Attributes(), c)
	}
	links := span.Links()
	for i := 0; i < links.Len(); i++ {
		redactMap(e, links.At(i).Attributes(), c)
	}
	if msg := span.Status().Message(); msg != "" {
		span.Status().SetMessage(redactString(e, msg, c))
	}
	s.summarize(span.Attributes(), c.tally)
}
