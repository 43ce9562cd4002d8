/**
 * Classes (periods) on one hub, over real HTTP against real SQLite: each class's roster, join
 * code, stations, controls and class view are its own; a station can be moved; and a data
 * folder from before classes becomes "Class 1" with everything it held.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_FILE, MIGRATIONS, openHubDb } from '../../src/hub/db'
import type { RunningHub } from '../../src/hub/server'
import type { ClassSummary } from '../../src/shared/teacher'
import { basic, newDataDir, startHttpHub, teacherOf } from './store-helpers'

const hubs: RunningHub[] = []
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close()
})

async function start(dataDir = newDataDir()) {
  const hub = await startHttpHub(dataDir)
  hubs.push(hub)
  return hub
}

function api(hub: RunningHub, path: string, key: string, method = 'GET', body?: unknown): Promise<Response> {
  return fetch(new URL(path, hub.url), { method, headers: { Authorization: basic(key), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
}

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as T
}

async function joinWith(hub: RunningHub, code: string, label: string) {
  return json<{ key: string; stationId: string }>(await fetch(new URL('api/join', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, label }) }), 201)
}

/** A hub with Class 1 and Period 2, one student on each roster, each signed in at a station of their class. */
async function twoClassesSignedIn() {
    const hub = await start()
    const teacher = teacherOf(hub)
    const second = await json<ClassSummary>(await api(hub, 'api/classes', teacher, 'POST', { name: 'Period 2' }), 201)
    const ada = await json<{ pseudonym: string; code: string }>(await api(hub, 'api/roster', teacher, 'POST', { displayName: 'Ada Lovelace' }), 201)
    const ben = await json<{ pseudonym: string; code: string }>(await api(hub, `api/roster?class=${second.id}`, teacher, 'POST', { displayName: 'Ben Franklin' }), 201)
    const stationA = await joinWith(hub, hub.joinCode, 'Station A')
    const stationB = await joinWith(hub, second.joinCode, 'Station B')
    await json(await api(hub, 'api/signin', stationA.key, 'POST', { code: ada.code }))
    await json(await api(hub, 'api/signin', stationB.key, 'POST', { code: ben.code }))
    return { hub, teacher, second, ada, ben, stationA, stationB }
}

describe('two classes on one hub', () => {
  it('keeps each class its roster, join code, stations and controls; a station sees and signs in only its own class', async () => {
    const hub = await start()
    const teacher = teacherOf(hub)
    const { classes: before } = await json<{ classes: ClassSummary[] }>(await api(hub, 'api/classes', teacher))
    expect(before.map((c) => c.name)).toEqual(['Class 1'])
    const second = await json<ClassSummary>(await api(hub, 'api/classes', teacher, 'POST', { name: 'Period 2' }), 201)
    expect(second).toMatchObject({ name: 'Period 2', students: 0, stations: 0 })
    expect(second.joinCode).not.toBe(hub.joinCode)
    expect((await api(hub, 'api/classes', teacher, 'POST', { name: 'period 2' })).status).toBe(409)
    expect((await api(hub, 'api/classes', teacher, 'POST', { name: '  ' })).status).toBe(400)

    const ada = await json<{ pseudonym: string; code: string }>(await api(hub, 'api/roster', teacher, 'POST', { displayName: 'Ada Lovelace' }), 201)
    const ben = await json<{ pseudonym: string; code: string }>(await api(hub, `api/roster?class=${second.id}`, teacher, 'POST', { displayName: 'Ben Franklin' }), 201)
    const names = async (classId: number) => (await json<{ students: { displayName: string }[] }>(await api(hub, `api/roster?class=${classId}`, teacher))).students.map((s) => s.displayName)
    expect(await names(1)).toEqual(['Ada Lovelace'])
    expect(await names(second.id)).toEqual(['Ben Franklin'])

    const stationA = await joinWith(hub, hub.joinCode, 'Station A')
    const stationB = await joinWith(hub, second.joinCode, 'Station B')
    const classList = async (key: string) => (await json<{ pseudonyms: string[] }>(await api(hub, 'api/class', key))).pseudonyms
    expect(await classList(stationA.key)).toEqual([ada.pseudonym])
    expect(await classList(stationB.key)).toEqual([ben.pseudonym])
    // Another class's student is no student here, by code or by lab name.
    expect((await api(hub, 'api/signin', stationB.key, 'POST', { code: ada.code })).status).toBe(404)
    expect((await api(hub, 'api/signin', stationB.key, 'POST', { pseudonym: ada.pseudonym })).status).toBe(404)
    expect((await api(hub, 'api/signin', stationB.key, 'POST', { code: ben.code })).status).toBe(200)

    // Controls: Period 2's target and its station's lab; Class 1 keeps the defaults.
    await json(await api(hub, `api/controls?class=${second.id}`, teacher, 'PATCH', { targetSuccess: 0.6, assignments: { [stationB.stationId]: 'circuits' } }))
    expect((await api(hub, `api/controls?class=${second.id}`, teacher, 'PATCH', { assignments: { [stationA.stationId]: 'measure' } })).status).toBe(400)
    const controlsOf = async (path: string, key: string) => json<{ targetSuccess: number; assignments: Record<string, string> }>(await api(hub, path, key))
    expect(await controlsOf('api/controls', teacher)).toMatchObject({ targetSuccess: 0.8, assignments: {} })
    expect(await controlsOf('api/controls', stationA.key)).toMatchObject({ targetSuccess: 0.8, assignments: {} })
    expect(await controlsOf('api/controls', stationB.key)).toMatchObject({ targetSuccess: 0.6, assignments: { [stationB.stationId]: 'circuits' } })

    const stations = (await json<{ stations: { id: string; classId: number }[] }>(await api(hub, 'api/stations', teacher))).stations
    expect(Object.fromEntries(stations.map((s) => [s.id, s.classId]))).toEqual({ [stationA.stationId]: 1, [stationB.stationId]: second.id })
    const { classes } = await json<{ classes: ClassSummary[] }>(await api(hub, 'api/classes', teacher))
    expect(classes.map(({ name, students, stations }) => ({ name, students, stations }))).toEqual([
      { name: 'Class 1', students: 1, stations: 1 },
      { name: 'Period 2', students: 1, stations: 1 },
    ])
  })

  it("adds a pasted list to the class it was pasted in, and keeps each class's choice of the pick-from-list sign-in", async () => {
    const hub = await start()
    const teacher = teacherOf(hub)
    const second = await json<ClassSummary>(await api(hub, 'api/classes', teacher, 'POST', { name: 'Period 2' }), 201)
    const { added } = await json<{ added: { pseudonym: string; code: string }[] }>(await api(hub, `api/roster/batch?class=${second.id}`, teacher, 'POST', { names: ['Mae Jemison', 'Alan Turing'] }), 201)
    const names = async (classId: number) => (await json<{ students: { displayName: string }[] }>(await api(hub, `api/roster?class=${classId}`, teacher))).students.map((s) => s.displayName).sort()
    expect(await names(second.id)).toEqual(['Alan Turing', 'Mae Jemison'])
    expect(await names(1)).toEqual([])

    // Period 2 turns the list off; Class 1 keeps it on.
    await json(await api(hub, `api/roster/settings?class=${second.id}`, teacher, 'PUT', { listSignIn: false }))
    expect(await json(await api(hub, 'api/roster/settings', teacher))).toEqual({ listSignIn: true })
    expect(await json(await api(hub, `api/roster/settings?class=${second.id}`, teacher))).toEqual({ listSignIn: false })
    await json(await api(hub, 'api/roster', teacher, 'POST', { displayName: 'Ada Lovelace' }), 201)
    const stationA = await joinWith(hub, hub.joinCode, 'Station A')
    const stationB = await joinWith(hub, second.joinCode, 'Station B')
    expect((await json<{ listSignIn: boolean; pseudonyms: string[] }>(await api(hub, 'api/class', stationA.key))).pseudonyms).toHaveLength(1)
    expect(await json(await api(hub, 'api/class', stationB.key))).toEqual({ listSignIn: false, pseudonyms: [] })
    expect((await api(hub, 'api/signin', stationB.key, 'POST', { pseudonym: added[0]!.pseudonym })).status).toBe(403)
    expect((await api(hub, 'api/signin', stationB.key, 'POST', { code: added[0]!.code })).status).toBe(200)
  })

  it('shows each class view its own students, and moves a station to another class', async () => {
    const { hub, teacher, second, ada, ben, stationA, stationB } = await twoClassesSignedIn()
    const answer = (pseudonym: string, homePage: string) => ({
      actor: { objectType: 'Agent', account: { homePage, name: pseudonym } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
      object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure/tasks/t1' },
      result: { success: true, response: 'placed at 6.5' },
      timestamp: new Date().toISOString(),
    })
    for (const [station, who] of [[stationA, ada], [stationB, ben]] as const) {
      const res = await fetch(new URL('xapi/statements', hub.url), { method: 'POST', headers: { Authorization: basic(station.key), 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' }, body: JSON.stringify(answer(who.pseudonym, 'urn:benchtop:hub')) })
      expect(res.status, await res.text()).toBe(200)
    }
    const viewOf = async (query: string) => (await json<{ students: { pseudonym: string }[] }>(await api(hub, `api/class-view${query}`, teacher))).students.map((s) => s.pseudonym)
    expect(await viewOf('')).toEqual([ada.pseudonym])
    expect(await viewOf(`?class=${second.id}`)).toEqual([ben.pseudonym])
    // The exports too are the class's own.
    for (const [query, mine, theirs] of [['', ada, ben], [`?class=${second.id}`, ben, ada]] as const) {
      for (const file of ['attempts.csv', 'statements.json']) {
        const text = await (await api(hub, `api/export/${file}${query}`, teacher)).text()
        expect(text, `${file}${query}`).toContain(mine.pseudonym)
        expect(text, `${file}${query}`).not.toContain(theirs.pseudonym)
      }
    }
    expect((await api(hub, 'api/class-view?class=99', teacher)).status).toBe(404)
    expect((await api(hub, 'api/class-view?class=two', teacher)).status).toBe(400)

    // Moved to Period 2: Station A now lists Period 2's roster and its old lab is dropped.
    await json(await api(hub, 'api/controls', teacher, 'PATCH', { assignments: { [stationA.stationId]: 'measure' } }))
    await json(await api(hub, `api/stations/${stationA.stationId}/class`, teacher, 'POST', { classId: second.id }))
    expect((await json<{ pseudonyms: string[] }>(await api(hub, 'api/class', stationA.key))).pseudonyms).toEqual([ben.pseudonym])
    expect((await json<{ assignments: Record<string, string> }>(await api(hub, 'api/controls', teacher))).assignments).toEqual({})
    expect((await api(hub, `api/stations/${stationA.stationId}/class`, teacher, 'POST', { classId: 99 })).status).toBe(404)
    expect((await api(hub, 'api/stations/station-ffffffffffff/class', teacher, 'POST', { classId: 1 })).status).toBe(404)
    // Renamed, and the join codes stay each class's own.
    expect((await json<ClassSummary>(await api(hub, `api/classes/${second.id}`, teacher, 'PATCH', { name: 'Period 3' }))).name).toBe('Period 3')
    expect(hub.joinCodeOf(second.id)).toBe(second.joinCode)
  })
})

/** The first `statements` event of a live feed, as the dashboard reads it (SSE over a fetch stream). */
async function firstStatements(res: Response): Promise<{ actor: { account: { name: string } } }[]> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error('the live feed ended before any statements')
    buffer += decoder.decode(value, { stream: true })
    const frame = buffer.split('\n\n').find((f) => f.startsWith('event: statements\n'))
    if (frame) {
      await reader.cancel()
      return JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { actor: { account: { name: string } } }[]
    }
  }
}

describe("a class's live feed", () => {
  it("carries its own students' statements only", async () => {
    const { hub, teacher, second, ada, ben, stationA, stationB } = await twoClassesSignedIn()
    const feed1 = await api(hub, 'api/live', teacher)
    const feed2 = await api(hub, `api/live?class=${second.id}`, teacher)
    const send = async (key: string, pseudonym: string) => {
      const statement = {
        actor: { objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: pseudonym } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
        object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure/tasks/t1' },
        result: { success: true, response: 'placed at 6.5' },
        timestamp: new Date().toISOString(),
      }
      const res = await fetch(new URL('xapi/statements', hub.url), { method: 'POST', headers: { Authorization: basic(key), 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' }, body: JSON.stringify(statement) })
      expect(res.status).toBe(200)
    }
    // Ben's answer first: Class 1's feed skips it, so the first it carries is Ada's.
    await send(stationB.key, ben.pseudonym)
    await send(stationA.key, ada.pseudonym)
    expect((await firstStatements(feed1)).map((s) => s.actor.account.name)).toEqual([ada.pseudonym])
    expect((await firstStatements(feed2)).map((s) => s.actor.account.name)).toEqual([ben.pseudonym])
  })
})

describe('a data folder from before classes', () => {
  it('becomes Class 1 with its roster, stations, controls and assignments as they were', () => {
    const dataDir = newDataDir()
    const old = new Database(join(dataDir, DB_FILE))
    // The schema of the hub before classes: the first six steps.
    for (const step of MIGRATIONS.slice(0, 6)) old.exec(step)
    old.pragma('user_version = 6')
    old.prepare("INSERT INTO keys (id, label, role, secret_hash, created) VALUES ('station-aaaaaaaaaaaa', 'Bench 1', 'station', 'x', '2026-09-01T00:00:00Z'), ('teacher-bbbbbbbbbbbb', 'Teacher', 'teacher', 'y', '2026-09-01T00:00:00Z')").run()
    old.prepare("INSERT INTO roster (pseudonym, display_name, code, created) VALUES ('calm-otter-12', 'Grace Hopper', 'ABCDE', '2026-09-01T00:00:00Z')").run()
    old.prepare('UPDATE class_controls SET target_success = 0.65, assessment_mode = 1, paused = 1, placement = 0 WHERE id = 1').run()
    old.prepare("INSERT INTO station_assignments (station_id, scene_id, updated) VALUES ('station-aaaaaaaaaaaa', 'circuits', '2026-09-01T00:00:00Z')").run()
    old.close()

    const db = openHubDb(dataDir)
    expect(db.prepare('SELECT id, name FROM classes').all()).toEqual([{ id: 1, name: 'Class 1' }])
    expect(db.prepare('SELECT pseudonym, class_id FROM roster').all()).toEqual([{ pseudonym: 'calm-otter-12', class_id: 1 }])
    expect(db.prepare('SELECT id, class_id FROM keys ORDER BY id').all()).toEqual([
      { id: 'station-aaaaaaaaaaaa', class_id: 1 },
      { id: 'teacher-bbbbbbbbbbbb', class_id: null },
    ])
    expect(db.prepare('SELECT class_id, target_success, assessment_mode, paused, placement FROM class_controls').all()).toEqual([{ class_id: 1, target_success: 0.65, assessment_mode: 1, paused: 1, placement: 0 }])
    expect(db.prepare('SELECT station_id, scene_id FROM station_assignments').all()).toEqual([{ station_id: 'station-aaaaaaaaaaaa', scene_id: 'circuits' }])
    db.close()
  })
})
