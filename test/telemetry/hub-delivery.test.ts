/**
 * End to end in Node: a full scripted run's statements go through the rate budget, the durable
 * queue and the HTTP transport into the real hub LRS (SQLite), validated there by the shared
 * validator, in both xAPI versions. A small body limit makes the hub answer 413, and one broken
 * statement makes it answer 400: the rest still arrive, each once.
 */
import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenes } from '../../src/app/registry'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { issueKey, type IssuedKey } from '../../src/hub/keys'
import { createLrs } from '../../src/hub/lrs'
import { createGuessLimit } from '../../src/hub/limits'
import { createDispatcher, xapiHandlers } from '../../src/hub/server'
import { validateStatement, type ClientStatement, type XapiVersion } from '../../src/shared/xapi'
import { buildAll } from '../../src/telemetry/builders'
import { openTelemetryQueue } from '../../src/telemetry/queue'
import { createRateBudget } from '../../src/telemetry/rate'
import { createTransport } from '../../src/telemetry/transport'
import { scriptedRun } from './scene-run'

let dataDir: string
let db: HubDb
let station: IssuedKey
let base: string
let close: () => Promise<void>

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'benchtop-telemetry-hub-'))
  db = openHubDb(dataDir)
  station = issueKey(db, 'station', 'Station 1')
  const lrs = createLrs({ db, limits: { maxBodyBytes: 60_000, maxStatementsPerMinutePerKey: null }, validate: (s, v) => validateStatement(s, v) })
  // The LRS behind the hub's own dispatcher (keys checked by the route table), without the
  // station scope: this is about delivery, not about whose statements a station may send.
  const dispatch = createDispatcher({ db, handlers: xapiHandlers(lrs), lrsBodyLimit: 60_000, authFailures: createGuessLimit('keys', null) })
  const server = createServer((req, res) => void dispatch(req, res))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () =>
    new Promise<void>((done) => {
      server.close(() => done())
      server.closeAllConnections()
    })
})

afterAll(async () => {
  await close()
  db.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const storedIds = () => new Set((db.prepare('SELECT id FROM statements').all() as { id: string }[]).map((r) => r.id))
const storedCount = (id: string) => (db.prepare('SELECT count(*) AS n FROM statements WHERE id = ?').get(id) as { n: number }).n

describe('delivery into the hub LRS', () => {
  for (const version of ['2.0.0', '1.0.3'] as const) {
    it(`every statement of a full run of every scene reaches the hub once (${version})`, async () => {
      const all: ClientStatement[] = []
      for (const plugin of scenes) {
        const events = scriptedRun(plugin, 'swift-otter-42', version === '2.0.0' ? 3 : 4)
        const registration = globalThis.crypto.randomUUID()
        all.push(...buildAll(events, { homePage: base, registration, stationId: 'station-1', classId: '7b', sceneTitle: plugin.title, version: '2.0.0' }))
      }
      const bad: ClientStatement = { ...all[5]!, id: globalThis.crypto.randomUUID(), result: { score: { scaled: 1.5 } } }
      const budget = createRateBudget({ perMinute: 1000 })
      const toQueue = budget.admit([...all.slice(0, 20), bad, ...all.slice(20)], Date.now())
      const transport = createTransport({ endpoint: '/xapi/', base, key: `${station.id}:${station.secret}`, version: version === '1.0.3' ? '1.0.3' : undefined })
      expect(await transport.version()).toBe(version)
      const queue = await openTelemetryQueue({ send: transport.send, dbName: `hub-${version}`, batchSize: 200 })
      await queue.enqueue(toQueue)
      const report = await queue.flush()
      expect(report).toMatchObject({ ok: true, delivered: all.length, quarantined: 1 })
      // The 60 kB body limit made the hub answer 413 to 200-statement batches: they were split.
      expect(report.requests).toBeGreaterThan(2 * Math.ceil(toQueue.length / 200))
      const ids = storedIds()
      for (const s of all) expect(storedCount(s.id)).toBe(1)
      expect(ids.has(bad.id)).toBe(false)
      const [q] = await queue.quarantined()
      expect(q!.reason).toMatch(/statement\.result\.score\.scaled: 1\.5 is outside \[-1, 1\]/)
      // A retry of everything (a lost answer) changes nothing at the hub.
      const again = await openTelemetryQueue({ send: transport.send, dbName: `hub-again-${version}` })
      await again.enqueue(all.slice(0, 30))
      expect(await again.flush()).toMatchObject({ ok: true, delivered: 30 })
      for (const s of all.slice(0, 30)) expect(storedCount(s.id)).toBe(1)
      // What the hub stored for a 1.0.3 conversation has no 2.0-only fields.
      const row = db.prepare('SELECT body FROM statements WHERE id = ?').get(all.find((s) => s.context?.contextGroups)!.id) as { body: string }
      expect(JSON.parse(row.body).context.contextGroups === undefined).toBe(version === '1.0.3')
      await queue.close()
      await again.close()
    })
  }

  it('a different statement under an id the hub holds is quarantined with the hub\'s 409 reason; the rest arrive', async () => {
    const events = scriptedRun(scenes[0]!, 'calm-heron-17', 7)
    const all = buildAll(events, { homePage: base, registration: globalThis.crypto.randomUUID(), stationId: 'station-1', classId: '7b', version: '2.0.0' })
    const transport = createTransport({ endpoint: '/xapi/', base, key: `${station.id}:${station.secret}` })
    const queue = await openTelemetryQueue({ send: transport.send, dbName: 'hub-conflict', batchSize: 50 })
    const original = all.find((s) => typeof s.result?.response === 'string')
    expect(original, 'a run has an answer').toBeDefined()
    const rest = all.filter((s) => s !== original)
    await queue.enqueue([original!])
    expect(await queue.flush()).toMatchObject({ ok: true, delivered: 1 })
    const changed: ClientStatement = { ...original!, result: { ...original!.result, response: 'something else' } }
    await queue.enqueue([...rest.slice(0, 3), changed, ...rest.slice(3)])
    const report = await queue.flush()
    expect(report).toMatchObject({ ok: true, delivered: rest.length, quarantined: 1, conflicts: 1 })
    const [record] = await queue.quarantined()
    expect(record).toMatchObject({ id: original!.id, status: 409 })
    expect(record!.reason).toMatch(new RegExp(`a different statement with id ${original!.id} is already stored`))
    // The hub keeps what it had; everything else arrived once.
    const row = db.prepare('SELECT body FROM statements WHERE id = ?').get(original!.id) as { body: string }
    expect(JSON.parse(row.body).result).toEqual(original!.result)
    for (const s of rest) expect(storedCount(s.id)).toBe(1)
    await queue.close()
  })

  it('the hub answers 400 with the validator\'s path for a statement sent alone', async () => {
    const res = await fetch(`${base}/xapi/statements`, {
      method: 'POST',
      headers: { 'X-Experience-API-Version': '2.0.0' as XapiVersion, Authorization: `Basic ${Buffer.from(`${station.id}:${station.secret}`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ actor: { mbox: 'ann@example.org' }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: 'https://example.org/a' } }),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toContain('statement.actor.mbox: must be a mailto: IRI')
  })
})
