/** A real hub LRS on 127.0.0.1 with a temp SQLite folder, and fetch helpers for the tests. */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { issueKey, type IssuedKey } from '../../src/hub/keys'
import { createLrs, type LrsLimits, type StoredStatement } from '../../src/hub/lrs'
import { createGuessLimit } from '../../src/hub/limits'
import { createStationScope } from '../../src/hub/scope'
import { createDispatcher, xapiHandlers } from '../../src/hub/server'

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

/** The pseudonym of statement()'s actor, signed in at the test station. */
export const FIXTURE_PSEUDONYM = 'amber-otter-12'

export async function startLrs(options: { limits?: LrsLimits; now?: () => Date } = {}): Promise<TestLrs> {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-lrs-'))
  const db = openHubDb(dataDir)
  const storedBatches: StoredStatement[][] = []
  const scope = createStationScope(db)
  const lrs = createLrs({
    db,
    limits: options.limits ?? { maxBodyBytes: null, maxStatementsPerMinutePerKey: null },
    now: options.now,
    onStored: (statements) => storedBatches.push(statements),
    scope,
  })
  // The LRS behind the hub's own dispatcher: keys and roles checked by the route table.
  const dispatch = createDispatcher({ db, handlers: xapiHandlers(lrs), lrsBodyLimit: options.limits?.maxBodyBytes ?? null, authFailures: createGuessLimit('keys', null), answerVersion: lrs.answerVersion })
  const server = createServer((req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as AddressInfo).port
  const station = issueKey(db, 'station', 'Station 1')
  // The station's student, as if signed in at it: the fixtures' statements and state are theirs.
  scope.recordSignIn(station.id, FIXTURE_PSEUDONYM)
  return {
    base: `http://127.0.0.1:${port}/xapi`,
    port,
    db,
    teacher: issueKey(db, 'teacher', 'Teacher'),
    station,
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

export const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex')

/** An attachment declaration for `content`, as a statement's "attachments" lists it. */
export function attachmentFor(content: Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { usageType: 'https://benchtop.example/attachments/photo', display: { 'en-US': 'Photo of the setup' }, contentType: 'image/png', length: content.length, sha2: sha256(content), ...extra }
}

export interface RawPart {
  headers: Record<string, string>
  body: string | Buffer
}

/** A multipart/mixed body written by hand (so tests can also write it wrong). */
export function multipartBody(boundary: string, parts: RawPart[]): Buffer {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), Buffer.from(part.body), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

/** The statements part and attachment parts of a statements request, well formed. */
export function statementsWithAttachments(statements: unknown, attachments: Buffer[], contentType = 'image/png'): RawPart[] {
  return [
    { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(statements) },
    ...attachments.map((content) => ({ headers: { 'Content-Type': contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha256(content) }, body: content })),
  ]
}

/** Reads a multipart/mixed answer into parts (headers in lower case), binary-safe. */
export async function readMultipart(res: Response): Promise<{ headers: Record<string, string>; body: Buffer }[]> {
  const boundary = /boundary=([^;]+)/.exec(res.headers.get('content-type') ?? '')?.[1]
  if (!boundary) throw new Error(`not multipart: ${res.headers.get('content-type')}`)
  const body = Buffer.from(await res.arrayBuffer())
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  const parts: { headers: Record<string, string>; body: Buffer }[] = []
  let pos = body.indexOf(`--${boundary}`) + boundary.length + 2
  while (body.subarray(pos, pos + 2).toString() !== '--') {
    pos += 2 // CRLF after the boundary
    const end = body.indexOf(delimiter, pos)
    const part = body.subarray(pos, end)
    const blank = part.indexOf('\r\n\r\n')
    const headers = Object.fromEntries(
      part
        .subarray(0, blank)
        .toString()
        .split('\r\n')
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    )
    parts.push({ headers, body: part.subarray(blank + 4) })
    pos = end + delimiter.length
  }
  return parts
}
