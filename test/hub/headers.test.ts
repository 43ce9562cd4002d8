/**
 * Every answer of the hub, app and API, success and error, carries the security headers: a
 * self-only Content-Security-Policy that forbids framing, no referrer, no MIME sniffing.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHub } from '../../src/hub/server'
import { basic, classroom, dist, newDataDir, startHttpHub, statementBy, teacherOf } from './store-helpers'

let hub: RunningHub
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true })
  writeFileSync(join(dist, 'assets', 'main-abcdef12.js'), 'console.log(1)')
  hub = await startHttpHub(newDataDir())
})
afterAll(() => hub.close())

/** Raw HTTP, so that paths and headers reach the hub as written; resolves at the answer's headers. */
function answer(method: string, path: string, headers: Record<string, string | number> = {}, body?: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: hub.port, method, path, headers }, (res) => {
      resolve({ status: res.statusCode!, headers: res.headers })
      res.destroy()
    })
    req.on('error', reject)
    req.end(body)
  })
}

function expectSecurityHeaders(what: string, headers: IncomingHttpHeaders) {
  const csp = String(headers['content-security-policy'])
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))
  expect(directives.get('default-src'), what).toEqual(["'self'"])
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"])
  expect(directives.get('object-src'), what).toEqual(["'none'"])
  // Nothing from another origin, ever: every source list is 'self', 'none' or local schemes.
  for (const [name, values] of directives) for (const value of values) expect(["'self'", "'none'", 'blob:', 'data:'], `${what}: ${name} ${value}`).toContain(value)
  expect(headers['referrer-policy'], what).toBe('no-referrer')
  expect(headers['x-content-type-options'], what).toBe('nosniff')
}

describe('security headers', () => {
  it('are on every answer: the app, its files, API and xAPI successes, refusals and errors, 404s and the live feed', async () => {
    const { station, pseudonym } = await classroom(hub)
    const teacher = { Authorization: basic(teacherOf(hub)) }
    const x = (key: string) => ({ Authorization: basic(key), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' })
    const cases: [string, string, string, Record<string, string | number>, string | undefined, number][] = [
      ['the app', 'GET', '/', {}, undefined, 200],
      ['an app route', 'GET', '/teacher', {}, undefined, 200],
      ['an app file', 'GET', '/assets/main-abcdef12.js', {}, undefined, 200],
      ['a missing file', 'GET', '/missing.js', {}, undefined, 404],
      ['a write to the app', 'POST', '/', {}, undefined, 405],
      ['a bad path', 'GET', '/%00', {}, undefined, 400],
      ['the roster without a key', 'GET', '/api/roster', {}, undefined, 401],
      ['the roster', 'GET', '/api/roster', teacher, undefined, 200],
      ['an unknown API route', 'GET', '/api/nope', teacher, undefined, 404],
      ['a wrong join code', 'POST', '/api/join', { 'Content-Type': 'application/json' }, '{"code":"NOPE00"}', 403],
      ['xAPI about', 'GET', '/xapi/about', {}, undefined, 200],
      ['statements without a key', 'GET', '/xapi/statements', { 'X-Experience-API-Version': '2.0.0' }, undefined, 401],
      ['statements', 'GET', '/xapi/statements', x(teacherOf(hub)), undefined, 200],
      ['a statement stored', 'POST', '/xapi/statements', x(station.key), JSON.stringify(statementBy(pseudonym, station.homePage)), 200],
      ['bad JSON', 'POST', '/xapi/statements', x(station.key), '{', 400],
      ['an unknown xAPI resource', 'GET', '/xapi/nope', x(teacherOf(hub)), undefined, 404],
      ['a body over the limit', 'POST', '/xapi/statements', { ...x(station.key), 'Content-Length': 6 * 1024 * 1024 }, undefined, 413],
      ['the live feed', 'GET', '/api/live', teacher, undefined, 200],
    ]
    for (const [what, method, path, headers, body, status] of cases) {
      const res = await answer(method, path, headers, body)
      expect(res.status, what).toBe(status)
      expectSecurityHeaders(what, res.headers)
    }
    // A failing disk's 507.
    hub.db.pragma(`max_page_count = ${hub.db.pragma('page_count', { simple: true }) as number}`)
    const full = await answer('POST', '/xapi/statements', x(station.key), JSON.stringify(Array.from({ length: 40 }, () => statementBy(pseudonym, station.homePage, { result: { response: 'z'.repeat(190) } }))))
    hub.db.pragma('max_page_count = 1073741823')
    expect(full.status).toBe(507)
    expectSecurityHeaders('a full disk', full.headers)
  })
})
