import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLrs, statement, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

const learner = { objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: 'amber-otter-12' } }
const activityId = 'https://benchtop.example/scenes/measure'
const stateUrl = (extra: Record<string, string> = {}, agent: unknown = learner) =>
  `/activities/state?${new URLSearchParams({ activityId, agent: JSON.stringify(agent), ...extra })}`

describe('State resource (the learner model between stations)', () => {
  it('PUT then GET round-trips the document with its content type, ETag and Last-Modified', async () => {
    const model = { skills: { measure: 0.62 }, attempts: 3 }
    const put = await xapi(lrs, stateUrl({ stateId: 'learner-model' }), { method: 'PUT', body: model, key: lrs.station })
    expect(put.status).toBe(204)
    const etag = put.headers.get('etag')
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/)
    const get = await xapi(lrs, stateUrl({ stateId: 'learner-model' }), { key: lrs.station })
    expect(get.status).toBe(200)
    expect(get.headers.get('content-type')).toBe('application/json')
    expect(get.headers.get('etag')).toBe(etag)
    expect(get.headers.get('last-modified')).toBeTruthy()
    expect(await get.json()).toEqual(model)
    // A conditional GET with the current ETag: 304.
    expect((await xapi(lrs, stateUrl({ stateId: 'learner-model' }), { headers: { 'If-None-Match': etag! } })).status).toBe(304)
  })

  it('POST merges JSON objects; merging into a non-JSON document is refused', async () => {
    const url = stateUrl({ stateId: 'merge-me' })
    expect((await xapi(lrs, url, { method: 'POST', body: { a: 1, b: { x: 1 } }, key: lrs.station })).status).toBe(204)
    expect((await xapi(lrs, url, { method: 'POST', body: { b: { y: 2 }, c: 3 }, key: lrs.station })).status).toBe(204)
    expect(await (await xapi(lrs, url)).json()).toEqual({ a: 1, b: { y: 2 }, c: 3 })
    expect((await xapi(lrs, url, { method: 'POST', body: [1, 2] })).status).toBe(400)
    expect((await xapi(lrs, url, { method: 'POST', raw: 'text', headers: { 'Content-Type': 'text/plain' } })).status).toBe(400)
    const textUrl = stateUrl({ stateId: 'plain' })
    expect((await xapi(lrs, textUrl, { method: 'PUT', raw: 'just text', headers: { 'Content-Type': 'text/plain' } })).status).toBe(204)
    const text = await xapi(lrs, textUrl)
    expect(text.headers.get('content-type')).toBe('text/plain')
    expect(await text.text()).toBe('just text')
    expect((await xapi(lrs, textUrl, { method: 'POST', body: { a: 1 } })).status).toBe(400)
  })

  it('If-Match / If-None-Match: 412 on a stale or clashing write; 2.0.0 PUT over a document needs one (409)', async () => {
    const url = stateUrl({ stateId: 'concurrent' })
    expect((await xapi(lrs, url, { method: 'PUT', body: { v: 1 }, headers: { 'If-None-Match': '*' } })).status).toBe(204)
    expect((await xapi(lrs, url, { method: 'PUT', body: { v: 2 }, headers: { 'If-None-Match': '*' } })).status).toBe(412)
    const etag = (await xapi(lrs, url)).headers.get('etag')!
    const conflict = await xapi(lrs, url, { method: 'PUT', body: { v: 2 } })
    expect(conflict.status).toBe(409)
    expect((await conflict.json()).error).toMatch(/If-Match/)
    expect((await xapi(lrs, url, { method: 'PUT', body: { v: 2 }, headers: { 'If-Match': etag } })).status).toBe(204)
    // The first writer's ETag is stale now.
    expect((await xapi(lrs, url, { method: 'PUT', body: { v: 3 }, headers: { 'If-Match': etag } })).status).toBe(412)
    expect((await xapi(lrs, url, { method: 'POST', body: { w: 1 }, headers: { 'If-Match': etag } })).status).toBe(412)
    expect((await xapi(lrs, url, { method: 'DELETE', headers: { 'If-Match': etag } })).status).toBe(412)
    expect(await (await xapi(lrs, url)).json()).toEqual({ v: 2 })
    expect((await xapi(lrs, url, { method: 'PUT', body: { v: 3 }, headers: { 'If-Match': '*' } })).status).toBe(204)
    expect((await xapi(lrs, stateUrl({ stateId: 'never' }), { method: 'PUT', body: {}, headers: { 'If-Match': '*' } })).status).toBe(412)
    // xAPI 1.0.3 had no concurrency rule for State: an unconditional overwrite is fine there.
    expect((await xapi(lrs, url, { method: 'PUT', body: { v: 4 }, version: '1.0.3' })).status).toBe(204)
  })

  it('registration keeps separate documents; GET without stateId lists ids, with since', async () => {
    const registration = randomUUID()
    const agent = { mbox: 'mailto:list@example.com' }
    await xapi(lrs, stateUrl({ stateId: 'a' }, agent), { method: 'PUT', body: { n: 1 } })
    await xapi(lrs, stateUrl({ stateId: 'b', registration }, agent), { method: 'PUT', body: { n: 2 } })
    expect(await (await xapi(lrs, stateUrl({}, agent))).json()).toEqual(['a'])
    expect(await (await xapi(lrs, stateUrl({ registration }, agent))).json()).toEqual(['b'])
    expect((await xapi(lrs, stateUrl({ stateId: 'b' }, agent))).status).toBe(404)
    expect(await (await xapi(lrs, stateUrl({ since: '2000-01-01T00:00:00Z' }, agent))).json()).toEqual(['a'])
    expect(await (await xapi(lrs, stateUrl({ since: new Date(Date.now() + 60_000).toISOString() }, agent))).json()).toEqual([])
    // DELETE without stateId clears the agent's State for the activity, in every registration.
    expect((await xapi(lrs, stateUrl({}, agent), { method: 'DELETE' })).status).toBe(204)
    expect(await (await xapi(lrs, stateUrl({}, agent))).json()).toEqual([])
    expect(await (await xapi(lrs, stateUrl({ registration }, agent))).json()).toEqual([])
  })

  it('DELETE one document', async () => {
    const url = stateUrl({ stateId: 'gone' })
    await xapi(lrs, url, { method: 'PUT', body: { x: 1 }, key: lrs.station })
    expect((await xapi(lrs, url, { method: 'DELETE', key: lrs.station })).status).toBe(204)
    expect((await xapi(lrs, url, { key: lrs.station })).status).toBe(404)
  })

  it('refuses missing or bad parameters with 400 naming them', async () => {
    const cases: [string, RegExp][] = [
      [`/activities/state?agent=${encodeURIComponent(JSON.stringify(learner))}&stateId=x`, /"activityId" is required/],
      [`/activities/state?activityId=${activityId}&stateId=x`, /"agent" is required/],
      [`/activities/state?activityId=${activityId}&agent=nope&stateId=x`, /"agent"/],
      [stateUrl({ stateId: 'x', registration: 'nope' }), /"registration"/],
      [stateUrl({ since: 'soon' }), /"since"/],
      [stateUrl({ stateId: 'x', since: '2024-01-01T00:00:00Z' }), /"since"/],
      [stateUrl({ stateId: 'x', profileId: 'y' }), /profileId/],
    ]
    for (const [url, message] of cases) {
      const res = await xapi(lrs, url)
      expect(res.status, url).toBe(400)
      expect((await res.json()).error).toMatch(message)
    }
    expect((await xapi(lrs, stateUrl(), { method: 'PUT', body: {} })).status).toBe(400)
  })
})

describe('profiles, agents and activities (teacher and lrs keys)', () => {
  it('activity profile: PUT needs a precondition once it exists; GET, list, DELETE', async () => {
    const url = `/activities/profile?activityId=${encodeURIComponent(activityId)}&profileId=rubric`
    expect((await xapi(lrs, url, { method: 'PUT', body: { levels: 3 }, key: lrs.lrsKey })).status).toBe(204)
    expect((await xapi(lrs, url, { method: 'PUT', body: { levels: 4 }, key: lrs.lrsKey })).status).toBe(409)
    expect(await (await xapi(lrs, url)).json()).toEqual({ levels: 3 })
    expect(await (await xapi(lrs, `/activities/profile?activityId=${encodeURIComponent(activityId)}`)).json()).toEqual(['rubric'])
    expect((await xapi(lrs, `/activities/profile?activityId=${encodeURIComponent(activityId)}`, { method: 'DELETE' })).status).toBe(400)
    expect((await xapi(lrs, url, { method: 'DELETE' })).status).toBe(204)
  })

  it('agent profile', async () => {
    const url = `/agents/profile?agent=${encodeURIComponent(JSON.stringify(learner))}&profileId=prefs`
    expect((await xapi(lrs, url, { method: 'PUT', body: { seated: true } })).status).toBe(204)
    expect(await (await xapi(lrs, url)).json()).toEqual({ seated: true })
  })

  it('GET /agents gives a Person; GET /activities the merged canonical definition', async () => {
    const person = await (await xapi(lrs, `/agents?agent=${encodeURIComponent(JSON.stringify({ name: 'Al', mbox: 'mailto:al@example.com' }))}`)).json()
    expect(person).toEqual({ objectType: 'Person', name: ['Al'], mbox: ['mailto:al@example.com'] })
    const id = 'https://benchtop.example/scenes/defined'
    await xapi(lrs, '/statements', { body: statement({ object: { id, definition: { name: { 'en-US': 'Defined' } } } }) })
    await xapi(lrs, '/statements', { body: statement({ object: { id, definition: { name: { 'de-DE': 'Definiert' }, type: 'http://adlnet.gov/expapi/activities/simulation' } } }) })
    expect(await (await xapi(lrs, `/activities?activityId=${encodeURIComponent(id)}`)).json()).toEqual({
      objectType: 'Activity',
      id,
      definition: { name: { 'en-US': 'Defined', 'de-DE': 'Definiert' }, type: 'http://adlnet.gov/expapi/activities/simulation' },
    })
    expect(await (await xapi(lrs, '/activities?activityId=http://unknown.example/a')).json()).toEqual({ objectType: 'Activity', id: 'http://unknown.example/a' })
    expect((await xapi(lrs, '/activities')).status).toBe(400)
  })
})
