/**
 * The class list over real HTTP: many names at once (all or none), renaming, the teacher's
 * switch for the pick-from-list sign-in, and the stations' heartbeat the Stations tab shows.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningHub } from '../../src/hub/server'
import { basic, classroom, newDataDir, startHttpHub, teacherOf } from './store-helpers'

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

async function call(h: RunningHub, path: string, key: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(new URL(path, h.url), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { Authorization: basic(key), 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

interface Student {
  pseudonym: string
  displayName: string
  code: string
}
const roster = async (h: RunningHub) => ((await (await call(h, 'api/roster', teacherOf(h))).json()) as { students: Student[] }).students

describe('adding many students', () => {
  it('adds every name of a batch, each with its own lab name and code', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const res = await call(h, 'api/roster/batch', teacherOf(h), { body: { names: ['Ada Lovelace', '  Grace   Hopper ', 'Katherine Johnson'] } })
    expect(res.status).toBe(201)
    const students = await roster(h)
    expect(students.map((s) => s.displayName).sort()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson'])
    expect(new Set(students.map((s) => s.code)).size).toBe(3)
    expect(new Set(students.map((s) => s.pseudonym)).size).toBe(3)
  })

  it('refuses the whole batch when one name is bad, naming it, and stores none of it', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    await call(h, 'api/roster', teacherOf(h), { body: { displayName: 'Already Here' } })
    const res = await call(h, 'api/roster/batch', teacherOf(h), { body: { names: ['Ada Lovelace', 'x'.repeat(81), 'Grace Hopper'] } })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(/^names\[1\] must be 1 to 80 characters/)
    expect((await roster(h)).map((s) => s.displayName)).toEqual(['Already Here'])
  })
})

describe('renaming a student', () => {
  it('changes the name on the class list and keeps the lab name and code', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const added = (await (await call(h, 'api/roster', teacherOf(h), { body: { displayName: 'Ada Byron' } })).json()) as Student
    const res = await call(h, `api/roster/${added.pseudonym}`, teacherOf(h), { method: 'PATCH', body: { displayName: 'Ada Lovelace' } })
    expect(res.status).toBe(200)
    expect(await roster(h)).toEqual([expect.objectContaining({ pseudonym: added.pseudonym, code: added.code, displayName: 'Ada Lovelace' })])
  })

  it('refuses an empty name and an unknown student, changing nothing', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const added = (await (await call(h, 'api/roster', teacherOf(h), { body: { displayName: 'Ada Byron' } })).json()) as Student
    expect((await call(h, `api/roster/${added.pseudonym}`, teacherOf(h), { method: 'PATCH', body: { displayName: '   ' } })).status).toBe(400)
    expect((await call(h, 'api/roster/quiet-heron-77', teacherOf(h), { method: 'PATCH', body: { displayName: 'Nobody' } })).status).toBe(404)
    expect((await roster(h)).map((s) => s.displayName)).toEqual(['Ada Byron'])
  })
})

describe('the pick-from-list sign-in is the teacher’s choice', () => {
  it('off: stations get no lab names, a pick is refused, the code still works', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const { station } = await classroom(h, 'Ada Lovelace')
    const other = (await (await call(h, 'api/roster', teacherOf(h), { body: { displayName: 'Grace Hopper' } })).json()) as Student
    expect(((await (await call(h, 'api/class', station.key)).json()) as { pseudonyms: string[] }).pseudonyms).toContain(other.pseudonym)

    expect((await call(h, 'api/roster/settings', teacherOf(h), { method: 'PUT', body: { listSignIn: false } })).status).toBe(200)
    expect(await (await call(h, 'api/class', station.key)).json()).toEqual({ listSignIn: false, pseudonyms: [] })
    const picked = await call(h, 'api/signin', station.key, { body: { pseudonym: other.pseudonym } })
    expect(picked.status).toBe(403)
    expect(((await picked.json()) as { error: string }).error).toMatch(/sign in with your code/)
    const typed = await call(h, 'api/signin', station.key, { body: { code: other.code } })
    expect(await typed.json()).toEqual({ pseudonym: other.pseudonym })
    // Once signed in by code, the station may confirm the sign-in again (a page reloaded).
    expect((await call(h, 'api/signin', station.key, { body: { pseudonym: other.pseudonym } })).status).toBe(200)
  })

  it('keeps the choice across a hub restart and refuses a setting it does not know', async () => {
    const dataDir = newDataDir()
    let h = (hub = await startHttpHub(dataDir))
    expect(await (await call(h, 'api/roster/settings', teacherOf(h))).json()).toEqual({ listSignIn: true })
    await call(h, 'api/roster/settings', teacherOf(h), { method: 'PUT', body: { listSignIn: false } })
    const bad = await call(h, 'api/roster/settings', teacherOf(h), { method: 'PUT', body: { listSignIn: 'no' } })
    expect(bad.status).toBe(400)
    await h.close()
    h = hub = await startHttpHub(dataDir)
    expect(await (await call(h, 'api/roster/settings', teacherOf(h))).json()).toEqual({ listSignIn: false })
  })
})

describe('station heartbeats', () => {
  interface Listed {
    id: string
    status: { waiting: number; pseudonym: string | null; sceneId: string | null; lastSeen: string } | null
  }
  const stations = async (h: RunningHub) => ((await (await call(h, 'api/stations', teacherOf(h))).json()) as { stations: Listed[] }).stations

  it('shows the teacher who is at each station, its lab and how many statements wait there', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const { station, pseudonym } = await classroom(h)
    expect((await stations(h)).find((s) => s.id === station.stationId)?.status).toBeNull()
    const before = Date.now()
    const res = await call(h, 'api/station/heartbeat', station.key, { body: { waiting: 7, pseudonym, sceneId: 'measure' } })
    expect(res.status).toBe(200)
    const listed = (await stations(h)).find((s) => s.id === station.stationId)!
    expect(listed.status).toMatchObject({ waiting: 7, pseudonym, sceneId: 'measure' })
    expect(Date.parse(listed.status!.lastSeen)).toBeGreaterThanOrEqual(before - 1000)
  })

  it('refuses a student not signed in at that station and a negative queue, keeping what it had', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const { station, pseudonym } = await classroom(h)
    await call(h, 'api/station/heartbeat', station.key, { body: { waiting: 2, pseudonym, sceneId: null } })
    const stranger = (await (await call(h, 'api/roster', teacherOf(h), { body: { displayName: 'Not Here' } })).json()) as Student
    expect((await call(h, 'api/station/heartbeat', station.key, { body: { waiting: 0, pseudonym: stranger.pseudonym, sceneId: null } })).status).toBe(403)
    const negative = await call(h, 'api/station/heartbeat', station.key, { body: { waiting: -1, pseudonym: null, sceneId: null } })
    expect(negative.status).toBe(400)
    expect(((await negative.json()) as { error: string }).error).toMatch(/^waiting must be/)
    expect((await stations(h)).find((s) => s.id === station.stationId)?.status).toMatchObject({ waiting: 2, pseudonym })
  })
})

describe('a revoked station', () => {
  it('hears plainly that it was revoked, and cannot join again with the old join code', async () => {
    const h = (hub = await startHttpHub(newDataDir()))
    const { station } = await classroom(h)
    const oldCode = h.joinCode
    expect((await call(h, `api/stations/${station.stationId}/revoke`, teacherOf(h), { body: {} })).status).toBe(200)
    const refused = await call(h, 'api/controls', station.key)
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { error: string }).error).toMatch(/revoked by the teacher: join the hub again/)
    expect(h.joinCode).not.toBe(oldCode)
    const again = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: oldCode, label: 'Station 1' }) })
    expect(again.status).toBe(403)
    const fresh = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: h.joinCode, label: 'Station 1' }) })
    expect(fresh.status).toBe(201)
  })
})
