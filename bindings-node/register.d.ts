import type { Engine } from './scrubjay'

/**
 * `node --require scrubjay/register app.js`: patches the span and log record processors and
 * the metric readers of the OpenTelemetry SDK packages loaded after it, so that every span,
 * log record and metric data point is scrubbed before it is exported. The policy comes from SCRUBJAY_POLICY_FILE, else the
 * default policy.
 */
export declare const engine: Engine

/** Spans and metrics dropped, and log records emptied, because they could not be scrubbed. */
export declare const stats: { droppedSpans: number; failedLogRecords: number; droppedMetrics: number }
