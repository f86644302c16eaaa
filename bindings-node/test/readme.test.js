'use strict'
// The README's Node examples run as written (`require('scrubjay')` is this package).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const Module = require('node:module')

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Node.js'), readme.indexOf('\n## ', readme.indexOf('## Node.js') + 1))
const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])

test('the README has two Node examples', () => assert.equal(blocks.length, 2))

blocks.forEach((code, i) => {
  test(`README Node example ${i + 1}`, () => {
    const here = path.join(__dirname, '..')
    const req = (name) => {
      if (name === 'scrubjay') return require(here)
      if (name.startsWith('scrubjay/')) return require(path.join(here, name.slice('scrubjay/'.length)))
      return Module.createRequire(path.join(here, 'package.json'))(name)
    }
    new Function('require', 'assert', code)(req, assert)
  })
})
