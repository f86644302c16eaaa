// Type-checked (never run) by `tsc --noEmit -p test`: the declarations describe the API.
import { Engine, KeyRing, PolicyError, version, defaultPolicy } from '../scrubjay'
import type { RevealedToken } from '../scrubjay'
import { RedactingSpanProcessor, RedactingSpanExporter, RedactingLogRecordProcessor, redactSpan, redactLogRecord, redactResource } from '../otel'
import { RedactingMetricExporter, RedactionMetrics, redactMetrics, redactScope, MeterLike } from '../otel'
import { metrics } from '@opentelemetry/api'
import { scrubjayPino, redactLine, PinoStats } from '../pino'
import * as register from '../register'
import type { NativeEngine, ReportCounts } from '../index'

const engine: Engine = new Engine()
const fromYaml: Engine = new Engine('version: 1\n')
const fromObject: Engine = new Engine({ version: 1, builtins: 'none' })
const text: string = engine.redact('mail a@b.io')
const withReport: { value: string; report: { total: number } } = engine.redact('x', { report: true })
const attrs: Record<string, unknown> = engine.redactAttributes({ 'db.password': 'x', n: 1, b: 2n })
const promised: Promise<string> = engine.redactAsync('a@b.io')
const buf: Buffer = engine.redactBuffer(Buffer.from('a@b.io'))
const findings: Array<{ rule: string; start: number; end: number; path: string | null }> = engine.scan('a@b.io')
const url: string = engine.sanitizeUrl('https://h/?token=x')
const sql: string = engine.normalizeSql("SELECT 'x'") + engine.normalizeSql('SELECT "x"', 'mysql') + engine.normalizeSql('SELECT 1', null)
const header: string = engine.sanitizeHeader('cookie', 'a=b')
const baggage: { header: string; violations: Array<{ key: string | null; reason: string }> } = engine.sanitizeBaggage('a=b')
const tp = engine.validateTraceparent('00-...')
if (!tp.valid) {
  const reason: string = tp.reason
  void reason
}
try {
  Engine.fromFile('policy.yaml')
} catch (e) {
  if (e instanceof PolicyError) {
    const where: [string, string | null, string | null, number | null] = [e.code, e.rule, e.field, e.position]
    void where
  }
}
const keys: KeyRing = KeyRing.fromFile('keys.json')
const ring: KeyRing = KeyRing.fromJson('{"keys": []}')
const ids: string[] = keys.ids
const active: string | null = ring.active
const revealed: string = engine.reveal(text, keys)
const audited: { text: string; tokens: RevealedToken[] } = engine.reveal(text, keys, { tokens: true })
const outcome: 'revealed' | 'unknown_key' | 'invalid' = audited.tokens[0].outcome
const auditedKey: string = audited.tokens[0].keyId
// @ts-expect-error a KeyRing is made by fromFile or fromJson
new KeyRing()
const v: string = version
const p: string = defaultPolicy()
const processor = new RedactingSpanProcessor({ onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} }, engine)
const exporter = new RedactingSpanExporter({ export() {}, shutdown: async () => {} })
const logs = new RedactingLogRecordProcessor()
const pinoOptions = scrubjayPino(engine)
const stats: PinoStats = { dropped: 0, failed: 0 }
const line: string = scrubjayPino(engine, stats).hooks.streamWrite('{}\n') + redactLine(engine, '{}')
const limits: [number, number] = [engine.maxDepth, engine.maxNodes]
const failed: number = logs.failed
const scrubbed: boolean = redactLogRecord({ body: 'x' }, engine)
const copy: { name: string } = redactSpan({ name: 'x' })
const sharedResource: object = redactResource({ attributes: {} }, engine)
const registered: [Engine, number] = [register.engine, register.stats.droppedSpans]
// A Meter of @opentelemetry/api is what the wrappers take.
const meter: MeterLike = metrics.getMeter('scrubjay')
const counted = new RedactingSpanExporter({ export() {}, shutdown: async () => {} }, undefined, { meter })
const countedLogs = new RedactingLogRecordProcessor(undefined, engine, { meter })
const metricExporter = new RedactingMetricExporter({ export() {}, shutdown: async () => {}, selectAggregationTemporality: () => 1 }, engine, { meter })
const droppedMetrics: number = metricExporter.dropped
new RedactionMetrics(meter).record(engine.redact('a@b.io', { report: true }).report)
const cleanMetrics: { resource: object } = redactMetrics({ resource: {}, scopeMetrics: [] }, engine)
const cleanScope: { name: string } = redactScope({ name: 'x', attributes: { a: 'b' } })
let native: NativeEngine | undefined
let counts: ReportCounts | undefined
void [counted, countedLogs, droppedMetrics, cleanMetrics, cleanScope]
void [fromYaml, fromObject, text, withReport, attrs, promised, buf, findings, url, sql, header, baggage, v, p, processor, exporter, logs, pinoOptions, native, counts]
void [line, limits, failed, scrubbed, copy, sharedResource, registered]
void [ids, active, revealed, outcome, auditedKey]
