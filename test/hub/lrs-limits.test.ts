import { request } from 'node:http'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { basic, startLrs, statement, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs | undefined
afterEach(async () => {
  await lrs?.close()
  lrs = undefined
})
afterAll(async () => lrs?.close())

const count = (l: TestLrs) => (l.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n

/** Streams a chunked body (no Content-Length) of `total` bytes; resolves with the status. */
function streamBody(l: TestLrs, total: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0
    const req = request(
      {
        host: '127.0.0.1',
        port: l.port,
        path: '/xapi/statements',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0', Authorization: basic(l.teacher) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode!, sent }))
      },
    )
    // A reset is an acceptable refusal too: then what was sent before it counts.
    req.on('error', () => resolve({ status: 0, sent }))
    const chunk = Buffer.alloc(16 * 1024, 0x20)
    const pump = () => {
      while (sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    req.write('[')
    pump()
  })
}

describe('size limit', () => {
  it('413 for a body over maxBodyBytes, from Content-Length or while it streams; nothing stored', async () => {
    lrs = await startLrs({ limits: { maxBodyBytes: 10_000, maxStatementsPerMinutePerKey: null } })
    const big = Array.from({ length: 60 }, () => statement())
    expect(JSON.stringify(big).length).toBeGreaterThan(10_000)
    const res = await xapi(lrs, '/statements', { body: big })
    expect(res.status).toBe(413)
    expect((await res.json()).error).toMatch(/larger than the hub's limit of 10000 bytes/)
    expect(res.headers.get('x-experience-api-version')).toBe('2.0.0')
    expect(count(lrs)).toBe(0)
    // A chunked body with no Content-Length is cut off once it crosses the limit: the client
    // gets its 413 (or a reset) long before sending all 50 MB.
    const streamed = await streamBody(lrs, 50 * 1024 * 1024)
    expect([413, 0]).toContain(streamed.status)
    expect(streamed.sent).toBeLessThan(50 * 1024 * 1024)
    expect(count(lrs)).toBe(0)
    // Small bodies still pass, and the State resource has the same limit.
    expect((await xapi(lrs, '/statements', { body: statement() })).status).toBe(200)
    const state = `/activities/state?activityId=http://x.example/a&agent=${encodeURIComponent('{"mbox":"mailto:a@b.c"}')}&stateId=s`
    expect((await xapi(lrs, state, { method: 'PUT', raw: 'x'.repeat(20_000), headers: { 'Content-Type': 'text/plain' } })).status).toBe(413)
  })

  it('no size limit when maxBodyBytes is null', async () => {
    lrs = await startLrs({ limits: { maxBodyBytes: null, maxStatementsPerMinutePerKey: null } })
    const big = Array.from({ length: 600 }, () => statement())
    const res = await xapi(lrs, '/statements', { body: big })
    expect(res.status).toBe(200)
    expect(count(lrs)).toBe(600)
  })
})

describe('rate limit', () => {
  it('429 with Retry-After past the per-key rate; other keys unaffected; refills with time', async () => {
    let clock = Date.parse('2024-05-01T09:00:00Z')
    lrs = await startLrs({ limits: { maxBodyBytes: null, maxStatementsPerMinutePerKey: 60 }, now: () => new Date(clock) })
    expect((await xapi(lrs, '/statements', { key: lrs.station, body: Array.from({ length: 50 }, () => statement()) })).status).toBe(200)
    const over = await xapi(lrs, '/statements', { key: lrs.station, body: Array.from({ length: 20 }, () => statement()) })
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('retry-after'))).toBe(10)
    expect((await over.json()).error).toMatch(/at most 60 a minute/)
    expect(count(lrs)).toBe(50)
    expect((await xapi(lrs, '/statements', { key: lrs.teacher, body: statement() })).status).toBe(200)
    clock += 10_000
    expect((await xapi(lrs, '/statements', { key: lrs.station, body: Array.from({ length: 20 }, () => statement()) })).status).toBe(200)
    const huge = await xapi(lrs, '/statements', { key: lrs.lrsKey, body: Array.from({ length: 61 }, () => statement()) })
    expect(huge.status).toBe(429)
    expect((await huge.json()).error).toMatch(/split it/)
  })

  it('no rate limit when maxStatementsPerMinutePerKey is null', async () => {
    lrs = await startLrs({ limits: { maxBodyBytes: null, maxStatementsPerMinutePerKey: null } })
    for (let i = 0; i < 3; i++) expect((await xapi(lrs, '/statements', { key: lrs.station, body: Array.from({ length: 400 }, () => statement()) })).status).toBe(200)
  })
})

describe('throughput', () => {
  it('stores a 1000-statement batch over loopback and reads it back', async () => {
    lrs = await startLrs()
    const batch = Array.from({ length: 1000 }, () => statement())
    const started = performance.now()
    const res = await xapi(lrs, '/statements', { body: batch })
    const ms = performance.now() - started
    expect(res.status).toBe(200)
    expect(count(lrs)).toBe(1000)
    console.info(`hub LRS: 1000-statement batch stored in ${ms.toFixed(0)} ms (${Math.round(1000 / (ms / 1000))} statements/s)`)
    const readStarted = performance.now()
    let url = '/statements?limit=100'
    let read = 0
    while (url) {
      const page = await (await xapi(lrs, url.startsWith('/xapi/') ? `http://127.0.0.1:${lrs.port}${url}` : url)).json()
      read += page.statements.length
      url = page.more
    }
    console.info(`hub LRS: read back ${read} statements in 10 pages in ${(performance.now() - readStarted).toFixed(0)} ms`)
    expect(read).toBe(1000)
  })
})
