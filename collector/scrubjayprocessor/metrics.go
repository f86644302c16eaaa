package scrubjayprocessor

import (
	"context"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// processMetrics redacts resource and scope attributes, and the attributes of every data
// point and exemplar (names, units and values are not personal data and stay).
func (s *scrubber) processMetrics(ctx context.Context, md pmetric.Metrics) (_ pmetric.Metrics, err error) {
	var b batch
	defer s.finish(ctx, &b, &err, md.DataPointCount)
	defer guard(&err)
	rms := md.ResourceMetrics()
	for i := 0; i < rms.Len(); i++ {
		rm := rms.At(i)
		e := s.engines.forResource(rm.Resource().Attributes())
		c := counter{report: b.report(e)}
		redactMap(e, rm.Resource().Attributes(), c)
		sms := rm.ScopeMetrics()
		for j := 0; j < sms.Len(); j++ {
			sm := sms.At(j)
			redactMap(e, sm.Scope().Attributes(), c)
			metrics := sm.Metrics()
			for k := 0; k < metrics.Len(); k++ {
				redactMetric(e, metrics.At(k), c)
			}
		}
	}
	return md, nil
}

// point is what every data point type has: attributes and exemplars.
type point interface {
	Attributes() pcommon.Map
	Exemplars() pmetric.ExemplarSlice
}

func redactMetric(e *scrubjay.Engine, m pmetric.Metric, c counter) {
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		redactPoints(e, m.Gauge().DataPoints(), c)
	case pmetric.MetricTypeSum:
		redactPoints(e, m.Sum().DataPoints(), c)
	case pmetric.MetricTypeHistogram:
		redactPoints(e, m.Histogram().DataPoints(), c)
	case pmetric.MetricTypeExponentialHistogram:
		redactPoints(e, m.ExponentialHistogram().DataPoints(), c)
	case pmetric.MetricTypeSummary:
		points := m.Summary().DataPoints()
		for i := 0; i < points.Len(); i++ {
			redactMap(e, points.At(i).Attributes(), c) // summaries have no exemplars
		}
	}
}

// redactPoints covers the four point slices with exemplars (one generic walk).
func redactPoints[P point, S interface {
	Len() int
	At(int) P
}](e *scrubjay.Engine, points S, c counter) {
	for i := 0; i < points.Len(); i++ {
		p := points.At(i)
		redactMap(e, p.Attributes(), c)
		exemplars := p.Exemplars()
		for j := 0; j < exemplars.Len(); j++ {
			redactMap(e, exemplars.At(j).FilteredAttributes(), c)
		}
	}
}
