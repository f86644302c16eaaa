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

test('four workers, 100,000 records each, redact like the main thread', async () => {
  const e = new Engine()
  const expected = records.map((r) => JSON.stringify(e.redactAttributes(r)))
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { Engine } = require(workerData.module)
    const e = new Engine()
    const { records, expected, id } = workerData
    let mismatches = 0
    for (let n = 0; n < 100000; n++) {
      const i = (n * 7 + id * 131) % records.length
      if (JSON.stringify(e.redactAttributes(records[i])) !== expected[i]) mismatches++
    }
    parentPort.postMessage(mismatches)
  `
  const results = await Promise.all(Array.from({ length: 4 }, (_, id) => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { module: require.resolve('..'), records, expected, id } })
    w.once('message', resolve)
    w.once('error', reject)
  })))
  assert.deepEqual(results, [0, 0, 0, 0])
})
