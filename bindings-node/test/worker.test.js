'use strict'
// The addon loads in worker_threads; every worker gets the same results as the main thread.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Worker } = require('node:worker_threads')
const { Engine } = require('..')

const records = Array.from({ length: 2000 }, (_, i) => ({
  'exception.message': `user${i}@example.com failed with card 4111 1111 1111 1111`,
  'url.full': `https://api.example.com/u/${i}?token=t${i}&page=2`,
  i,
}))

test('four workers redact like the main thread', async () => {
  const e = new Engine()
  const expected = JSON.stringify(records.map((r) => e.redactAttributes(r)))
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { Engine } = require(workerData.module)
    const e = new Engine()
    parentPort.postMessage(JSON.stringify(workerData.records.map((r) => e.redactAttributes(r))))
  `
  const results = await Promise.all(Array.from({ length: 4 }, () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { module: require.resolve('..'), records } })
    w.once('message', resolve)
    w.once('error', reject)
  })))
  for (const r of results) assert.equal(r, expected)
})
