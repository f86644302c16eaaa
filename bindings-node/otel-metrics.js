'use strict'
// OpenTelemetry JS metrics (`@opentelemetry/sdk-metrics`): an exporter wrapper that exports
// scrubbed copies. A metric's descriptor (name, unit, description) is its schema and its
// values are numbers: they are copied as they are. What carries the application's text is
// attributes: each data point's, each exemplar's (`filteredAttributes`, when the SDK exports
// exemplars), the resource's and the scope's. Each attribute map is one engine call.

const { Scrubber, scrubberOf, defaultEngine, redactResource, redactScope } = require('./otel-shared.js')
const { metricsFor } = require('./redaction-metrics.js')

function copyPoint(point, scrubber) {
  const out = { ...point, attributes: scrubber.attributes(point.attributes) ?? {} }
  if (Array.isArray(point.exemplars)) {
    out.exemplars = point.exemplars.map((e) => ({ ...e, filteredAttributes: scrubber.attributes(e.filteredAttributes) ?? {} }))
  }
  return out
}

// A copy of one ResourceMetrics; `onDrop(n)` hears of metrics left out because they could not
// be scrubbed (never exported raw).
function copyResourceMetrics(resourceMetrics, scrubber, onDrop) {
  const scopeMetrics = (resourceMetrics.scopeMetrics || []).map((item) => {
    const metrics = []
    for (const metric of item.metrics || []) {
      try {
        metrics.push({ ...metric, dataPoints: metric.dataPoints.map((p) => copyPoint(p, scrubber)) })
      } catch {
        onDrop(1)
      }
    }
    return { ...item, scope: redactScope(item.scope, scrubber), metrics }
  })
  return { ...resourceMetrics, resource: redactResource(resourceMetrics.resource, scrubber), scopeMetrics }
}

/**
 * A scrubbed copy of the `ResourceMetrics` a metric reader collects (the original is left
 * alone). A metric that cannot be scrubbed is left out, and `onDrop(n)` hears of it.
 */
function redactMetrics(resourceMetrics, engine = defaultEngine(), onDrop = () => {}) {
  return copyResourceMetrics(resourceMetrics, scrubberOf(engine), onDrop)
}

/**
 * Wraps a push metric exporter: it receives scrubbed copies. The wrapped exporter's choice of
 * aggregation temporality and aggregation is the wrapper's. A metric that cannot be scrubbed is
 * dropped, never exported raw (`dropped` counts them).
 *
 *   new PeriodicExportingMetricReader({ exporter: new RedactingMetricExporter(new OTLPMetricExporter()) })
 */
class RedactingMetricExporter {
  constructor(next, engine = defaultEngine(), options = {}) {
    this.next = next
    this.engine = engine
    this.scrubber = new Scrubber(engine, metricsFor(options))
    this.dropped = 0
    // The reader looks these up on its exporter and falls back to its defaults without them.
    if (typeof next.selectAggregationTemporality === 'function') {
      this.selectAggregationTemporality = (instrumentType) => next.selectAggregationTemporality(instrumentType)
    }
    if (typeof next.selectAggregation === 'function') {
      this.selectAggregation = (instrumentType) => next.selectAggregation(instrumentType)
    }
  }

  export(resourceMetrics, resultCallback) {
    const clean = copyResourceMetrics(resourceMetrics, this.scrubber, (n) => {
      this.dropped += n
      this.scrubber.dropped(n)
    })
    this.next.export(clean, resultCallback)
  }

  forceFlush() {
    return this.next.forceFlush ? this.next.forceFlush() : Promise.resolve()
  }

  shutdown() {
    return this.next.shutdown()
  }
}

module.exports = { RedactingMetricExporter, redactMetrics }
