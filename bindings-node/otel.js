'use strict'
// OpenTelemetry JS integration. Finished spans are read-only, so both span classes hand the
// next stage a scrubbed copy: the span's name and its events' names (content rules: a token in
// `GET /reset?token=...` goes, a route template such as `GET /users/:id` stays), span, event
// and link attributes, resource and instrumentation-scope attributes and the status message.
// Ids, kinds and timings are the original span's. Log records are mutable while they are
// emitted, so they are scrubbed in place, resource and scope included. Metrics are exported as
// scrubbed copies (otel-metrics.js).
//
// Every wrapper takes `{ meter }` as its third argument: what it redacts is then counted on
// that meter, per rule, from the engine's reports (redaction-metrics.js).

const { Scrubber, scrubberOf, defaultEngine, redactResource, redactScope } = require('./otel-shared.js')
const { RedactionMetrics, metricsFor } = require('./redaction-metrics.js')
const { RedactingMetricExporter, redactMetrics } = require('./otel-metrics.js')

// Fields of a ReadableSpan besides the ones scrubbed, copied when the SDK's span has them
// (parentSpanId and instrumentationLibrary belong to SDK 1.x, parentSpanContext to 2.x).
const OPTIONAL_FIELDS = ['parentSpanContext', 'parentSpanId', 'instrumentationLibrary']

/**
 * A scrubbed copy of a finished span: own enumerable properties for every field of the SDK's
 * ReadableSpan, so that spreading or JSON.stringify keeps names, kinds and times.
 */
class RedactedSpan {
  constructor(span, scrubber) {
    const context = span.spanContext()
    this.name = typeof span.name === 'string' ? scrubber.text(span.name) : span.name
    this.kind = span.kind
    this.spanContext = () => context
    for (const field of OPTIONAL_FIELDS) if (field in span) this[field] = span[field]
    this.startTime = span.startTime
    this.endTime = span.endTime
    this.duration = span.duration
    this.ended = span.ended
    this.status = span.status && span.status.message
      ? { ...span.status, message: scrubber.text(String(span.status.message)) }
      : span.status
    this.attributes = scrubber.attributes(span.attributes)
    this.links = (span.links || []).map((l) => ({ ...l, attributes: scrubber.attributes(l.attributes) }))
    this.events = (span.events || []).map((e) => ({
      ...e,
      name: typeof e.name === 'string' ? scrubber.text(e.name) : e.name,
      attributes: scrubber.attributes(e.attributes),
    }))
    this.resource = redactResource(span.resource, scrubber)
    this.instrumentationScope = redactScope(span.instrumentationScope, scrubber)
    this.droppedAttributesCount = span.droppedAttributesCount ?? 0
    this.droppedEventsCount = span.droppedEventsCount ?? 0
    this.droppedLinksCount = span.droppedLinksCount ?? 0
  }
}

/** A scrubbed copy of a finished span (the original is left alone). */
function redactSpan(span, engine = defaultEngine()) {
  return span instanceof RedactedSpan ? span : new RedactedSpan(span, scrubberOf(engine))
}

/**
 * Wraps a span processor: `onEnd` passes it a scrubbed copy. A span that cannot be scrubbed
 * is dropped, never passed on raw (`dropped` counts them).
 *
 *   new BasicTracerProvider({ spanProcessors: [new RedactingSpanProcessor(new BatchSpanProcessor(exporter))] })
 */
class RedactingSpanProcessor {
  constructor(next, engine = defaultEngine(), options = {}) {
    this.next = next
    this.engine = engine
    this.scrubber = new Scrubber(engine, metricsFor(options))
    this.dropped = 0
  }

  onStart(span, context) {
    this.next.onStart(span, context)
  }

  onEnd(span) {
    let clean
    try {
      clean = span instanceof RedactedSpan ? span : new RedactedSpan(span, this.scrubber)
    } catch {
      this.dropped++
      this.scrubber.dropped()
      return
    }
    this.next.onEnd(clean)
  }

  forceFlush() {
    return this.next.forceFlush()
  }

  shutdown() {
    return this.next.shutdown()
  }
}

/** Wraps an exporter: it receives scrubbed copies of every span. */
class RedactingSpanExporter {
  constructor(next, engine = defaultEngine(), options = {}) {
    this.next = next
    this.engine = engine
    this.scrubber = new Scrubber(engine, metricsFor(options))
    this.dropped = 0
  }

  export(spans, resultCallback) {
    const clean = []
    for (const span of spans) {
      try {
        clean.push(span instanceof RedactedSpan ? span : new RedactedSpan(span, this.scrubber))
      } catch {
        this.dropped++
        this.scrubber.dropped()
      }
    }
    this.next.export(clean, resultCallback)
  }

  forceFlush() {
    return this.next.forceFlush ? this.next.forceFlush() : Promise.resolve()
  }

  shutdown() {
    return this.next.shutdown()
  }
}

// Sets a field of a log record, shadowing it when the SDK made it a getter.
function setField(record, name, value) {
  try {
    record[name] = value
  } catch {
    // a getter-only property: shadowed below
  }
  if (record[name] !== value) {
    Object.defineProperty(record, name, { value, enumerable: true, configurable: true, writable: true })
  }
}

function scrubLogRecord(record, scrubber) {
  try {
    const body = record.body
    if (typeof body === 'string') record.body = scrubber.text(body)
    else if (body !== null && typeof body === 'object') record.body = scrubber.attributes({ body }).body
    if (typeof record.eventName === 'string' && record.eventName) record.eventName = scrubber.text(record.eventName)
    const attrs = record.attributes
    if (attrs && Object.keys(attrs).length > 0) {
      const clean = scrubber.attributes(attrs)
      for (const key of Object.keys(attrs)) {
        if (!(key in clean)) delete attrs[key]
        else if (clean[key] !== attrs[key]) attrs[key] = clean[key]
      }
    }
    if (record.resource) setField(record, 'resource', redactResource(record.resource, scrubber))
    const scope = record.instrumentationScope
    const cleanScope = redactScope(scope, scrubber)
    if (cleanScope !== scope) setField(record, 'instrumentationScope', cleanScope)
    return true
  } catch {
    record.body = '[REDACTED:error]'
    for (const key of Object.keys(record.attributes || {})) delete record.attributes[key]
    scrubber.dropped()
    return false
  }
}

/**
 * Scrubs a log record of `@opentelemetry/sdk-logs` in place: body, event name, attributes (the
 * `exception.*` ones included: type and stack frames are kept, their text scrubbed), resource
 * and scope attributes. Returns false when that failed and the record was emptied instead.
 */
function redactLogRecord(record, engine = defaultEngine()) {
  return scrubLogRecord(record, scrubberOf(engine))
}

/**
 * A log record processor for `@opentelemetry/sdk-logs`: scrubs the record in place (records
 * are mutable in `onEmit`), then calls the next processor. `failed` counts records that could
 * not be scrubbed and went on emptied.
 *
 *   new LoggerProvider({ processors: [new RedactingLogRecordProcessor(new BatchLogRecordProcessor({ exporter }))] })
 */
class RedactingLogRecordProcessor {
  constructor(next, engine = defaultEngine(), options = {}) {
    this.next = next
    this.engine = engine
    this.scrubber = new Scrubber(engine, metricsFor(options))
    this.failed = 0
  }

  onEmit(record, context) {
    if (!scrubLogRecord(record, this.scrubber)) this.failed++
    if (this.next) this.next.onEmit(record, context)
  }

  forceFlush() {
    return this.next ? this.next.forceFlush() : Promise.resolve()
  }

  shutdown() {
    return this.next ? this.next.shutdown() : Promise.resolve()
  }
}

module.exports = {
  RedactingSpanProcessor,
  RedactingSpanExporter,
  RedactingLogRecordProcessor,
  RedactingMetricExporter,
  RedactionMetrics,
  redactSpan,
  redactLogRecord,
  redactMetrics,
  redactResource,
  redactScope,
}
