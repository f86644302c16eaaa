import type { Engine } from './scrubjay'

/** pino options that scrub the merging object and the message of every log line. */
export declare function scrubjayPino(engine?: Engine): {
  formatters: { log(object: Record<string, unknown>): Record<string, unknown> }
  hooks: { logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void }
}
