'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const scrubjay = require('..')
const { Engine, PolicyError } = scrubjay

test('policies as objects, JSON, YAML and files', () => {
  const policy = { version: 1, builtins: 'none', content: [{ id: 'ticket', pattern: 'TICKET-[0-9]{6}' }] }
  const yaml = "version: 1\nbuiltins: none\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n"
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scrubjay-')), 'policy.yaml')
  fs.writeFileSync(file, yaml)
  for (const e of [new Engine(policy), new Engine(JSON.stringify(policy)), new Engine(yaml), Engine.fromFile(file)]) {
    assert.equal(e.redact('see TICKET-123456 from a@b.io'), 'see [REDACTED:ticket] from a@b.io')
    assert.deepEqual(e.rules, ['ticket'])
  }
})

test('policy errors carry code, rule, field and position', () => {
  assert.throws(() => new Engine({ version: 1, content: [{ id: 'pin', pattern: 'pin=(?=[0-9])' }] }), (err) => {
    assert.ok(err instanceof PolicyError && err instanceof Error)
    assert.equal(err.code, 'SCRUBJAY_POLICY')
    assert.equal(err.rule, 'pin')
    assert.equal(err.field, 'pattern')
    assert.equal(typeof err.position, 'number')
    return true
  })
  assert.throws(() => new Engine('{"version": 1, "content": [}'), (err) => err.code === 'SCRUBJAY_POLICY' && err.line === 1)
  assert.throws(() => new Engine(42), TypeError)
  assert.throws(() => Engine.fromFile('/no/such/policy.json'), /ENOENT/)
})

test('attributes keep their types, nesting and order', () => {
  const e = new Engine()
  const input = {
    'http.request.header.authorization': 'Bearer abc123def456',
    user: { password: 'hunter2', id: 42, tags: ['vip', 'x@y.io'] },
    retries: 3, latency: 1.5, cached: false, parent: null,
    'payment.ref': 4111111111111111,
    big: 12345678901234567890n,
  }
  const out = e.redactAttributes(input)
  assert.deepEqual(out, {
    'http.request.header.authorization': 'Bearer [REDACTED]',
    user: { password: '[REDACTED:password]', id: 42, tags: ['vip', '[REDACTED:email]'] },
    retries: 3, latency: 1.5, cached: false, parent: null,
    'payment.ref': '[REDACTED:credit_card]',
    big: 12345678901234567890n,
  })
  assert.deepEqual(Object.keys(out), Object.keys(input))
  assert.equal(input.user.password, 'hunter2', 'the input is not modified')
})

test('deep nesting fails closed without crashing', () => {
  const e = new Engine()
  let deep = { email: 'a@b.io' }
  for (let i = 0; i < 10000; i++) deep = { child: deep }
  const { value, report } = e.redactAttributes({ root: deep }, { report: true })
  const text = JSON.stringify(value)
  assert.ok(!text.includes('a@b.io') && text.includes('[REDACTED:too_deep]'))
  assert.deepEqual(report.failClosed, { too_deep: 1 })
})

test('oversized values and invalid UTF-8 fail closed', () => {
  const e = new Engine({ version: 1, limits: { max_value_bytes: 64 } })
  const { value, report } = e.redact('x'.repeat(100), { report: true })
  assert.equal(value, '[REDACTED:too_large]')
  assert.deepEqual(report.failClosed, { too_large: 1 })
  const out = new Engine().redactBuffer(Buffer.from([0xff, 0x20, ...Buffer.from('card 4111-1111-1111-1111'), 0xc3]))
  assert.ok(!out.includes('4111') && out.includes('[REDACTED:credit_card]') && out[0] === 0xff)
})

test('reports count rules and actions, and agree with scan', () => {
  const e = new Engine()
  const text = 'a@b.io and c@d.io paid with 4111 1111 1111 1111'
  const { value, report } = e.redact(text, { report: true })
  assert.equal(value, '[REDACTED:email] and [REDACTED:email] paid with [REDACTED:credit_card]')
  assert.deepEqual(report.counts, { email: 2, credit_card: 1 })
  assert.deepEqual(report.actions, { mask: 3 })
  const byRule = {}
  for (const f of e.scan(text)) byRule[f.rule] = (byRule[f.rule] || 0) + 1
  assert.deepEqual(byRule, report.counts)
})

test('scan offsets slice the text', () => {
  const text = 'Ошибка 😀 для john@example.com'
  const [f] = new Engine().scan(text)
  assert.equal(text.slice(f.start, f.end), 'john@example.com')
  assert.equal(f.path, null)
})

test('redactAsync leaves the event loop and matches redact', async () => {
  const e = new Engine()
  const big = 'user a@b.io paid '.repeat(50000)
  const ticks = []
  const timer = setInterval(() => ticks.push(1), 0)
  const out = await e.redactAsync(big)
  clearInterval(timer)
  assert.equal(out, e.redact(big))
  await assert.rejects(e.redactAsync(42), TypeError)
})

test('sanitizers', () => {
  const e = new Engine()
  assert.equal(e.sanitizeUrl('https://u:p@h.example/a?token=abc&page=2#frag'), 'https://REDACTED:REDACTED@h.example/a?token=REDACTED&page=2')
  assert.equal(e.normalizeSql("SELECT * FROM t WHERE a = 'x' AND b IN (1, 2)"), 'SELECT * FROM t WHERE a = ? AND b IN (?)')
  assert.equal(e.sanitizeHeader('authorization', 'Basic dXNlcjpwYXNz'), 'Basic [REDACTED]')
  assert.deepEqual(e.sanitizeBaggage('user.id=42,tenant.id=acme'), { header: 'tenant.id=acme', violations: [{ key: 'user.id', reason: 'blocked_key' }] })
  assert.deepEqual(e.validateTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), { valid: true })
  assert.equal(e.validateTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01').valid, false)
})

test('normalizeSql reads the dialect it is named', () => {
  const e = new Engine()
  const sql = 'SELECT "Id" FROM t WHERE name = "Kim Lee" # who'
  const cases = [
    [undefined, 'SELECT ? FROM t WHERE name = ? # who'],
    [null, 'SELECT ? FROM t WHERE name = ? # who'],
    ['', 'SELECT ? FROM t WHERE name = ? # who'],
    ['generic', 'SELECT ? FROM t WHERE name = ? # who'],
    ['mysql', 'SELECT ? FROM t WHERE name = ?'],
    ['MariaDB', 'SELECT ? FROM t WHERE name = ?'],
    ['sqlite', 'SELECT ? FROM t WHERE name = ? # who'],
    ['postgresql', sql],
    ['postgres', sql],
    ['mssql', sql],
    ['microsoft.sql_server', sql],
    ['oracle', sql],
    ['oracle.db', sql]
  ]
  for (const [dialect, expected] of cases) assert.equal(e.normalizeSql(sql, dialect), expected, String(dialect))
  assert.equal(e.normalizeSql(sql), e.normalizeSql(sql, 'generic'))
})

test('normalizeSql names an unknown dialect', () => {
  const e = new Engine()
  assert.throws(() => e.normalizeSql('SELECT 1', 'h2database'), (err) => {
    assert.ok(err instanceof Error)
    assert.ok(err.message.includes('"h2database"'), err.message)
    for (const name of ['postgresql', 'mysql', 'mariadb', 'mssql', 'oracle', 'sqlite', 'generic', 'db.system.name']) {
      assert.ok(err.message.includes(name), `${name} in ${err.message}`)
    }
    return true
  })
  assert.throws(() => e.normalizeSql('SELECT 1', 5), TypeError)
})

test('attributes are read in the dialect of db.system.name or db.system', () => {
  const e = new Engine()
  const statement = 'SELECT * FROM t WHERE name = "Kim Lee" # who'
  const mysql = { 'db.system.name': 'mysql', 'db.statement': statement }
  const expected = { 'db.system.name': 'mysql', 'db.statement': 'SELECT * FROM t WHERE name = ?' }
  // The flat path, with and without the report, and the other key order.
  assert.deepEqual(e.redactAttributes(mysql), expected)
  assert.deepEqual(e.redactAttributes(mysql, { report: true }).value, expected)
  const reversed = { 'db.statement': statement, 'db.system.name': 'mysql' }
  assert.deepEqual(Object.keys(reversed), ['db.statement', 'db.system.name'])
  assert.deepEqual(e.redactAttributes(reversed), expected)
  // db.system when db.system.name is absent; a name no dialect has, or none, reads as none.
  assert.deepEqual(e.redactAttributes({ 'db.statement': statement, 'db.system': 'mariadb' })['db.statement'], 'SELECT * FROM t WHERE name = ?')
  assert.equal(e.redactAttributes({ 'db.statement': statement, 'db.system.name': 'h2database' })['db.statement'], 'SELECT * FROM t WHERE name = ? # who')
  assert.equal(e.redactAttributes({ 'db.statement': statement })['db.statement'], 'SELECT * FROM t WHERE name = ? # who')
  // The flat path and the tree walk agree: a db.system.name that is not a string names no
  // dialect, and a nested value is read in its parent's.
  const quoted = 'SELECT "Id" FROM t WHERE a = 1'
  const notText = { 'db.statement': quoted, 'db.system.name': 5, 'db.system': 'postgresql' }
  assert.equal(e.redactAttributes(notText)['db.statement'], 'SELECT ? FROM t WHERE a = ?')
  assert.equal(e.redactAttributes({ ...notText, child: {} })['db.statement'], 'SELECT ? FROM t WHERE a = ?')
  const nested = e.redactAttributes({ 'db.system': 'postgresql', 'db.statement': quoted, child: { 'db.statement': quoted } })
  assert.deepEqual(nested, { 'db.system': 'postgresql', 'db.statement': 'SELECT "Id" FROM t WHERE a = ?', child: { 'db.statement': 'SELECT "Id" FROM t WHERE a = ?' } })
})

test('version and default policy', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'))
  assert.equal(scrubjay.version, pkg.version)
  assert.equal(JSON.parse(scrubjay.defaultPolicy()).version, 1)
})

test('the ESM entry point exports the same Engine', async () => {
  const esm = await import('../scrubjay.mjs')
  assert.equal(esm.Engine, Engine)
  assert.equal(new esm.Engine().redact('a@b.io'), '[REDACTED:email]')
})

test('flat objects (one packed crossing) and the tree walk agree', () => {
  const e = new Engine({ version: 1, fields: [{ keys: ['*password*'], action: 'remove' }] })
  const input = { 'db.password': 'x', note: 'mail a@b.io', n: 4111111111111111, f: 1.5, ok: true, none: null, nan: NaN, 'k\u0000': 'v' }
  const flat = e.redactAttributes(input)
  const tree = e.redactAttributes(input, { report: true }).value
  assert.deepEqual(flat, tree)
  assert.deepEqual(Object.keys(flat), ['note', 'n', 'f', 'ok', 'none', 'nan', 'k\uFFFD'])
  assert.ok(Number.isNaN(flat.nan))
  assert.equal(flat.n, '[REDACTED:credit_card]')
  assert.notEqual(flat, input, 'a new object, even when nothing changed')
  const clean = { a: 'GET', b: 2 }
  assert.deepEqual(e.redactAttributes(clean), clean)
  // A NUL inside a value leaves the flat path (the count of separators no longer matches).
  const nul = { note: 'mail a@b.io \u0000 x', method: 'GET' }
  assert.deepEqual(e.redactAttributes(nul), e.redactAttributes(nul, { report: true }).value)
  assert.equal(e.redactAttributes(nul).note.includes('a@b.io'), false)
  assert.deepEqual(e.redactAttributes({}), {})
})

test('values JSON has no form for are converted or dropped and counted, never thrown', () => {
  const e = new Engine()
  const cyclic = { mail: 'a@b.io' }
  cyclic.self = cyclic
  cyclic.list = [cyclic, { back: cyclic }]
  const shared = { mail: 'c@d.io' }
  const input = {
    cyclic,
    twice: [shared, shared],
    url: new URL('https://shop.example.com/pay?token=tok_abc123&page=2'),
    when: new Date(Date.UTC(2026, 11, 6)),
    invalid: new Date(NaN),
    buf: Buffer.from('mail a@b.io'),
    bytes: new Uint8Array(Buffer.from('ok')),
    err: Object.assign(new TypeError('bad a@b.io'), { code: 'E_X' }),
    map: new Map([['k', 'a@b.io']]),
    set: new Set(['a@b.io']),
    fn() {},
    sym: Symbol('s'),
    undef: undefined,
    list: [() => 1, undefined, Symbol('t'), 2],
    getter: Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('getter') } }),
  }
  const { value, report } = e.redactAttributes(input, { report: true })
  assert.deepEqual(value.cyclic, { mail: '[REDACTED:email]', self: '[Circular]', list: ['[Circular]', { back: '[Circular]' }] })
  assert.deepEqual(value.twice, [{ mail: '[REDACTED:email]' }, '[Shared]'], 'a shared object is written once')
  assert.match(value.url, /^https:\/\/shop\.example\.com\/pay\?token=\S*REDACTED\S*&page=2$/)
  assert.equal(value.when, '2026-12-06T00:00:00.000Z')
  assert.equal(value.invalid, null)
  assert.equal(value.buf, 'mail [REDACTED:email]')
  assert.equal(value.bytes, 'ok')
  assert.equal(value.err.type, 'TypeError')
  assert.equal(value.err.message, 'bad [REDACTED:email]')
  assert.match(value.err.stack, /^TypeError: bad \[REDACTED:email\]\n +at .*api\.test\.js/)
  assert.equal(value.err.code, 'E_X')
  assert.deepEqual(value.map, { k: '[REDACTED:email]' })
  assert.deepEqual(value.set, ['[REDACTED:email]'])
  assert.ok(!('fn' in value) && !('sym' in value) && !('undef' in value))
  assert.deepEqual(value.list, [null, null, null, 2])
  assert.deepEqual(value.getter, {})
  assert.equal(report.failClosed.unconvertible, 5, 'fn, sym, two in the list, the getter')
  assert.deepEqual(e.redactAttributes(input).cyclic, value.cyclic, 'the same without a report')
})

// n = {a: n', b: n'} built bottom-up: `levels` objects, 2^levels paths to the leaf.
function sharedChain(levels) {
  let n = { leaf: 'a@b.io' }
  for (let i = 0; i < levels; i++) n = { a: n, b: n }
  return n
}

test('graphs of shared objects are entered once per object', () => {
  const e = new Engine()
  assert.equal(e.maxNodes, 1000000)
  for (const [name, levels] of [['40-level chain', 40], ['18-object DAG', 17]]) {
    const { value, report } = e.redactAttributes({ root: sharedChain(levels) }, { report: true })
    // Each level written once: its `a` is the next level, its `b` the same object again.
    let n = value.root
    for (let i = 0; i < levels; i++) {
      assert.equal(n.b, '[Shared]', `${name}: level ${i}`)
      n = n.a
    }
    assert.deepEqual(n, { leaf: '[REDACTED:email]' }, name)
    assert.equal(report.failClosed.too_large ?? 0, 0, name)
  }
})

test('a structure of distinct objects past max_nodes fails closed', () => {
  const e = new Engine({ version: 1, limits: { max_nodes: 1000 } })
  const wide = { items: Array.from({ length: 2000 }, (_, i) => ({ mail: `u${i}@b.io` })) }
  const { value, report } = e.redactAttributes(wide, { report: true })
  const text = JSON.stringify(value)
  assert.ok(!/u\d+@b\.io/.test(text), 'no e-mail past the budget comes out')
  assert.ok(report.failClosed.too_large > 0)
})

test('one string reached from many places is dropped past the text budget', () => {
  const e = new Engine({ version: 1, limits: { max_value_bytes: 1024 } })
  assert.equal(e.maxText, 16 * 1024)
  const big = 'mail a@b.io '.repeat(80)
  for (const input of [{ list: Array(100).fill(big) }, Object.fromEntries(Array.from({ length: 100 }, (_, i) => ['k' + i, big]))]) {
    const { value, report } = e.redactAttributes(input, { report: true })
    const kept = Object.values(value.list ?? value).filter((v) => v !== null)
    assert.equal(kept.length, Math.floor((16 * 1024) / big.length))
    assert.ok(kept.every((v) => !v.includes('a@b.io')))
    assert.equal(report.failClosed.unconvertible, 100 - kept.length)
  }
})

test('the node budget counts as the core does: the first max_nodes values are redacted', () => {
  const e = new Engine({ version: 1, limits: { max_nodes: 6 } })
  // root, a, a.x, a.y, b, b[0] are six values; b[1] and c are past the budget.
  const { value, report } = e.redactAttributes({ a: { x: 'a@b.io', y: 1 }, b: ['c@d.io', 'e@f.io'], c: 'ok' }, { report: true })
  assert.deepEqual(value, { a: { x: '[REDACTED:email]', y: 1 }, b: ['[REDACTED:email]', '[REDACTED:too_large]'], c: '[REDACTED:too_large]' })
  assert.equal(report.failClosed.too_large, 2)
  // The flat path (all values scalars) keeps to the same budget.
  const flat = e.redactAttributes({ k1: 'a', k2: 'b', k3: 'c', k4: 'd', k5: 'e', k6: 'a@b.io' })
  assert.deepEqual(flat, { k1: 'a', k2: 'b', k3: 'c', k4: 'd', k5: 'e', k6: '[REDACTED:too_large]' })
})

test('with a report, flat objects take the packed crossing and count what the tree walk counts', () => {
  const e = new Engine({ version: 1, fields: [{ keys: ['*password*'], action: 'remove' }] })
  const input = {
    'db.password': 'x',
    note: 'mail a@b.io card 4111 1111 1111 1111',
    ref: 'token=abc123 and again abc123',
    n: 4111111111111111,
    ok: true,
  }
  const flat = e.redactAttributes(input, { report: true })
  // A nested object sends the same pairs down the tree walk.
  const tree = e.redactAttributes({ ...input, nested: { method: 'GET' } }, { report: true })
  delete tree.value.nested
  assert.deepEqual(flat.value, tree.value)
  assert.deepEqual(flat.report, tree.report)
  assert.deepEqual(flat.value, e.redactAttributes(input))
  assert.equal(flat.value.ref, 'token=[REDACTED:secret_kv] and again [REDACTED:secret_kv]')
  assert.deepEqual(flat.report.counts, { email: 1, credit_card: 2, secret_kv: 2 })
  assert.equal(flat.report.denied, 1)
  const empty = e.redactAttributes({}, { report: true })
  assert.deepEqual(empty.value, {})
  assert.equal(empty.report.total, 0)
})
