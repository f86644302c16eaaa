'use strict'
// pino integration: options that scrub every log line with the engine's policy. The merging
// object goes through `redactAttributes` (field rules by key, content rules on values) and
// the message string through `redact`.

const { Engine } = require('./scrubjay.js')

/**
 * pino options: `pino(scrubjayPino())` or `pino({ ...scrubjayPino(engine), level: 'info' })`.
 * Returns `{ formatters: { log }, hooks: { logMethod } }`.
 */
function scrubjayPino(engine = new Engine()) {
  return {
    formatters: {
      log(object) {
        try {
          return engine.redactAttributes(object)
        } catch {
          return { redaction: 'failed' }
        }
      },
    },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a) => {
          if (typeof a === 'string') return engine.redact(a)
          if (a && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Error)) return engine.redactAttributes(a)
          return a
        })
        return method.apply(this, clean)
      },
    },
  }
}

module.exports = { scrubjayPino }
