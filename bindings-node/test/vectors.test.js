'use strict'
// Every case of tests/vectors/*.json through the Node API.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { Engine, KeyRing, PolicyError } = require('..')

const dir = path.join(__dirname, '..', '..', 'tests', 'vectors')
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
const defaultEngine = new Engine()
let total = 0

// JS scan offsets are UTF-16 indices; the vectors use UTF-8 byte offsets.
const bytes = (text, i) => Buffer.byteLength(text.slice(0, i))

for (const file of files) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
  for (const c of cases) {
    total++
    test(`${file} / ${c.name}`, () => {
      if (c.expected_error !== undefined) {
        assert.throws(() => new Engine(c.policy), (err) => {
          assert.ok(err instanceof PolicyError)
          assert.equal(err.code, 'SCRUBJAY_POLICY')
          assert.ok(err.message.includes(c.expected_error), err.message)
          if (c.error_rule !== undefined) assert.equal(err.rule, c.error_rule)
          if (c.error_field !== undefined) assert.equal(err.field, c.error_field)
          if (c.error_position !== undefined) assert.equal(err.position, c.error_position)
          return true
        })
        return
      }
      const engine = c.policy === null ? defaultEngine : new Engine(c.policy)
      let got
      switch (c.op) {
        case 'redact': got = engine.redact(c.input); break
        case 'redact_attributes': got = engine.redactAttributes(c.input); break
        case 'normalize_sql':
          got = c.dialect === undefined ? engine.normalizeSql(c.input) : engine.normalizeSql(c.input, c.dialect)
          break
        case 'sanitize_url': got = engine.sanitizeUrl(c.input); break
        case 'reveal': got = engine.reveal(c.input, KeyRing.fromJson(JSON.stringify(c.keys))); break
        case 'validate_traceparent': got = engine.validateTraceparent(c.input); break
        case 'sanitize_baggage': got = engine.sanitizeBaggage(c.input); break
        case 'scan': {
          const withPath = c.expected.some((f) => 'path' in f)
          got = engine.scan(c.input).map((f) => {
            const o = { rule: f.rule, start: bytes(c.input, f.start), end: bytes(c.input, f.end) }
            if (withPath) o.path = f.path
            return o
          })
          break
        }
        default: assert.fail(`op ${c.op} is not implemented by the Node runner`)
      }
      assert.deepStrictEqual(got, c.expected)
    })
  }
}

test('the suite is whole', () => assert.ok(total >= 300, `only ${total} vectors`))
