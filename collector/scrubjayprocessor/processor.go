package scrubjayprocessor

import (
	"context"
	"fmt"
	"sort"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/processor"
)

// scrubber is one processor instance: its compiled policies, its summary mode and its
// telemetry. The Collector calls it from any number of goroutines; engines are safe for that.
type scrubber struct {
	engines   *engines
	summary   bool
	telemetry *telemetry
}

func newScrubber(set processor.Settings, cfg *Config) (*scrubber, error) {
	es, err := compileAll(cfg)
	if err != nil {
		return nil, err
	}
	tel, err := newTelemetry(set.MeterProvider)
	if err != nil {
		es.close()
		return nil, err
	}
	return &scrubber{engines: es, summary: cfg.Summary == SummaryCounts, telemetry: tel}, nil
}

func (s *scrubber) shutdown(context.Context) error {
	s.engines.close()
	return nil
}

// guard turns a panic inside the engine (an engine used after shutdown) into an error: the
// batch is refused, never forwarded half-redacted.
func guard(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("scrubjay: batch refused, it could not be redacted: %v", r)
	}
}

// summarize writes a span's or record's counts as attributes, when summary is counts (t is
// nil otherwise).
func (s *scrubber) summarize(attrs pcommon.Map, t *tally) {
	if !s.summary || t.empty() {
		return
	}
	rules := make([]string, 0, len(t.rules))
	for rule := range t.rules {
		rules = append(rules, rule)
	}
	sort.Strings(rules)
	for _, rule := range rules {
		attrs.PutInt(summaryPrefix+rule, t.rules[rule])
	}
	if t.failed > 0 {
		attrs.PutInt(summaryFailed, t.failed)
	}
}

// The summary attributes: scrubjay.redacted.<rule> = values redacted by that rule,
// scrubjay.failed_closed = values replaced because they could not be redacted.
const (
	summaryPrefix = "scrubjay.redacted."
	summaryFailed = "scrubjay.failed_closed"
)
