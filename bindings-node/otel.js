'use strict'
// OpenTelemetry JS integration. Finished spans are read-only, so both span classes hand the
// next stage a scrubbed copy: span, event and link attributes, resource attributes and the
// status message. Ids, names, kinds and timings are the original span's. Log records are
// mutable while they are emitted, so they are scrubbed in place, resource included.

const { Engine } = require('./scrubjay.js')

let shared
function defaultEngine() {
  if (!shared) shared = new Engine()
  return shared
}

function redactAttrs(engine, attributes) {
  if (!attributes || Object.keys(attributes).length === 0) return attributes
  return engine.redactAttributes(attributes)
}

/**
 * A resource whose attributes are scrubbed. It holds no reference to the raw attributes, so no
 * method of the original can hand them out. While the original waits for asynchronous
 * attributes (resource detectors), `attributes` is computed afresh on each read; once they have
 * settled it is computed once.
 */
class RedactedResource {
  #engine
  #original
  #settled = null

  constructor(engine, original) {
    this.#engine = engine
    this.#original = original
    Object.defineProperty(this, 'attributes', { get: () => this.#attributes(), enumerable: true })
    Object.defineProperty(this, 'schemaUrl', { value: original.schemaUrl, enumerable: true })
  }

  #attributes() {
    if (this.#settled) return this.#settled
    const pending = this.asyncAttributesPending
    const clean = redactAttrs(this.#engine, this.#original.attributes) ?? {}
    if (!pending) this.#settled = clean
    return clean
  }

  get asyncAttributesPending() {
    return this.#original.asyncAttributesPending === true
  }

  async waitForAsyncAttributes() {
    if (typeof this.#original.waitForAsyncAttributes === 'function') await this.#original.waitForAsyncAttributes()
  }

  getRawAttributes() {
    return Object.entries(this.#attributes())
  }

  merge(other) {
    return redactResource(this.#original.merge(other), this.#engine)
  }
}

// One scrubbed resource per original resource and engine: exporters group spans and log
// records by resource identity (one ResourceSpans per resource in OTLP).
const resources = new WeakMap()

/** The scrubbed form of a resource, made once per resource and engine. */
function redactResource(resource, engine = defaultEngine()) {
  if (!resource || typeof resource !== 'object' || resource instanceof RedactedResource) return resource
  let byResource = resources.get(engine)
  if (!byResource) resources.set(engine, (byResource = new WeakMap()))
  let clean = byResource.get(resource)
  if (!clean) byResource.set(resource, (clean = new RedactedResource(engine, resource)))
  return clean
}

// Fields of a ReadableSpan besides the ones scrubbed, copied when the SDK's span has them
// (parentSpanId and instrumentationLibrary belong to SDK 1.x, parentSpanContext to 2.x).
const OPTIONAL_FIELDS = ['parentSpanContext', 'parentSpanId', 'instrumentationLibrary']

/**
 * A scrubbed copy of a finished span: own enumerable properties for every field of the SDK's
 * ReadableSpan, so that spreading or JSON.stringify keeps names, kinds and times.
 */
class RedactedSpan {
  constructor(span, engine) {
    const context = span.spanContext()
    this.name = span.name
    this.kind = span.kind
    this.spanContext = () => context
    for (const field of OPTIONAL_FIELDS) if (field in span) this[field] = span[field]
    this.startTime = span.startTime
    this.endTime = span.endTime
    this.duration = span.duration
    this.ended = span.ended
    this.status = span.status && span.status.message
      ? { ...span.status, message: engine.redact(String(span.status.message)) }
      : span.status
    this.attributes = redactAttrs(engine, span.attributes)
    this.links = (span.links || []).map((l) => ({ ...l, attributes: redactAttrs(engine, l.attributes) }))
    this.events = (span.events || []).map((e) => ({ ...e, attributes: redactAttrs(engine, e.attributes) }))
    this.resource = redactResource(span.resource, engine)
    this.instrumentationScope = span.instrumentationScope
    this.droppedAttributesCount = span.droppedAttributesCount ?? 0
    this.droppedEventsCount = span.droppedEventsCount ?? 0
    this.droppedLinksCount = span.droppedLinksCount ?? 0
  }
}

/** A scrubbed copy of a finished span (the original is left alone). */
function redactSpan(span, engine = defaultEngine()) {
  return span instanceof RedactedSpan ? span : new RedactedSpan(span, engine)
}

/**
 * Wraps a span processor: `onEnd` passes it a scrubbed copy. A span that cannot be scrubbed
 * is dropped, never passed on raw (`dropped` counts them).
 *
 *   new BasicTracerProvider({ spanProcessors: [new RedactingSpanProcessor(new BatchSpanProcessor(exporter))] })
 */
class RedactingSpanProcessor {
  constructor(next, engine = defaultEngine()) {
    this.next = next
    this.engine = engine
    this.dropped = 0
  }

  onStart(span, context) {
    this.next.onStart(span, context)
  }

  onEnd(span) {
    let clean
    try {
      clean = redactSpan(span, this.engine)
    } catch {
      this.dropped++
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
  constructor(next, engine = defaultEngine()) {
    this.next = next
    this.engine = engine
    this.dropped = 0
  }

  export(spans, resultCallback) {
    const clean = []
    for (const span of spans) {
      try {
        clean.push(redactSpan(span, this.engine))
      } catch {
        this.dropped++
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

function setResource(record, resource) {
  try {
    record.resource = resource
  } catch {
    // a getter-only property: shadowed below
  }
  if (record.resource !== resource) {
    Object.defineProperty(record, 'resource', { value: resource, enumerable: true, configurable: true, writable: true })
  }
}

/**
 * Scrubs a log record of `@opentelemetry/sdk-logs` in place: body, attributes (the
 * `exception.*` ones included: type and stack frames are kept, their text scrubbed) and
 * resource. Returns false when that failed and the record was emptied instead.
 */
function redactLogRecord(record, engine = defaultEngine()) {
  try {
    const body = record.body
    if (typeof body === 'string') record.body = engine.redact(body)
    else if (body !== null && typeof body === 'object') record.body = engine.redactAttributes({ body }).body
    const attrs = record.attributes
    if (attrs && Object.keys(attrs).length > 0) {
      const clean = engine.redactAttributes(attrs)
      for (const key of Object.keys(attrs)) {
        if (!(key in clean)) delete attrs[key]
        else if (clean[key] !== attrs[key]) attrs[key] = clean[key]
      }
    }
    if (record.resource) setResource(record, redactResource(record.resource, engine))
    return true
  } catch {
    record.body = '[REDACTED:error]'
    for (const key of Object.keys(record.attributes || {})) delete record.attributes[key]
    return false
  }
}

/**
 * A log record processor for `@opentelemetry/sdk-logs`: scrubs the record in place (records
 * are mutable in `onEmit`), then calls the next processor. `failed` counts records that could
 * not be scrubbed and went on emptied.
 *
 *   new LoggerProvider({ processors: [new RedactingLogRecordProcessor(new BatchLogRecordProcessor({ exporter }))] })
 */
class RedactingLogRecordProcessor {
  constructor(next, engine = defaultEngine()) {
    this.next = next
    this.engine = engine
    this.failed = 0
  }

  onEmit(record, context) {
    if (!redactLogRecord(record, this.engine)) this.failed++
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
  redactSpan,
  redactLogRecord,
  redactResource,
}
