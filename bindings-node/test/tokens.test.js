'use strict'
// Reversible tokens and pseudonyms: KeyRing, engine.reveal, and tokenize.key_id_from in the
// flat path (which tells the core each string pair through AttributeScope::note).
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const util = require('node:util')
const { Engine, KeyRing } = require('..')

// Keys are made at test time: 64 random bytes (AES-256-SIV) each.
const newKey = () => crypto.randomBytes(64).toString('base64url')
const ringJson = (active, keys) => JSON.stringify({ version: 1, active, keys: Object.entries(keys).map(([id, key]) => ({ id, key })) })
const tokenizeEmail = (tokenize) => ({
  version: 1,
  builtins: ['email'],
  content: [{ builtin: 'email', action: 'tokenize' }],
  tokenize,
})
const inline = (json, extra) => tokenizeEmail({ keys: JSON.parse(json), allow_inline_keys: true, ...extra })
const TOKEN = /^mail \[TOKEN:email:k1:[A-Za-z0-9_-]+\]$/

function tempFile(name, text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scrubjay-keys-')), name)
  fs.writeFileSync(file, text, { mode: 0o600 })
  return file
}

test('a round trip through a key ring file', () => {
  const file = tempFile('keys.json', ringJson('k1', { k1: newKey() }))
  const engine = new Engine(tokenizeEmail({ keys_file: file }))
  const redacted = engine.redact('mail jane.doe@example.com')
  assert.match(redacted, TOKEN)
  assert.equal(engine.reveal(redacted, KeyRing.fromFile(file)), 'mail jane.doe@example.com')
})

test('the same value under the same key gives the same token in two engines', () => {
  const json = ringJson('k1', { k1: newKey() })
  const a = new Engine(tokenizeEmail({ keys_file: tempFile('keys.json', json) }))
  const b = new Engine(inline(json))
  const token = a.redact('mail jane.doe@example.com')
  assert.match(token, TOKEN)
  assert.equal(b.redact('mail jane.doe@example.com'), token)
  assert.notEqual(b.redact('mail john.doe@example.com'), token)
  assert.equal(b.reveal(token, KeyRing.fromJson(json)), 'mail jane.doe@example.com')
})

test('a token stays as it is under another key of the same id, a forgotten key, or when changed', () => {
  const json = ringJson('k1', { k1: newKey() })
  const engine = new Engine(inline(json))
  const token = engine.redact('mail jane.doe@example.com')
  assert.match(token, TOKEN)
  const start = 'mail '.length
  const whole = { rule: 'email', keyId: 'k1', start, end: token.length }

  const wrong = KeyRing.fromJson(ringJson('k1', { k1: newKey() }))
  assert.equal(engine.reveal(token, wrong), token)
  assert.deepEqual(engine.reveal(token, wrong, { tokens: true }), { text: token, tokens: [{ ...whole, outcome: 'invalid' }] })

  const forgotten = KeyRing.fromJson(ringJson('k2', { k2: newKey() }))
  assert.equal(engine.reveal(token, forgotten), token)
  assert.deepEqual(engine.reveal(token, forgotten, { tokens: true }).tokens, [{ ...whole, outcome: 'unknown_key' }])

  // One base64url character of the token changed.
  const at = token.length - 3
  const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1)
  assert.notEqual(tampered, token)
  const keys = KeyRing.fromJson(json)
  assert.equal(engine.reveal(tampered, keys), tampered)
  assert.deepEqual(engine.reveal(tampered, keys, { tokens: true }).tokens, [{ ...whole, outcome: 'invalid' }])
  assert.deepEqual(engine.reveal(token, keys, { tokens: true }), { text: 'mail jane.doe@example.com', tokens: [{ ...whole, outcome: 'revealed' }] })
})

test('after rotation new tokens use the new key and old ones are still revealed', () => {
  const k1 = newKey()
  const before = ringJson('k1', { k1 })
  const after = ringJson('k2', { k1, k2: newKey() })
  const old = new Engine(inline(before)).redact('mail jane.doe@example.com')
  assert.match(old, TOKEN)
  const engine = new Engine(inline(after))
  const fresh = engine.redact('mail bob@example.org')
  assert.match(fresh, /^mail \[TOKEN:email:k2:[A-Za-z0-9_-]+\]$/)
  const keys = KeyRing.fromJson(after)
  assert.deepEqual(keys.ids, ['k1', 'k2'])
  assert.equal(keys.active, 'k2')
  assert.equal(engine.reveal(`${old}; ${fresh}`, keys), 'mail jane.doe@example.com; mail bob@example.org')
  // The old ring alone opens only the old token.
  assert.equal(engine.reveal(`${old}; ${fresh}`, KeyRing.fromJson(before)), `mail jane.doe@example.com; ${fresh}`)
})

test('reveal offsets are UTF-16 indices into the text given', () => {
  const json = ringJson('k1', { k1: newKey() })
  const engine = new Engine(inline(json))
  const text = `\u{1F600} é ${engine.redact('mail a@b.io')}`
  const { text: revealed, tokens } = engine.reveal(text, KeyRing.fromJson(json), { tokens: true })
  assert.equal(revealed, '\u{1F600} é mail a@b.io')
  assert.equal(tokens.length, 1)
  assert.match(text.slice(tokens[0].start, tokens[0].end), /^\[TOKEN:email:k1:[A-Za-z0-9_-]+\]$/)
  assert.equal(tokens[0].start, '\u{1F600} é mail '.length)
  assert.equal(tokens[0].end, text.length)
})

test('pseudonyms are consistent within one attribute map, flat or nested', () => {
  const engine = new Engine({ version: 1, builtins: ['email'], content: [{ builtin: 'email', action: 'pseudonym' }] })
  const flat = { from: 'b@x.io', to: 'a@x.io', cc: 'b@x.io', msg: 'reply to a@x.io', n: 3 }
  const expected = { from: '<email_1>', to: '<email_2>', cc: '<email_1>', msg: 'reply to <email_2>', n: 3 }
  assert.deepEqual(engine.redactAttributes(flat), expected)
  const withReport = engine.redactAttributes(flat, { report: true })
  assert.deepEqual(withReport.value, expected)
  assert.equal(withReport.report.actions.pseudonym, 4)
  assert.deepEqual(engine.redactAttributes({ ...flat, nested: { to: 'a@x.io' } }), { ...expected, nested: { to: '<email_2>' } })
  // Each map (each call) numbers its own values.
  assert.deepEqual(engine.redactAttributes({ to: 'a@x.io' }), { to: '<email_1>' })
  assert.equal(engine.redact('a@x.io and b@x.io and a@x.io'), '<email_1> and <email_2> and <email_1>')
})

test('a flat map names its token key in tokenize.key_id_from, as the tree walk reads it', () => {
  const json = ringJson('k1', { k1: newKey(), acme: newKey() })
  const engine = new Engine({
    version: 1,
    builtins: ['email'],
    fields: [{ keys: ['enduser.id'], action: 'tokenize' }],
    tokenize: { keys: JSON.parse(json), allow_inline_keys: true, key_id_from: ['tenant.id'] },
  })
  const keys = KeyRing.fromJson(json)
  // The key id comes after the value it applies to: it is read before any value is redacted.
  const flat = engine.redactAttributes({ 'enduser.id': 'u-10293', 'tenant.id': 'acme' })
  assert.equal(flat['tenant.id'], 'acme')
  assert.match(flat['enduser.id'], /^\[TOKEN:enduser\.id:acme:[A-Za-z0-9_-]+\]$/)
  assert.equal(engine.reveal(flat['enduser.id'], keys), 'u-10293')
  const tree = engine.redactAttributes({ 'enduser.id': 'u-10293', 'tenant.id': 'acme', nested: {} })
  assert.equal(tree['enduser.id'], flat['enduser.id'])
  // A key id that is not a string names no key: the active one is used.
  const numeric = engine.redactAttributes({ 'enduser.id': 'u-10293', 'tenant.id': 7 })
  assert.match(numeric['enduser.id'], /^\[TOKEN:enduser\.id:k1:[A-Za-z0-9_-]+\]$/)
  assert.equal(engine.reveal(numeric['enduser.id'], keys), 'u-10293')
  const report = engine.redactAttributes({ 'tenant.id': 'acme', 'enduser.id': 'u-1', note: 'mail a@b.io' }, { report: true }).report
  assert.equal(report.actions.tokenize, 1)
  assert.equal(report.actions.mask, 1)
})

test('a token key the ring lacks fails closed and is counted as token_key_unavailable', () => {
  const json = ringJson('k1', { k1: newKey() })
  const engine = new Engine({
    version: 1,
    builtins: ['email'],
    content: [{ builtin: 'email', action: 'tokenize' }],
    fields: [{ keys: ['enduser.id'], action: 'tokenize' }],
    tokenize: { keys: JSON.parse(json), allow_inline_keys: true, key_id_from: ['tenant.id'] },
  })
  const input = { 'tenant.id': 'initech', 'enduser.id': 'u-1', note: 'mail a@b.io' }
  const expected = { 'tenant.id': 'initech', 'enduser.id': '[REDACTED:enduser.id]', note: 'mail [REDACTED:email]' }
  assert.deepEqual(engine.redactAttributes(input), expected)
  const flat = engine.redactAttributes(input, { report: true })
  assert.deepEqual(flat.value, expected)
  assert.equal(flat.report.failClosed.token_key_unavailable, 2)
  assert.equal(flat.report.actions.tokenize, undefined)
  const tree = engine.redactAttributes({ ...input, nested: {} }, { report: true })
  assert.equal(tree.report.failClosed.token_key_unavailable, 2)
})

test('key ring load errors carry the core message', () => {
  const fails = (load, message) => assert.throws(load, (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.message, message)
    return true
  })
  fails(() => KeyRing.fromJson('{'), 'the key ring is not valid JSON: EOF while parsing an object at line 1 column 1')
  fails(() => KeyRing.fromJson('{"keys": [{"id": "short", "key": "AAAA"}]}'), 'key `short` has 3 bytes; AES-SIV takes 32 or 64')
  fails(() => KeyRing.fromJson('{"keys": [], "active": "k9"}'), 'the key ring has no key `k9`')
  fails(() => KeyRing.fromFile('/no/such/dir/keys.json'), 'cannot read key ring /no/such/dir/keys.json: No such file or directory (os error 2)')
  const bad = tempFile('keys.json', '[]')
  fails(() => KeyRing.fromFile(bad), `${bad}: a key ring is a JSON object with \`keys\``)
  assert.throws(() => KeyRing.fromJson({ keys: [] }), TypeError)
  assert.throws(() => KeyRing.fromFile(undefined), TypeError)
})

test('a key ring shows its ids only', () => {
  const k1 = newKey()
  const k2 = newKey()
  const keys = KeyRing.fromJson(ringJson('k2', { k1, k2 }))
  assert.deepEqual(keys.ids, ['k1', 'k2'])
  assert.equal(keys.active, 'k2')
  assert.equal(String(keys), 'KeyRing(k1, k2)')
  assert.equal(util.inspect(keys), "KeyRing { ids: [ 'k1', 'k2' ] }")
  assert.equal(util.inspect({ keys }, { showHidden: true, depth: 5 }).includes(k1.slice(0, 8)), false)
  assert.equal(JSON.stringify(keys), '{}')
  assert.deepEqual(Object.keys(keys), [])
  assert.equal(KeyRing.fromJson('{"keys": []}').active, null)
  assert.deepEqual(KeyRing.fromJson('{"keys": []}').ids, [])
})

test('reveal takes a KeyRing made by fromFile or fromJson', () => {
  const engine = new Engine()
  assert.throws(() => new KeyRing(), TypeError)
  assert.throws(() => engine.reveal('x', {}), TypeError)
  assert.throws(() => engine.reveal('x', Object.create(KeyRing.prototype)), TypeError)
  assert.throws(() => engine.reveal(5, KeyRing.fromJson('{"keys": []}')), TypeError)
  assert.equal(engine.reveal('no tokens here', KeyRing.fromJson('{"keys": []}')), 'no tokens here')
})

test('the ESM entry point exports the same KeyRing', async () => {
  const esm = await import('../scrubjay.mjs')
  assert.equal(esm.KeyRing, KeyRing)
  assert.equal(esm.default.KeyRing, KeyRing)
})

test("the README's round trip runs as written", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
  const at = readme.indexOf('## Reversible tokens')
  const section = readme.slice(at, readme.indexOf('\n## ', at + 1))
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
  assert.equal(blocks.length, 1)
  const file = tempFile('keys.json', ringJson('k1', { k1: newKey() }))
  const code = blocks[0].replaceAll("'keys.json'", JSON.stringify(file))
  assert.equal(code.split(JSON.stringify(file)).length, 3)
  const req = (name) => (name === 'scrubjay' ? require('..') : assert.fail(name))
  new Function('require', 'assert', code)(req, assert)
})
