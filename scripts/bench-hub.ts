/**
 * `npx tsx scripts/bench-hub.ts`: ingest throughput of the hub with 30 stations posting batches
 * concurrently over loopback, against a raw SQLite insert of the same rows on the same machine
 * (the ratio is the cost of HTTP, auth, validation and indexing), and the live feed's latency
 * from a station's POST to the teacher's stream.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'

const STATIONS = 30
const BATCHES = 20
const BATCH = 50
const root = resolve(import.meta.dirname, '..')
const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-bench-hub-'))
const distDir = mkdtempSync(join(tmpdir(), 'benchtop-bench-dist-'))
writeFileSync(join(distDir, 'index.html'), '<!doctype html>')

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/hub/fixtures/run-hub.ts'), dataDir, distDir], { stdio: ['ignore', 'pipe', 'inherit'] })
const hub = await new Promise<{ url: string; joinCode: string; teacherKey: string }>((done) => createInterface({ input: child.stdout! }).once('line', (l) => done(JSON.parse(l))))
const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`

const keys: string[] = []
/** Per station, five students of the class signed in at it: the hub takes a station's statements only for those. */
const students: string[][] = []
let homePage = ''
for (let s = 0; s < STATIONS; s++) {
  const res = await fetch(new URL('api/join', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: hub.joinCode, label: `S${s}` }) })
  const body = (await res.json()) as { key: string; homePage: string }
  keys.push(body.key)
  homePage = body.homePage
  students.push([])
  for (let k = 0; k < 5; k++) {
    const added = await fetch(new URL('api/roster', hub.url), { method: 'POST', headers: { Authorization: basic(hub.teacherKey), 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: `Student ${s}.${k}` }) })
    const { code } = (await added.json()) as { code: string }
    const signedIn = await fetch(new URL('api/signin', hub.url), { method: 'POST', headers: { Authorization: basic(body.key), 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
    students[s]!.push(((await signedIn.json()) as { pseudonym: string }).pseudonym)
  }
}
const statement = (s: number, n: number) => ({
  id: crypto.randomUUID(),
  actor: { objectType: 'Agent', account: { homePage, name: students[s]![n % 5]! } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  object: { objectType: 'Activity', id: `https://benchtop.example/scenes/measure/tasks/${n}`, definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction' } },
  result: { success: n % 2 === 0, score: { scaled: 0.5 }, response: 'placed at 6.5', duration: 'PT12.5S' },
  context: { registration: crypto.randomUUID(), extensions: { 'https://benchtop.example/xapi/extensions/level': 3 } },
  timestamp: new Date().toISOString(),
})
const batches = Array.from({ length: STATIONS }, (_, s) => Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, i) => statement(s, b * BATCH + i))))

// Live feed latency, sampled while the load runs.
const feed = await fetch(new URL('api/live', hub.url), { headers: { Authorization: basic(hub.teacherKey) } })
const reader = feed.body!.getReader()
const sentAt = new Map<string, number>()
const latencies: number[] = []
void (async () => {
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value)
    for (const [id, at] of sentAt) {
      if (buffer.includes(id)) {
        latencies.push(performance.now() - at)
        sentAt.delete(id)
      }
    }
    if (buffer.length > 1e6) buffer = buffer.slice(-1e5)
  }
})()

const started = performance.now()
await Promise.all(
  batches.map(async (stationBatches, s) => {
    for (const batch of stationBatches) {
      sentAt.set(batch[0]!.id, performance.now())
      const res = await fetch(new URL('xapi/statements', hub.url), {
        method: 'POST',
        headers: { Authorization: basic(keys[s]!), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      })
      if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${await res.text()}`)
    }
  }),
)
const hubSeconds = (performance.now() - started) / 1000
const total = STATIONS * BATCHES * BATCH
await new Promise((r) => setTimeout(r, 200))
child.kill('SIGTERM')

// Baseline: the same rows straight into SQLite (WAL, one transaction per batch, one index).
const rawDb = new Database(join(mkdtempSync(join(tmpdir(), 'benchtop-raw-')), 'raw.sqlite'))
rawDb.pragma('journal_mode = WAL')
rawDb.pragma('synchronous = NORMAL')
rawDb.exec('CREATE TABLE s (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, body TEXT)')
const insert = rawDb.prepare('INSERT INTO s (id, body) VALUES (?, ?)')
const insertBatch = rawDb.transaction((batch: { id: string }[]) => {
  for (const st of batch) insert.run(st.id, JSON.stringify(st))
})
const rawStarted = performance.now()
for (const stationBatches of batches) for (const batch of stationBatches) insertBatch(batch.map((st) => ({ ...st, id: `${st.id}r` })))
const rawSeconds = (performance.now() - rawStarted) / 1000

latencies.sort((a, b) => a - b)
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN
console.log(`\nHub ingest: ${STATIONS} stations x ${BATCHES} batches x ${BATCH} statements = ${total}`)
console.log(`hub over HTTP:    ${(total / hubSeconds).toFixed(0)} statements/s (${hubSeconds.toFixed(2)} s)`)
console.log(`raw SQLite insert: ${(total / rawSeconds).toFixed(0)} statements/s (${rawSeconds.toFixed(2)} s)`)
console.log(`ratio hub/raw: ${(rawSeconds / hubSeconds).toFixed(3)}`)
console.log(`live feed latency under load (POST sent -> teacher stream): median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (${latencies.length} samples)`)
process.exit(0)
