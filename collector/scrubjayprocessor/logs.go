package scrubjayprocessor

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/plog"
)

// processLogs redacts resource and scope attributes, then each record.
func (s *scrubber) processLogs(ctx context.Context, ld plog.Logs) (_ plog.Logs, err error) {
	var b batch
	defer s.finish(ctx, &b, &err, ld.LogRecordCount)
	defer guard(&err)
	rls := ld.ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		rl := rls.At(i)
		e := s.engines.forResource(rl.Resource().Attributes())
		report := b.report(e)
		redactMap(e, rl.Resource().Attributes(), counter{report: report})
		sls := rl.ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			sl := sls.At(j)
			redactMap(e, sl.Scope().Attributes(), counter{report: report})
			records := sl.LogRecords()
			for k := 0; k < records.Len(); k++ {
				s.redactRecord(e, records.At(k), report)
			}
		}
	}
	return ld, nil
}

// redactRecord: the attributes in one library call, the body in another (a string through
// the content rules, a map as attributes, nested values kept nested).
func (s *scrubber) redactRecord(e *scrubjay.Engine, rec plog.LogRecord, report *scrubjay.Report) {
	c := counter{report: report, tally: s.newTally()}
	redactMap(e, rec.Attributes(), c)
	redactBody(e, rec.Body(), c)
	s.summarize(rec.Attributes(), c.tally)
}
