/**
 * What a station key may do inside the routes it reaches, enforced by the hub over real HTTP:
 * statements and learner state only for students signed in at that station (recorded on the hub,
 * kept across a restart), only private statements (the profile), voiding only its own.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { withoutAgentNames } from '../../src/hub/forward'
import { startHub, type RunningHub } from '../../src/hub/server'

const dist = mkdtempSync(join(tmpdir(), 'benchtop-dist-'))
mkdirSync(dist, { recursive: true })
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchtop</title>')

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`
const HOME = 'urn:benchtop:hub'

async function start(dataDir = mkdtempSync(join(tmpdir(), 'benchtop-scope-'))): Promise<RunningHub & { dataDir: string }> {
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir], { dataDir }), { distDir: dist })
  return Object.assign(hub, { dataDir })
}

const teacher = (h: RunningHub) => `${h.teacherKey.id}:${h.teacherKey.secret}`

async function call(h: RunningHub, path: string, key: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(new URL(path, h.url), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { Authorization: basic(key), 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

async function joinHub(h: RunningHub, label: string): Promise<string> {
  const res = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: h.joinCode, label }) })
  expect(res.status).toBe(201)
  return ((await res.json()) as { key: string }).key
}

async function addStudent(h: RunningHub, displayName: string): Promise<{ pseudonym: string; code: string }> {
  return (await (await call(h, 'api/roster', teacher(h), { body: { displayName } })).json()) as { pseudonym: string; code: string }
}

const statement = (pseudonym: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: HOME, name: pseudonym } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
  object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure/tasks/t1' },
  result: { success: true, response: 'placed at 6.5' },
  timestamp: new Date().toISOString(),
  ...extra,
})

const stateUrl = (pseudonym: string) =>
  `xapi/activities/state?${new URLSearchParams({ activityId: 'urn:benchtop:scene:measure', agent: JSON.stringify({ objectType: 'Agent', account: { homePage: HOME, name: pseudonym } }), stateId: 'learner-model' })}`

describe('a station writes and reads only for students signed in at it', () => {
  it("station B cannot read, overwrite or delete the state station A wrote for its student, nor send that student's statements", async () => {
    const h = await start()
    const ada = await addStudent(h, 'Ada Lovelace')
    const a = await joinHub(h, 'Station A')
    const b = await joinHub(h, 'Station B')
    // Before signing in, not even station A may.
    expect((await call(h, 'xapi/statements', a, { body: statement(ada.pseudonym) })).status).toBe(403)
    expect((await call(h, stateUrl(ada.pseudonym), a, { method: 'PUT', body: { mastery: 0.1 } })).status).toBe(403)

    expect((await call(h, 'api/signin', a, { body: { code: ada.code } })).status).toBe(200)
    expect((await call(h, 'xapi/statements', a, { body: statement(ada.pseudonym) })).status).toBe(200)
    expect((await call(h, stateUrl(ada.pseudonym), a, { method: 'PUT', body: { mastery: 0.9 } })).status).toBe(204)
    expect(await (await call(h, stateUrl(ada.pseudonym), a)).json()).toEqual({ mastery: 0.9 })

    const refusals = [
      await call(h, stateUrl(ada.pseudonym), b),
      await call(h, stateUrl(ada.pseudonym), b, { method: 'PUT', body: { mastery: 0 } }),
      await call(h, stateUrl(ada.pseudonym), b, { method: 'POST', body: { mastery: 0 } }),
      await call(h, stateUrl(ada.pseudonym), b, { method: 'DELETE' }),
      await call(h, 'xapi/statements', b, { body: statement(ada.pseudonym) }),
    ]
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403])
    await expect(refusals[0]!.json()).resolves.toMatchObject({ error: expect.stringMatching(/signed in at it only/) })
    await expect(refusals[4]!.json()).resolves.toMatchObject({ error: expect.stringMatching(/has not signed in at this station/) })
    // Nothing B tried changed what A wrote.
    expect(await (await call(h, stateUrl(ada.pseudonym), teacher(h))).json()).toEqual({ mastery: 0.9 })

    // Once Ada signs in at B (picking her lab name), B carries on her state.
    expect((await call(h, 'api/signin', b, { body: { pseudonym: ada.pseudonym } })).status).toBe(200)
    expect(await (await call(h, stateUrl(ada.pseudonym), b)).json()).toEqual({ mastery: 0.9 })
  })

  it('a batch with one student not signed in here is refused whole, nothing stored', async () => {
    const h = await start()
    const [ada, alan] = [await addStudent(h, 'Ada'), await addStudent(h, 'Alan')]
    const a = await joinHub(h, 'Station A')
    await call(h, 'api/signin', a, { body: { code: ada.code } })
    const batch = [statement(ada.pseudonym), statement(alan.pseudonym)]
    expect((await call(h, 'xapi/statements', a, { body: batch })).status).toBe(403)
    expect((await call(h, `xapi/statements?statementId=${batch[0]!.id}`, teacher(h))).status).toBe(404)
  })

  it('keeps sign-ins across a hub restart: statements queued offline for an earlier student still land', async () => {
    const first = await start()
    const ada = await addStudent(first, 'Ada')
    const a = await joinHub(first, 'Station A')
    await call(first, 'api/signin', a, { body: { code: ada.code } })
    await first.close()
    hub = undefined
    const again = await start(first.dataDir)
    expect((await call(again, 'xapi/statements', a, { body: statement(ada.pseudonym) })).status).toBe(200)
  })

  it('voids only statements the station sent itself', async () => {
    const h = await start()
    const ada = await addStudent(h, 'Ada')
    const [a, b] = [await joinHub(h, 'Station A'), await joinHub(h, 'Station B')]
    for (const key of [a, b]) await call(h, 'api/signin', key, { body: { code: ada.code } })
    const [mine, theirs] = [statement(ada.pseudonym), statement(ada.pseudonym)]
    expect((await call(h, 'xapi/statements', a, { body: mine })).status).toBe(200)
    expect((await call(h, 'xapi/statements', b, { body: theirs })).status).toBe(200)
    const voiding = (target: string) => statement(ada.pseudonym, { verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } }, object: { objectType: 'StatementRef', id: target }, result: undefined })
    const refused = await call(h, 'xapi/statements', a, { body: voiding(theirs.id) })
    expect(refused.status).toBe(403)
    await expect(refused.json()).resolves.toMatchObject({ error: expect.stringMatching(/void only statements it sent itself/) })
    expect((await call(h, 'xapi/statements', a, { body: voiding(mine.id) })).status).toBe(200)
    expect((await call(h, `xapi/statements?statementId=${mine.id}`, teacher(h))).status).toBe(404)
    expect((await call(h, `xapi/statements?statementId=${theirs.id}`, teacher(h))).status).toBe(200)
  })

  it('sees only its own assignment in the controls', async () => {
    const h = await start()
    const [a, b] = [await joinHub(h, 'Station A'), await joinHub(h, 'Station B')]
    const [idA, idB] = [a.split(':')[0]!, b.split(':')[0]!]
    expect((await call(h, 'api/controls', teacher(h), { method: 'PATCH', body: { assignments: { [idA]: 'measure', [idB]: 'circuits' } } })).status).toBe(200)
    expect(((await (await call(h, 'api/controls', a)).json()) as { assignments: unknown }).assignments).toEqual({ [idA]: 'measure' })
  })
})

describe("the privacy profile, enforced on a station's statements", () => {
  const cases: [string, (p: string) => unknown, RegExp][] = [
    ['a name on the actor', (p) => statement(p, { actor: { objectType: 'Agent', name: 'Ada Lovelace', account: { homePage: HOME, name: p } } }), /statement\.actor\.name/],
    ['an mbox on an instructor', (p) => statement(p, { context: { instructor: { objectType: 'Agent', mbox: 'mailto:teacher@school.example' } } }), /statement\.context\.instructor\.mbox/],
    ['an openid on a context agent', (p) => statement(p, { context: { contextAgents: [{ objectType: 'ContextAgent', agent: { objectType: 'Agent', openid: 'https://id.example/ada' } }] } }), /statement\.context\.contextAgents\[0\]\.agent\.openid/],
    ['an mbox_sha1sum inside a sub-statement', (p) => statement(p, { object: { objectType: 'SubStatement', actor: { objectType: 'Agent', mbox_sha1sum: 'a'.repeat(40) }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: 'https://w3id.org/benchtop/xapi/scenes/measure' } } }), /statement\.object\.actor\.mbox_sha1sum/],
    ['an actor under another home page', (p) => statement(p, { actor: { objectType: 'Agent', account: { homePage: 'https://school.example', name: p } } }), /statement\.actor\.account\.homePage/],
    ['free text in an extension the profile does not have', (p) => statement(p, { result: { success: true, extensions: { 'https://example.com/diary': 'I felt sad today' } } }), /statement\.result\.extensions\.https:\/\/example\.com\/diary/],
  ]
  for (const [what, make, field] of cases) {
    it(`400 naming the field for ${what}, nothing stored`, async () => {
      const h = await start()
      const ada = await addStudent(h, 'Ada')
      const a = await joinHub(h, 'Station A')
      await call(h, 'api/signin', a, { body: { code: ada.code } })
      const s = make(ada.pseudonym) as { id: string }
      const res = await call(h, 'xapi/statements', a, { body: s })
      expect(res.status).toBe(400)
      await expect(res.json()).resolves.toMatchObject({ error: expect.stringMatching(field) })
      expect((await call(h, `xapi/statements?statementId=${s.id}`, teacher(h))).status).toBe(404)
    })
  }
})

describe('--forward never sends a name', () => {
  it('drops name from every agent and group, keeps activity names and pseudonym accounts', () => {
    const stored = statement('calm-otter-12', {
      actor: { objectType: 'Agent', name: 'Ada Lovelace', account: { homePage: HOME, name: 'calm-otter-12' } },
      object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure', definition: { name: { en: 'Measure & Place' } } },
      context: { team: { objectType: 'Group', name: 'Class 7b', member: [{ objectType: 'Agent', name: 'Alan', account: { homePage: HOME, name: 'quiet-heron-77' } }] }, instructor: { name: 'Ms Smith', mbox: 'mailto:smith@school.example' } },
    })
    const sent = withoutAgentNames(stored) as typeof stored & { context: { team: { member: { name?: string }[] } }; object: { definition: { name: unknown } } }
    expect(JSON.stringify(sent)).not.toMatch(/Ada Lovelace|Class 7b|"Alan"|Ms Smith/)
    expect(sent.actor.account.name).toBe('calm-otter-12')
    expect(sent.object.definition.name).toEqual({ en: 'Measure & Place' })
    expect(sent.context.team.member[0]).toEqual({ objectType: 'Agent', account: { homePage: HOME, name: 'quiet-heron-77' } })
  })
})
