import type { Engine } from './scrubjay'

/** The minimal span processor shape of @opentelemetry/sdk-trace-base. */
export interface SpanProcessorLike {
  onStart(span: any, parentContext: any): void
  onEnd(span: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/** The minimal span exporter shape of @opentelemetry/sdk-trace-base. */
export interface SpanExporterLike {
  export(spans: any[], resultCallback: (result: any) => void): void
  forceFlush?(): Promise<void>
  shutdown(): Promise<void>
}

/** The minimal push metric exporter shape of @opentelemetry/sdk-metrics. */
export interface PushMetricExporterLike {
  export(metrics: any, resultCallback: (result: any) => void): void
  forceFlush?(): Promise<void>
  shutdown(): Promise<void>
  selectAggregationTemporality?(instrumentType: any): any
  selectAggregation?(instrumentType: any): any
}

/** The part of an OpenTelemetry `Meter` (@opentelemetry/api) the wrappers use. */
export interface MeterLike {
  createCounter(name: string, options?: { description?: string; unit?: string }): {
    add(value: number, attributes?: Record<string, string>): void
  }
}

/** Options of every wrapper. */
export interface RedactingOptions {
  /**
   * Counts what the wrapper redacts on this meter: `scrubjay.redactions` (attribute `rule`) and
   * `scrubjay.failed_closed` (attribute `reason`), from the engine's reports.
   */
  meter?: MeterLike
}

/** The minimal log record processor shape of @opentelemetry/sdk-logs. */
export interface LogRecordProcessorLike {
  onEmit(record: any, context?: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/**
 * Passes the wrapped processor scrubbed copies of finished spans: name, event names and
 * attributes, link attributes, status message, resource and scope attributes.
 */
export declare class RedactingSpanProcessor implements SpanProcessorLike {
  constructor(next: SpanProcessorLike, engine?: Engine, options?: RedactingOptions)
  readonly dropped: number
  onStart(span: any, parentContext: any): void
  onEnd(span: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/** Passes the wrapped exporter scrubbed copies of finished spans. */
export declare class RedactingSpanExporter implements SpanExporterLike {
  constructor(next: SpanExporterLike, engine?: Engine, options?: RedactingOptions)
  readonly dropped: number
  export(spans: any[], resultCallback: (result: any) => void): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/**
 * Passes the wrapped exporter scrubbed copies of the collected metrics: data point and exemplar
 * attributes, resource and scope attributes (names, units, descriptions and values kept). Its
 * aggregation temporality and aggregation are the wrapped exporter's.
 */
export declare class RedactingMetricExporter implements PushMetricExporterLike {
  constructor(next: PushMetricExporterLike, engine?: Engine, options?: RedactingOptions)
  /** Metrics that could not be scrubbed and were left out. */
  readonly dropped: number
  export(metrics: any, resultCallback: (result: any) => void): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
  selectAggregationTemporality?(instrumentType: any): any
  selectAggregation?(instrumentType: any): any
}

/**
 * Scrubs log records in place (body, event name, attributes with `exception.*`, resource, scope
 * attributes), then calls the next processor.
 */
export declare class RedactingLogRecordProcessor implements LogRecordProcessorLike {
  constructor(next?: LogRecordProcessorLike, engine?: Engine, options?: RedactingOptions)
  /** Records that could not be scrubbed and went on emptied. */
  readonly failed: number
  onEmit(record: any, context?: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/**
 * A scrubbed copy of a finished span: own enumerable properties for every ReadableSpan field
 * (spreading and JSON.stringify keep them); a copy is returned as it is.
 */
export declare function redactSpan<T>(span: T, engine?: Engine): T

/** Scrubs a log record in place; false when it could not be and was emptied instead. */
export declare function redactLogRecord(record: any, engine?: Engine): boolean

/** A scrubbed copy of the `ResourceMetrics` a metric reader collects. */
export declare function redactMetrics<T>(resourceMetrics: T, engine?: Engine, onDrop?: (count: number) => void): T

/**
 * The scrubbed form of an instrumentation scope (attributes scrubbed; name, version and schema
 * URL kept), one per scope and engine; a scope without attributes is returned as it is.
 */
export declare function redactScope<T>(scope: T, engine?: Engine): T

/** What a report counts, as `engine.redact(text, { report: true })` returns it. */
export interface ReportLike {
  counts: Record<string, number>
  failClosed: Record<string, number>
  denied: number
}

/**
 * The two counters the wrappers record on a meter: `scrubjay.redactions` (attribute `rule`;
 * attributes removed by `allow.keys` count under `allow.keys`) and `scrubjay.failed_closed`
 * (attribute `reason`; `redaction_failed` for items dropped because they could not be scrubbed).
 */
export declare class RedactionMetrics {
  constructor(meter: MeterLike)
  record(report: ReportLike): void
  dropped(n?: number): void
}

/**
 * The scrubbed form of a resource: one per resource and engine, so that exporters group the
 * spans and log records that share a resource (one ResourceSpans in OTLP).
 */
export declare function redactResource<T>(resource: T, engine?: Engine): T
