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

/** Scrubs log record bodies and attributes in place, then calls the next processor. */
export declare class RedactingLogRecordProcessor implements LogRecordProcessorLike {
  constructor(next?: LogRecordProcessorLike, engine?: Engine)
  onEmit(record: any, context?: any): void
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/** A scrubbed copy of a finished span. */
export declare function redactSpan<T>(span: T, engine?: Engine): T
