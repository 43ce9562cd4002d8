/** The teacher's station controls on a real hub: real HTTP, real SQLite, a restart in between. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { DEFAULT_CONTROLS, mergeControls, type ControlsResponse } from '../../src/hub/controls'
import { startHub, type RunningHub } from '../../src/hub/server'

const dist = mkdtempSync(join(tmpdir(), 'benchtop-dist-'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchtop</title>')

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`

async function start(dataDir = mkdtempSync(join(tmpdir(), 'benchtop-controls-'))) {
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir], { dataDir }), { distDir: dist })
  return { hub, dataDir, teacher: `${hub.teacherKey.id}:${hub.teacherKey.secret}` }
}

async function joinAs(h: RunningHub, label: string) {
  const res = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: h.joinCode, label }) })
  return (await res.json()) as { key: string; stationId: string }
}

async function read(h: RunningHub, key: string): Promise<ControlsResponse> {
  const res = await fetch(new URL('api/controls', h.url), { headers: { Authorization: basic(key) } })
  expect(res.status).toBe(200)
  return (await res.json()) as ControlsResponse
}

function write(h: RunningHub, key: string, body: unknown, method: 'PUT' | 'PATCH' = 'PATCH') {
  return fetch(new URL('api/controls', h.url), { method, headers: { Authorization: basic(key), 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

/** The parts a station acts on, without the timestamps. */
const settled = ({ serverTime: _s, updated: _u, ...rest }: ControlsResponse) => rest

describe('station controls', () => {
  it('starts with classroom defaults: nothing assigned, target 0.8, no assessment, rotation stopped, not paused', async () => {
    const { hub, teacher } = await start()
    expect(settled(await read(hub, teacher))).toEqual({
      assignments: {},
      targetSuccess: 0.8,
      assessmentMode: false,
      placement: true,
      rotation: { segmentMinutes: 20, vrSegmentMinutes: 10, startedAt: null, pausedAt: null },
      paused: false,
    })
  })

  it('lets the teacher set every control; a station reads them with only its own assignment', async () => {
    const { hub, teacher } = await start()
    const a = await joinAs(hub, 'Station A')
    const b = await joinAs(hub, 'Station B')
    const before = Date.now()
    const res = await write(hub, teacher, {
      assignments: { [a.stationId]: 'projectile', [b.stationId]: 'measure' },
      targetSuccess: 0.7,
      assessmentMode: true,
      placement: false,
      rotation: { segmentMinutes: 15, vrSegmentMinutes: 8, startedAt: 'now' },
      paused: true,
    })
    expect(res.status).toBe(200)
    const seenByA = await read(hub, a.key)
    expect(seenByA).toMatchObject({ assignments: { [a.stationId]: 'projectile' }, targetSuccess: 0.7, assessmentMode: true, placement: false, paused: true, rotation: { segmentMinutes: 15, vrSegmentMinutes: 8 } })
    expect(seenByA.assignments).not.toHaveProperty(b.stationId)
    // The hub's clock starts the rotation, and tells stations its time for their countdown.
    const started = Date.parse(seenByA.rotation.startedAt!)
    expect(started).toBeGreaterThanOrEqual(before - 1000)
    expect(started).toBeLessThanOrEqual(Date.now() + 1000)
    expect(Math.abs(Date.parse(seenByA.serverTime) - Date.now())).toBeLessThan(5000)
    expect((await read(hub, teacher)).assignments).toEqual({ [a.stationId]: 'projectile', [b.stationId]: 'measure' })

    // PATCH changes only what it names; null takes an assignment away.
    await write(hub, teacher, { paused: false, assignments: { [a.stationId]: null } })
    expect(await read(hub, teacher)).toMatchObject({ paused: false, assessmentMode: true, targetSuccess: 0.7, assignments: { [b.stationId]: 'measure' } })
    // PUT replaces the record: what it leaves out goes back to the default.
    await write(hub, teacher, { targetSuccess: 0.9 }, 'PUT')
    expect(settled(await read(hub, teacher))).toMatchObject({ targetSuccess: 0.9, assessmentMode: false, assignments: {}, rotation: { startedAt: null } })
  })

  it('refuses writes from a station key with 403, and reads without a key with 401', async () => {
    const { hub, teacher } = await start()
    const station = await joinAs(hub, 'Station C')
    const refused = await write(hub, station.key, { paused: true })
    expect(refused.status).toBe(403)
    await expect(refused.json()).resolves.toMatchObject({ error: expect.stringMatching(/teacher key/) })
    expect((await write(hub, station.key, { paused: true }, 'PUT')).status).toBe(403)
    expect((await read(hub, teacher)).paused).toBe(false)
    expect((await fetch(new URL('api/controls', hub.url))).status).toBe(401)
  })

  it('answers bad values with 400 naming the field, and stores nothing of that request', async () => {
    const { hub, teacher } = await start()
    const station = await joinAs(hub, 'Station D')
    const before = await read(hub, teacher)
    const bad: [unknown, RegExp][] = [
      [{ targetSuccess: 0.4 }, /targetSuccess/],
      [{ targetSuccess: 0.99 }, /targetSuccess/],
      [{ targetSuccess: '0.8' }, /targetSuccess/],
      [{ assessmentMode: 'yes' }, /assessmentMode/],
      [{ placement: 'off' }, /placement/],
      [{ paused: 1 }, /paused/],
      [{ rotation: { segmentMinutes: 0 } }, /rotation\.segmentMinutes/],
      [{ rotation: { vrSegmentMinutes: 500 } }, /rotation\.vrSegmentMinutes/],
      [{ rotation: { startedAt: 'yesterday' } }, /rotation\.startedAt/],
      [{ rotation: { startedAt: new Date(Date.now() + 3_600_000).toISOString() } }, /rotation\.startedAt/],
      [{ rotation: { speed: 2 } }, /rotation\.speed/],
      [{ assignments: { 'station-nope': 'projectile' } }, /assignments\.station-nope/],
      [{ assignments: { [station.stationId]: '../etc' } }, new RegExp(`assignments\\.${station.stationId}`)],
      [{ volume: 11 }, /volume/],
      [[], /object/],
      // A good field before a bad one: the good one must not be stored either.
      [{ paused: true, assessmentMode: true, targetSuccess: 2 }, /targetSuccess/],
    ]
    for (const [body, field] of bad) {
      const res = await write(hub, teacher, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { error: string }).error, JSON.stringify(body)).toMatch(field)
    }
    const malformed = await fetch(new URL('api/controls', hub.url), { method: 'PATCH', headers: { Authorization: basic(teacher), 'Content-Type': 'application/json' }, body: '{"paused": tru' })
    expect(malformed.status).toBe(400)
    expect(await read(hub, teacher)).toEqual({ ...before, serverTime: expect.any(String) })
  })

  it('keeps the controls across a hub restart', async () => {
    const first = await start()
    const station = await joinAs(first.hub, 'Station E')
    await write(first.hub, first.teacher, { assignments: { [station.stationId]: 'measure' }, targetSuccess: 0.65, assessmentMode: true, rotation: { segmentMinutes: 12, startedAt: 'now' }, paused: true })
    const saved = settled(await read(first.hub, first.teacher))
    await first.hub.close()
    hub = undefined
    // A new run makes a new teacher key; the station's key still works.
    const second = await start(first.dataDir)
    expect(settled(await read(second.hub, second.teacher))).toEqual(saved)
    expect((await read(second.hub, station.key)).assignments).toEqual({ [station.stationId]: 'measure' })
  })
})

describe('the rotation timer under "pause all" and "rotate now"', () => {
  // 20-minute segments started at 09:00 on the hub's clock.
  const START = Date.parse('2026-11-30T09:00:00.000Z')
  const at = (minutes: number) => new Date(START + minutes * 60_000)
  const running = mergeControls(DEFAULT_CONTROLS, { rotation: { startedAt: 'now' } }, new Set(), at(0))
  const none = new Set<string>()

  it('pausing stops the timer where it was, and resuming carries on from there', () => {
    const paused = mergeControls(running, { paused: true }, none, at(5))
    expect(paused.rotation.pausedAt).toBe(at(5).toISOString())
    // Resumed 3 minutes later: the start moves on by 3 minutes, so 15 minutes are still left.
    const resumed = mergeControls(paused, { paused: false }, none, at(8))
    expect(resumed.rotation).toMatchObject({ startedAt: at(3).toISOString(), pausedAt: null })
  })

  it('"rotate now" ends the running segment at once and counts on', () => {
    // 27 minutes in: segment 2 is running; rotating now makes it segment 3, starting at 27.
    const rotated = mergeControls(running, { rotation: { rotateNow: true } }, none, at(27))
    expect(rotated.rotation.startedAt).toBe(at(27 - 40).toISOString())
    // A stopped timer starts.
    expect(mergeControls(DEFAULT_CONTROLS, { rotation: { rotateNow: true } }, none, at(1)).rotation.startedAt).toBe(at(1).toISOString())
  })

  it('stopping the timer forgets the pause; rotateNow must be true and not come with startedAt', () => {
    const paused = mergeControls(running, { paused: true }, none, at(5))
    expect(mergeControls(paused, { rotation: { startedAt: null } }, none, at(6)).rotation).toMatchObject({ startedAt: null, pausedAt: null })
    expect(() => mergeControls(running, { rotation: { rotateNow: false } }, none, at(1))).toThrow(/rotateNow must be true/)
    expect(() => mergeControls(running, { rotation: { rotateNow: true, startedAt: 'now' } }, none, at(1))).toThrow(/cannot be given together/)
  })
})
