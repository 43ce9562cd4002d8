/**
 * xAPI 1.0.3's alternate request syntax (Communication 1.3) over real HTTP and SQLite: POST
 * ?method=X with the headers, content and parameters as form fields works for 1.0.x, and is
 * refused for 2.0.0, with extra query parameters, and in every malformed shape.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentParam, basic, statement, startLrs, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

const count = () => (lrs.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n
const FORM = 'application/x-www-form-urlencoded'

/** An alternate-syntax request: no real auth or version header unless `realHeaders` gives them. */
function alternate(path: string, method: string, fields: Record<string, string>, realHeaders: Record<string, string> = {}, extraQuery = '') {
  const separator = path.includes('?') ? '&' : '?'
  return xapi(lrs, `${path}${separator}method=${method}${extraQuery}`, {
    method: 'POST',
    key: null,
    version: null,
    raw: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': FORM, ...realHeaders },
  })
}

const asTeacher = (version = '1.0.3') => ({ Authorization: basic(lrs.teacher), 'X-Experience-API-Version': version })

describe('the alternate request syntax in xAPI 1.0.3', () => {
  it('PUT as POST ?method=PUT with auth, version, statementId and content as form fields stores the statement', async () => {
    const id = randomUUID()
    const sent = statement()
    const res = await alternate('/statements', 'PUT', { ...asTeacher(), statementId: id, content: JSON.stringify(sent) })
    expect(res.status, await res.clone().text()).toBe(204)
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
    const got = await xapi(lrs, `/statements?statementId=${id}`)
    expect(got.status).toBe(200)
    expect((await got.json()).result).toEqual(sent.result)
  })

  it('GET as POST ?method=GET answers a StatementResult, with query parameters as form fields', async () => {
    const res = await alternate('/statements', 'GET', { ...asTeacher(), limit: '1' })
    expect(res.status, await res.clone().text()).toBe(200)
    const body = await res.json()
    expect(body).toHaveProperty('more')
    expect(body.statements).toHaveLength(1)
  })

  it('GET one statement by statementId, and POST a statement, through the form', async () => {
    const posted = await alternate('/statements', 'POST', { ...asTeacher(), content: JSON.stringify(statement()) })
    expect(posted.status, await posted.clone().text()).toBe(200)
    const [id] = (await posted.json()) as string[]
    const got = await alternate('/statements', 'GET', { ...asTeacher(), statementId: id! })
    expect(got.status).toBe(200)
    expect((await got.json()).id).toBe(id)
  })

  it('headers the client could set may stay real headers (the first ADL example): form has only the parameters', async () => {
    const res = await alternate('/statements', 'GET', { limit: '1' }, asTeacher())
    expect(res.status).toBe(200)
  })

  it('works on the document resources too: PUT, GET and DELETE a State document with Content-Type and If-None-Match as fields', async () => {
    const params = { activityId: 'https://benchtop.example/scenes/measure', agent: JSON.stringify({ objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: 'amber-otter-12' } }), stateId: 'learner-model' }
    const put = await alternate('/activities/state', 'PUT', { ...asTeacher(), ...params, 'Content-Type': 'application/json', 'If-None-Match': '*', content: '{"mastery":0.4}' })
    expect(put.status, await put.clone().text()).toBe(204)
    const got = await alternate('/activities/state', 'GET', { ...asTeacher(), ...params })
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await got.json()).toEqual({ mastery: 0.4 })
    // The same document through ordinary requests, to show it is the one stored.
    const direct = await xapi(lrs, `/activities/state?activityId=${encodeURIComponent(params.activityId)}&agent=${agentParam(JSON.parse(params.agent))}&stateId=learner-model`, { version: '1.0.3' })
    expect(await direct.json()).toEqual({ mastery: 0.4 })
    expect((await alternate('/activities/state', 'DELETE', { ...asTeacher(), ...params })).status).toBe(204)
    expect((await alternate('/activities/state', 'GET', { ...asTeacher(), ...params })).status).toBe(404)
  })

  it('the form\'s Authorization is checked like the header: wrong or missing gets 401, a station key reading gets 403', async () => {
    const put = (fields: Record<string, string>) => alternate('/statements', 'PUT', { 'X-Experience-API-Version': '1.0.3', statementId: randomUUID(), content: JSON.stringify(statement()), ...fields })
    const before = count()
    expect((await put({ Authorization: basic({ id: lrs.teacher.id, secret: 'wrong' }) })).status).toBe(401)
    expect((await put({})).status).toBe(401)
    expect(count()).toBe(before)
    expect((await put({ Authorization: basic(lrs.station) })).status).toBe(204)
    const read = await alternate('/statements', 'GET', { Authorization: basic(lrs.station), 'X-Experience-API-Version': '1.0.3' })
    expect(read.status).toBe(403)
  })
})

describe('refused with 400 naming the problem, and nothing stored', () => {
  const putFields = (version = '1.0.3') => ({ ...asTeacher(version), statementId: randomUUID(), content: JSON.stringify(statement()) })
  const cases: [string, () => Promise<Response>, RegExp][] = [
    ['in xAPI 2.0.0 (version in the form)', () => alternate('/statements', 'PUT', putFields('2.0.0')), /2\.0\.0 removed the alternate request syntax/],
    ['in xAPI 2.0.0 (version as a real header)', () => alternate('/statements', 'GET', { limit: '1' }, asTeacher('2.0.0')), /2\.0\.0 removed the alternate request syntax/],
    ['with another query parameter beside method', () => alternate('/statements', 'PUT', putFields(), {}, `&statementId=${randomUUID()}`), /only query parameter is "method"; send "statementId" as form fields/],
    ['with a method other than GET, PUT, POST or DELETE', () => alternate('/statements', 'PATCH', putFields()), /"method" must be GET, PUT, POST or DELETE, got "PATCH"/],
    ['with a body that is not a form', () => xapi(lrs, '/statements?method=PUT', { raw: JSON.stringify(putFields()), key: null, version: null, headers: { 'Content-Type': 'application/json' } }), /needs Content-Type application\/x-www-form-urlencoded/],
    ['with JSON text sent as if it were a form', () => xapi(lrs, '/statements?method=PUT', { raw: JSON.stringify(putFields()), key: null, version: null, headers: { 'Content-Type': FORM } }), /PUT sends its body in the "content" form field, and this form has none/],
    ['a PUT without content', () => alternate('/statements', 'PUT', { ...asTeacher(), statementId: randomUUID() }), /PUT sends its body in the "content" form field, and this form has none/],
    ['a GET with content', () => alternate('/statements', 'GET', { ...asTeacher(), content: '{}' }), /alternate-syntax GET has no content/],
    ['an unknown form field (it would be a query parameter)', () => alternate('/statements', 'GET', { ...asTeacher(), happy: 'day' }), /Unknown query parameter "happy"/],
    ['a form field given twice', () => xapi(lrs, '/statements?method=GET', { raw: 'limit=1&limit=2&X-Experience-API-Version=1.0.3', key: null, version: null, headers: { 'Content-Type': FORM } }), /"limit" is given more than once/],
  ]
  for (const [name, send, message] of cases) {
    it(name, async () => {
      const before = count()
      const res = await send()
      expect(res.status).toBe(400)
      expect((await res.json()).error).toMatch(message)
      expect(count()).toBe(before)
    })
  }

  it('"method" on anything but a POST is just an unknown parameter', async () => {
    const res = await xapi(lrs, '/statements?method=POST', { version: '1.0.3' })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/Unknown query parameter "method"/)
  })
})
