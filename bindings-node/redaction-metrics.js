'use strict'
// What the OpenTelemetry wrappers redacted, recorded on a meter the user passes. The counts are
// the engine's: each call made with `{ report: true }` returns the report of what it did, and
// its counts are added to two counters.

const REDACTIONS = 'scrubjay.redactions'
const FAILED_CLOSED = 'scrubjay.failed_closed'
// The `reason` of items a wrapper could not scrub and dropped whole (an error, not a limit).
const DROPPED_REASON = 'redaction_failed'
// The `rule` under which attributes removed because `allow.keys` does not list them count.
const DENIED_RULE = 'allow.keys'

/**
 * Two counters on `meter`: `scrubjay.redactions` (attribute `rule`: a content rule id, a field
 * rule name, or `allow.keys` for attributes the allow-list removed) and
 * `scrubjay.failed_closed` (attribute `reason`: `too_large`, `too_deep`, `unconvertible`, ... as
 * the report names them, or `redaction_failed` for an item dropped because it could not be
 * scrubbed).
 */
class RedactionMetrics {
  #redactions
  #failed

  constructor(meter) {
    if (!meter || typeof meter.createCounter !== 'function') throw new TypeError('RedactionMetrics expects an OpenTelemetry Meter')
    this.#redactions = meter.createCounter(REDACTIONS, { unit: '{redaction}', description: 'Values redacted by scrubjay, per rule' })
    this.#failed = meter.createCounter(FAILED_CLOSED, {
      unit: '{value}',
      description: 'Values or items scrubjay replaced or dropped whole instead of scanning, per reason',
    })
  }

  /** Adds the counts of one report (`{ counts, failClosed, denied }`) to the counters. */
  record(report) {
    for (const [rule, n] of Object.entries(report.counts)) this.#redactions.add(n, { rule })
    if (report.denied > 0) this.#redactions.add(report.denied, { rule: DENIED_RULE })
    for (const [reason, n] of Object.entries(report.failClosed)) if (n > 0) this.#failed.add(n, { reason })
  }

  /** Counts items dropped because they could not be scrubbed. */
  dropped(n = 1) {
    if (n > 0) this.#failed.add(n, { reason: DROPPED_REASON })
  }
}

/** The metrics for a wrapper's `options.meter`, or null without one. */
function metricsFor(options) {
  return options && options.meter ? new RedactionMetrics(options.meter) : null
}

module.exports = { RedactionMetrics, metricsFor, REDACTIONS, FAILED_CLOSED, DROPPED_REASON, DENIED_RULE }
