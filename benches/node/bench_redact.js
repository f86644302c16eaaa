'use strict'
// scrubjay against the naive JavaScript strategy, in one run: 17 RegExp replaces, one after
// another, on every string attribute of the same 20-attribute spans.
//
//   node benches/node/bench_redact.js [spans] [repeat]
// (needs the addon built: `npm install && npm run build` in bindings-node, or make test)

const { Engine } = require('../../bindings-node')

const NAIVE = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  /\b(?:\d[ -]?){13,19}\b/g,
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /\+?\d{1,3}[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b/g,
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/g,
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
  /bearer\s+[A-Za-z0-9._~+/-]+=*/gi,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]+/g,
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\bsk-[A-Za-z0-9_-]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/g,
  /(?:password|passwd|secret|token|api_key)\s*[=:]\s*[^\s&,;]+/gi,
  /:\/\/[^/\s:@]+:[^/\s@]+@/g,
  /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/g,
]

function naiveRedact(attrs) {
  const out = {}
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'string') {
      let s = v
      for (const rx of NAIVE) s = s.replace(rx, '[REDACTED]')
      out[k] = s
    } else {
      out[k] = v
    }
  }
  return out
}

// The same spans as benches/python/spans.py (a seeded generator of the same shape).
function makeSpans(n) {
  let seed = 7
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const pick = (a) => a[Math.floor(rand() * a.length)]
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('')
  const spans = []
  for (let i = 0; i < n; i++) {
    const user = `user${i}@example.com`
    const s = {
      'http.request.method': pick(['GET', 'POST', 'PUT']),
      'http.route': pick(['/api/v2/orders/{id}', '/checkout', '/health', '/api/users/{id}/profile', '/search']),
      'http.response.status_code': pick([200, 201, 404, 500]),
      'url.full': `https://api.example.com/api/v2/orders/${Math.floor(rand() * 99999)}?page=2&limit=50`,
      'server.address': 'orders.internal',
      'server.port': 8443,
      'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109',
      'service.version': `2.${Math.floor(rand() * 20)}.${Math.floor(rand() * 50)}`,
      'app.request_id': `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      'app.trace_ref': hex(32),
      'app.git_sha': hex(40),
      'app.duration_ms': rand() * 200,
      'app.retry_count': Math.floor(rand() * 4),
      'app.cache_hit': rand() < 0.5,
      'db.system': 'postgresql',
      'db.statement': 'SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2',
      'messaging.destination.name': 'order-events',
      'app.region': pick(['eu-west-1', 'us-east-1']),
      'app.feature_flags': 'checkout_v2,fast_search',
      'app.note': 'processed in batch 17 at 2024-06-01T10:00:00Z',
    }
    if (i % 4 === 0) s['app.note'] = `charge failed for ${user} card 4111 1111 1111 1111`
    if (i % 10 === 0) s['url.full'] = `https://api.example.com/reset?token=tok_${hex(16)}&email=${user}`
    spans.push(s)
  }
  return spans
}

// The same spans with some values nested (an object and arrays, as log bodies and some span
// attributes have): these take the bounded conversion and the tree walk, not the flat path.
function nest(spans) {
  return spans.map((s) => ({
    ...s,
    'app.user': { id: s['app.retry_count'], note: s['app.note'], roles: ['buyer', 'beta'] },
    'app.feature_flags': s['app.feature_flags'].split(','),
  }))
}

function best(fn, spans, repeat) {
  let min = Infinity
  for (let r = 0; r < repeat; r++) {
    const t0 = process.hrtime.bigint()
    for (const s of spans) fn(s)
    const dt = Number(process.hrtime.bigint() - t0) / spans.length
    if (dt < min) min = dt
  }
  return min / 1000 // microseconds per span
}

const n = Number(process.argv[2] || 2000)
const repeat = Number(process.argv[3] || 7)
const spans = makeSpans(n)
const engine = new Engine()
best((s) => engine.redactAttributes(s), spans, 1)
best(naiveRedact, spans, 1)
const fast = best((s) => engine.redactAttributes(s), spans, repeat)
const slow = best(naiveRedact, spans, repeat)
const nested = nest(spans)
best((s) => engine.redactAttributes(s), nested, 1)
const tree = best((s) => engine.redactAttributes(s), nested, repeat)
console.log(`spans: ${n} x 20 attributes, best of ${repeat}`)
console.log(`scrubjay redactAttributes      ${fast.toFixed(2)} us/span`)
console.log(`naive 17 RegExp replaces/value ${slow.toFixed(2)} us/span`)
console.log(`ratio ${(slow / fast).toFixed(1)}x`)
console.log(`scrubjay, 2 values nested      ${tree.toFixed(2)} us/span`)
