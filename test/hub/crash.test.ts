/**
 * Kill the hub with SIGKILL during a steady ingest from several stations, restart it: every
 * statement it acknowledged is there exactly once, and the stations' retries deliver the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterEach, expect, it, vi } from 'vitest'

const STATIONS = 5
const BATCH = 20
const KIDS = 7
/** Per station, the roster pseudonyms signed in at it (a station writes only for those). */
const kids: string[][] = []
const fixture = resolve(import.meta.dirname, 'fixtures/run-hub.ts')
let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
})

interface Started {
  url: string
  port: number
  joinCode: string
  teacherKey: string
}

function launch(dataDir: string, distDir: string, port = 0): Promise<Started> {
  child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, distDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child!.stdout! })
    lines.once('line', (line) => resolvePromise(JSON.parse(line) as Started))
    child!.once('exit', (code) => reject(new Error(`hub exited early (${code})`)))
  })
}

const statement = (station: number, n: number, homePage: string) => ({
  id: crypto.randomUUID(),
  actor: { objectType: 'Agent', account: { homePage, name: kids[station]![n % KIDS]! } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { objectType: 'Activity', id: `urn:benchtop:task:${station}-${n}` },
  timestamp: new Date().toISOString(),
})

it('keeps every acknowledged statement exactly once across a SIGKILL and a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-crash-'))
  const distDir = mkdtempSync(join(tmpdir(), 'benchtop-crash-dist-'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html>')
  let hub = await launch(dataDir, distDir)
  const keys: { key: string; homePage: string }[] = []
  for (let s = 0; s < STATIONS; s++) {
    const res = await fetch(new URL('api/join', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: hub.joinCode, label: `S${s}` }) })
    const station = (await res.json()) as { key: string; homePage: string }
    keys.push(station)
    kids.push([])
    for (let k = 0; k < KIDS; k++) {
      const added = await fetch(new URL('api/roster', hub.url), { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(hub.teacherKey).toString('base64')}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: `Kid ${s}.${k}` }) })
      const { code } = (await added.json()) as { code: string }
      const signedIn = await fetch(new URL('api/signin', hub.url), { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(station.key).toString('base64')}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
      kids[s]!.push(((await signedIn.json()) as { pseudonym: string }).pseudonym)
    }
  }

  const acknowledged = new Set<string>()
  const unacknowledged: { station: number; batch: Record<string, unknown>[] }[] = []
  let killed = false
  const stationLoop = async (s: number) => {
    for (let n = 0; !killed; n += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, i) => statement(s, n + i, keys[s]!.homePage))
      try {
        const res = await fetch(new URL('xapi/statements', hub.url), {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from(keys[s]!.key).toString('base64')}`, 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' },
          body: JSON.stringify(batch),
        })
        if (res.status !== 200) throw new Error(String(res.status))
        for (const st of batch) acknowledged.add(st.id)
      } catch {
        unacknowledged.push({ station: s, batch })
        return
      }
    }
  }
  const loops = Array.from({ length: STATIONS }, (_, s) => stationLoop(s))
  // Let a steady ingest build up, then pull the plug.
  await vi.waitFor(() => expect(acknowledged.size, 'statements acknowledged before the kill').toBeGreaterThanOrEqual(1000), { timeout: 30_000, interval: 20 })
  child!.kill('SIGKILL')
  killed = true
  await Promise.all(loops)
  console.log(`SIGKILL after ${acknowledged.size} acknowledged statements; ${unacknowledged.length} batches in flight`)

  hub = await launch(dataDir, distDir)
  const db = new Database(join(dataDir, 'benchtop.sqlite'), { readonly: true })
  const storedIds = () => new Set((db.prepare('SELECT id FROM statements').all() as { id: string }[]).map((r) => r.id))
  const inFlight = new Set(unacknowledged.flatMap((u) => u.batch.map((st) => st.id as string)))
  // Every acknowledged statement survived; anything else stored is from a batch that was in flight.
  const afterRestart = storedIds()
  expect([...acknowledged].filter((id) => !afterRestart.has(id)), 'acknowledged but lost').toEqual([])
  expect([...afterRestart].filter((id) => !acknowledged.has(id) && !inFlight.has(id)), 'stored but never sent').toEqual([])

  // The stations' queues resend what was never acknowledged (some of it may have been stored).
  for (const { station, batch } of unacknowledged) {
    const key = keys[station]!.key
    const res = await fetch(new URL('xapi/statements', hub.url), {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(key).toString('base64')}`, 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    })
    expect(res.status).toBe(200)
  }
  // Now the hub holds exactly what the stations sent: the acknowledged and the resent, no more.
  expect(storedIds()).toEqual(new Set([...acknowledged, ...inFlight]))
  db.close()
}, 60_000)
