'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { Writable } = require('node:stream')
const pino = require('pino')
const { scrubjayPino } = require('../pino')

test('pino lines are scrubbed: merging object, message and interpolated arguments', () => {
  const lines = []
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(chunk)); cb() } })
  const log = pino(scrubjayPino(), stream)
  log.info({ user: { email: 'jane@example.org', id: 7 }, password: 'hunter2' }, 'login by %s', 'bob@example.com')
  log.warn('card 4111 1111 1111 1111 declined')
  assert.equal(lines[0].msg, 'login by [REDACTED:email]')
  assert.deepEqual(lines[0].user, { email: '[REDACTED:email]', id: 7 })
  assert.equal(lines[0].password, '[REDACTED:password]')
  assert.equal(lines[1].msg, 'card [REDACTED:credit_card] declined')
  assert.ok(!JSON.stringify(lines).includes('example.org'))
})
