'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { Writable } = require('node:stream')
const pino = require('pino')
const { Engine } = require('..')
const { scrubjayPino, redactLine } = require('../pino')

const EMAIL = 'marta.quill@example.net'

function capture(options) {
  const lines = []
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb() } })
  return { log: pino(options, stream), lines, parsed: () => lines.map((l) => JSON.parse(l)) }
}

test('pino lines are scrubbed: merging object, message and interpolated arguments', () => {
  const { log, lines, parsed } = capture(scrubjayPino())
  log.info({ user: { email: 'jane@example.org', id: 7 }, password: 'hunter2' }, 'login by %s', 'bob@example.com')
  log.warn('card 4111 1111 1111 1111 declined')
  const [first, second] = parsed()
  assert.equal(first.msg, 'login by [REDACTED:email]')
  assert.deepEqual(first.user, { email: '[REDACTED:email]', id: 7 })
  assert.equal(first.password, '[REDACTED:password]')
  assert.equal(second.msg, 'card [REDACTED:credit_card] declined')
  assert.ok(!lines.join('').includes('example.org'))
  assert.ok(lines.every((l) => l.endsWith('}\n')), 'one line each, newline kept')
})

test('logger.error(err): the message pino copies into msg is scrubbed, the error keeps its shape', () => {
  const { log, lines, parsed } = capture(scrubjayPino())
  const err = Object.assign(new RangeError(`charge failed for ${EMAIL}`), { code: 'E_PAY', statusCode: 502 })
  log.error(err)
  log.info({ err }, 'with a message')
  log.info({ cause: err })
  assert.ok(!lines.join('').includes(EMAIL))
  const [first, second, third] = parsed()
  assert.equal(first.msg, 'charge failed for [REDACTED:email]')
  for (const e of [first.err, second.err, third.cause]) {
    assert.equal(e.type, 'RangeError')
    assert.equal(e.message, 'charge failed for [REDACTED:email]')
    assert.match(e.stack, /^RangeError: charge failed for \[REDACTED:email\]\n +at .*pino\.test\.js:\d+:\d+/)
    assert.equal(e.code, 'E_PAY')
    assert.equal(e.statusCode, 502)
  }
  assert.equal(second.msg, 'with a message')
})

test('child-logger bindings are scrubbed, at every level of children', () => {
  const { log, lines, parsed } = capture(scrubjayPino())
  const child = log.child({ customer: EMAIL, tier: 'gold' })
  child.child({ contact: { phone: '+1 415 555 0134', email: EMAIL } }).info('nested')
  child.info('one level')
  assert.ok(!lines.join('').includes(EMAIL))
  const [nested, one] = parsed()
  assert.equal(nested.customer, '[REDACTED:email]')
  assert.equal(nested.contact.email, '[REDACTED:email]')
  assert.equal(one.customer, '[REDACTED:email]')
  assert.equal(one.tier, 'gold')
})

test('values JSON has no form for never make a log call throw', () => {
  const stats = { dropped: 0, failed: 0 }
  const { log, lines, parsed } = capture(scrubjayPino(new Engine(), stats))
  const cyclic = { name: 'loop' }
  cyclic.self = cyclic
  const values = {
    url: new URL('https://svc:Gr4nite-Owl@api.example.com/v1?access_token=qT9vX2mK7pL4sR8w'),
    buf: Buffer.from(`mail ${EMAIL}`),
    fn() {},
    sym: Symbol('s'),
    big: 12345678901234567890n,
    when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    cyclic,
    nested: { list: [() => 1, Symbol('t'), 2] },
  }
  assert.doesNotThrow(() => log.info(values, 'values'))
  assert.doesNotThrow(() => log.info({ bad: { get x() { throw new Error('getter') } } }))
  assert.ok(!lines.join('').includes(EMAIL) && !lines.join('').includes('Gr4nite-Owl') && !lines.join('').includes('qT9vX2mK7pL4sR8w'))
  const [line, second] = parsed()
  assert.match(line.url, /^https:\/\/\S*@api\.example\.com\/v1\?access_token=\S*REDACTED/)
  assert.equal(line.buf, 'mail [REDACTED:email]')
  assert.equal(line.big, '12345678901234567890')
  assert.equal(line.when, '2026-01-02T03:04:05.000Z')
  assert.deepEqual(line.cyclic, { name: 'loop', self: '[Circular]' })
  assert.deepEqual(line.nested, { list: [null, null, 2] })
  assert.ok(!('fn' in line) && !('sym' in line))
  assert.deepEqual(second.bad, {})
  assert.equal(stats.dropped, 5)
  assert.equal(stats.failed, 0)
})

test('a line that is not JSON still goes through the content rules', () => {
  const e = new Engine()
  assert.equal(redactLine(e, `plain text ${EMAIL}\n`), 'plain text [REDACTED:email]\n')
  assert.equal(redactLine(e, `{"msg":"${EMAIL}"}\r\n`), '{"msg":"[REDACTED:email]"}\r\n')
})
