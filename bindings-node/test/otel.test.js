'use strict'
// End to end with the real OpenTelemetry JS SDK: the current releases and the oldest ones
// supported (sdk-trace-base 2.0, sdk-logs 0.200, resources 2.0), under npm aliases.
const test = require('node:test')
const assert = require('node:assert/strict')
const { SpanStatusCode } = require('@opentelemetry/api')
const { JsonTraceSerializer, JsonLogsSerializer } = require('@opentelemetry/otlp-transformer')
const { Engine } = require('..')
const { RedactingSpanProcessor, RedactingSpanExporter, RedactingLogRecordProcessor, redactSpan, redactResource } = require('../otel')

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

const SDKS = [
  {
    label: 'current',
    trace: require('@opentelemetry/sdk-trace-base'),
    resources: require('@opentelemetry/resources'),
    logs: require('@opentelemetry/sdk-logs'),
    // Current sdk-logs releases take an options object; 0.208 took the exporter itself.
    simpleLogs: (Processor, exporter) => new Processor({ exporter }),
  },
  {
    label: 'oldest',
    trace: require('otel-oldest-sdk-trace-base'),
    resources: require('otel-oldest-resources'),
    logs: require('otel-oldest-sdk-logs'),
    simpleLogs: (Processor, exporter) => new Processor(exporter),
  },
]

for (const { label, trace, resources, logs, simpleLogs } of SDKS) {
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = trace
  const { resourceFromAttributes } = resources
  const { LoggerProvider, InMemoryLogRecordExporter, SimpleLogRecordProcessor } = logs

  const resource = () => resourceFromAttributes({ 'service.name': 'checkout', owner: 'ops@example.com' })

  test(`${label}: RedactingSpanProcessor hands the next processor scrubbed spans`, () => {
    const memory = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ resource: resource(), spanProcessors: [new RedactingSpanProcessor(new SimpleSpanProcessor(memory), new Engine())] })
    const original = workload(provider)
    check(memory.getFinishedSpans(), original)
  })

  test(`${label}: RedactingSpanExporter exports scrubbed copies`, () => {
    const memory = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ resource: resource(), spanProcessors: [new SimpleSpanProcessor(new RedactingSpanExporter(memory))] })
    const original = workload(provider)
    check(memory.getFinishedSpans(), original)
  })

  test(`${label}: a span that cannot be scrubbed is dropped, never passed on raw`, () => {
    const seen = []
    const next = { onStart() {}, onEnd: (s) => seen.push(s), forceFlush: async () => {}, shutdown: async () => {} }
    const processor = new RedactingSpanProcessor(next)
    processor.onEnd({ get attributes() { throw new Error('boom') } })
    assert.equal(seen.length, 0)
    assert.equal(processor.dropped, 1)
  })

  const ARGV = ['node', 'shop.js', '--db-password=Quartz!Falcon93']
  const processResource = () => resourceFromAttributes({
    'service.name': 'checkout',
    'process.command_args': ARGV,
    'process.command_line': ARGV.join(' '),
  })

  function logWorkload(memory) {
    const provider = new LoggerProvider({
      resource: processResource(),
      processors: [new RedactingLogRecordProcessor(simpleLogs(SimpleLogRecordProcessor, memory))],
    })
    const logger = provider.getLogger('test')
    logger.emit({ body: 'login failed for jane@example.org', attributes: { 'db.password': 'hunter2', attempt: 3 } })
    logger.emit({ body: { msg: 'card 4111 1111 1111 1111', n: 1, at: new Date(0), url: new URL('https://u:pw@h.example/') } })
    const err = new TypeError('card 4111 1111 1111 1111 declined for jane@example.org')
    // As the SDK records an exception (sdk-logs 0.208 has no `exception` field in emit).
    logger.emit({ body: 'payment failed', attributes: { 'exception.type': err.name, 'exception.message': err.message, 'exception.stacktrace': err.stack } })
    return memory.getFinishedLogRecords()
  }

  test(`${label}: RedactingLogRecordProcessor scrubs bodies, attributes and the resource`, () => {
    const [first, second, third] = logWorkload(new InMemoryLogRecordExporter())
    assert.equal(first.body, 'login failed for [REDACTED:email]')
    assert.equal(first.attributes['db.password'], '[REDACTED:password]')
    assert.equal(first.attributes.attempt, 3)
    assert.deepEqual(second.body, { msg: 'card [REDACTED:credit_card]', n: 1, at: '1970-01-01T00:00:00.000Z', url: second.body.url })
    assert.match(second.body.url, /^https:\/\/\S*REDACTED\S*@h\.example\/$/)
    // The exception's attributes keep type and stack frames; only their text is scrubbed.
    assert.equal(third.attributes['exception.type'], 'TypeError')
    assert.equal(third.attributes['exception.message'], 'card [REDACTED:credit_card] declined for [REDACTED:email]')
    assert.match(third.attributes['exception.stacktrace'], /^TypeError: card \[REDACTED:credit_card\] declined for \[REDACTED:email\]\n +at /)
    assert.match(third.attributes['exception.stacktrace'], /otel\.test\.js:\d+:\d+/)
    for (const record of [first, second, third]) {
      assert.deepEqual(record.resource.attributes['process.command_args'], ['node', 'shop.js', '--db-password=[REDACTED:secret_kv]'])
      assert.equal(record.resource.attributes['service.name'], 'checkout')
    }
    assert.equal(first.resource, third.resource, 'one scrubbed resource for the provider')
  })

  test(`${label}: the encoded OTLP logs payload carries no secret and one resource`, () => {
    const records = logWorkload(new InMemoryLogRecordExporter())
    const payload = JSON.parse(Buffer.from(JsonLogsSerializer.serializeRequest(records)).toString('utf8'))
    const text = JSON.stringify(payload)
    for (const secret of ['Quartz!Falcon93', 'jane@example.org', 'hunter2', '4111 1111 1111 1111', 'u:pw@']) assert.ok(!text.includes(secret), secret)
    assert.equal(payload.resourceLogs.length, 1)
    assert.equal(payload.resourceLogs[0].scopeLogs[0].logRecords.length, 3)
  })

  test(`${label}: spans share one scrubbed resource: the OTLP payload has one ResourceSpans`, () => {
    const memory = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ resource: processResource(), spanProcessors: [new RedactingSpanProcessor(new SimpleSpanProcessor(memory))] })
    const tracer = provider.getTracer('test')
    for (let i = 0; i < 24; i++) tracer.startSpan(`op${i}`).end()
    const spans = memory.getFinishedSpans()
    assert.equal(new Set(spans.map((s) => s.resource)).size, 1)
    const payload = JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)).toString('utf8'))
    assert.equal(payload.resourceSpans.length, 1)
    assert.equal(payload.resourceSpans[0].scopeSpans[0].spans.length, 24)
    assert.ok(!JSON.stringify(payload).includes('Quartz!Falcon93'))
    const raw = processResource()
    const [a, b] = [new Engine(), new Engine()]
    assert.equal(redactResource(raw, a), redactResource(raw, a))
    assert.notEqual(redactResource(raw, a), redactResource(raw, b), 'one per engine: policies differ')
  })

  test(`${label}: a scrubbed span copy has every ReadableSpan field as an own property`, () => {
    const raw = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({ resource: resource(), spanProcessors: [new SimpleSpanProcessor(raw)] })
    workload(provider)
    const original = raw.getFinishedSpans().find((s) => s.name === 'charge')
    const copy = redactSpan(original, new Engine())
    const fields = ['name', 'kind', 'spanContext', 'parentSpanContext', 'startTime', 'endTime', 'duration', 'ended', 'status', 'attributes', 'links', 'events', 'resource', 'instrumentationScope', 'droppedAttributesCount', 'droppedEventsCount', 'droppedLinksCount']
    const spread = { ...copy }
    for (const f of fields) {
      assert.ok(Object.prototype.propertyIsEnumerable.call(copy, f), f)
      assert.ok(f in spread, f)
    }
    const json = JSON.parse(JSON.stringify(copy))
    assert.equal(json.name, 'charge')
    assert.equal(json.kind, original.kind)
    assert.deepEqual([json.startTime, json.endTime, json.duration, json.ended], [original.startTime, original.endTime, original.duration, true])
    assert.equal(json.attributes['db.password'], '[REDACTED:password]')
    assert.equal(json.resource.attributes.owner, '[REDACTED:email]')
    assert.equal(json.instrumentationScope.name, 'test')
    assert.deepEqual(spread.spanContext(), original.spanContext())
    assert.equal(redactSpan(copy), copy, 'a scrubbed copy is not copied again')
  })
}
