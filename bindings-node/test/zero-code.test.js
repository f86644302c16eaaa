'use strict'
// The zero-code path: the shop runs as a child process with no scrubjay in its code, only
// `--require scrubjay/register` before `@opentelemetry/auto-instrumentations-node/register`,
// the OTLP exporters configured by environment variables and pointed at a collector in this
// process (127.0.0.1, port 0), and the policy from SCRUBJAY_POLICY_FILE.
const test = require('node:test')
const assert = require('node:assert/strict')
const { fork } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const os = require('node:os')
const path = require('node:path')
const { defaultPolicy } = require('..')
const { SECRETS } = require('./fixtures/shop')
const { assertClean } = require('./fixtures/checks')

const ORDER_REF = 'ORD-58213094'

function collector() {
  const received = { '/v1/traces': [], '/v1/logs': [], '/v1/metrics': [] }
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      if (req.url in received) received[req.url].push(body)
      res.setHeader('content-type', 'application/json')
      res.end('{}')
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, received, port: server.address().port })))
}

function runShop(env) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'fixtures', 'shop-main.js'), [`--db-password=${SECRETS.dbPassword}`], {
      cwd: path.join(__dirname, '..'),
      execArgv: ['--require', 'scrubjay/register', '--require', '@opentelemetry/auto-instrumentations-node/register'],
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      timeout: 30000,
    })
    let stderr = ''
    let statuses = null
    child.stderr.on('data', (c) => (stderr += c))
    child.on('message', (m) => (statuses = m.statuses))
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal, statuses, stderr }))
  })
}

// OTLP/JSON attributes as an object of plain values.
function attrs(list) {
  const out = {}
  for (const { key, value } of list || []) {
    out[key] = value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue ?? (value.arrayValue ? value.arrayValue.values.map((v) => v.stringValue) : value)
  }
  return out
}

test('--require scrubjay/register scrubs what the auto-instrumentation exports', async () => {
  const otlp = await collector()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrubjay-'))
  // The default policy and one rule of the shop's own.
  const policy = path.join(dir, 'policy.json')
  const rules = JSON.parse(defaultPolicy())
  rules.content = [...(rules.content || []), { id: 'order_ref', pattern: 'ORD-[0-9]{8}' }]
  fs.writeFileSync(policy, JSON.stringify(rules))
  let run
  try {
    run = await runShop({
      PATH: process.env.PATH,
      SCRUBJAY_POLICY_FILE: policy,
      SHOP_ORDER_REF: ORDER_REF,
      OTEL_SERVICE_NAME: 'shop',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlp.port}`,
      OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express,pino',
    })
  } finally {
    otlp.server.close()
  }
  assert.equal(run.code, 0, `exit ${run.code} ${run.signal}\n${run.stderr}`)
  assert.deepEqual(run.statuses, [200, 200, 502])

  const traces = otlp.received['/v1/traces']
  const logs = otlp.received['/v1/logs']
  const metrics = otlp.received['/v1/metrics']
  assert.ok(traces.length > 0 && logs.length > 0 && metrics.length > 0, 'the collector got traces, logs and metrics')
  for (const body of [...traces, ...logs, ...metrics]) {
    assertClean('an OTLP payload', body)
    assert.ok(!body.includes(ORDER_REF), 'the policy file applies')
  }

  const resourceSpans = traces.flatMap((b) => JSON.parse(b).resourceSpans)
  for (const body of traces) assert.equal(JSON.parse(body).resourceSpans.length, 1, 'one ResourceSpans per request')
  const resource = attrs(resourceSpans[0].resource.attributes)
  assert.equal(resource['service.name'], 'shop')
  assert.ok(resource['process.command_args'].some((a) => /^--db-password=\[REDACTED/.test(a)), JSON.stringify(resource['process.command_args']))
  const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
  // OTLP's SPAN_KIND_SERVER; the inventory service's server spans have no route.
  const servers = spans.filter((s) => s.kind === 2 && attrs(s.attributes)['http.route'] !== undefined)
  assert.deepEqual(servers.map((s) => attrs(s.attributes)['http.route']).sort(), ['/checkout', '/users/:email/orders', '/users/:email/orders'])
  assert.deepEqual(servers.map((s) => Number(attrs(s.attributes)['http.status_code'] ?? attrs(s.attributes)['http.response.status_code'])).sort(), [200, 200, 502])
  for (const s of spans) assert.match(`${s.traceId}/${s.spanId}`, /^[0-9a-f]{32}\/[0-9a-f]{16}$/)
  const failed = servers.find((s) => s.name.startsWith('POST'))
  const exception = attrs(failed.events.find((e) => e.name === 'exception').attributes)
  assert.equal(exception['exception.type'], 'E_PAY')
  assert.match(exception['exception.stacktrace'], /\n +at .*shop\.js:\d+:\d+/)
  assert.match(exception['exception.message'], /^card \[REDACTED:credit_card\] declined for \[REDACTED:email\] \(ref \[REDACTED:order_ref\]\)/)
  assert.ok(spans.some((s) => Object.values(attrs(s.attributes)).includes('127.0.0.1')), 'server addresses survive')

  // The shop's counter carries the customer's address; the instrumentations' metrics keep
  // their routes.
  const points = metrics
    .flatMap((b) => JSON.parse(b).resourceMetrics)
    .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
    .flatMap((m) => (m.sum || m.histogram || m.gauge || {}).dataPoints || [])
    .map((p) => attrs(p.attributes))
  assert.ok(points.some((p) => p.customer === '[REDACTED:email]' && p.plan === 'basic'), JSON.stringify(points))
  assert.ok(points.some((p) => p['http.route'] === '/checkout'), JSON.stringify(points))

  const records = logs.flatMap((b) => JSON.parse(b).resourceLogs).flatMap((r) => r.scopeLogs.flatMap((s) => s.logRecords))
  const traceIds = new Set(servers.map((s) => s.traceId))
  const own = records.find((r) => typeof r.body?.stringValue === 'string' && r.body.stringValue.startsWith('payment failed'))
  assert.equal(attrs(own.attributes)['exception.type'], 'E_PAY')
  assert.match(attrs(own.attributes)['exception.stacktrace'], /\n +at .*shop\.js:\d+:\d+/)
  assert.ok(traceIds.has(own.traceId))
  const fromPino = records.filter((r) => r.traceId && traceIds.has(r.traceId) && r !== own)
  assert.ok(fromPino.length >= 5, `${fromPino.length} pino records`)
  for (const body of logs) {
    const resourceLogs = JSON.parse(body).resourceLogs
    assert.equal(resourceLogs.length, 1)
    assert.ok(attrs(resourceLogs[0].resource.attributes)['process.command_args'].some((a) => /^--db-password=\[REDACTED/.test(a)))
  }
})
