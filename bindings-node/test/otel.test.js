'use strict'
// End to end with the real OpenTelemetry JS SDK.
const test = require('node:test')
const assert = require('node:assert/strict')
const { SpanStatusCode } = require('@opentelemetry/api')
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base')
const { resourceFromAttributes } = require('@opentelemetry/resources')
const { LoggerProvider, InMemoryLogRecordExporter, SimpleLogRecordProcessor } = require('@opentelemetry/sdk-logs')
const { Engine } = require('..')
const { RedactingSpanProcessor, RedactingSpanExporter, RedactingLogRecordProcessor } = require('../otel')

const SECRETS = ['jane@example.org', 'tok_abc123', '4111 1111 1111 1111', 'hunter2', 'ops@example.com', '10.1.2.3']

function workload(provider) {
  const tracer = provider.getTracer('test')
  const other = tracer.startSpan('link-target')
  other.end()
  const span = tracer.startSpan('charge', { links: [{ context: other.spanContext(), attributes: { 'peer.ip': '10.1.2.3' } }] })
  span.setAttribute('http.url', 'https://shop.example.com/pay?token=tok_abc123&page=2')
  span.setAttribute('db.password', 'hunter2')
  span.setAttribute('http.response.status_code', 402)
  span.setAttribute('app.tags', ['vip', 'jane@example.org'])
  span.recordException(new Error('card 4111 1111 1111 1111 declined for jane@example.org'))
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'declined for jane@example.org' })
  span.end()
  return span
}

function check(spans, original) {
  const text = JSON.stringify(spans.map((s) => [s.attributes, s.events, s.links.map((l) => l.attributes), s.resource.attributes, s.status]))
  for (const secret of SECRETS) assert.ok(!text.includes(secret), secret)
  const span = spans.find((s) => s.name === 'charge')
  assert.equal(span.attributes['http.url'], 'https://shop.example.com/pay?token=REDACTED&page=2')
  assert.equal(span.attributes['db.password'], '[REDACTED:password]')
  assert.equal(span.attributes['http.response.status_code'], 402)
  assert.deepEqual(span.attributes['app.tags'], ['vip', '[REDACTED:email]'])
  assert.equal(span.events[0].name, 'exception')
  assert.equal(span.events[0].attributes['exception.message'], 'card [REDACTED:credit_card] declined for [REDACTED:email]')
  assert.equal(span.status.message, 'declined for [REDACTED:email]')
  assert.equal(span.links[0].attributes['peer.ip'], '[REDACTED:ipv4]')
  assert.equal(span.resource.attributes['service.name'], 'checkout')
  assert.equal(span.resource.attributes.owner, '[REDACTED:email]')
  assert.deepEqual(span.spanContext(), original.spanContext())
  assert.deepEqual([span.startTime, span.endTime, span.duration], [original.startTime, original.endTime, original.duration])
  assert.equal(span.kind, original.kind)
  assert.equal(span.instrumentationScope.name, 'test')
  assert.equal(original.attributes['db.password'], 'hunter2', 'the live span is left alone')
}

const resource = () => resourceFromAttributes({ 'service.name': 'checkout', owner: 'ops@example.com' })

test('RedactingSpanProcessor hands the next processor scrubbed spans', () => {
  const memory = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ resource: resource(), spanProcessors: [new RedactingSpanProcessor(new SimpleSpanProcessor(memory), new Engine())] })
  const original = workload(provider)
  check(memory.getFinishedSpans(), original)
})

test('RedactingSpanExporter exports scrubbed copies', () => {
  const memory = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ resource: resource(), spanProcessors: [new SimpleSpanProcessor(new RedactingSpanExporter(memory))] })
  const original = workload(provider)
  check(memory.getFinishedSpans(), original)
})

test('a span that cannot be scrubbed is dropped, never passed on raw', () => {
  const seen = []
  const next = { onStart() {}, onEnd: (s) => seen.push(s), forceFlush: async () => {}, shutdown: async () => {} }
  const processor = new RedactingSpanProcessor(next)
  processor.onEnd({ get attributes() { throw new Error('boom') } })
  assert.equal(seen.length, 0)
  assert.equal(processor.dropped, 1)
})

test('RedactingLogRecordProcessor scrubs bodies and attributes', () => {
  const memory = new InMemoryLogRecordExporter()
  const provider = new LoggerProvider({ processors: [new RedactingLogRecordProcessor(new SimpleLogRecordProcessor(memory))] })
  const logger = provider.getLogger('test')
  logger.emit({ body: 'login failed for jane@example.org', attributes: { 'db.password': 'hunter2', attempt: 3 } })
  logger.emit({ body: { msg: 'card 4111 1111 1111 1111', n: 1 } })
  const [first, second] = memory.getFinishedLogRecords()
  assert.equal(first.body, 'login failed for [REDACTED:email]')
  assert.equal(first.attributes['db.password'], '[REDACTED:password]')
  assert.equal(first.attributes.attempt, 3)
  assert.deepEqual(second.body, { msg: 'card [REDACTED:credit_card]', n: 1 })
})
