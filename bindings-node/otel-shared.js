'use strict'
// What every OpenTelemetry wrapper needs: the engine calls (counted on a meter when the wrapper
// has one) and the scrubbed forms of what many items share, resources and instrumentation
// scopes, made once per object.

const { Engine } = require('./scrubjay.js')

let shared
function defaultEngine() {
  if (!shared) shared = new Engine()
  return shared
}

/**
 * The engine calls of one wrapper. With `metrics` (a RedactionMetrics), each call asks the engine
 * for its report and records it; without, the calls take the engine's fastest path.
 */
class Scrubber {
  constructor(engine = defaultEngine(), metrics = null) {
    this.engine = engine
    this.metrics = metrics
  }

  /** A text field (a name, a message) through the content rules. */
  text(text) {
    if (!this.metrics) return this.engine.redact(text)
    const { value, report } = this.engine.redact(text, { report: true })
    this.metrics.record(report)
    return value
  }

  /** An attribute map in one engine call; an empty or missing one is returned as it is. */
  attributes(attributes) {
    if (!attributes || Object.keys(attributes).length === 0) return attributes
    if (!this.metrics) return this.engine.redactAttributes(attributes)
    const { value, report } = this.engine.redactAttributes(attributes, { report: true })
    this.metrics.record(report)
    return value
  }

  /** Items dropped because they could not be scrubbed. */
  dropped(n = 1) {
    if (this.metrics) this.metrics.dropped(n)
  }
}

function scrubberOf(engineOrScrubber) {
  if (engineOrScrubber instanceof Scrubber) return engineOrScrubber
  return new Scrubber(engineOrScrubber ?? defaultEngine())
}

/**
 * A resource whose attributes are scrubbed. It holds no reference to the raw attributes, so no
 * method of the original can hand them out. While the original waits for asynchronous
 * attributes (resource detectors), `attributes` is computed afresh on each read; once they have
 * settled it is computed once (and counted once, on the meter of the wrapper that made it).
 */
class RedactedResource {
  #scrubber
  #original
  #settled = null

  constructor(scrubber, original) {
    this.#scrubber = scrubber
    this.#original = original
    Object.defineProperty(this, 'attributes', { get: () => this.#attributes(), enumerable: true })
    Object.defineProperty(this, 'schemaUrl', { value: original.schemaUrl, enumerable: true })
  }

  #attributes() {
    if (this.#settled) return this.#settled
    const pending = this.asyncAttributesPending
    // Reads while attributes are pending are not counted: the settled read counts them all.
    const scrubber = pending ? new Scrubber(this.#scrubber.engine) : this.#scrubber
    const clean = scrubber.attributes(this.#original.attributes) ?? {}
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
    return redactResource(this.#original.merge(other), this.#scrubber)
  }
}

// One scrubbed form per original and engine: exporters group spans, log records and metrics by
// resource identity (one ResourceSpans per resource in OTLP). Scopes likewise.
const resources = new WeakMap()
const scopes = new WeakMap()
const cleanScopes = new WeakSet()

function cached(cache, engine, original, make) {
  let byOriginal = cache.get(engine)
  if (!byOriginal) cache.set(engine, (byOriginal = new WeakMap()))
  let clean = byOriginal.get(original)
  if (!clean) byOriginal.set(original, (clean = make()))
  return clean
}

/** The scrubbed form of a resource, made once per resource and engine. */
function redactResource(resource, engine = defaultEngine()) {
  if (!resource || typeof resource !== 'object' || resource instanceof RedactedResource) return resource
  const scrubber = scrubberOf(engine)
  return cached(resources, scrubber.engine, resource, () => new RedactedResource(scrubber, resource))
}

/**
 * The scrubbed form of an instrumentation scope, made once per scope and engine: its attributes
 * scrubbed, its name, version and schema URL (which identify the instrumentation) kept. A scope
 * without attributes is returned as it is.
 */
function redactScope(scope, engine = defaultEngine()) {
  if (!scope || typeof scope !== 'object' || !scope.attributes || Object.keys(scope.attributes).length === 0) return scope
  if (cleanScopes.has(scope)) return scope
  const scrubber = scrubberOf(engine)
  return cached(scopes, scrubber.engine, scope, () => {
    const clean = { ...scope, attributes: scrubber.attributes(scope.attributes) }
    cleanScopes.add(clean)
    return clean
  })
}

module.exports = { Scrubber, scrubberOf, defaultEngine, redactResource, redactScope, RedactedResource }
