/**
 * The class view the hub keeps at ingest, over real HTTP and real SQLite. The oracle is the
 * dashboard's own reducers run over the whole statement list at once (what the class view did
 * before it had a projection): the hub, folding batch by batch in any order, must agree.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import circuits from '../../scenes/circuits'
import measure from '../../scenes/measure'
import projectile from '../../scenes/projectile'
import { createRng } from '../../src/core'
import { parseHubArgs } from '../../src/hub/config'
import { ACTOR_HOME_PAGE } from '../../src/hub/api'
import { startHub, type RunningHub } from '../../src/hub/server'
import { labsIn, skillNamesIn, taskStats } from '../../src/shared/classAnalytics'
import { applyStatements, attemptsCsv, bktCsv, emptyClass } from '../../src/shared/classState'
import { buildAll } from '../../src/telemetry/builders'
import { scriptedRun } from '../telemetry/scene-run'
import { basic, dist } from './store-helpers'


const LRS_KEY = 'classview-tool:a-long-enough-password'
let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

async function start(dataDir = mkdtempSync(join(tmpdir(), 'benchtop-classview-'))) {
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, '--lrs-key', LRS_KEY, '--no-limits'], { dataDir }), { distDir: dist })
  return { hub, dataDir, teacher: `${hub.teacherKey.id}:${hub.teacherKey.secret}` }
}

/** Three students in three labs, each a scripted run through the real tutor (answers, hints, alerts, goals). */
function classStatements(homePage: string) {
  const runs: [Parameters<typeof scriptedRun>[0], string, number][] = [
    [measure, 'calm-otter-11', 3],
    [projectile, 'bold-lynx-22', 5],
    [circuits, 'keen-fox-33', 8],
    [measure, 'bold-lynx-22', 9],
  ]
  return runs.flatMap(([plugin, learner, seed]) =>
    buildAll(scriptedRun(plugin, learner, seed), { homePage, registration: crypto.randomUUID(), stationId: 'station-1', version: '2.0.0' }),
  ) as unknown as Stmt[]
}

interface Stmt {
  id: string
  verb: { id: string }
  actor: { account: { name: string } }
}

async function post(h: RunningHub, statements: readonly unknown[]) {
  const res = await fetch(new URL('xapi/statements', h.url), {
    method: 'POST',
    headers: { Authorization: basic(LRS_KEY), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' },
    body: JSON.stringify(statements),
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

async function overview(h: RunningHub, teacher: string) {
  const res = await fetch(new URL('api/class-view', h.url), { headers: { Authorization: basic(teacher) } })
  expect(res.status).toBe(200)
  return (await res.json()) as { students: unknown[]; labs: unknown[]; skillNames: unknown; tasks: { key: string }[] }
}

const byKey = <T extends { key: string }>(tasks: readonly T[]) => [...tasks].sort((a, b) => a.key.localeCompare(b.key))

function oracle(statements: readonly unknown[]) {
  return {
    students: [...applyStatements(emptyClass(), statements).values()].sort((a, b) => a.pseudonym.localeCompare(b.pseudonym)),
    labs: labsIn(statements),
    skillNames: skillNamesIn(statements),
    tasks: byKey(taskStats(statements)),
  }
}

/** Deterministic shuffle into uneven batches, as stations deliver: any order, any split. */
function batches<T>(items: readonly T[], seed: number): T[][] {
  const rng = createRng(seed)
  const shuffled = [...items]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  const out: T[][] = []
  for (let i = 0; i < shuffled.length; ) {
    const size = rng.int(1, 40)
    out.push(shuffled.slice(i, i + size))
    i += size
  }
  return out
}

describe("the hub's class view", () => {
  it('agrees with the reducers over the whole history, whatever order and batches the statements came in', async () => {
    const { hub: h, teacher } = await start()
    const all = classStatements(ACTOR_HOME_PAGE)
    expect(all.length).toBeGreaterThan(200)
    for (const batch of batches(all, 42)) await post(h, batch)
    const got = await overview(h, teacher)
    const want = oracle(all)
    expect(got.students).toEqual(want.students)
    expect(got.labs).toEqual(want.labs)
    expect(got.skillNames).toEqual(want.skillNames)
    expect(byKey(got.tasks)).toEqual(want.tasks)
    // Three labs, the task tables carry medians the hub read from its index.
    expect(want.labs).toHaveLength(3)
    expect(want.tasks.some((t) => t.medianMs !== null && t.attempts >= 3)).toBe(true)
  })

  it("gives each class the task statistics of its own students' answers", async () => {
    const { hub: h, teacher } = await start()
    const asTeacher = (path: string, body?: unknown) =>
      fetch(new URL(path, h.url), { method: body ? 'POST' : 'GET', headers: { Authorization: basic(teacher), 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
    const second = (await (await asTeacher('api/classes', { name: 'Period 2' })).json()) as { id: number }
    const ben = (await (await asTeacher(`api/roster?class=${second.id}`, { displayName: 'Ben Franklin' })).json()) as { pseudonym: string }
    const run = (plugin: Parameters<typeof scriptedRun>[0], learner: string, seed: number) =>
      buildAll(scriptedRun(plugin, learner, seed), { homePage: ACTOR_HOME_PAGE, registration: crypto.randomUUID(), stationId: 'station-1', version: '2.0.0' }) as unknown as Stmt[]
    // A student on no roster counts in the first class; Ben is Period 2's.
    const firstClass = [...run(measure, 'calm-otter-11', 3), ...run(projectile, 'calm-otter-11', 4)]
    const periodTwo = [...run(projectile, ben.pseudonym, 5), ...run(measure, ben.pseudonym, 9)]
    await post(h, [...firstClass, ...periodTwo])
    const tasksOf = async (query: string) => byKey(((await (await asTeacher(`api/class-view${query}`)).json()) as { tasks: { key: string }[] }).tasks)
    expect(await tasksOf('')).toEqual(oracle(firstClass).tasks)
    expect(await tasksOf(`?class=${second.id}`)).toEqual(oracle(periodTwo).tasks)
    expect(oracle(periodTwo).tasks.length).toBeGreaterThan(0)
  })

  it('survives a restart, and a voided answer or a deleted student leaves it as if never sent', async () => {
    const first = await start()
    const all = classStatements(ACTOR_HOME_PAGE)
    for (const batch of batches(all, 7)) await post(first.hub, batch)
    await first.hub.close()
    hub = undefined
    const { hub: h, teacher } = await start(first.dataDir)
    expect(await overview(h, teacher)).toEqual({ ...oracle(all), tasks: (await overview(h, teacher)).tasks })
    expect(byKey((await overview(h, teacher)).tasks)).toEqual(oracle(all).tasks)

    // Void the first answer: it leaves the grid's counts and the task tables.
    const answer = all.find((s) => s.verb.id.endsWith('/answered'))!
    await post(h, [
      {
        id: crypto.randomUUID(),
        actor: { objectType: 'Agent', account: { homePage: 'urn:tool', name: 'classview-tool' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
        object: { objectType: 'StatementRef', id: answer.id },
      },
    ])
    const remaining = all.filter((s) => s.id !== answer.id)
    expect(byKey((await overview(h, teacher)).tasks)).toEqual(oracle(remaining).tasks)
    expect((await overview(h, teacher)).students).toEqual(oracle(remaining).students)

    // Delete a student: their row goes, the others stay as they were.
    const res = await fetch(new URL('api/students/keen-fox-33', h.url), { method: 'DELETE', headers: { Authorization: basic(teacher) } })
    expect(res.status).toBe(200)
    const left = remaining.filter((s) => s.actor.account.name !== 'keen-fox-33')
    const after = await overview(h, teacher)
    expect(after.students).toEqual(oracle(left).students)
    expect(byKey(after.tasks)).toEqual(oracle(left).tasks)
  })

  it("serves one student's statements on demand and streams the exports the dashboard offered", async () => {
    const { hub: h, teacher } = await start()
    const all = classStatements(ACTOR_HOME_PAGE)
    for (const batch of batches(all, 3)) await post(h, batch)
    const get = async (path: string) => {
      const res = await fetch(new URL(path, h.url), { headers: { Authorization: basic(teacher) } })
      expect(res.status).toBe(200)
      return res
    }
    const lynx = (await (await get('api/class-view/students/bold-lynx-22')).json()) as { statements: { id: string }[] }
    const lynxIds = all.filter((s) => s.actor.account.name === 'bold-lynx-22').map((s) => s.id)
    expect(new Set(lynx.statements.map((s) => s.id))).toEqual(new Set(lynxIds))

    const exported = (await (await get('api/export/statements.json')).json()) as { id: string }[]
    expect(new Set(exported.map((s) => s.id))).toEqual(new Set(all.map((s) => s.id)))
    // The stored statements (with stored, authority) are what the dashboard's CSV functions read.
    expect(await (await get('api/export/learners.csv')).text()).toBe(bktCsv(exported))
    const attempts = await (await get('api/export/attempts.csv')).text()
    expect(attempts).toBe(attemptsCsv(exported, {}))
    expect(attempts.split('\n').filter(Boolean)).toHaveLength(1 + all.filter((s) => s.verb.id.endsWith('/answered')).length)
  })

  it('is for the teacher only', async () => {
    const { hub: h } = await start()
    const join = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: h.joinCode, label: 'S1' }) })
    const station = ((await join.json()) as { key: string }).key
    for (const path of ['api/class-view', 'api/class-view/students/calm-otter-11', 'api/export/statements.json', 'api/export/attempts.csv', 'api/export/learners.csv']) {
      const res = await fetch(new URL(path, h.url), { headers: { Authorization: basic(station) } })
      expect(res.status, path).toBe(403)
    }
  })
})
