/**
 * What ADL's LRS conformance suite (adlnet/lrs-conformance-test-suite, run against the hub for
 * 2.0.0 and 1.0.3) found, each written from the xAPI text it names rather than from the suite:
 * an empty Activity Definition, durations compared to 0.01 s, the version a two-version LRS
 * answers a request that names none, 1.0.3 profile PUTs without a precondition, and the
 * alternate syntax's header fields.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey } from '../../src/hub/keys'
import { validateStatement } from '../../src/shared/xapi'
import { agentParam, basic, multipartBody, sha256, statement, statementsWithAttachments, startLrs, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

const count = () => (lrs.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n

describe('an Activity Definition with no properties is valid (Data 2.4.4.1: every Definition property is optional)', () => {
  const activity = { objectType: 'Activity', id: 'https://benchtop.example/scenes/empty-definition', definition: {} }

  it('the shared validator accepts it in both versions, as an object and in a SubStatement', () => {
    for (const version of ['1.0.3', '2.0.0'] as const) {
      const plain = statement({ object: activity })
      const sub = statement({ object: { objectType: 'SubStatement', actor: plain.actor, verb: plain.verb, object: activity } })
      expect(validateStatement(plain, version), version).toEqual({ ok: true })
      expect(validateStatement(sub, version), version).toEqual({ ok: true })
    }
    // Other empty objects stay refused: only the Definition's properties are all optional.
    expect(validateStatement(statement({ result: {} }), '2.0.0')).toEqual({ ok: false, errors: ['statement.result: must not be an empty object'] })
  })

  it('the hub stores it and gives it back as sent', async () => {
    for (const version of ['1.0.3', '2.0.0']) {
      const id = randomUUID()
      const res = await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: statement({ object: activity }), version })
      expect(res.status, version).toBe(204)
      const stored = await (await xapi(lrs, `/statements?statementId=${id}`, { version })).json()
      expect(stored.object).toEqual(activity)
    }
  })
})

describe('durations are compared to 0.01 s (1.0.3 Data 4.6.s1.b5; 2.0 4.2.7)', () => {
  const withDuration = (id: string, duration: string) => statement({ id, result: { duration } })

  it('a statement resent with its duration differing only past the hundredths is the same statement', async () => {
    const id = randomUUID()
    expect((await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: withDuration(id, 'P1DT12H36M0.12S') })).status).toBe(204)
    // Same to 0.01 s (truncated, not rounded: .1299 is .12), and with a comma for the point.
    for (const same of ['P1DT12H36M0.1237S', 'P1DT12H36M0.1299S', 'P1DT12H36M0,12S', 'P1DT12H36M0.120S'])
      expect((await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: withDuration(id, same) })).status, same).toBe(204)
    // Different at the hundredths: another statement with the same id.
    expect((await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: withDuration(id, 'P1DT12H36M0.13S') })).status).toBe(409)
    expect((await (await xapi(lrs, `/statements?statementId=${id}`)).json()).result.duration).toBe('P1DT12H36M0.12S')
  })

  describe('a signed statement', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature'
    const BOUNDARY = 'benchtop-duration-boundary'

    /** The statement as sent, `signedDuration` in its JWS payload and `sentDuration` in the statement. */
    function sendSigned(signedDuration: string, sentDuration: string) {
      const id = randomUUID()
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
      const input = `${encode({ alg: 'RS256' })}.${encode(withDuration(id, signedDuration))}`
      const token = Buffer.from(`${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`)
      const signature = { usageType: SIGNATURE_USAGE, display: { 'en-US': 'Signature' }, contentType: 'application/octet-stream', length: token.length, sha2: sha256(token) }
      const sent = { ...withDuration(id, sentDuration), attachments: [signature] }
      return xapi(lrs, '/statements', {
        method: 'POST',
        raw: multipartBody(BOUNDARY, statementsWithAttachments(sent, [token], 'application/octet-stream')),
        headers: { 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` },
      })
    }

    it('matches its signature when the durations differ only past the hundredths', async () => {
      const res = await sendSigned('P1DT12H36M0.12S', 'P1DT12H36M0.1237S')
      expect(res.status, await res.clone().text()).toBe(200)
    })

    it('does not match when they differ at the hundredths', async () => {
      const before = count()
      const res = await sendSigned('P1DT12H36M0.12S', 'P1DT12H36M0.13S')
      expect(res.status).toBe(400)
      expect((await res.json()).error).toMatch(/JWS payload differs from the statement/)
      expect(count()).toBe(before)
    })
  })
})

describe('a request that names no version the hub speaks is answered in the version its credentials last spoke', () => {
  // Both specs: every answer carries X-Experience-API-Version, set to the version the LRS speaks
  // (1.0.3 Communication 3.3.s3.b1-b2). A 1.0.3 client refused for a missing header reads a 1.0.3 answer.
  it('a key that spoke 1.0.3 gets 1.0.3 on the 400, one that spoke 2.0.0 gets 2.0.0, others 2.0.0', async () => {
    const old = issueKey(lrs.db, 'lrs', 'A 1.0.3 tool')
    const recent = issueKey(lrs.db, 'lrs', 'A 2.0.0 tool')
    expect((await xapi(lrs, '/statements?limit=1', { key: old, version: '1.0.3' })).status).toBe(200)
    expect((await xapi(lrs, '/statements?limit=1', { key: recent, version: '2.0.0' })).status).toBe(200)
    for (const [key, expected] of [[old, '1.0.3'], [recent, '2.0.0'], [issueKey(lrs.db, 'lrs', 'A new tool'), '2.0.0'], [null, '2.0.0']] as const) {
      for (const [method, body, path] of [['GET', undefined, '/statements'], ['POST', statement(), '/statements'], ['PUT', statement(), `/statements?statementId=${randomUUID()}`]] as const) {
        const res = await xapi(lrs, path, { method, body, key, version: null })
        expect(res.status, `${method} ${expected}`).toBe(400)
        expect(res.headers.get('x-experience-api-version'), `${method} by a key that spoke ${expected}`).toBe(expected)
      }
      // An unsupported version is answered alike.
      expect((await xapi(lrs, '/statements', { key, version: '0.95' })).headers.get('x-experience-api-version')).toBe(expected)
    }
    // Speaking 2.0.0 again switches the key back.
    expect((await xapi(lrs, '/statements?limit=1', { key: old, version: '2.0.0' })).status).toBe(200)
    expect((await xapi(lrs, '/statements', { key: old, version: null })).headers.get('x-experience-api-version')).toBe('2.0.0')
  })

  it('a wrong secret does not count as having spoken', async () => {
    const key = issueKey(lrs.db, 'lrs', 'Guessed')
    const wrong = { id: key.id, secret: 'not-the-secret' }
    expect((await xapi(lrs, '/statements?limit=1', { key: wrong, version: '1.0.3' })).status).toBe(401)
    expect((await xapi(lrs, '/statements', { key: wrong, version: null })).headers.get('x-experience-api-version')).toBe('2.0.0')
  })
})

describe('1.0.3: a profile PUT carries If-Match or If-None-Match (Communication 3.1.s3.b1)', () => {
  const agent = { objectType: 'Agent', account: { homePage: 'http://www.example.com/agentId/1', name: 'Rick James' } }
  const urls = {
    'agent profile': (profileId: string) => `/agents/profile?agent=${agentParam(agent)}&profileId=${profileId}`,
    'activity profile': (profileId: string) => `/activities/profile?activityId=${encodeURIComponent('http://www.example.com/activityId/hashset')}&profileId=${profileId}`,
  }

  for (const [name, url] of Object.entries(urls)) {
    it(`${name}: without either header a new document is refused with 400 and not created; If-None-Match: * creates it`, async () => {
      const target = url(randomUUID())
      const res = await xapi(lrs, target, { method: 'PUT', body: { a: 1 }, version: '1.0.3' })
      expect(res.status).toBe(400)
      expect((await res.json()).error).toMatch(/If-None-Match: \*/)
      expect((await xapi(lrs, target, { version: '1.0.3' })).status).toBe(404)
      expect((await xapi(lrs, target, { method: 'PUT', body: { a: 1 }, version: '1.0.3', headers: { 'If-None-Match': '*' } })).status).toBe(204)
      // Over an existing document it stays 409 (3.1.s4.b13), and If-Match replaces it.
      expect((await xapi(lrs, target, { method: 'PUT', body: { a: 2 }, version: '1.0.3' })).status).toBe(409)
      const etag = (await xapi(lrs, target, { version: '1.0.3' })).headers.get('etag')!
      expect((await xapi(lrs, target, { method: 'PUT', body: { a: 2 }, version: '1.0.3', headers: { 'If-Match': etag } })).status).toBe(204)
      expect(await (await xapi(lrs, target, { version: '1.0.3' })).json()).toEqual({ a: 2 })
    })
  }

  it('State keeps 1.0.3\'s leave (no concurrency headers needed, 3.1.s3), and 2.0.0 still creates a profile unconditionally', async () => {
    const state = `/activities/state?activityId=${encodeURIComponent('http://www.example.com/activityId/hashset')}&agent=${agentParam(agent)}&stateId=${randomUUID()}`
    expect((await xapi(lrs, state, { method: 'PUT', body: { a: 1 }, version: '1.0.3' })).status).toBe(204)
    expect((await xapi(lrs, urls['agent profile'](randomUUID()), { method: 'PUT', body: { a: 1 }, version: '2.0.0' })).status).toBe(204)
  })
})

describe('1.0.3 alternate syntax: the header form fields are the headers (Communication 1.3.s3.b7)', () => {
  const FORM = 'application/x-www-form-urlencoded'
  const send = (fields: Record<string, string>, realHeaders: Record<string, string>) =>
    xapi(lrs, '/statements?method=PUT', { method: 'POST', key: null, version: null, raw: new URLSearchParams(fields).toString(), headers: { 'Content-Type': FORM, ...realHeaders } })
  const auth = () => basic(lrs.teacher)

  it('a version field that the real header contradicts is refused with 400, nothing stored', async () => {
    const before = count()
    const res = await send({ statementId: randomUUID(), 'X-Experience-API-Version': '0.8', content: JSON.stringify(statement()) }, { 'X-Experience-API-Version': '1.0.3', Authorization: auth() })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/"X-Experience-API-Version" and the request's X-Experience-API-Version header differ/)
    expect(count()).toBe(before)
  })

  it('an Authorization field that the real header contradicts is refused, without echoing either', async () => {
    const other = issueKey(lrs.db, 'lrs', 'Other tool')
    const res = await send({ statementId: randomUUID(), Authorization: basic(other), 'X-Experience-API-Version': '1.0.3', content: JSON.stringify(statement()) }, { Authorization: auth() })
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error).toMatch(/"Authorization" and the request's Authorization header differ/)
    for (const secret of [basic(other), basic(lrs.teacher)]) expect(error).not.toContain(secret.slice('Basic '.length))
  })

  it('a field that repeats the real header with the same value is fine', async () => {
    const id = randomUUID()
    const res = await send({ statementId: id, Authorization: auth(), 'X-Experience-API-Version': '1.0.3', content: JSON.stringify(statement()) }, { Authorization: auth(), 'X-Experience-API-Version': '1.0.3' })
    expect(res.status, await res.clone().text()).toBe(204)
    expect((await xapi(lrs, `/statements?statementId=${id}`)).status).toBe(200)
  })
})
