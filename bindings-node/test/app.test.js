'use strict'
// A real instrumented express app, in process: sdk-trace-node with the http, express and pino
// instrumentations, sdk-logs, sdk-metrics, pino and pino-http. Every exported span, log record,
// metric and pino line is checked for each planted secret, and for what must survive; what the
// span and log wrappers redacted is counted on a meter of the app's provider.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Writable } = require('node:stream')
const { metrics } = require('@opentelemetry/api')
const { logs } = require('@opentelemetry/api-logs')
const { registerInstrumentations } = require('@opentelemetry/instrumentation')
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http')
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express')
const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino')
const { NodeTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-node')
const { LoggerProvider, SimpleLogRecordProcessor, InMemoryLogRecordExporter } = require('@opentelemetry/sdk-logs')
const { MeterProvider, PeriodicExportingMetricReader, InMemoryMetricExporter, AggregationTemporality } = require('@opentelemetry/sdk-metrics')
const { resourceFromAttributes, detectResources, processDetector } = require('@opentelemetry/resources')
const { JsonTraceSerializer, JsonLogsSerializer, JsonMetricsSerializer } = require('@opentelemetry/otlp-transformer')
const { Engine, defaultPolicy } = require('..')
const { RedactingSpanProcessor, RedactingLogRecordProcessor, RedactingMetricExporter } = require('../otel')
const { scrubjayPino } = require('../pino')
const { SECRETS, start, drive } = require('./fixtures/shop')
const { assertClean, statusOf, routeOf } = require('./fixtures/checks')

// The process detector reads the command line as the app's own would carry it.
process.argv.push(`--db-password=${SECRETS.dbPassword}`)
const resource = resourceFromAttributes({ 'service.name': 'shop' }).merge(detectResources({ detectors: [processDetector] }))
process.argv.pop()

// Metrics are exported when the test flushes them, not on a timer.
const metricRecords = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
const metricReader = new PeriodicExportingMetricReader({ exporter: new RedactingMetricExporter(metricRecords), exportIntervalMillis: 3600 * 1000 })
const meterProvider = new MeterProvider({ resource, readers: [metricReader] })
metrics.setGlobalMeterProvider(meterProvider)
const meter = meterProvider.getMeter('scrubjay')

const spans = new InMemorySpanExporter()
const rawSpans = new InMemorySpanExporter()
const tracerProvider = new NodeTracerProvider({
  resource,
  spanProcessors: [new RedactingSpanProcessor(new SimpleSpanProcessor(spans), undefined, { meter }), new SimpleSpanProcessor(rawSpans)],
})
tracerProvider.register()
const records = new InMemoryLogRecordExporter()
const loggerProvider = new LoggerProvider({
  resource,
  processors: [new RedactingLogRecordProcessor(new SimpleLogRecordProcessor({ exporter: records }), undefined, { meter })],
})
logs.setGlobalLoggerProvider(loggerProvider)
registerInstrumentations({
  tracerProvider,
  loggerProvider,
  meterProvider,
  instrumentations: [
    new HttpInstrumentation({ headersToSpanAttributes: { server: { requestHeaders: ['authorization', 'cookie'] } } }),
    new ExpressInstrumentation(),
    new PinoInstrumentation(),
  ],
})
const pino = require('pino')
const pinoHttp = require('pino-http')

async function until(check, what) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  assert.ok(check(), what)
}

test('the express app exports no secret and keeps ids, routes, statuses, exceptions and addresses', async () => {
  const lines = []
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb() } })
  const logger = pino(scrubjayPino(), stream)
  const shop = await start({ logger, pinoHttp })
  let statuses
  try {
    statuses = await drive(shop.port)
  } finally {
    await shop.stop()
  }
  assert.deepEqual(statuses, [200, 200, 502])
  // The shop's server spans (the inventory service's have no route).
  const serverSpans = () => spans.getFinishedSpans().filter((s) => s.kind === 1 && routeOf(s) !== undefined)
  await until(() => serverSpans().length === 3, 'three server spans')
  await tracerProvider.forceFlush()
  await loggerProvider.forceFlush()
  await metricReader.forceFlush()

  const exported = spans.getFinishedSpans()
  const raw = rawSpans.getFinishedSpans()
  const logRecords = records.getFinishedLogRecords()
  const tracesPayload = Buffer.from(JsonTraceSerializer.serializeRequest(exported)).toString('utf8')
  const logsPayload = Buffer.from(JsonLogsSerializer.serializeRequest(logRecords)).toString('utf8')
  const collected = metricRecords.getMetrics().at(-1)
  const metricsPayload = Buffer.from(JsonMetricsSerializer.serializeRequest(collected)).toString('utf8')
  assertClean('spans', JSON.stringify(exported))
  assertClean('OTLP traces payload', tracesPayload)
  assertClean('OTLP logs payload', logsPayload)
  assertClean('OTLP metrics payload', metricsPayload)
  assertClean('pino lines', lines.join(''))
  assert.ok(raw.some((s) => JSON.stringify(s.attributes).includes(SECRETS.email)), 'the raw run did carry the secrets')

  // Spans: the same ids, parents, kinds, times, status and keys as the raw run; names that went
  // through the content rules and nothing else.
  const engine = new Engine()
  assert.equal(exported.length, raw.length)
  for (const span of exported) {
    const twin = raw.find((r) => r.spanContext().spanId === span.spanContext().spanId)
    assert.ok(twin, span.name)
    assert.deepEqual(span.spanContext(), twin.spanContext())
    assert.equal(span.parentSpanContext?.spanId, twin.parentSpanContext?.spanId)
    assert.deepEqual([span.name, span.kind, span.startTime, span.endTime, span.status.code], [engine.redact(twin.name), twin.kind, twin.startTime, twin.endTime, twin.status.code])
    assert.deepEqual(span.events.map((e) => e.name), twin.events.map((e) => engine.redact(e.name)))
    assert.deepEqual(Object.keys(span.attributes).sort(), Object.keys(twin.attributes).sort())
  }
  const servers = serverSpans()
  assert.deepEqual(servers.map(routeOf).sort(), ['/checkout', '/users/:email/orders', '/users/:email/orders'])
  assert.deepEqual(servers.map(statusOf).sort(), [200, 200, 502])
  const failed = servers.find((s) => statusOf(s) === 502)
  const exception = failed.events.find((e) => e.name === 'exception')
  // The SDK takes an error's code as its type when it has one.
  assert.equal(exception.attributes['exception.type'], 'E_PAY')
  assert.match(exception.attributes['exception.stacktrace'], /\n +at .*shop\.js:\d+:\d+/)
  assert.match(exception.attributes['exception.message'], /^card \[REDACTED:credit_card\] declined for \[REDACTED:email\]/)
  const outgoing = exported.filter((s) => s.kind === 2 && JSON.stringify(s.attributes).includes('/stock'))
  assert.equal(outgoing.length, 2)
  for (const s of outgoing) assert.ok(Object.values(s.attributes).includes('127.0.0.1'), JSON.stringify(s.attributes))
  const auth = servers[0].attributes['http.request.header.authorization']
  assert.ok(Array.isArray(auth) && auth[0].startsWith('Bearer '), String(auth))
  assert.match(String(servers[0].attributes['http.request.header.cookie']), /theme=dark/)
  assert.equal(new Set(exported.map((s) => s.resource)).size, 1)
  assert.equal(JSON.parse(tracesPayload).resourceSpans.length, 1)
  assert.match(JSON.stringify(exported[0].resource.attributes['process.command_args']), /--db-password=\[REDACTED/)

  // The mailer: span name, event name, log event name, scope attribute, metric attribute.
  const mail = exported.find((s) => s.instrumentationScope.name === 'shop.mailer')
  assert.equal(mail.name, 'POST /mail/send?access_token=[REDACTED:secret_kv]')
  assert.deepEqual(mail.events.map((e) => e.name), ['receipt queued for [REDACTED:email]'])
  const receipt = logRecords.find((r) => r.instrumentationScope.name === 'shop.mailer')
  assert.equal(receipt.eventName, 'receipt.queued for [REDACTED:email]')
  assert.deepEqual(receipt.instrumentationScope.attributes, { 'mail.sender': '[REDACTED:email]' })
  const metricNamed = (scope, name) => collected.scopeMetrics.filter((s) => s.scope.name === scope).flatMap((s) => s.metrics).find((m) => m.descriptor.name === name)
  assert.deepEqual(metricNamed('shop', 'shop.checkouts').dataPoints.map((p) => [p.attributes, p.value]), [[{ customer: '[REDACTED:email]', plan: 'basic' }, 1]])
  assert.match(JSON.stringify(collected.resource.attributes['process.command_args']), /--db-password=\[REDACTED/)

  // What the wrappers redacted, per rule: every rule whose label is in the exported spans, and
  // the URL sanitizer's (it writes no label). (Labels in log records may be pino's hook's,
  // which scrubs a line before the pino instrumentation sends it.) Rule names are the policy's.
  const redactions = Object.fromEntries(metricNamed('scrubjay', 'scrubjay.redactions').dataPoints.map((p) => [p.attributes.rule, p.value]))
  const labels = new Set([...JSON.stringify(exported).matchAll(/\[REDACTED:(\w+)\]/g)].map((m) => m[1]))
  for (const rule of [...labels, 'url']) assert.ok(redactions[rule] > 0, `${rule} in ${JSON.stringify(redactions)} (${[...labels]})`)
  for (const rule of ['email', 'secret_kv', 'credit_card']) assert.ok(labels.has(rule), rule)
  const known = new Set([...engine.rules, ...JSON.parse(defaultPolicy()).fields.map((f) => f.name)])
  for (const rule of Object.keys(redactions)) assert.ok(known.has(rule), rule)
  assert.equal(metricNamed('scrubjay', 'scrubjay.failed_closed'), undefined, 'nothing failed closed')

  // Log records: pino's lines (log sending) and the app's own record with the exception.
  const traceIds = new Set(servers.map((s) => s.spanContext().traceId))
  const own = logRecords.find((r) => r.instrumentationScope.name === 'shop')
  assert.equal(own.attributes['exception.type'], 'E_PAY')
  assert.match(own.attributes['exception.stacktrace'], /\n +at .*shop\.js:\d+:\d+/)
  assert.ok(traceIds.has(own.spanContext.traceId))
  assert.ok(logRecords.filter((r) => r.instrumentationScope.name.includes('pino')).length >= 5)
  assert.match(JSON.stringify(own.resource.attributes['process.command_args']), /--db-password=\[REDACTED/)
  assert.equal(JSON.parse(logsPayload).resourceLogs.length, 1)

  // pino lines: bindings, error shape, request and response, trace correlation.
  const parsed = lines.map((l) => JSON.parse(l))
  const orders = parsed.filter((l) => l.customer !== undefined)
  assert.equal(orders.length, 2)
  assert.ok(orders.every((l) => l.customer === '[REDACTED:email]' && l.msg === 'orders of [REDACTED:email]'))
  const errLine = parsed.find((l) => l.err && l.err.type === 'PaymentError' && l.level === 50 && !l.res)
  assert.match(errLine.err.stack, /\n +at .*shop\.js:\d+:\d+/)
  assert.equal(errLine.err.code, 'E_PAY')
  assert.match(errLine.msg, /^card \[REDACTED:credit_card\] declined/)
  const done = parsed.filter((l) => l.res)
  assert.deepEqual(done.map((l) => l.res.statusCode).sort(), [200, 200, 502])
  assert.ok(done.every((l) => l.req.method && l.req.url.startsWith('/') && traceIds.has(l.trace_id)))
  assert.ok(done.every((l) => l.req.remoteAddress === '127.0.0.1' && /theme=dark/.test(l.req.headers.cookie)))
})
