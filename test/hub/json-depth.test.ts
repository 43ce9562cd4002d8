/**
 * JSON nested too deep is refused up front with a 400 that says so, over real HTTP against the
 * real hub: before, a 2,450-deep extension was stored with 200, and then its retry and every
 * format=canonical page containing it answered 500.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningHub } from '../../src/hub/server'
import { basic, classroom, newDataDir, post, startHttpHub, statementBy, storedIds, teacherOf, xapiHeaders } from './store-helpers'

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

/** {"a":{"a":...1...}}: `levels` objects inside one another. */
const nested = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`) as unknown

const TOO_DEEP = /is JSON nested more than 64 levels deep \(at position \d+\); the hub accepts at most 64 levels of objects and arrays/

describe('JSON nesting', () => {
  it('refuses a statement with a 2,450-deep extension with 400 and stores nothing; 64 levels in all still pass, and canonical pages keep working', async () => {
    hub = await startHttpHub(newDataDir())
    const { station, pseudonym } = await classroom(hub)
    const withExtension = (value: unknown) => statementBy(pseudonym, station.homePage, { result: { extensions: { 'https://benchtop.example/ext/deep': value } } })

    const deep = withExtension(nested(2450))
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await post(hub, station.key, deep)
      expect(res.status).toBe(400)
      await expect(res.json()).resolves.toMatchObject({ error: expect.stringMatching(new RegExp(`^Body ${TOO_DEEP.source}`)) })
    }
    // statement (1) > result (2) > extensions (3) > 61 levels of value: 64 in all.
    const deepest = withExtension(nested(61))
    expect((await post(hub, station.key, deepest)).status).toBe(200)
    expect((await post(hub, station.key, deepest)).status).toBe(200) // its retry
    expect((await post(hub, station.key, withExtension(nested(62)))).status).toBe(400)
    expect(await storedIds(hub)).toEqual([deepest.id])
    const canonical = await fetch(new URL('xapi/statements?format=canonical', hub.url), { headers: xapiHeaders(teacherOf(hub)) })
    expect(canonical.status).toBe(200)
  })

  it('refuses too-deep documents and hub API bodies alike', async () => {
    hub = await startHttpHub(newDataDir())
    const { station, pseudonym } = await classroom(hub)
    const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: station.homePage, name: pseudonym } }))
    const stateUrl = new URL(`xapi/activities/state?activityId=${encodeURIComponent('https://benchtop.example/learner')}&agent=${agent}&stateId=model`, hub.url)
    const doc = await fetch(stateUrl, { method: 'POST', headers: xapiHeaders(station.key), body: JSON.stringify(nested(100)) })
    expect(doc.status).toBe(400)
    await expect(doc.json()).resolves.toMatchObject({ error: expect.stringMatching(new RegExp(`^Document ${TOO_DEEP.source}`)) })
    const roster = await fetch(new URL('api/roster', hub.url), { method: 'POST', headers: { Authorization: basic(teacherOf(hub)), 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: 'X', extra: nested(100) }) })
    expect(roster.status).toBe(400)
    await expect(roster.json()).resolves.toMatchObject({ error: expect.stringMatching(TOO_DEEP) })
    // Brackets inside strings are text, not nesting.
    const bracketsInText = await post(hub, station.key, statementBy(pseudonym, station.homePage, { result: { response: '['.repeat(190) } }))
    expect(bracketsInText.status).toBe(200)
  })
})
