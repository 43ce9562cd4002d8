/**
 * What ADL's LRS conformance suite (adlnet/lrs-conformance-test-suite, run against the hub for
 * 2.0.0 and 1.0.3) found, each written from the xAPI text it names rather than from the suite:
 * an empty Activity Definition, durations compared to 0.01 s, the version a two-version LRS
 * answers a request that names none, 1.0.3 profile PUTs without a precondition, and the
 * alternate syntax's header fields.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateStatement } from '../../src/shared/xapi'
import { statement, startLrs, xapi, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

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
