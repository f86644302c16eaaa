'use strict'
// OpenTelemetry JS integration. Finished spans are read-only, so both classes hand the next
// stage a scrubbed copy: span, event and link attributes, resource attributes and the status
// message. Ids, names, kinds and timings are the original span's.

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

// A resource whose attributes are scrubbed; everything else delegates to the original.
function redactResource(engine, resource) {
  if (!resource || !resource.attributes) return resource
  const attributes = redactAttrs(engine, resource.attributes)
  return new Proxy(resource, {
    get(target, prop, receiver) {
      if (prop === 'attributes') return attributes
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A scrubbed copy of a finished span (the original is left alone). */
function redactSpan(span, engine = defaultEngine()) {
  const copy = Object.create(span)
  const status = span.status && span.status.message
    ? { ...span.status, message: engine.redact(span.status.message) }
    : span.status
  Object.defineProperties(copy, {
    attributes: { value: redactAttrs(engine, span.attributes), enumerable: true },
    events: { value: (span.events || []).map((e) => ({ ...e, attributes: redactAttrs(engine, e.attributes) })), enumerable: true },
    links: { value: (span.links || []).map((l) => ({ ...l, attributes: redactAttrs(engine, l.attributes) })), enumerable: true },
    resource: { value: redactResource(engine, span.resource), enumerable: true },
    status: { value: status, enumerable: true },
    spanContext: { value: () => span.spanContext(), enumerable: true },
  })
  return copy
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

/**
 * A log record processor for `@opentelemetry/sdk-logs`: scrubs the body and the attributes
 * in place (records are mutable in `onEmit`), then calls the next processor.
 */
class RedactingLogRecordProcessor {
  constructor(next, engine = defaultEngine()) {
    this.next = next
    this.engine = engine
  }

  onEmit(record, context) {
    const engine = this.engine
    try {
      const body = record.body
      if (typeof body === 'string') record.body = engine.redact(body)
      else if (body && typeof body === 'object') record.body = engine.redactAttributes({ body }).body
      const attrs = record.attributes
      if (attrs && Object.keys(attrs).length > 0) {
        const clean = engine.redactAttributes(attrs)
        for (const key of Object.keys(attrs)) {
          if (!(key in clean)) delete attrs[key]
          else if (clean[key] !== attrs[key]) attrs[key] = clean[key]
        }
      }
    } catch {
      record.body = '[REDACTED:error]'
      for (const key of Object.keys(record.attributes || {})) delete record.attributes[key]
    }
    if (this.next) this.next.onEmit(record, context)
  }

  forceFlush() {
    return this.next ? this.next.forceFlush() : Promise.resolve()
  }

  shutdown() {
    return this.next ? this.next.shutdown() : Promise.resolve()
  }
}

module.exports = { RedactingSpanProcessor, RedactingSpanExporter, RedactingLogRecordProcessor, redactSpan }
