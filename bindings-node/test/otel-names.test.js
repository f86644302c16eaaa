'use strict'
// Span names, event names and instrumentation-scope attributes: the text fields beside the
// attributes, with the current SDKs and the oldest supported ones.
const test = require('node:test')
const assert = require('node:assert/strict')
const { JsonTraceSerializer } = require('@opentelemetry/otlp-transformer')
const { RedactingSpanProcessor, RedactingSpanExporter, RedactingLogRecordProcessor, redactScope } = require('../otel')
const { Engine } = require('..')

const SCOPE = { name: 'shop.mailer', version: '1.2.0', schemaUrl: 'https://schemas.example/1', attributes: { 'deploy.owner': 'ops@example.com', team: 'payments' } }
const CLEAN_SCOPE_ATTRIBUTES = { 'deploy.owner': '[REDACTED:email]', team: 'payments' }

const SDKS = [
  { label: 'current', trace: require('@opentelemetry/sdk-trace-base'), logs: require('@opentelemetry/sdk-logs'), simpleLogs: (P, exporter) => new P({ exporter }) },
  { label: 'oldest', trace: require('otel-oldest-sdk-trace-base'), logs: require('otel-oldest-sdk-logs'), simpleLogs: (P, exporter) => new P(exporter) },
]

// A finished span as a tracer whose scope has attributes would give it (the 2.x tracers take
// no scope attributes; loggers and the OTLP encoding do).
function withScope(span, scope) {
  return Object.create(span, { instrumentationScope: { value: scope, enumerable: true } })
}

for (const { label, trace, logs, simpleLogs } of SDKS) {
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = trace
  const { LoggerProvider, InMemoryLogRecordExporter, SimpleLogRecordProcessor } = logs

  function spansNamed(names) {
    const memory = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ spanProcessors: [new RedactingSpanProcessor(new SimpleSpanProcessor(memory))] })
    const tracer = provider.getTracer('shop')
    for (const name of names) {
      const span = tracer.startSpan(name)
      span.addEvent(`receipt sent to jane@example.org for ${name}`, { n: 1 })
      span.addEvent('exception')
      span.end()
    }
    return memory.getFinishedSpans()
  }

  test(`${label}: span and event names go through the content rules`, () => {
    const [span] = spansNamed(['GET /reset?token=abc123'])
    assert.equal(span.name, 'GET /reset?token=[REDACTED:secret_kv]')
    assert.deepEqual(span.events.map((e) => e.name), ['receipt sent to [REDACTED:email] for GET /reset?token=[REDACTED:secret_kv]', 'exception'])
    assert.deepEqual(span.events[0].attributes, { n: 1 })
    assert.ok(Array.isArray(span.events[0].time), 'event times are kept')
  })

  test(`${label}: route templates stay as they are`, () => {
    const names = ['GET /users/{id}', 'GET /users/:id', 'GET /users/:email/orders', 'SELECT shop.orders', 'checkout']
    assert.deepEqual(spansNamed(names).map((s) => s.name), names)
  })

  test(`${label}: scope attributes are scrubbed, once per scope, and go into the OTLP payload scrubbed`, () => {
    const raw = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(raw)] })
    for (const name of ['a', 'b']) provider.getTracer('shop').startSpan(name).end()
    const memory = new InMemorySpanExporter()
    const exporter = new RedactingSpanExporter(memory)
    exporter.export(raw.getFinishedSpans().map((s) => withScope(s, SCOPE)), () => {})
    const [one, two] = memory.getFinishedSpans()
    assert.deepEqual(one.instrumentationScope, { ...SCOPE, attributes: CLEAN_SCOPE_ATTRIBUTES })
    assert.equal(one.instrumentationScope, two.instrumentationScope)
    assert.equal(SCOPE.attributes['deploy.owner'], 'ops@example.com', 'the original scope is left alone')
    const payload = Buffer.from(JsonTraceSerializer.serializeRequest([one, two])).toString('utf8')
    assert.ok(!payload.includes('ops@example.com'))
    assert.equal(JSON.parse(payload).resourceSpans[0].scopeSpans[0].scope.attributes[0].value.stringValue, '[REDACTED:email]')
  })

  test(`${label}: a scope without attributes is passed on as it is`, () => {
    const [span] = spansNamed(['x'])
    assert.deepEqual(span.instrumentationScope, { name: 'shop', version: undefined, schemaUrl: undefined })
    const scope = { name: 'plain' }
    assert.equal(redactScope(scope), scope)
    const engine = new Engine()
    assert.equal(redactScope(SCOPE, engine), redactScope(SCOPE, engine))
    assert.equal(redactScope(redactScope(SCOPE, engine), engine), redactScope(SCOPE, engine), 'a scrubbed scope is not scrubbed again')
  })

  test(`${label}: log records lose the secrets of their event names and scope attributes`, () => {
    const memory = new InMemoryLogRecordExporter()
    const provider = new LoggerProvider({ processors: [new RedactingLogRecordProcessor(simpleLogs(SimpleLogRecordProcessor, memory))] })
    const logger = provider.getLogger('shop', '1.0', { attributes: SCOPE.attributes })
    logger.emit({ body: 'sent', eventName: 'mail.sent to jane@example.org' })
    logger.emit({ body: 'plain', eventName: 'user.login' })
    const [first, second] = memory.getFinishedLogRecords()
    assert.deepEqual([first.eventName, second.eventName], ['mail.sent to [REDACTED:email]', 'user.login'])
    if (label === 'current') {
      // sdk-logs 0.208 keeps no scope attributes.
      assert.deepEqual(first.instrumentationScope.attributes, CLEAN_SCOPE_ATTRIBUTES)
      assert.equal(first.instrumentationScope, second.instrumentationScope)
    }
    assert.equal(first.instrumentationScope.name, 'shop')
  })
}
