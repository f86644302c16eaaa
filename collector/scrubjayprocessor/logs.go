package scrubjayprocessor

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/plog"
)

// processLogs redacts resource and scope attributes, then each record.
func (s *scrubber) processLogs(ctx context.Context, ld plog.Logs) (_ plog.Logs, err error) {
	defer guard(&err)
	var batch tally
	rls := ld.ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		rl := rls.At(i)
		e := s.engines.forResource(rl.Resource().Attributes())
		redactMap(e, rl.Resource().Attributes(), &batch)
		sls := rl.ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			sl := sls.At(j)
			redactMap(e, sl.Scope().Attributes(), &batch)
			records := sl.LogRecords()
			for k := 0; k < records.Len(); k++ {
				s.redactRecord(e, records.At(k), &batch)
			}
		}
	}
	s.telemetry.record(ctx, &batch)
	return ld, nil
}

// redactRecord: the attributes in one library call, the body in another (a string through
// the content rules, a map as attributes, nested values kept nested).
func (s *scrubber) redactRecord(e *scrubjay.Engine, rec plog.LogRecord, batch *tally) {
	var t tally
	redactMap(e, rec.Attributes(), &t)
	redactBody(e, rec.Body(), &t)
	s.summarize(rec.Attributes(), &t)
	batch.merge(&t)
}
