import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentParam, startLrs, statement, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

type Result = { statements: { id: string; [k: string]: unknown }[]; more: string }
const query = async (search: string, init: Parameters<typeof xapi>[2] = {}): Promise<Result> => {
  const res = await xapi(lrs, `/statements${search}`, init)
  expect(res.status, `${search}: ${res.status}`).toBe(200)
  expect(res.headers.get('x-experience-api-consistent-through')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  return (await res.json()) as Result
}
const postOne = async (body: unknown): Promise<string> => (await post(body))[0]!
const ids = (result: Result) => result.statements.map((s) => s.id)
const post = async (body: unknown): Promise<string[]> => {
  const res = await xapi(lrs, '/statements', { body })
  expect(res.status).toBe(200)
  return (await res.json()) as string[]
}

const alice = { objectType: 'Agent', mbox: 'mailto:alice@example.com' }
const bob = { objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: 'bob-heron-7' } }
const team = { objectType: 'Group', name: 'Team', mbox: 'mailto:team@example.com', member: [alice] }

describe('paging through 250 statements with "more"', () => {
  const verb = 'http://benchtop.example/verbs/paged'
  let pagedIds: string[] = []
  beforeAll(async () => {
    const batch = Array.from({ length: 250 }, () => statement({ verb: { id: verb } }))
    pagedIds = await post(batch)
  })
  /** Statements that arrive while a reader pages: later pages must not include them. */
  const lateIds: string[] = []

  for (const ascending of [false, true]) {
    it(`${ascending ? 'ascending' : 'descending'}: every statement once, no gaps, even while more arrive`, async () => {
      const seen: string[] = []
      const existing = [...pagedIds, ...lateIds]
      let url: string | undefined = `/statements?verb=${encodeURIComponent(verb)}&limit=40${ascending ? '&ascending=true' : ''}`
      let pages = 0
      while (url) {
        const res = await xapi(lrs, url.startsWith('/xapi/') ? `http://127.0.0.1:${lrs.port}${url}` : url)
        expect(res.status).toBe(200)
        const page = (await res.json()) as Result
        seen.push(...ids(page))
        pages++
        // New statements arriving mid-way must not shift the pages.
        if (pages === 2) lateIds.push(...(await post([statement({ verb: { id: verb } }), statement({ verb: { id: verb } })])))
        // The next page's address, or "" on the last page.
        expect(page.more).toMatch(/^(\/xapi\/statements\?.+)?$/)
        url = page.more || undefined
      }
      expect(pages).toBe(Math.ceil(existing.length / 40))
      expect(new Set(seen).size).toBe(seen.length)
      const expected = ascending ? existing : [...existing].reverse()
      expect(seen).toEqual(expected)
    })
  }

  it('limit=0 gives the server maximum (100) and a larger limit is capped there', async () => {
    const zero = await query(`?verb=${encodeURIComponent(verb)}&limit=0`)
    expect(zero.statements).toHaveLength(100)
    expect(zero.more).not.toBe('')
    expect((await query(`?verb=${encodeURIComponent(verb)}&limit=5000`)).statements).toHaveLength(100)
    expect((await query(`?verb=${encodeURIComponent(verb)}`)).statements).toHaveLength(100)
  })

  it('the last page has more = ""', async () => {
    const all = await query(`?verb=${encodeURIComponent('http://benchtop.example/verbs/none')}`)
    expect(all).toEqual({ statements: [], more: '' })
  })
})

describe('filters', () => {
  const activity = 'https://benchtop.example/scenes/filtered'
  const parent = 'https://benchtop.example/courses/physics'
  const registration = randomUUID()
  let byAlice = '', byBob = '', aboutBob = '', byTeam = '', instructedByBob = '', refToAlice = '', subWithBob = ''
  beforeAll(async () => {
    byAlice = await postOne(statement({ actor: alice, object: { id: activity }, context: { registration } }))
    byBob = await postOne(statement({ actor: bob, object: { id: 'https://benchtop.example/other' }, context: { contextActivities: { parent: [{ id: parent }] } } }))
    aboutBob = await postOne(statement({ actor: alice, verb: { id: 'http://adlnet.gov/expapi/verbs/interacted' }, object: bob }))
    byTeam = await postOne(statement({ actor: team, object: { id: activity } }))
    instructedByBob = await postOne(statement({ actor: { mbox: 'mailto:carol@example.com' }, object: { id: 'https://benchtop.example/x' }, context: { instructor: bob } }))
    refToAlice = await postOne(statement({ actor: { mbox: 'mailto:dave@example.com' }, verb: { id: 'http://benchtop.example/verbs/liked' }, object: { objectType: 'StatementRef', id: byAlice } }))
    subWithBob = await postOne(
      statement({
        actor: { mbox: 'mailto:erin@example.com' },
        verb: { id: 'http://benchtop.example/verbs/planned' },
        object: { objectType: 'SubStatement', actor: bob, verb: { id: 'http://benchtop.example/verbs/visit' }, object: { id: parent } },
      }),
    )
  })

  it('agent: actor or object, members of a group actor, and statements referring to a match', async () => {
    const got = ids(await query(`?agent=${agentParam(alice)}`))
    expect(got).toEqual(expect.arrayContaining([byAlice, aboutBob, byTeam, refToAlice]))
    expect(got).not.toContain(byBob)
    const gotBob = ids(await query(`?agent=${agentParam(bob)}`))
    expect(gotBob.sort()).toEqual([byBob, aboutBob].sort())
    expect(ids(await query(`?agent=${agentParam(team)}`))).toEqual([byTeam])
  })

  it('related_agents also matches instructor, authority and sub-statements', async () => {
    const got = ids(await query(`?agent=${agentParam(bob)}&related_agents=true`))
    expect(got).toEqual(expect.arrayContaining([byBob, aboutBob, instructedByBob, subWithBob]))
    const authority = { objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: lrs.teacher.id } }
    expect(ids(await query(`?agent=${agentParam(authority)}&related_agents=true&limit=3`))).toHaveLength(3)
    expect(ids(await query(`?agent=${agentParam(authority)}`))).toHaveLength(0)
  })

  it('verb, activity, related_activities and registration', async () => {
    expect(ids(await query(`?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/interacted')}`))).toEqual([aboutBob])
    expect(ids(await query(`?activity=${encodeURIComponent(activity)}`)).sort()).toEqual([byAlice, byTeam, refToAlice].sort())
    expect(ids(await query(`?activity=${encodeURIComponent(parent)}`))).toEqual([])
    expect(ids(await query(`?activity=${encodeURIComponent(parent)}&related_activities=true`)).sort()).toEqual([byBob, subWithBob].sort())
    expect(ids(await query(`?registration=${registration}`)).sort()).toEqual([byAlice, refToAlice].sort())
    expect(ids(await query(`?registration=${registration.toUpperCase()}&agent=${agentParam(alice)}`)).sort()).toEqual([byAlice, refToAlice].sort())
  })

  it('since and until by stored time, ascending order', async () => {
    const first = await (await xapi(lrs, `/statements?statementId=${byAlice}`)).json()
    const last = await (await xapi(lrs, `/statements?statementId=${subWithBob}`)).json()
    const window = ids(await query(`?since=${encodeURIComponent(first.stored)}&until=${encodeURIComponent(last.stored)}&ascending=true`))
    expect(window).not.toContain(byAlice)
    expect(window.at(-1)).toBe(subWithBob)
    expect(ids(await query(`?until=2000-01-01T00:00:00Z`))).toEqual([])
    expect(ids(await query(`?since=2000-01-01T01:00:00%2B01:00&limit=1`))).toHaveLength(1)
  })

  it('statementId goes with format and attachments only', async () => {
    for (const extra of ['verb=http://x.example/v', `agent=${agentParam(alice)}`, 'limit=1', 'ascending=true', `voidedStatementId=${byAlice}`]) {
      const res = await xapi(lrs, `/statements?statementId=${byAlice}&${extra}`)
      expect(res.status, extra).toBe(400)
    }
    expect((await xapi(lrs, `/statements?statementId=${byAlice}&format=ids&attachments=false`)).status).toBe(200)
    expect((await xapi(lrs, `/statements?statementId=${randomUUID()}`)).status).toBe(404)
  })

  it('format=ids keeps only identifiers; canonical picks one language; attachments=true answers multipart', async () => {
    const [id] = await post(
      statement({
        actor: { objectType: 'Agent', name: 'Alice A.', mbox: 'mailto:alice@example.com' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted', 'de-DE': 'versuchte' } },
        object: { id: 'https://benchtop.example/scenes/lang', definition: { name: { 'en-US': 'Lang', 'de-DE': 'Sprache' } } },
      }),
    )
    const ids = await (await xapi(lrs, `/statements?statementId=${id}&format=ids`)).json()
    expect(ids.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:alice@example.com' })
    expect(ids.object).toEqual({ id: 'https://benchtop.example/scenes/lang' })
    const canonical = await (await xapi(lrs, `/statements?statementId=${id}&format=canonical`, { headers: { 'Accept-Language': 'de;q=0.9, fr;q=0.5' } })).json()
    expect(canonical.verb.display).toEqual({ 'de-DE': 'versuchte' })
    expect(canonical.object.definition.name).toEqual({ 'de-DE': 'Sprache' })
    const exact = await (await xapi(lrs, `/statements?statementId=${id}&format=exact`)).json()
    expect(Object.keys(exact.verb.display)).toHaveLength(2)
    const multipart = await xapi(lrs, `/statements?statementId=${id}&attachments=true`)
    expect(multipart.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/)
    expect(await multipart.text()).toContain(`"id":"${id}"`)
  })

  it('HEAD answers the headers of GET without a body', async () => {
    const res = await xapi(lrs, `/statements?statementId=${byAlice}`, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('last-modified')).toBeTruthy()
    expect(await res.text()).toBe('')
  })
})

describe('bad query parameters: 400 naming the parameter', () => {
  const cases: [string, RegExp][] = [
    ['?nonsense=1', /nonsense/],
    ['?verb=x&Verb=y', /Verb/],
    ['?agent=notjson', /"agent"/],
    ['?agent=%7B%22name%22%3A%22x%22%7D', /"agent"/],
    ['?agent=%5B1%5D', /"agent"/],
    ['?verb=not%20an%20iri', /"verb"/],
    ['?activity=', /"activity"/],
    ['?registration=123', /"registration"/],
    ['?statementId=abc', /"statementId"/],
    ['?voidedStatementId=abc', /"voidedStatementId"/],
    ['?since=yesterday', /"since"/],
    ['?until=2024-13-45T99:00:00Z', /"until"/],
    ['?since=2024-05-01T10:00:00', /"since"/],
    ['?limit=-1', /"limit"/],
    ['?limit=ten', /"limit"/],
    ['?format=full', /"format"/],
    ['?ascending=yes', /"ascending"/],
    ['?related_agents=1', /"related_agents"/],
    ['?attachments=maybe', /"attachments"/],
    ['?page=5', /"page"/],
    ['?verb=http://x.example/a&verb=http://x.example/b', /more than once/],
  ]
  for (const [search, message] of cases) {
    it(search, async () => {
      const res = await xapi(lrs, `/statements${search}`)
      expect(res.status).toBe(400)
      expect((await res.json()).error).toMatch(message)
    })
  }
})

describe('SQL injection attempts in every query parameter', () => {
  const attacks = [
    "' OR 1=1 --",
    "x'); DROP TABLE statements; --",
    '1; DELETE FROM statements',
    '" OR ""="',
    "http://x.example/a' UNION SELECT body FROM statements --",
    '%27%20OR%201%3D1',
    '{"mbox":"mailto:a@b.c\' OR 1=1 --"}',
    '{"account":{"homePage":"urn:benchtop:hub","name":"x\' OR \'1\'=\'1"}}',
    "2024-01-01T00:00:00Z' OR '1'='1",
    '0 OR 1=1',
    "00000000-0000-4000-8000-000000000000' OR '1'='1",
  ]
  const params = ['statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'page', "x' OR 1=1 --"]

  it('come back as 400 or an empty result, never a 500, and change nothing', async () => {
    const fingerprint = () => {
      const rows = lrs.db.prepare('SELECT seq, id, voided, body FROM statements ORDER BY seq').all()
      const related = lrs.db.prepare('SELECT COUNT(*) AS n FROM statement_agents').get()
      return createHash('sha256').update(JSON.stringify([rows, related])).digest('hex')
    }
    // Statements are there to leak or to destroy.
    expect((lrs.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n).toBeGreaterThan(0)
    const before = fingerprint()
    // Each answer is a refusal (400) or a search that matched nothing (200 with no statements).
    const refusedOrEmpty = [JSON.stringify({ status: 400 }), JSON.stringify({ status: 200, statements: [] })]
    for (const param of params)
      for (const attack of attacks) {
        const res = await xapi(lrs, `/statements?${encodeURIComponent(param)}=${encodeURIComponent(attack)}`)
        const answer = res.status === 200 ? { status: 200, statements: ((await res.json()) as Result).statements } : (await res.arrayBuffer(), { status: res.status })
        expect(refusedOrEmpty, `${param}=${attack}`).toContain(JSON.stringify(answer))
      }
    // State resource parameters too.
    for (const param of ['activityId', 'agent', 'stateId', 'registration', 'since'])
      for (const attack of attacks) {
        const search = new URLSearchParams({ activityId: 'http://x.example/a', agent: JSON.stringify(alice), [param]: attack })
        const res = await xapi(lrs, `/activities/state?${search}`)
        const answer = res.status === 200 ? { status: 200, body: await res.json() } : (await res.arrayBuffer(), { status: res.status })
        expect([JSON.stringify({ status: 400 }), JSON.stringify({ status: 404 }), JSON.stringify({ status: 200, body: [] })], `${param}=${attack}`).toContain(JSON.stringify(answer))
      }
    expect(fingerprint()).toBe(before)
    expect((lrs.db.prepare("SELECT name FROM sqlite_master WHERE name = 'statements'").get() as { name: string }).name).toBe('statements')
  })
})
