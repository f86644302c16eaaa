'use strict'
// RedactingMetricExporter and the redaction metrics (`{ meter }`), with the current
// @opentelemetry/sdk-metrics and the oldest supported (2.0).
const test = require('node:test')
const assert = require('node:assert/strict')
const { JsonMetricsSerializer } = require('@opentelemetry/otlp-transformer')
const { RedactingMetricExporter, RedactingSpanExporter, RedactingLogRecordProcessor, RedactionMetrics, redactMetrics } = require('../otel')
const { Engine } = require('..')

const SDKS = [
  { label: 'current', metrics: require('@opentelemetry/sdk-metrics'), resources: require('@opentelemetry/resources') },
  { label: 'oldest', metrics: require('otel-oldest-sdk-metrics'), resources: require('otel-oldest-resources') },
]
const HOUR = 3600 * 1000

function recordWorkload(meter) {
  const orders = meter.createCounter('shop.orders', { unit: '{order}', description: 'orders placed' })
  orders.add(2, { customer: 'jane@example.org', channel: 'web' })
  orders.add(1, { customer: 'jane@example.org', channel: 'web' })
  meter.createHistogram('shop.charge.duration', { unit: 'ms' }).record(12.5, { 'url.full': 'https://pay.example.com/c?token=tok_abc123&page=2' })
  meter.createUpDownCounter('shop.carts').add(4, { card: '4111 1111 1111 1111' })
}

function byName(resourceMetrics) {
  const out = {}
  for (const scope of resourceMetrics.scopeMetrics) for (const m of scope.metrics) out[m.descriptor.name] = m
  return out
}

for (const { label, metrics: sdk, resources } of SDKS) {
  const { MeterProvider, PeriodicExportingMetricReader, InMemoryMetricExporter, AggregationTemporality } = sdk

  // A provider whose reader exports through `exporter` when flushed (not on a timer).
  function provider(exporter, resource) {
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: HOUR })
    return { meterProvider: new MeterProvider({ resource, readers: [reader] }), reader }
  }

  /** `{ value of the one attribute: sum }` of the counter `name` a memory exporter got last. */
  function counts(memory, name) {
    const last = memory.getMetrics().at(-1)
    const metric = last && byName(last)[name]
    if (!metric) return {}
    return Object.fromEntries(metric.dataPoints.map((p) => [Object.values(p.attributes)[0], p.value]))
  }

  function meterAndMemory() {
    const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const { meterProvider, reader } = provider(memory)
    return { meter: meterProvider.getMeter('scrubjay'), memory, flush: () => reader.forceFlush() }
  }

  test(`${label}: data point and resource attributes are scrubbed; names, units and values kept`, async () => {
    const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const resource = resources.resourceFromAttributes({ 'service.name': 'checkout', owner: 'ops@example.com' })
    const { meterProvider, reader } = provider(new RedactingMetricExporter(memory), resource)
    recordWorkload(meterProvider.getMeter('shop', '1.0'))
    await reader.forceFlush()
    const [exported] = memory.getMetrics()
    const found = byName(exported)
    assert.deepEqual(Object.keys(found).sort(), ['shop.carts', 'shop.charge.duration', 'shop.orders'])
    const orders = found['shop.orders']
    assert.deepEqual([orders.descriptor.unit, orders.descriptor.description], ['{order}', 'orders placed'])
    assert.deepEqual(orders.dataPoints.map((p) => [p.attributes, p.value]), [[{ customer: '[REDACTED:email]', channel: 'web' }, 3]])
    const [latency] = found['shop.charge.duration'].dataPoints
    assert.deepEqual(latency.attributes, { 'url.full': 'https://pay.example.com/c?token=REDACTED&page=2' })
    assert.deepEqual([latency.value.count, latency.value.sum, latency.value.min, latency.value.max], [1, 12.5, 12.5, 12.5])
    assert.deepEqual(found['shop.carts'].dataPoints[0].attributes, { card: '[REDACTED:credit_card]' })
    assert.equal(exported.resource.attributes.owner, '[REDACTED:email]')
    assert.equal(exported.resource.attributes['service.name'], 'checkout')
    assert.deepEqual(exported.scopeMetrics[0].scope, { name: 'shop', version: '1.0', schemaUrl: undefined })
    const payload = Buffer.from(JsonMetricsSerializer.serializeRequest(exported)).toString('utf8')
    for (const secret of ['jane@example.org', 'tok_abc123', '4111 1111 1111 1111', 'ops@example.com']) assert.ok(!payload.includes(secret), secret)
    await reader.forceFlush()
    assert.equal(memory.getMetrics()[1].resource, exported.resource, 'one scrubbed resource per resource')
    await meterProvider.shutdown()
  })

  test(`${label}: the wrapped exporter's temporality is the wrapper's`, () => {
    const delta = new InMemoryMetricExporter(AggregationTemporality.DELTA)
    assert.equal(new RedactingMetricExporter(delta).selectAggregationTemporality('COUNTER'), AggregationTemporality.DELTA)
    const bare = { export() {}, shutdown: async () => {} }
    assert.equal('selectAggregationTemporality' in new RedactingMetricExporter(bare), false, 'the reader falls back to its default')
    assert.equal('selectAggregation' in new RedactingMetricExporter(bare), false)
  })

  test(`${label}: span exports count their redactions per rule on the meter`, async () => {
    const { meter, memory, flush } = meterAndMemory()
    const trace = label === 'current' ? require('@opentelemetry/sdk-trace-base') : require('otel-oldest-sdk-trace-base')
    const spans = new trace.InMemorySpanExporter()
    const tracer = new trace.BasicTracerProvider({
      resource: resources.resourceFromAttributes({ owner: 'ops@example.com' }),
      spanProcessors: [new trace.SimpleSpanProcessor(new RedactingSpanExporter(spans, undefined, { meter }))],
    }).getTracer('shop')
    for (let i = 0; i < 2; i++) {
      const span = tracer.startSpan('GET /reset?token=abc123')
      span.setAttribute('db.password', 'hunter2')
      span.addEvent('mail to jane@example.org')
      span.end()
    }
    assert.equal(spans.getFinishedSpans()[0].name, 'GET /reset?token=[REDACTED:secret_kv]')
    // The resource is scrubbed (and counted) when first read, once for all spans.
    assert.equal(spans.getFinishedSpans()[1].resource.attributes.owner, '[REDACTED:email]')
    await flush()
    assert.deepEqual(counts(memory, 'scrubjay.redactions'), { secret_kv: 2, password: 2, email: 3 })
    assert.deepEqual(counts(memory, 'scrubjay.failed_closed'), {})
  })

  test(`${label}: metric exports count theirs, and a metric that cannot be scrubbed is dropped`, async () => {
    const { meter, memory, flush } = meterAndMemory()
    const collected = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const { meterProvider, reader } = provider(collected)
    recordWorkload(meterProvider.getMeter('shop'))
    await reader.forceFlush()
    const raw = collected.getMetrics()[0]
    const broken = { descriptor: { name: 'broken' }, get dataPoints() { throw new Error('boom') } }
    raw.scopeMetrics[0].metrics.push(broken)
    const out = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const wrapper = new RedactingMetricExporter(out, new Engine(), { meter })
    await new Promise((resolve) => wrapper.export(raw, resolve))
    assert.deepEqual(Object.keys(byName(out.getMetrics()[0])).sort(), ['shop.carts', 'shop.charge.duration', 'shop.orders'])
    assert.equal(wrapper.dropped, 1)
    await flush()
    assert.deepEqual(counts(memory, 'scrubjay.redactions'), { email: 1, url: 1, credit_card: 1 })
    assert.deepEqual(counts(memory, 'scrubjay.failed_closed'), { redaction_failed: 1 })
  })

  test(`${label}: values failed closed count with their reason`, async () => {
    const { meter, memory, flush } = meterAndMemory()
    const processor = new RedactingLogRecordProcessor(undefined, new Engine({ version: 1, limits: { max_depth: 2 } }), { meter })
    const record = { body: { a: { b: { c: { d: 'x' } } } }, attributes: { f: () => 1, note: 'jane@example.org' } }
    processor.onEmit(record)
    await flush()
    assert.deepEqual(counts(memory, 'scrubjay.failed_closed'), { too_deep: 1, unconvertible: 1 })
    assert.deepEqual(counts(memory, 'scrubjay.redactions'), { email: 1 })
  })

  test(`${label}: attributes the allow-list removes count under allow.keys`, async () => {
    const { meter, memory, flush } = meterAndMemory()
    const engine = new Engine({ version: 1, allow: { keys: ['http.*'] } })
    const { report } = engine.redactAttributes({ 'http.method': 'GET', 'user.id': '42', note: 'x' }, { report: true })
    new RedactionMetrics(meter).record(report)
    await flush()
    assert.equal(report.denied, 2)
    assert.deepEqual(counts(memory, 'scrubjay.redactions'), { 'allow.keys': 2 })
  })
}

test('exemplar attributes are scrubbed when the data points carry them', () => {
  const point = { startTime: [0, 0], endTime: [1, 0], attributes: { n: 1 }, value: 7, exemplars: [{ filteredAttributes: { 'enduser.email': 'jane@example.org' }, value: 7, timestamp: [1, 0], spanId: 'ab', traceId: 'cd' }] }
  const raw = { resource: { attributes: {} }, scopeMetrics: [{ scope: { name: 's' }, metrics: [{ descriptor: { name: 'm' }, dataPoints: [point] }] }] }
  const clean = redactMetrics(raw)
  const [exemplar] = clean.scopeMetrics[0].metrics[0].dataPoints[0].exemplars
  assert.deepEqual(exemplar, { filteredAttributes: { 'enduser.email': '[REDACTED:email]' }, value: 7, timestamp: [1, 0], spanId: 'ab', traceId: 'cd' })
  assert.equal(point.exemplars[0].filteredAttributes['enduser.email'], 'jane@example.org', 'the original is left alone')
})

test('a meter must be a Meter', () => {
  assert.throws(() => new RedactingSpanExporter({ export() {}, shutdown: async () => {} }, undefined, { meter: {} }), TypeError)
})
