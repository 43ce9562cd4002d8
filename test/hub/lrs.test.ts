import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { revokeKey, issueKey } from '../../src/hub/keys'
import { startLrs, statement, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

const count = () => (lrs.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n

describe('about, versions and auth', () => {
  it('GET /about needs no auth nor version header', async () => {
    const res = await xapi(lrs, '/about', { key: null, version: null })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ version: ['1.0.3', '2.0.0'], extensions: {} })
    expect(res.headers.get('x-experience-api-version')).toBe('2.0.0')
  })

  it('refuses a missing or unsupported version header before anything else, and says why', async () => {
    for (const version of [null, '0.95', '3.0.0', 'abc']) {
      const res = await xapi(lrs, '/statements', { version, key: null })
      expect(res.status, String(version)).toBe(400)
      expect((await res.json()).error).toMatch(/X-Experience-API-Version/)
      expect(res.headers.get('x-experience-api-version')).toBe('2.0.0')
    }
    // Checked before routing: an unknown resource still gets the version error first.
    expect((await xapi(lrs, '/nowhere', { version: null })).status).toBe(400)
    expect((await xapi(lrs, '/nowhere')).status).toBe(404)
  })

  it('answers 1.0.x requests in 1.0.3 and 2.0.0 requests in 2.0.0', async () => {
    for (const [sent, answered] of [['1.0.3', '1.0.3'], ['1.0.0', '1.0.3'], ['1.0', '1.0.3'], ['2.0.0', '2.0.0']]) {
      const res = await xapi(lrs, '/statements?limit=1', { version: sent })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-experience-api-version')).toBe(answered)
    }
  })

  it('401 without a key, with a wrong secret, and with a revoked key; no Basic challenge, so a browser never prompts', async () => {
    const revoked = issueKey(lrs.db, 'lrs', 'soon revoked')
    expect((await xapi(lrs, '/statements', { key: revoked })).status).toBe(200)
    revokeKey(lrs.db, revoked.id)
    for (const key of [null, revoked, { id: lrs.teacher.id, secret: 'wrong' }, { id: 'nobody', secret: 'x' }]) {
      const res = await xapi(lrs, '/statements', { key })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBeNull()
      expect(res.headers.get('x-experience-api-version')).toBe('2.0.0')
    }
    expect((await xapi(lrs, '/statements', { key: null, headers: { Authorization: 'Basic !!!' } })).status).toBe(401)
    expect((await xapi(lrs, '/statements', { key: null, headers: { Authorization: 'Bearer abc' } })).status).toBe(401)
  })

  it('a station key may send statements and use State, but not read statements or profiles', async () => {
    const res = await xapi(lrs, '/statements', { key: lrs.station })
    expect(res.status).toBe(403)
    expect((await res.json()).error).toMatch(/station key may not GET \/xapi\/statements \(read statements\); that takes a teacher key or an --lrs-key/)
    expect((await xapi(lrs, '/statements', { key: lrs.station, body: statement() })).status).toBe(200)
    expect((await xapi(lrs, `/statements?statementId=${randomUUID()}`, { key: lrs.station, method: 'PUT', body: statement() })).status).toBe(204)
    expect((await xapi(lrs, '/activities/profile?activityId=http://x.example/a', { key: lrs.station })).status).toBe(403)
    expect((await xapi(lrs, '/agents?agent=%7B%7D', { key: lrs.station })).status).toBe(403)
    expect((await xapi(lrs, '/activities?activityId=http://x.example/a', { key: lrs.station })).status).toBe(403)
  })
})

describe('storing statements', () => {
  it('POST one statement: 200 with its new id; the LRS sets id, stored, timestamp, authority and version', async () => {
    const res = await xapi(lrs, '/statements', { body: statement(), key: lrs.station })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-experience-api-consistent-through')).toBeTruthy()
    const ids = (await res.json()) as string[]
    expect(ids).toHaveLength(1)
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const got = await xapi(lrs, `/statements?statementId=${ids[0]}`)
    expect(got.status).toBe(200)
    expect(got.headers.get('last-modified')).toBeTruthy()
    const stored = await got.json()
    expect(stored.id).toBe(ids[0])
    expect(stored.stored).toMatch(/Z$/)
    expect(stored.timestamp).toBe(stored.stored)
    expect(stored.version).toBe('2.0.0')
    expect(stored.authority).toEqual({ objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: lrs.station.id } })
    // The live-dashboard hook saw it.
    expect(lrs.storedBatches.at(-1)?.[0]?.id).toBe(ids[0])
  })

  it('replaces an untrusted authority with the key, keeps the one an lrs key gives', async () => {
    const claimed = { objectType: 'Agent', mbox: 'mailto:boss@example.com' }
    // A station may not claim one at all: the profile has statements carry no authority.
    const refused = await xapi(lrs, '/statements', { key: lrs.station, body: statement({ authority: claimed }) })
    expect(refused.status).toBe(400)
    expect((await refused.json()).error).toMatch(/statement\.authority\.mbox mbox identifies a person/)
    const [fromStation] = await (await xapi(lrs, '/statements', { key: lrs.station, body: statement() })).json()
    const [fromLrs] = await (await xapi(lrs, '/statements', { key: lrs.lrsKey, body: statement({ authority: claimed }) })).json()
    expect((await (await xapi(lrs, `/statements?statementId=${fromStation}`)).json()).authority.account.name).toBe(lrs.station.id)
    expect((await (await xapi(lrs, `/statements?statementId=${fromLrs}`)).json()).authority).toEqual(claimed)
  })

  it('1.0.x requests fill version 1.0.0', async () => {
    const [id] = await (await xapi(lrs, '/statements', { version: '1.0.3', body: statement() })).json()
    expect((await (await xapi(lrs, `/statements?statementId=${id}`)).json()).version).toBe('1.0.0')
  })

  it('POST an array: ids in order, given ones kept', async () => {
    const given = randomUUID()
    const res = await xapi(lrs, '/statements', { body: [statement(), statement({ id: given }), statement()] })
    expect(res.status).toBe(200)
    const ids = await res.json()
    expect(ids).toHaveLength(3)
    expect(ids[1]).toBe(given)
  })

  it('PUT with statementId: 204; the id in the body must agree', async () => {
    const id = randomUUID()
    expect((await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: statement() })).status).toBe(204)
    expect((await (await xapi(lrs, `/statements?statementId=${id}`)).json()).id).toBe(id)
    expect((await xapi(lrs, `/statements?statementId=${randomUUID()}`, { method: 'PUT', body: statement({ id: randomUUID() }) })).status).toBe(400)
    expect((await xapi(lrs, '/statements', { method: 'PUT', body: statement() })).status).toBe(400)
    expect((await xapi(lrs, '/statements?statementId=not-a-uuid', { method: 'PUT', body: statement() })).status).toBe(400)
    expect((await xapi(lrs, `/statements?statementId=${randomUUID()}`, { method: 'PUT', body: [statement()] })).status).toBe(400)
  })

  it('an identical retry succeeds without a new row (POST 200, PUT 204), however it is serialised', async () => {
    const id = randomUUID()
    const original = statement({ id, timestamp: '2024-05-01T09:30:00.000Z', context: { registration: randomUUID() } })
    expect((await xapi(lrs, '/statements', { body: original })).status).toBe(200)
    const before = count()
    const batchesBefore = lrs.storedBatches.length
    // Same statement: upper-case UUIDs, another time zone for the same instant, keys reordered,
    // a different authority and version (both set by the LRS).
    const context = original.context as { registration: string }
    const retry = {
      result: original.result,
      context: { registration: context.registration.toUpperCase() },
      object: { ...(original.object as object), definition: { name: { 'en-GB': 'Other name' } } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'EN-us': 'attempted' } },
      actor: original.actor,
      id: id.toUpperCase(),
      timestamp: '2024-05-01T11:30:00+02:00',
      authority: { objectType: 'Agent', mbox: 'mailto:x@example.com' },
      version: '1.0.0',
    }
    const post = await xapi(lrs, '/statements', { body: retry })
    expect(post.status).toBe(200)
    expect(await post.json()).toEqual([id])
    expect((await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: retry })).status).toBe(204)
    expect(count()).toBe(before)
    expect(lrs.storedBatches.length).toBe(batchesBefore)
  })

  it('the same statement sent at once over several connections is stored once', async () => {
    const id = randomUUID()
    const before = count()
    const answers = await Promise.all(Array.from({ length: 6 }, () => xapi(lrs, '/statements', { body: statement({ id, result: { success: true } }) })))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
    expect(count()).toBe(before + 1)
  })

  it('a different statement with a stored id: 409 and nothing changes', async () => {
    const id = randomUUID()
    await xapi(lrs, '/statements', { body: statement({ id, result: { success: true } }) })
    const before = count()
    const post = await xapi(lrs, '/statements', { body: statement({ id, result: { success: false } }) })
    expect(post.status).toBe(409)
    expect((await post.json()).error).toMatch(/different statement with id/)
    expect((await xapi(lrs, `/statements?statementId=${id}`, { method: 'PUT', body: statement({ result: { success: false } }) })).status).toBe(409)
    // A batch with one conflicting statement stores none of the others.
    expect((await xapi(lrs, '/statements', { body: [statement(), statement({ id, result: { score: { raw: 1 } } })] })).status).toBe(409)
    expect(count()).toBe(before)
    expect((await (await xapi(lrs, `/statements?statementId=${id}`)).json()).result).toEqual({ success: true })
  })

  it('duplicate ids inside one batch: 400, nothing stored', async () => {
    const id = randomUUID()
    const before = count()
    const res = await xapi(lrs, '/statements', { body: [statement({ id }), statement(), statement({ id: id.toUpperCase() })] })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/statements 0 and 2 have the same id/)
    expect(count()).toBe(before)
  })

  it('a batch with one invalid statement: 400 naming its index and property path; nothing stored', async () => {
    const before = count()
    const batches = lrs.storedBatches.length
    const bad = statement({ verb: { id: 'not an iri' } })
    const res = await xapi(lrs, '/statements', { body: [statement(), statement(), bad, statement()] })
    expect(res.status).toBe(400)
    const { error, status } = await res.json()
    expect(status).toBe(400)
    expect(error).toMatch(/statement 2/)
    expect(error).toMatch(/verb\.id/)
    expect(count()).toBe(before)
    expect(lrs.storedBatches.length).toBe(batches)
  })

  it('refuses bad bodies with 400 and a reason: malformed JSON (with its position), wrong Content-Type, attachments, empty', async () => {
    let res = await xapi(lrs, '/statements', { raw: '{"actor": {"mbox": "mailto:a@b.c"},, }', headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/not valid JSON at position 35 \(line 1, column 36\)/)
    res = await xapi(lrs, '/statements', { raw: '[{"a":1}', headers: { 'Content-Type': 'application/json' } })
    expect((await res.json()).error).toMatch(/position 8/)
    res = await xapi(lrs, '/statements', { raw: JSON.stringify(statement()), headers: { 'Content-Type': 'text/plain' } })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/Content-Type must be application\/json/)
    res = await xapi(lrs, '/statements', { raw: '--x\r\n', headers: { 'Content-Type': 'multipart/mixed; boundary=x' } })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/not closed by "--x" or "--x--" \(was the body cut short\?\)/)
    expect((await xapi(lrs, '/statements', { raw: '', headers: { 'Content-Type': 'application/json' } })).status).toBe(400)
    expect((await xapi(lrs, '/statements', { body: [] })).status).toBe(400)
    expect((await xapi(lrs, '/statements', { body: 'a string' })).status).toBe(400)
    expect((await xapi(lrs, '/statements', { body: [statement(), 42] })).status).toBe(400)
    expect((await xapi(lrs, '/statements?foo=1', { body: statement() })).status).toBe(400)
    expect((await xapi(lrs, '/statements', { method: 'DELETE' })).status).toBe(405)
  })
})

describe('voiding', () => {
  const voiding = (target: string, extra: Record<string, unknown> = {}) =>
    statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } }, object: { objectType: 'StatementRef', id: target }, ...extra })

  it('voids the target: gone from statementId and queries, still there by voidedStatementId', async () => {
    const [target] = await (await xapi(lrs, '/statements', { body: statement({ verb: { id: 'http://benchtop.example/verbs/to-void' } }) })).json()
    const res = await xapi(lrs, '/statements', { body: voiding(target) })
    expect(res.status).toBe(200)
    const [voider] = await res.json()
    expect((await xapi(lrs, `/statements?statementId=${target}`)).status).toBe(404)
    const byVoided = await xapi(lrs, `/statements?voidedStatementId=${target}`)
    expect(byVoided.status).toBe(200)
    expect((await byVoided.json()).id).toBe(target)
    expect((await xapi(lrs, `/statements?voidedStatementId=${voider}`)).status).toBe(404)
    const all = await (await xapi(lrs, '/statements?limit=0')).json()
    expect(all.statements.map((s: { id: string }) => s.id)).not.toContain(target)
    // The voiding statement is returned by a filter that matches the voided statement.
    const byVerb = await (await xapi(lrs, `/statements?verb=${encodeURIComponent('http://benchtop.example/verbs/to-void')}`)).json()
    expect(byVerb.statements.map((s: { id: string }) => s.id)).toEqual([voider])
  })

  it('a voiding statement cannot be voided (stored or in the same batch), and nothing is stored then', async () => {
    const [target] = await (await xapi(lrs, '/statements', { body: statement() })).json()
    const [voider] = await (await xapi(lrs, '/statements', { body: voiding(target) })).json()
    const before = count()
    const res = await xapi(lrs, '/statements', { body: [statement(), voiding(voider)] })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/voiding statement cannot be voided/)
    const first = randomUUID()
    expect((await xapi(lrs, '/statements', { body: [voiding(randomUUID(), { id: first }), voiding(first)] })).status).toBe(400)
    expect(count()).toBe(before)
    expect((await xapi(lrs, `/statements?statementId=${voider}`)).status).toBe(200)
  })

  it('a voiding statement needs a StatementRef object', async () => {
    const res = await xapi(lrs, '/statements', { body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }) })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/object/)
  })

  it('voiding before the target arrives voids it when it comes, in the same batch or later', async () => {
    const later = randomUUID()
    await xapi(lrs, '/statements', { body: voiding(later) })
    await xapi(lrs, '/statements', { body: statement({ id: later }) })
    expect((await xapi(lrs, `/statements?statementId=${later}`)).status).toBe(404)
    expect((await xapi(lrs, `/statements?voidedStatementId=${later}`)).status).toBe(200)
    const sameBatch = randomUUID()
    await xapi(lrs, '/statements', { body: [voiding(sameBatch), statement({ id: sameBatch })] })
    expect((await xapi(lrs, `/statements?voidedStatementId=${sameBatch}`)).status).toBe(200)
  })
})
