/**
 * A store that survives bad days, over real HTTP against real SQLite: a damaged or empty
 * database is refused at start-up, daily backups are taken and a restore brings the class back,
 * and the files that hold names and keys are the owner's alone.
 */
import 'fake-indexeddb/auto'
import { randomBytes } from 'node:crypto'
import { chmodSync, closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow, localDay, restoreBackup, startBackups } from '../../src/hub/backup'
import type { RunningHub } from '../../src/hub/server'
import type { StorageStatus } from '../../src/shared/hub-status'
import type { ClientStatement } from '../../src/shared/xapi'
import { openTelemetryQueue } from '../../src/telemetry/queue'
import { createTransport } from '../../src/telemetry/transport'
import { basic, classroom, newDataDir, post, startHttpHub, statementBy, storedIds, teacherOf } from './store-helpers'

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

/** Overwrites 4 KiB at 40% of the file with random bytes, as a failing disk or a bad copy might. */
function corrupt(file: string): void {
  const at = Math.floor(statSync(file).size * 0.4)
  const fd = openSync(file, 'r+')
  writeSync(fd, randomBytes(4096), 0, 4096, at)
  closeSync(fd)
}

const mode = (path: string) => statSync(path).mode & 0o777

/** A class with `count` statements from one signed-in student, all acknowledged. */
async function classWith(h: RunningHub, count: number): Promise<string[]> {
  const { station, pseudonym } = await classroom(h)
  const ids: string[] = []
  for (let sent = 0; sent < count; sent += 50) {
    const batch = Array.from({ length: Math.min(50, count - sent) }, () => statementBy(pseudonym, station.homePage, { result: { response: 'x'.repeat(200) } }))
    const res = await post(h, station.key, batch)
    expect(res.status).toBe(200)
    ids.push(...batch.map((s) => s.id))
  }
  return ids
}

describe('a damaged database', () => {
  it('is refused at start-up with a message naming the file and the restore command; nothing is written into it', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    await hub.backups.first
    await classWith(hub, 300)
    await hub.close()
    hub = undefined
    const file = join(dataDir, 'benchtop.sqlite')
    expect(existsSync(`${file}-wal`)).toBe(false) // closed cleanly: everything is in the main file
    corrupt(file)
    const damaged = statSync(file).mtimeMs

    const refused = startHttpHub(dataDir)
    await expect(refused).rejects.toThrow(`the class database ${file} is damaged`)
    const message = await refused.catch((error: Error) => error.message)
    // It names the newest backup and the exact command to go back to it.
    expect(message).toContain(`npm start -- --data ${dataDir} --restore ${join(dataDir, 'backups', `benchtop-${localDay(new Date())}.sqlite`)}`)
    expect(statSync(file).mtimeMs).toBe(damaged)
  })

  it('does not take a zero-byte file for a new, empty class', async () => {
    const dataDir = newDataDir()
    const file = join(dataDir, 'benchtop.sqlite')
    writeFileSync(file, '')
    await expect(startHttpHub(dataDir)).rejects.toThrow(new RegExp(`${file.replace(/[/.]/g, '\\$&')} is damaged \\(the file is empty`))
    expect(statSync(file).size).toBe(0)
    // No backup there: the message says so and how to start an empty class on purpose.
    await expect(startHttpHub(dataDir)).rejects.toThrow(/There is no backup in .*move .*benchtop\.sqlite elsewhere/s)
  })
})

describe('backups', () => {
  it('takes one at start-up, checks it, keeps the newest seven, and the files are the owner\'s alone', async () => {
    const dataDir = newDataDir()
    const backups = join(dataDir, 'backups')
    hub = await startHttpHub(dataDir)
    const first = await hub.backups.first
    expect(first).toBe(join(backups, `benchtop-${localDay(new Date())}.sqlite`))
    expect(mode(backups)).toBe(0o700)
    expect(mode(first!)).toBe(0o600)
    // Nine older days are there; a new backup leaves the seven newest (today's and six before).
    for (let day = 1; day <= 9; day++) writeFileSync(join(backups, `benchtop-2026-01-${String(day).padStart(2, '0')}.sqlite`), 'old')
    writeFileSync(join(backups, 'benchtop-2025-12-31.sqlite.partial'), 'cut short by a kill')
    await backupNow(hub.db, dataDir)
    expect(readdirSync(backups).sort()).toEqual([
      'benchtop-2026-01-04.sqlite',
      'benchtop-2026-01-05.sqlite',
      'benchtop-2026-01-06.sqlite',
      'benchtop-2026-01-07.sqlite',
      'benchtop-2026-01-08.sqlite',
      'benchtop-2026-01-09.sqlite',
      `benchtop-${localDay(new Date())}.sqlite`,
    ])
  })

  it('takes the next one when the day changes while the hub runs, with what was stored since', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    await hub.backups.first
    const ids = await classWith(hub, 20)
    let today = new Date(2031, 2, 9, 23, 0)
    const schedule = startBackups(hub.db, dataDir, { now: () => today, checkEveryMs: 10 })
    const dayOne = join(dataDir, 'backups', 'benchtop-2031-03-09.sqlite')
    expect(await schedule.first).toBe(dayOne)
    today = new Date(2031, 2, 10, 0, 30)
    const dayTwo = join(dataDir, 'backups', 'benchtop-2031-03-10.sqlite')
    const deadline = Date.now() + 10_000
    while (!existsSync(dayTwo) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    await schedule.stop()
    expect(existsSync(dayTwo)).toBe(true)
    // It is a real copy of the class: restored, it holds the statements.
    await hub.close()
    restoreBackup(dataDir, dayTwo)
    hub = await startHttpHub(dataDir)
    expect((await storedIds(hub)).sort()).toEqual([...ids].sort())
  })

  it('brings the class back after the live file is damaged: the restored hub has the backed-up statements, the damaged file is kept aside', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    await hub.backups.first
    const backedUp = await classWith(hub, 200)
    const backup = await backupNow(hub.db, dataDir)
    await hub.close()
    hub = undefined
    const file = join(dataDir, 'benchtop.sqlite')
    corrupt(file)
    const damagedBytes = readFileSync(file)
    const message = await startHttpHub(dataDir).catch((error: Error) => error.message)
    const command = /--restore (\S+)/.exec(String(message))
    expect(command?.[1]).toBe(backup)

    const { restored, keptAside } = restoreBackup(dataDir, command![1]!)
    expect(restored).toBe(backup)
    expect(keptAside).toHaveLength(1)
    expect(keptAside[0]).toMatch(/benchtop-before-restore-.*\.sqlite$/)
    expect(readFileSync(keptAside[0]!).equals(damagedBytes)).toBe(true)
    hub = await startHttpHub(dataDir)
    expect((await storedIds(hub)).sort()).toEqual([...backedUp].sort())
    expect(mode(file)).toBe(0o600)
  })

  it('refuses to restore under a hub that is still running on the folder, and changes nothing', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    const backup = (await hub.backups.first)!
    const ids = await classWith(hub, 20)
    expect(() => restoreBackup(dataDir, backup)).toThrow(`a hub is still running on ${dataDir}; stop it`)
    expect(readdirSync(dataDir).filter((name) => name.includes('before-restore') || name.includes('restoring'))).toEqual([])
    expect((await storedIds(hub)).sort()).toEqual([...ids].sort())
    const late = await classroom(hub, 'Late Arrival')
    expect((await post(hub, late.station.key, statementBy(late.pseudonym, late.station.homePage))).status).toBe(200)
  })

  it('refuses to restore a damaged backup and leaves the live database as it was', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    await hub.backups.first
    const ids = await classWith(hub, 200)
    const backup = await backupNow(hub.db, dataDir)
    await hub.close()
    hub = undefined
    corrupt(backup)
    expect(() => restoreBackup(dataDir, backup)).toThrow(`the backup ${backup} is damaged too`)
    hub = await startHttpHub(dataDir)
    expect((await storedIds(hub)).sort()).toEqual([...ids].sort())
    expect(() => restoreBackup(dataDir, 'benchtop-1999-01-01.sqlite')).toThrow(/there is no backup "benchtop-1999-01-01.sqlite"; the backups are:/)
  })
})

describe('file modes', () => {
  it('keeps the database, its WAL and shared memory 0600 in a 0700 folder, and tightens an older folder', async () => {
    const dataDir = newDataDir()
    chmodSync(dataDir, 0o755)
    hub = await startHttpHub(dataDir)
    await classWith(hub, 1)
    const file = join(dataDir, 'benchtop.sqlite')
    expect(existsSync(`${file}-wal`)).toBe(true)
    expect([mode(dataDir), mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([0o700, 0o600, 0o600, 0o600])
    await hub.close()
    hub = undefined
    chmodSync(dataDir, 0o755)
    chmodSync(file, 0o644)
    hub = await startHttpHub(dataDir)
    await classWith(hub, 1)
    expect([mode(dataDir), mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([0o700, 0o600, 0o600, 0o600])
  })

  it('names the path when the data folder cannot be used', async () => {
    const parent = newDataDir()
    writeFileSync(join(parent, 'not-a-folder'), '')
    const dataDir = join(parent, 'not-a-folder', 'data')
    await expect(startHttpHub(dataDir)).rejects.toThrow(`cannot use the data folder ${dataDir}`)
  })
})

/** The teacher's live feed, read as the dashboard reads it: waits (bounded) for a storage event that matches. */
async function openLiveFeed(h: RunningHub) {
  const controller = new AbortController()
  const res = await fetch(new URL('api/live', h.url), { headers: { Authorization: basic(teacherOf(h)) }, signal: controller.signal })
  expect(res.status).toBe(200)
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const storageEvents: StorageStatus[] = []
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = frame.split('\n').find((line) => line.startsWith('data: '))
        if (frame.includes('event: storage') && data) storageEvents.push(JSON.parse(data.slice(6)) as StorageStatus)
      }
    }
  })()
  return {
    storageEvents,
    async waitFor(test: (s: StorageStatus) => boolean, timeoutMs = 10_000): Promise<StorageStatus> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = storageEvents.find(test)
        if (found) return found
        if (Date.now() > deadline) throw new Error(`no matching storage event in ${timeoutMs} ms; got ${JSON.stringify(storageEvents)}`)
        await Promise.race([pump, new Promise((r) => setImmediate(r))])
      }
    },
    close: () => controller.abort(),
  }
}

describe('a full disk', () => {
  it('refuses writes with 507 and the reason, stations keep queuing, the teacher sees a banner, and nothing acknowledged is lost', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    await hub.backups.first
    const { station, pseudonym } = await classroom(hub)
    const feed = await openLiveFeed(hub)
    await feed.waitFor((s) => s.full === false)
    // A real station queue (IndexedDB) sending through the real transport; retries only when flushed here.
    const transport = createTransport({ endpoint: '/xapi/', base: hub.url, key: station.key, version: '2.0.0' })
    const queue = await openTelemetryQueue({ send: transport.send, dbName: `store-full-${crypto.randomUUID()}`, batchSize: 50, setTimer: () => 0, clearTimer: () => undefined })
    const make = (n: number) => Array.from({ length: n }, () => statementBy(pseudonym, station.homePage, { result: { response: 'y'.repeat(190) } }) as unknown as ClientStatement)
    const acknowledged = make(30)
    await queue.enqueue(acknowledged)
    expect(await queue.flush()).toMatchObject({ ok: true, delivered: 30 })

    // The disk fills up: SQLite may not grow the file by a single page more.
    const pages = hub.db.pragma('page_count', { simple: true }) as number
    hub.db.pragma(`max_page_count = ${pages}`)
    const direct = await post(hub, station.key, make(40))
    expect(direct.status).toBe(507)
    await expect(direct.json()).resolves.toMatchObject({ error: expect.stringMatching(/disk is full, so nothing in this request was stored; keep it and send it again later/) })
    const waiting = make(60)
    await queue.enqueue(waiting)
    const refused = await queue.flush()
    expect(refused).toMatchObject({ ok: false, delivered: 0, quarantined: 0, error: expect.stringMatching(/^HTTP 507: .*disk is full/) })
    expect(queue.waitingCount()).toBe(60)
    const banner = await feed.waitFor((s) => s.full)
    expect(banner.message).toContain(`Free space on the disk that holds ${dataDir}`)
    // A dashboard opened now learns it at once, too.
    const late = await openLiveFeed(hub)
    await late.waitFor((s) => s.full)
    late.close()
    // What was acknowledged is all there and readable.
    expect((await storedIds(hub)).sort()).toEqual(acknowledged.map((s) => s.id).sort())

    // Space again: the station's next attempt delivers everything, once; the banner goes.
    hub.db.pragma('max_page_count = 1073741823')
    expect(await queue.flush()).toMatchObject({ ok: true, delivered: 60 })
    expect(queue.waitingCount()).toBe(0)
    await feed.waitFor((s) => s.full === false && feed.storageEvents.some((e) => e.full))
    expect(feed.storageEvents.at(-1)).toEqual({ full: false, since: null, message: null })
    expect((await storedIds(hub)).sort()).toEqual([...acknowledged, ...waiting].map((s) => s.id).sort())
    feed.close()
    queue.stop()
  })
})
