package scrubjayprocessor

import (
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

func TestMetricsPointAndExemplarAttributesScrubbed(t *testing.T) {
	md := pmetric.NewMetrics()
	rm := md.ResourceMetrics().AppendEmpty()
	rm.Resource().Attributes().PutStr("owner", "ops@example.com")
	metrics := rm.ScopeMetrics().AppendEmpty().Metrics()
	withUser := func(attrs pcommon.Map) { attrs.PutStr("user", "jane@example.org"); attrs.PutStr("route", "/checkout") }

	gauge := metrics.AppendEmpty()
	gauge.SetName("queue.depth")
	gp := gauge.SetEmptyGauge().DataPoints().AppendEmpty()
	gp.SetIntValue(42)
	withUser(gp.Attributes())
	ex := gp.Exemplars().AppendEmpty()
	ex.SetTraceID(traceID)
	ex.FilteredAttributes().PutStr("client", "bob@example.com")
	sum := metrics.AppendEmpty()
	withUser(sum.SetEmptySum().DataPoints().AppendEmpty().Attributes())
	hist := metrics.AppendEmpty()
	withUser(hist.SetEmptyHistogram().DataPoints().AppendEmpty().Attributes())
	exp := metrics.AppendEmpty()
	withUser(exp.SetEmptyExponentialHistogram().DataPoints().AppendEmpty().Attributes())
	summary := metrics.AppendEmpty()
	withUser(summary.SetEmptySummary().DataPoints().AppendEmpty().Attributes())

	out := processMetrics(t, defaultConfig(), md).ResourceMetrics().At(0)
	expect(t, "resource", str(out.Resource().Attributes(), "owner"), "[REDACTED:email]")
	got := out.ScopeMetrics().At(0).Metrics()
	points := []pcommon.Map{
		got.At(0).Gauge().DataPoints().At(0).Attributes(),
		got.At(1).Sum().DataPoints().At(0).Attributes(),
		got.At(2).Histogram().DataPoints().At(0).Attributes(),
		got.At(3).ExponentialHistogram().DataPoints().At(0).Attributes(),
		got.At(4).Summary().DataPoints().At(0).Attributes(),
	}
	for i, attrs := range points {
		expect(t, got.At(i).Type().String()+" user", str(attrs, "user"), "[REDACTED:email]")
		expect(t, got.At(i).Type().String()+" route", str(attrs, "route"), "/checkout")
	}
	g := got.At(0).Gauge().DataPoints().At(0)
	expect(t, "exemplar", str(g.Exemplars().At(0).FilteredAttributes(), "client"), "[REDACTED:email]")
	if g.IntValue() != 42 || g.Exemplars().At(0).TraceID() != traceID || got.At(0).Name() != "queue.depth" {
		t.Error("values, names or exemplar ids changed")
	}
}
