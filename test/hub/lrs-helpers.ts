/** A real hub LRS on 127.0.0.1 with a temp SQLite folder, and fetch helpers for the tests. */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { issueKey, type IssuedKey } from '../../src/hub/keys'
import { createLrs, type LrsLimits, type StoredStatement } from '../../src/hub/lrs'

export interface TestLrs {
  base: string
  port: number
  db: HubDb
  teacher: IssuedKey
  station: IssuedKey
  lrsKey: IssuedKey
  storedBatches: StoredStatement[][]
  close(): Promise<void>
}

export async function startLrs(options: { limits?: LrsLimits; now?: () => Date } = {}): Promise<TestLrs> {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-lrs-'))
  const db = openHubDb(dataDir)
  const storedBatches: StoredStatement[][] = []
  const lrs = createLrs({
    db,
    limits: options.limits ?? { maxBodyBytes: null, maxStatementsPerMinutePerKey: null },
    now: options.now,
    onStored: (statements) => storedBatches.push(statements),
  })
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    if (path === '/xapi' || path.startsWith('/xapi/')) {
      lrs.handle(req, res, path.slice('/xapi'.length) || '/').catch((error: unknown) => {
        res.writeHead(500)
        res.end(String(error))
      })
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as AddressInfo).port
  return {
    base: `http://127.0.0.1:${port}/xapi`,
    port,
    db,
    teacher: issueKey(db, 'teacher', 'Teacher'),
    station: issueKey(db, 'station', 'Station 1'),
    lrsKey: issueKey(db, 'lrs', 'External tool'),
    storedBatches,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      })
      db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const basic = (key: { id: string; secret: string }) => `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString('base64')}`

export interface XapiInit {
  method?: string
  key?: { id: string; secret: string } | null
  body?: unknown
  /** Sent as is (no JSON encoding) when a string. */
  raw?: string | Buffer
  headers?: Record<string, string>
  version?: string | null
}

export async function xapi(lrs: TestLrs, path: string, init: XapiInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers }
  const version = init.version === undefined ? '2.0.0' : init.version
  if (version !== null) headers['X-Experience-API-Version'] ??= version
  const key = init.key === undefined ? lrs.teacher : init.key
  if (key) headers.Authorization ??= basic(key)
  let body: string | Buffer | undefined
  if (init.raw !== undefined) body = init.raw
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    headers['Content-Type'] ??= 'application/json'
  }
  return fetch(path.startsWith('http') ? path : `${lrs.base}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body),
  })
}

let counter = 0
/** A valid statement by a roster pseudonym; `extra` overrides any part. */
export function statement(extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    actor: { objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: 'amber-otter-12' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
    object: { objectType: 'Activity', id: 'https://benchtop.example/scenes/measure', definition: { name: { 'en-US': 'Measure' } } },
    result: { success: true, extensions: { 'https://benchtop.example/ext/n': counter } },
    ...extra,
  }
}

export const agentParam = (agent: unknown) => encodeURIComponent(JSON.stringify(agent))
