/**
 * The dispatcher's credential and role check (src/hub/server.ts createDispatcher), over real HTTP
 * with stub handlers: which refusal each kind of bad key gets and in which words, which ones count
 * as guesses toward the rate limit, the 403 naming who may, and that a handler runs only for a
 * credential its route takes. test/hub/authorization.test.ts runs every route on a full hub.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { issueKey, revokeKey } from '../../src/hub/keys'
import type { GuessLimit } from '../../src/hub/limits'
import { TooManyRequests } from '../../src/hub/limits'
import { ALTERNATE_FORM_AUTH_LIMIT, createDispatcher } from '../../src/hub/server'

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
  const dispatch = createDispatcher({ db, lrsBodyLimit: null, authFailures, handlers: { 'roster-read': ok('roster-read'), 'class-list': ok('class-list'), 'xapi-about': ok('xapi-about'), 'xapi-statements-read': ok('xapi-statements-read'), 'student-export': ok('student-export') } })
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
    ['no key', undefined, 'Sign in as the teacher, or send a hub key (Authorization: Basic id:secret)', false],
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

describe('the 403 names who may', () => {
  it('two credentials, one of them the --lrs-key', async () => {
    const res = await fetch(new URL('xapi/statements', base), { headers: { Authorization: basic(station), 'X-Experience-API-Version': '2.0.0' } })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: string }).error).toBe('A station key may not GET /xapi/statements (read statements); that takes a teacher key or an --lrs-key')
  })

  it('a long path is cut to 200 characters in the refusal', async () => {
    const path = `/api/students/${'p'.repeat(300)}/export`
    const refused = await get(path.slice(1), basic(station))
    expect(refused.status).toBe(403)
    expect(refused.body.error).toBe(`A station key may not GET ${path.slice(0, 200)} (everything held about one student); that takes a teacher key`)
  })
})

/** One request with exactly these headers; the body in one piece, or in chunks with no Content-Length. */
function raw(path: string, headers: Record<string, string>, body: string | string[]): Promise<{ status: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: 'POST', headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, error: text ? (JSON.parse(text) as { error?: string }).error : undefined }))
    })
    req.on('error', reject)
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk)
      req.end()
    } else req.end(body)
  })
}

describe('credentials in an alternate-syntax form (xAPI ?method=)', () => {
  const form = 'application/x-www-form-urlencoded'
  const fields = (extra: Record<string, string>) => new URLSearchParams({ 'X-Experience-API-Version': '2.0.0', ...extra }).toString()

  it('a small form may carry the Authorization field', async () => {
    const body = fields({ Authorization: basic(teacher) })
    expect(await raw('xapi/statements?method=GET', { 'Content-Type': form, 'Content-Length': String(body.length) }, body)).toMatchObject({ status: 200 })
    expect(handled).toEqual(['xapi-statements-read'])
  })

  it('an Authorization header is used as it is, and the form is not read for it', async () => {
    const body = fields({})
    expect(await raw('xapi/statements?method=GET', { 'Content-Type': form, 'Content-Length': String(body.length), Authorization: basic(teacher) }, body)).toMatchObject({ status: 200 })
  })

  it('with the header, a form too large for its route is refused for its size (413), not for credentials', async () => {
    const big = `${fields({})}&pad=${'x'.repeat(70_000)}`
    expect(await raw('xapi/statements?method=GET', { 'Content-Type': form, 'Content-Length': String(big.length), Authorization: basic(teacher) }, big)).toMatchObject({ status: 413 })
    expect(handled).toEqual([])
  })

  it('over 64 KB declared and no header: 401 saying to send it as a header; exactly 64 KB is still read', async () => {
    expect(ALTERNATE_FORM_AUTH_LIMIT).toBe(64 * 1024)
    const big = `${fields({})}&pad=${'x'.repeat(70_000)}`
    expect(await raw('xapi/statements?method=GET', { 'Content-Type': form, 'Content-Length': String(big.length) }, big)).toEqual({
      status: 401,
      error: 'Authorization is required: an alternate-syntax request over 64 KB must send it as a header, not as a form field',
    })
    const head = `${fields({})}&pad=`
    const exact = head + 'x'.repeat(64 * 1024 - head.length)
    expect(exact.length).toBe(64 * 1024)
    // Read, and then it has no credentials: the ordinary 401.
    expect(await raw('xapi/statements?method=GET', { 'Content-Type': form, 'Content-Length': String(exact.length) }, exact)).toEqual({ status: 401, error: 'Sign in as the teacher, or send a hub key (Authorization: Basic id:secret)' })
    expect(handled).toEqual([])
  })

  it('a form that turns out over 64 KB with no Content-Length gets the same 401; a form that is not a form, its own 400', async () => {
    const chunks = [fields({}), ...Array.from({ length: 20 }, () => `&pad=${'x'.repeat(4_000)}`)]
    expect(await raw('xapi/statements?method=GET', { 'Content-Type': form, 'Transfer-Encoding': 'chunked' }, chunks)).toMatchObject({ status: 401, error: expect.stringMatching(/^Authorization is required: an alternate-syntax request over 64 KB/) })
    const notAForm = await raw('xapi/statements?method=GET', { 'Content-Type': 'text/plain', 'Content-Length': '2' }, 'hi')
    expect(notAForm.status).toBe(400)
    expect(notAForm.error).toMatch(/needs Content-Type application\/x-www-form-urlencoded/)
    expect(handled).toEqual([])
  })
})
