import type { Engine } from './scrubjay'

/** What the pino hooks could not keep: values dropped, lines that could not be scrubbed. */
export interface PinoStats {
  /** Functions, symbols and properties whose getter threw, left out of the line. */
  dropped: number
  /** Lines that went out as `{"redaction":"failed"}`. */
  failed: number
}

/**
 * pino options that scrub every finished line (message, error, bindings, serialized request
 * and response) and convert values JSON has no form for before pino writes them.
 */
export declare function scrubjayPino(engine?: Engine, stats?: PinoStats): {
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void
    streamWrite(line: string): string
  }
}

/** Scrubs one pino line (JSON text with its line ending); for a `streamWrite` hook of your own. */
export declare function redactLine(engine: Engine, line: string): string
