'use strict'
// pino integration. The scrubbing happens on the finished line (pino's `streamWrite` hook),
// after pino has applied its serializers, bindings and interpolation. So everything the line
// holds goes through the policy: the message (including the `err.message` pino copies into it
// for `logger.error(err)`), errors in pino's shape `{ type, message, stack, ...props }`,
// child-logger bindings, and what pino-http's serializers keep of a request and response.
// Before that, the `logMethod` hook converts the values pino has no serializer for, so that
// a Buffer becomes its text (pino would write its bytes as numbers, out of the content rules'
// reach), a BigInt decimal text, a cycle "[Circular]", and a function or symbol is dropped
// (counted in `stats.dropped`); the conversion is bounded like `redactAttributes`. Values with
// a serializer (pino-http's raw request and response, errors) are left to it.

const { Engine } = require('./scrubjay.js')
const { toJsonTree } = require('./convert.js')

const FAILED = '{"redaction":"failed"}'

/** Scrubs one pino line (JSON text and its line ending) with `engine`. */
function redactLine(engine, line) {
  const end = line.endsWith('\r\n') ? 2 : line.endsWith('\n') ? 1 : 0
  const eol = line.slice(line.length - end)
  let record
  try {
    record = JSON.parse(end === 0 ? line : line.slice(0, -end))
  } catch {
    // Not JSON (a custom stringifier): the content rules still apply to the whole text.
    try {
      return engine.redact(line)
    } catch {
      return FAILED + eol
    }
  }
  try {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return JSON.stringify(engine.redactAttributes({ value: record }).value) + eol
    }
    return JSON.stringify(engine.redactAttributes(record)) + eol
  } catch {
    return FAILED + eol
  }
}

// pino's per-logger settings (serializers, error key), found by the description of pino's
// symbols: the application's copy of pino is not necessarily the one `require('pino')` would
// find from here.
const symbols = new Map()
function setting(logger, description) {
  let sym = symbols.get(description)
  if (sym === undefined || !(sym in logger)) {
    sym = undefined
    for (let o = logger; o && sym === undefined; o = Object.getPrototypeOf(o)) {
      sym = Object.getOwnPropertySymbols(o).find((k) => k.description === description)
    }
    if (sym === undefined) return undefined
    symbols.set(description, sym)
  }
  return logger[sym]
}

function convertMerging(logger, object, engine, stats) {
  const serializers = setting(logger, 'pino.serializers') || {}
  const errorKey = setting(logger, 'pino.errorKey') ?? 'err'
  const out = {}
  for (const key of Object.keys(object)) {
    let value
    try {
      value = object[key]
    } catch {
      stats.dropped++
      continue
    }
    if (serializers[key] || (key === errorKey && serializers.err)) {
      out[key] = value
      continue
    }
    if (typeof value === 'function' || typeof value === 'symbol') {
      stats.dropped++
      continue
    }
    const converted = toJsonTree(value, engine.maxDepth, engine.maxNodes, engine.maxText)
    stats.dropped += converted.dropped
    out[key] = converted.value
  }
  return out
}

/**
 * pino options: `pino(scrubjayPino())` or `pino({ ...scrubjayPino(engine), level: 'info' })`.
 * Returns `{ hooks: { logMethod, streamWrite } }`; if you have hooks of your own, call
 * `redactLine` from your `streamWrite`. `stats.dropped` counts the values dropped (functions,
 * symbols, throwing getters), `stats.failed` the lines that could not be scrubbed and went
 * out as `{"redaction":"failed"}`.
 */
function scrubjayPino(engine = new Engine(), stats = { dropped: 0, failed: 0 }) {
  return {
    hooks: {
      logMethod(args, method) {
        const first = args[0]
        if (first !== null && typeof first === 'object') {
          const proto = Object.getPrototypeOf(first)
          if (proto === Object.prototype || proto === null) {
            try {
              args = [convertMerging(this, first, engine, stats), ...args.slice(1)]
            } catch {
              stats.dropped++
              args = [{}, ...args.slice(1)]
            }
          }
        }
        return method.apply(this, args)
      },
      streamWrite(line) {
        const out = redactLine(engine, line)
        if (out.startsWith(FAILED)) stats.failed++
        return out
      },
    },
  }
}

module.exports = { scrubjayPino, redactLine }
