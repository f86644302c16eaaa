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

/** The minimal log record processor shape of @opentelemetry/sdk-logs. */
export interface LogRecordProcessorLike {
  onEmit(record: any, context?: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/** Passes the wrapped processor scrubbed copies of finished spans. */
export declare class RedactingSpanProcessor implements SpanProcessorLike {
  constructor(next: SpanProcessorLike, engine?: Engine)
  readonly dropped: number
  onStart(span: any, parentContext: any): void
  onEnd(span: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/** Passes the wrapped exporter scrubbed copies of finished spans. */
export declare class RedactingSpanExporter implements SpanExporterLike {
  constructor(next: SpanExporterLike, engine?: Engine)
  readonly dropped: number
  export(spans: any[], resultCallback: (result: any) => void): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/**
 * Scrubs log records in place (body, attributes with `exception.*`, resource), then calls the
 * next processor.
 */
export declare class RedactingLogRecordProcessor implements LogRecordProcessorLike {
  constructor(next?: LogRecordProcessorLike, engine?: Engine)
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

/**
 * The scrubbed form of a resource: one per resource and engine, so that exporters group the
 * spans and log records that share a resource (one ResourceSpans in OTLP).
 */
export declare function redactResource<T>(resource: T, engine?: Engine): T
