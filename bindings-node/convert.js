'use strict'
// The conversion of a JavaScript value into the JSON tree that crosses into the addon. It is
// bounded the way the core's walk is (its contract: `core/src/structured/mod.rs`), so that no
// value handed to a log call can hang or crash the process:
// - values are counted depth-first from the root (object keys in order, then array items),
//   each container or scalar once, as the core counts them; past `maxNodes` every value
//   becomes null without being entered (the core fails those closed, `too_large`), so a graph
//   whose parts are shared costs at most `maxNodes` however often each part is reached;
// - each object is entered once (by identity): one that is its own ancestor becomes
//   "[Circular]", one met again elsewhere in the same value "[Shared]" (it was written where
//   it was first met), so a graph of shared parts costs what its objects number;
// - strings count their length against `maxText` (16 times the policy's `max_value_bytes`,
//   in UTF-16 units): past it every string is null and counted as dropped, so that one
//   string reached from many places cannot grow into gigabytes of text;
// - containers at `maxDepth` are cut to {} (the core replaces them by its too-deep marker);
// - values JSON has no form for are converted as JSON.stringify would (toJSON: Date, URL),
//   with Buffers and typed arrays as UTF-8 text, Errors in pino's shape (type, message, stack,
//   own properties), Maps as objects, Sets as arrays, BigInts as decimal text and NaN and
//   infinities as null; functions and symbols are dropped (and counted), and so are
//   properties whose getter throws;
// - undefined is left out of objects and is null in arrays, as in JSON.
// The input itself is returned when nothing needs changing.

const DROP = Symbol('drop')

function errorShape(err) {
  const ctor = err.constructor
  const out = {
    type: typeof ctor === 'function' && ctor.name ? ctor.name : String(err.name),
    message: String(err.message),
    stack: typeof err.stack === 'string' ? err.stack : String(err.stack),
  }
  for (const k of Object.keys(err)) if (!(k in out)) out[k] = err[k]
  if (err.cause !== undefined && !('cause' in out)) out.cause = err.cause
  return out
}

function bytesText(view) {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('utf8')
}

// A value that is neither a plain object nor an array, in the form JSON gives it; the value
// itself when it is an ordinary object (a class instance: its own enumerable properties).
function plainForm(value) {
  if (ArrayBuffer.isView(value)) {
    return value instanceof Uint8Array || value instanceof DataView ? bytesText(value) : Array.from(value)
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('utf8')
  if (value instanceof Error) return errorShape(value)
  if (typeof value.toJSON === 'function') return value.toJSON('')
  if (value instanceof Map) {
    const out = {}
    for (const [k, v] of value) out[String(k)] = v
    return out
  }
  if (value instanceof Set) return Array.from(value)
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.valueOf()
  return value
}

class Conversion {
  constructor(maxDepth, maxNodes, maxText) {
    this.maxDepth = maxDepth
    this.maxNodes = maxNodes
    this.text = maxText
    this.nodes = 0
    this.dropped = 0
    this.path = []
    this.seen = new Set()
  }

  value(value, depth, converted = false) {
    switch (typeof value) {
      case 'function':
      case 'symbol':
        this.dropped++
        return DROP
      case 'undefined':
        return DROP
    }
    if (++this.nodes > this.maxNodes) return null
    switch (typeof value) {
      case 'string':
        this.text -= value.length
        if (this.text >= 0) return value
        this.dropped++
        return null
      case 'boolean':
        return value
      case 'number':
        return Number.isFinite(value) ? value : null
      case 'bigint':
        return value.toString()
    }
    if (value === null) return null
    if (!converted) {
      if (this.path.includes(value)) return '[Circular]'
      if (this.seen.has(value)) return '[Shared]'
      this.seen.add(value)
    }
    let source = value
    const proto = Object.getPrototypeOf(value)
    if (!converted && proto !== Object.prototype && proto !== null && !Array.isArray(value)) {
      try {
        source = plainForm(value)
      } catch {
        this.nodes--
        this.dropped++
        return DROP
      }
      if (source !== value) {
        this.nodes--
        // The original stays on the path, so that its JSON form meeting it again is a cycle.
        this.path.push(value)
        try {
          return this.value(source, depth, true)
        } finally {
          this.path.pop()
        }
      }
    }
    if (depth >= this.maxDepth) return {}
    this.path.push(value)
    try {
      return Array.isArray(value) ? this.array(value, depth) : this.object(value, depth)
    } finally {
      this.path.pop()
    }
  }

  array(value, depth) {
    let copy = null
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      let next = this.value(item, depth + 1)
      if (next === DROP) {
        // JSON's null, a value the core counts
        next = null
        this.nodes++
      }
      if (next !== item && copy === null) copy = value.slice(0, i)
      if (copy !== null) copy.push(next)
    }
    return copy === null ? value : copy
  }

  object(value, depth) {
    let copy = null
    const keys = Object.keys(value)
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]
      let item
      let next
      try {
        item = value[k]
        next = this.value(item, depth + 1)
      } catch {
        this.dropped++
        next = DROP
      }
      // The addon cannot take NUL in a property name: such a key crosses (and comes back)
      // with U+FFFD in its place.
      const name = k.includes('\0') ? k.replaceAll('\0', '\uFFFD') : k
      if ((next !== item || name !== k) && copy === null) {
        copy = {}
        for (let j = 0; j < i; j++) copy[keys[j]] = value[keys[j]]
      }
      if (copy !== null && next !== DROP) copy[name] = next
    }
    return copy === null ? value : copy
  }
}

/** `{ value, dropped }`: the JSON tree for the addon and the number of values dropped. */
function toJsonTree(root, maxDepth, maxNodes, maxText) {
  const c = new Conversion(maxDepth, maxNodes, maxText)
  let value
  try {
    value = c.value(root, 0)
  } catch {
    c.dropped++
    value = DROP
  }
  return { value: value === DROP ? null : value, dropped: c.dropped }
}

// The engine's answer, with BigInts and non-finite numbers the engine left alone put back as
// they were (they crossed as text and null).
function restoreOriginals(original, redacted) {
  if (typeof original === 'bigint') return redacted === original.toString() ? original : redacted
  if (typeof original === 'number' && !Number.isFinite(original)) return redacted === null ? original : redacted
  if (original === null || typeof original !== 'object' || redacted === null || typeof redacted !== 'object') return redacted
  if (Array.isArray(original) && Array.isArray(redacted)) {
    return original.length === redacted.length ? redacted.map((v, i) => restoreOriginals(original[i], v)) : redacted
  }
  if (Object.getPrototypeOf(original) !== Object.prototype && Object.getPrototypeOf(original) !== null) return redacted
  for (const k of Object.keys(redacted)) {
    let was
    try {
      was = original[k]
    } catch {
      continue
    }
    redacted[k] = restoreOriginals(was, redacted[k])
  }
  return redacted
}

module.exports = { toJsonTree, restoreOriginals }
