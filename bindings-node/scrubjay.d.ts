/** Counts of what was redacted in one call. */
export interface Report {
  total: number
  counts: Record<string, number>
  /** Values redacted by action: `mask`, `remove`, `hash`, `replace`, `partial`, `sanitize`, `tokenize`, `pseudonym`. */
  actions: Record<string, number>
  /**
   * Values replaced or dropped by reason: `too_deep`, `too_large`, `token_key_unavailable`
   * (a token's key missing from the ring), ... and, from
   * `redactAttributes`, `unconvertible` (functions and symbols dropped).
   */
  failClosed: Record<string, number>
  denied: number
}

/** One thing a scan found (never the value): UTF-16 offsets, usable with `text.slice`. */
export interface Finding {
  rule: string
  start: number
  end: number
  path: string | null
}

export interface RedactOptions {
  /** Return `{ value, report }` instead of the value. */
  report?: boolean
}

export type Policy = string | Record<string, unknown>

/** An invalid policy. */
export declare class PolicyError extends Error {
  readonly code: 'SCRUBJAY_POLICY'
  readonly rule: string | null
  readonly field: string | null
  readonly position: number | null
  readonly line: number | null
  readonly column: number | null
}

/** What became of one token `reveal` found (never its value). */
export interface RevealedToken {
  /** The rule that wrote the token, as the token says. */
  rule: string
  /** The id of the key the token was made with. */
  keyId: string
  /** UTF-16 offsets of the token in the text given to `reveal`, usable with `text.slice`. */
  start: number
  end: number
  /** `revealed`; `unknown_key` when the ring has no key with that id; `invalid` when the token does not open under it (changed, or made with another key of the same id). */
  outcome: 'revealed' | 'unknown_key' | 'invalid'
}

/**
 * Token keys by id, for `Engine.reveal`. The keys stay in the native addon: only the ids are
 * readable, and `util.inspect` / `toString` show the ids alone. Loading errors throw an
 * `Error` with the core's message.
 */
export declare class KeyRing {
  private constructor()
  /** Reads a key ring file: `{"version": 1, "active": "k2", "keys": [{"id": "k1", "key": "<base64url>"}, ...]}`. */
  static fromFile(path: string): KeyRing
  /** Reads a key ring from its JSON text. */
  static fromJson(text: string): KeyRing
  /** The ids of the ring's keys, in its order. */
  readonly ids: string[]
  /** The id of the key new tokens are made with, or null. */
  readonly active: string | null
  toString(): string
}

/** A compiled redaction policy; immutable and cheap to share. */
export declare class Engine {
  /** The default policy when `policy` is omitted; else an object, or JSON or YAML text. */
  constructor(policy?: Policy)
  static fromFile(path: string): Engine
  redact(text: string): string
  redact(text: string, options: { report: true }): { value: string; report: Report }
  redactAsync(text: string): Promise<string>
  redactBuffer(buf: Buffer): Buffer
  redactAttributes<T extends Record<string, unknown>>(attributes: T): Record<string, unknown>
  redactAttributes(attributes: Record<string, unknown>, options: { report: true }): { value: Record<string, unknown>; report: Report }
  scan(text: string): Finding[]
  /**
   * `text` with each token of the policy's template replaced by its value where `keys` holds
   * the key it names; tokens with an unknown key and changed tokens are left as they are.
   */
  reveal(text: string, keys: KeyRing): string
  /** `reveal` with what became of each token, for an audit log. */
  reveal(text: string, keys: KeyRing, options: { tokens: true }): { text: string; tokens: RevealedToken[] }
  sanitizeUrl(url: string): string
  /**
   * `dialect`: `postgresql`, `mysql`, `mariadb`, `mssql`, `oracle`, `sqlite`, `generic` or an
   * OpenTelemetry `db.system.name` value; omitted or null, no dialect. Throws for another name.
   */
  normalizeSql(sql: string, dialect?: string | null): string
  sanitizeHeader(name: string, value: string): string
  sanitizeBaggage(header: string): { header: string; violations: Array<{ key: string | null; reason: string }> }
  validateTraceparent(header: string): { valid: true } | { valid: false; reason: string }
  readonly rules: string[]
  /** `limits.max_depth`: structures nested deeper fail closed (`too_deep`). */
  readonly maxDepth: number
  /** `limits.max_nodes`: the values of one structure past it fail closed (`too_large`). */
  readonly maxNodes: number
  /** The text one structure may carry in, in UTF-16 units (16 × `limits.max_value_bytes`); strings past it are dropped. */
  readonly maxText: number
}

export declare const version: string
export declare function defaultPolicy(): string
