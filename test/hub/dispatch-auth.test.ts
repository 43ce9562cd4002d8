/**
 * The dispatcher's credential and role check (src/hub/server.ts createDispatcher), over real HTTP
 * with stub handlers: which refusal each kind of bad key gets and in which words, which ones count
 * as guesses toward the rate limit, the 403 naming who may, and that a handler runs only for a
 * credential its route takes. test/hub/authorization.test.ts runs every route on a full hub.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { issueKey, revokeKey } from '../../src/hub/keys'
import type { GuessLimit } from '../../src/hub/limits'
import { TooManyRequests } from '../../src/hub/limits'
import { createDispatcher } from '../../src/hub/server'

let dir: string
let db: HubDb
let server: Server
let base: string
const handled: string[] = []
const guesses = { checked: 0, failed: 0, blocked: false }

const authFailures: GuessLimit = {
  check() {
    guesses.checked++
    if (guesses.blocked) throw new TooManyRequests('Too many wrong keys from this address: wait 5 s and try again', 5_000)
  },
  fail() {
    guesses.failed++
  },
  tracked: 0,
}

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`
let teacher = ''
let station = ''
const revoked = 'station-2:gone-secret'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-dispatch-'))
  db = openHubDb(dir)
  teacher = `teacher-1:${issueKey(db, 'teacher', 'Teacher', { id: 'teacher-1', secret: 'teacher-secret' }).secret}`
  station = `station-1:${issueKey(db, 'station', 'Station 1', { id: 'station-1', secret: 'station-secret' }).secret}`
  issueKey(db, 'station', 'Station 2', { id: 'station-2', secret: 'gone-secret' })
  revokeKey(db, 'station-2')
  const ok = (name: string) => ({ res }: { res: import('node:http').ServerResponse }) => {
    handled.push(name)
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
  }
  const dispatch = createDispatcher({ db, lrsBodyLimit: null, authFailures, handlers: { 'roster-read': ok('roster-read'), 'class-list': ok('class-list'), 'xapi-about': ok('xapi-about') } })
  server = createServer((req, res) => void dispatch(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  db.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  handled.length = 0
  Object.assign(guesses, { checked: 0, failed: 0, blocked: false })
})

async function get(path: string, authorization?: string): Promise<{ status: number; body: { error?: string; ok?: boolean } }> {
  const res = await fetch(new URL(path, base), { headers: authorization === undefined ? {} : { Authorization: authorization } })
  return { status: res.status, body: (await res.json()) as { error?: string } }
}

describe('who gets through', () => {
  it('the teacher reads the roster; the handler runs once', async () => {
    expect(await get('api/roster', basic(teacher))).toEqual({ status: 200, body: { ok: true } })
    expect(handled).toEqual(['roster-read'])
    expect(guesses).toMatchObject({ checked: 1, failed: 0 })
  })

  it('a station key is refused the roster with 403 naming who may, and no handler runs', async () => {
    expect(await get('api/roster', basic(station))).toEqual({
      status: 403,
      body: { status: 403, error: 'A station key may not GET /api/roster (names, pseudonyms and sign-in codes); that takes a teacher key' },
    })
    expect(handled).toEqual([])
    // A valid key in the wrong place is not a guess.
    expect(guesses.failed).toBe(0)
  })

  it('a route for two roles lists both; a station gets the class list', async () => {
    expect((await get('api/class', basic(station))).status).toBe(200)
    expect(handled).toEqual(['class-list'])
  })

  it('an open route takes no key and does not look at one', async () => {
    expect((await get('xapi/about')).status).toBe(200)
    expect((await get('xapi/about', basic('nobody:wrong'))).status).toBe(200)
    expect(guesses).toMatchObject({ checked: 0, failed: 0 })
  })
})

describe('refusals of bad keys, in the words the teacher reads', () => {
  const cases: [string, string | undefined, string, boolean][] = [
    ['no key', undefined, 'A hub key is required (Authorization: Basic id:secret)', false],
    ['not Basic', 'Bearer abc', 'The Authorization header is not Basic id:secret', true],
    ['no colon', basic('teacher-1'), 'The Authorization header is not Basic id:secret', true],
    ['unknown id', basic('station-9:whatever'), 'The key is unknown, revoked, or its secret is wrong', true],
    ['wrong secret', basic('teacher-1:guess'), 'The key is unknown, revoked, or its secret is wrong', true],
    ['revoked', basic(revoked), 'This key was revoked by the teacher: join the hub again with the current join code', false],
  ]
  for (const [what, header, words, isGuess] of cases) {
    it(`${what}: 401, ${isGuess ? 'counted as a guess' : 'not a guess'}`, async () => {
      expect(await get('api/roster', header)).toEqual({ status: 401, body: { status: 401, error: words } })
      expect(handled).toEqual([])
      expect(guesses).toEqual({ checked: 1, failed: isGuess ? 1 : 0, blocked: false })
    })
  }

  it('an address that guessed too often waits, even with the right key, before the key is looked at', async () => {
    guesses.blocked = true
    const blocked = await get('api/roster', basic(teacher))
    expect(blocked.status).toBe(429)
    expect(blocked.body.error).toMatch(/^Too many wrong keys/)
    expect(handled).toEqual([])
    expect(guesses.failed).toBe(0)
  })
})
