/**
 * Forgetting a student, over real HTTP against real SQLite: every statement that names the
 * pseudonym goes, wherever it names it, the name's bytes are gone from the database file (and
 * from the backups), and the purge's number is checked before it is used.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { backupNow } from '../../src/hub/backup'
import { purgeOlderThan } from '../../src/hub/retention'
import type { RunningHub } from '../../src/hub/server'
import { basic, classroom, newDataDir, post, startHttpHub, statementBy, storedIds, teacherOf } from './store-helpers'

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

const TOOL = 'tool:a-long-enough-tool-password'
const HOME = 'urn:benchtop:hub'
const agent = (name: string, homePage = HOME) => ({ objectType: 'Agent', account: { homePage, name } })
const teacherJson = (h: RunningHub) => ({ Authorization: basic(teacherOf(h)), 'Content-Type': 'application/json' })

async function addStudent(h: RunningHub, displayName: string): Promise<string> {
  const res = await fetch(new URL('api/roster', h.url), { method: 'POST', headers: teacherJson(h), body: JSON.stringify({ displayName }) })
  expect(res.status).toBe(201)
  return ((await res.json()) as { pseudonym: string }).pseudonym
}

describe('deleting a student', () => {
  it('removes every statement naming the pseudonym: as object, context agent, instructor, team or group member, authority, inside a sub-statement', async () => {
    hub = await startHttpHub(newDataDir(), ['--lrs-key', TOOL])
    const { station, pseudonym: other } = await classroom(hub, 'Grace Hopper')
    const gone = await addStudent(hub, 'Ada Lovelace')
    const base = (extra: Record<string, unknown>) => statementBy(other, station.homePage, extra)
    // An external tool (the --lrs-key) may name anyone anywhere; none of these has the student as actor.
    const naming = [
      base({ object: agent(gone) }),
      base({ context: { instructor: agent(gone) } }),
      base({ context: { team: { objectType: 'Group', name: 'Team 2', member: [agent(other), agent(gone)] } } }),
      base({ actor: { objectType: 'Group', member: [agent(other), agent(gone)] } }),
      base({ context: { contextAgents: [{ objectType: 'contextAgent', agent: agent(gone) }] } }),
      base({ context: { contextGroups: [{ objectType: 'contextGroup', group: { objectType: 'Group', member: [agent(gone)] } }] } }),
      base({ object: { objectType: 'SubStatement', actor: agent(gone), verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { objectType: 'Activity', id: 'https://benchtop.example/scenes/measure' } } }),
      base({ authority: agent(gone) }),
      base({ object: agent(gone, 'https://elsewhere.example/') }),
    ]
    const keeps = [base({}), base({ object: agent(other) })]
    const stored = await post(hub, TOOL, [...naming, ...keeps])
    expect(stored.status, await stored.clone().text()).toBe(200)

    const exported = (await (await fetch(new URL(`api/students/${gone}/export`, hub.url), { headers: teacherJson(hub) })).json()) as { statements: { id: string }[] }
    expect(exported.statements.map((s) => s.id).sort()).toEqual(naming.map((s) => s.id).sort())
    const deleted = await fetch(new URL(`api/students/${gone}`, hub.url), { method: 'DELETE', headers: teacherJson(hub) })
    expect(deleted.status).toBe(200)
    await expect(deleted.json()).resolves.toMatchObject({ deleted: { statements: naming.length, roster: 1 } })
    expect((await storedIds(hub)).sort()).toEqual(keeps.map((s) => s.id).sort())
  })

  it('leaves no trace of the name or pseudonym in the database file, its WAL or the backups', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir, ['--lrs-key', TOOL])
    await hub.backups.first
    const displayName = 'Hedy Kiesler-Markey'
    const { station, pseudonym } = await classroom(hub, displayName)
    const { station: otherStation, pseudonym: other } = await classroom(hub, 'Someone Else')
    expect((await post(hub, station.key, Array.from({ length: 40 }, () => statementBy(pseudonym, station.homePage)))).status).toBe(200)
    expect((await post(hub, TOOL, [statementBy(other, station.homePage, { object: agent(pseudonym) })])).status).toBe(200)
    // The station keeps her learner state on the hub.
    const stateUrl = new URL(`xapi/activities/state?activityId=${encodeURIComponent('https://benchtop.example/learner')}&agent=${encodeURIComponent(JSON.stringify(agent(pseudonym, station.homePage)))}&stateId=model`, hub.url)
    const state = await fetch(stateUrl, { method: 'PUT', headers: { Authorization: basic(station.key), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' }, body: JSON.stringify({ mastery: 0.7 }) })
    expect(state.status).toBe(204)
    const backup = await backupNow(hub.db, dataDir)
    const files = [join(dataDir, 'benchtop.sqlite'), `${join(dataDir, 'benchtop.sqlite')}-wal`, backup]
    const holding = (text: string) => files.filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text)))
    expect(holding(pseudonym).length).toBeGreaterThan(0)
    expect(holding(displayName)).toContain(backup)

    const deleted = await fetch(new URL(`api/students/${pseudonym}`, hub.url), { method: 'DELETE', headers: teacherJson(hub) })
    await expect(deleted.json()).resolves.toMatchObject({ deleted: { statements: 41, documents: 1, roster: 1, backups: 1, backupsFailed: [] } })
    expect(holding(pseudonym)).toEqual([])
    expect(holding(displayName)).toEqual([])
    // The class goes on: the other student's statements and new writes (at their station) still work.
    expect((await post(hub, otherStation.key, [statementBy(other, station.homePage)])).status).toBe(200)
  })
})

describe('purging old statements', () => {
  it('purges the backups too, so a restore does not bring back what the retention policy removed', async () => {
    const dataDir = newDataDir()
    hub = await startHttpHub(dataDir)
    await hub.backups.first
    const { station, pseudonym } = await classroom(hub)
    expect((await post(hub, station.key, Array.from({ length: 10 }, () => statementBy(pseudonym, station.homePage)))).status).toBe(200)
    const backup = await backupNow(hub.db, dataDir)
    const countIn = (file: string) => {
      const db = new Database(file, { readonly: true })
      const { n } = db.prepare('SELECT count(*) AS n FROM statements').get() as { n: number }
      db.close()
      return n
    }
    expect(countIn(backup)).toBe(10)
    // A cutoff of tomorrow: everything stored so far is older.
    expect(purgeOlderThan(hub.db, -1)).toBe(10)
    expect(await storedIds(hub)).toEqual([])
    expect(countIn(backup)).toBe(0)
  })


  it('refuses a number of days that is not a sensible whole number, with a 400 that says so', async () => {
    hub = await startHttpHub(newDataDir())
    for (const olderThanDays of [1e300, -1, 0, 2.5, 36_501, '30', null]) {
      const res = await fetch(new URL('api/purge', hub.url), { method: 'POST', headers: teacherJson(hub), body: JSON.stringify({ olderThanDays }) })
      expect(res.status, String(olderThanDays)).toBe(400)
      await expect(res.json()).resolves.toMatchObject({ error: expect.stringMatching(/^olderThanDays must be a whole number of days from 1 to 36500/) })
    }
    const res = await fetch(new URL('api/purge', hub.url), { method: 'POST', headers: teacherJson(hub), body: JSON.stringify({ olderThanDays: 36_500 }) })
    await expect(res.json()).resolves.toEqual({ olderThanDays: 36_500, statementsDeleted: 0 })
  })
})
