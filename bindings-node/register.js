'use strict'
// Zero-code scrubbing: `node --require scrubjay/register --require
// @opentelemetry/auto-instrumentations-node/register app.js`. Setups driven by environment
// variables build their span and log record processors inside the SDK, out of the
// application's reach, so this module patches the processors' classes instead: the span
// processors of `@opentelemetry/sdk-trace` / `sdk-trace-base` pass scrubbed copies on, and the
// log record processors of `@opentelemetry/sdk-logs` scrub each record (resource included)
// before it is exported, and the metric readers of `@opentelemetry/sdk-metrics` (periodic
// exporting ones and pull ones such as Prometheus') collect scrubbed copies. Every copy of
// those packages loaded through `require` is patched, whichever exporter sits behind the
// processor or reader (OTLP, console, zipkin).
//
// The policy is the file named by SCRUBJAY_POLICY_FILE (JSON or YAML), else the default
// policy; an invalid file stops the process at startup rather than export unscrubbed data.

const Module = require('node:module')
const { Engine } = require('./scrubjay.js')
const { redactSpan, redactLogRecord } = require('./otel.js')
const { redactMetrics } = require('./otel-metrics.js')

const file = process.env.SCRUBJAY_POLICY_FILE
let engine
try {
  engine = file ? Engine.fromFile(file) : new Engine()
} catch (err) {
  err.message = `scrubjay/register: SCRUBJAY_POLICY_FILE=${file}: ${err.message}`
  throw err
}

/** What the patched processors and readers could not scrub (and so did not pass on). */
const stats = { droppedSpans: 0, failedLogRecords: 0, droppedMetrics: 0 }
const PATCHED = Symbol.for('scrubjay.register.patched')
const scrubbed = new WeakSet()

function wrapOnEnd(proto) {
  const onEnd = proto.onEnd
  proto.onEnd = function scrubjayOnEnd(span) {
    let clean
    try {
      clean = redactSpan(span, engine)
    } catch {
      stats.droppedSpans++
      return
    }
    return onEnd.call(this, clean)
  }
}

function wrapOnEmit(proto) {
  const onEmit = proto.onEmit
  proto.onEmit = function scrubjayOnEmit(record, context) {
    // A record passes through each processor of the provider: scrub it once.
    if (record && typeof record === 'object' && !scrubbed.has(record)) {
      scrubbed.add(record)
      if (!redactLogRecord(record, engine)) stats.failedLogRecords++
    }
    return onEmit.call(this, record, context)
  }
}

function wrapCollect(proto) {
  const collect = proto.collect
  proto.collect = async function scrubjayCollect(options) {
    const out = await collect.call(this, options)
    if (!out || !out.resourceMetrics) return out
    return { ...out, resourceMetrics: redactMetrics(out.resourceMetrics, engine, (n) => (stats.droppedMetrics += n)) }
  }
}

// Each class to patch: the method it must have, and the wrapper.
const SPAN_PROCESSORS = [['BatchSpanProcessor', 'onEnd', wrapOnEnd], ['SimpleSpanProcessor', 'onEnd', wrapOnEnd]]
const LOG_PROCESSORS = [['BatchLogRecordProcessor', 'onEmit', wrapOnEmit], ['SimpleLogRecordProcessor', 'onEmit', wrapOnEmit]]
const PACKAGES = {
  '@opentelemetry/sdk-trace': SPAN_PROCESSORS,
  '@opentelemetry/sdk-trace-base': SPAN_PROCESSORS,
  '@opentelemetry/sdk-trace-node': SPAN_PROCESSORS,
  '@opentelemetry/sdk-logs': LOG_PROCESSORS,
  // The base class: every reader collects through it.
  '@opentelemetry/sdk-metrics': [['MetricReader', 'collect', wrapCollect]],
}

function patch(exports, classes) {
  if (!exports || typeof exports !== 'object') return
  for (const [name, method, wrap] of classes) {
    let cls
    try {
      cls = exports[name]
    } catch {
      continue
    }
    const proto = cls && cls.prototype
    if (!proto || typeof proto[method] !== 'function') continue
    // A subclass of a patched class (the sdk-trace-base shims extend sdk-trace's) is patched
    // too; the copy is still made once: redactSpan hands a scrubbed copy back as it is.
    if (Object.prototype.hasOwnProperty.call(proto, PATCHED)) continue
    Object.defineProperty(proto, PATCHED, { value: true })
    wrap(proto)
  }
}

const load = Module._load
Module._load = function scrubjayLoad(request, parent, isMain) {
  const exports = load.apply(this, arguments)
  const classes = PACKAGES[request]
  if (classes) patch(exports, classes)
  return exports
}

// Copies loaded before this module (a --require placed after the SDK's).
for (const [id, mod] of Object.entries(require.cache)) {
  const m = /[\\/]node_modules[\\/](@opentelemetry[\\/][a-z-]+)[\\/]build[\\/]src[\\/]index\.js$/.exec(id)
  const classes = m && PACKAGES[m[1].replace('\\', '/')]
  if (classes) patch(mod.exports, classes)
}

module.exports = { engine, stats }
