/**
 * Generated from the route table (src/hub/routes.ts): every route and method, tried over real
 * HTTP against a real hub (real SQLite) with every credential. A credential the table allows must
 * get through (any answer but 401 and 403); any other must get 401 or 403. The table it checks is
 * printed as markdown. Also: an unauthenticated 4 MB alternate-syntax form is refused unread.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { ROUTES, type Credential, type Route } from '../../src/hub/routes'
import { startHub, type RunningHub } from '../../src/hub/server'

const dist = mkdtempSync(join(tmpdir(), 'benchtop-dist-'))
mkdirSync(dist, { recursive: true })
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchtop</title>')

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`
const LRS_KEY = 'district-tool:a-long-enough-secret'

type Tried = 'none' | 'wrong secret' | 'unknown key id' | 'station' | 'revoked station' | 'teacher' | '--lrs-key' | 'teacher session' | 'ended session'
const CREDENTIALS: Tried[] = ['none', 'wrong secret', 'unknown key id', 'station', 'revoked station', 'teacher', '--lrs-key', 'teacher session', 'ended session']
/** The role each credential stands for in the table; null = it is no valid key. A signed-in browser's cookie is the teacher's. */
const ROLE: Record<Tried, Credential | null> = {
  none: null,
  'wrong secret': null,
  'unknown key id': null,
  station: 'station',
  'revoked station': null,
  teacher: 'teacher',
  '--lrs-key': 'lrs',
  'teacher session': 'teacher',
  'ended session': null,
}
/** Cookie credentials: sent as the dashboard sends them (its header included), with no Authorization. */
const COOKIE_CREDENTIALS: readonly Tried[] = ['teacher session', 'ended session']
const PASSPHRASE = 'correct horse battery staple'

let hub: RunningHub
const keys = {} as Record<Tried, string | null>

/** A fresh teacher session cookie ("name=value"), signed in with the passphrase. */
async function signInCookie(): Promise<string> {
  const res = await fetch(new URL('api/teacher/sign-in', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Benchtop-Request': '1' }, body: JSON.stringify({ passphrase: PASSPHRASE }) })
  expect(res.status).toBe(200)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/** Routes before may have signed the session out (sign-out, a passphrase change): sign in again. */
async function liveSession(): Promise<string> {
  const res = await fetch(new URL('api/teacher/session', hub.url), { headers: { Cookie: keys['teacher session']! } })
  if (!((await res.json()) as { signedIn: boolean }).signedIn) keys['teacher session'] = await signInCookie()
  return keys['teacher session']!
}
let student = ''

async function api(path: string, key: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, hub.url), { method: body === undefined ? 'GET' : 'POST', headers: { Authorization: basic(key), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
}

async function joinStation(label: string): Promise<string> {
  const res = await fetch(new URL('api/join', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: hub.joinCode, label }) })
  return ((await res.json()) as { key: string }).key
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-authz-'))
  // --no-limits: hundreds of deliberate wrong keys from one address would otherwise (rightly) be slowed down.
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, '--lrs-key', LRS_KEY, '--no-limits'], { dataDir }), { distDir: dist })
  const teacher = `${hub.teacherKey.id}:${hub.teacherKey.secret}`
  const added = (await (await api('api/roster', teacher, { displayName: 'Authorization Student' })).json()) as { pseudonym: string; code: string }
  student = added.pseudonym
  const station = await joinStation('Authorization station')
  expect((await api('api/signin', station, { code: added.code })).status).toBe(200)
  const revoked = await joinStation('Revoked station')
  expect((await api('api/signin', revoked, { code: added.code })).status).toBe(200)
  expect((await api(`api/stations/${revoked.split(':')[0]}/revoke`, teacher, {})).status).toBe(200)
  const setup = await fetch(new URL('api/teacher/setup', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ setupCode: hub.teacherSetupCode, passphrase: PASSPHRASE }) })
  expect(setup.status).toBe(200)
  const ended = await signInCookie()
  expect((await fetch(new URL('api/teacher/sign-out', hub.url), { method: 'POST', headers: { Cookie: ended, 'X-Benchtop-Request': '1' } })).status).toBe(200)
  Object.assign(keys, {
    'teacher session': await signInCookie(),
    'ended session': ended,
    none: null,
    'wrong secret': `${hub.teacherKey.id}:not-the-secret`,
    'unknown key id': 'station-000000000000:whatever',
    station,
    'revoked station': revoked,
    teacher,
    '--lrs-key': LRS_KEY,
  })
})
afterAll(() => hub.close())

const agent = () => JSON.stringify({ objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: student } })
const statement = () => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: student } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
  object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure/tasks/t1' },
  result: { success: true, response: 'placed at 6.5' },
  timestamp: new Date().toISOString(),
})

/** A request each route would serve for a caller it allows: right body, right parameters. */
function sample(route: Route, method: string): { path: string; body?: string | Buffer; type?: string } {
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`
  const activityId = 'https://w3id.org/benchtop/xapi/scenes/measure'
  const docBody = method === 'PUT' || method === 'POST' ? { body: JSON.stringify({ mastery: 0.5 }), type: 'application/json' } : {}
  switch (route.name) {
    case 'join':
      return { path: '/api/join', body: JSON.stringify({ code: hub.joinCode, label: 'Authz' }), type: 'application/json' }
    case 'sign-in':
      return { path: '/api/signin', body: JSON.stringify({ pseudonym: student }), type: 'application/json' }
    case 'revoke-station':
      return { path: '/api/stations/station-ffffffffffff/revoke' }
    case 'roster-add':
      return { path: '/api/roster', body: JSON.stringify({ displayName: 'Added In Authz' }), type: 'application/json' }
    case 'roster-add-many':
      return { path: '/api/roster/batch', body: JSON.stringify({ names: ['Batch In Authz'] }), type: 'application/json' }
    case 'roster-rename':
      return { path: `/api/roster/${student}`, body: JSON.stringify({ displayName: 'Authorization Student' }), type: 'application/json' }
    case 'roster-settings-change':
      return { path: '/api/roster/settings', body: JSON.stringify({ listSignIn: true }), type: 'application/json' }
    case 'station-heartbeat':
      return { path: '/api/station/heartbeat', body: JSON.stringify({ waiting: 0, pseudonym: student, sceneId: 'measure' }), type: 'application/json' }
    case 'student-export':
      return { path: `/api/students/${student}/export` }
    case 'student-delete':
      return { path: '/api/students/quiet-heron-77' }
    case 'purge':
      return { path: '/api/purge', body: JSON.stringify({ olderThanDays: 3650 }), type: 'application/json' }
    case 'controls-change':
      return { path: '/api/controls', body: '{}', type: 'application/json' }
    case 'xapi-statements-read':
      return { path: '/xapi/statements?limit=1' }
    case 'xapi-statements-write': {
      const s = statement()
      return { path: method === 'PUT' ? `/xapi/statements?statementId=${s.id}` : '/xapi/statements', body: JSON.stringify(s), type: 'application/json' }
    }
    case 'xapi-state':
      return { path: `/xapi/activities/state${q({ activityId: 'urn:benchtop:scene:measure', agent: agent(), stateId: 'learner-model' })}`, ...docBody }
    case 'xapi-activity-profile':
      return { path: `/xapi/activities/profile${q({ activityId, profileId: `p-${randomUUID()}` })}`, ...docBody }
    case 'xapi-agent-profile':
      return { path: `/xapi/agents/profile${q({ agent: agent(), profileId: `p-${randomUUID()}` })}`, ...docBody }
    case 'xapi-agents':
      return { path: `/xapi/agents${q({ agent: agent() })}` }
    case 'xapi-activities':
      return { path: `/xapi/activities${q({ activityId })}` }
    case 'teacher-setup':
      // Already set up: a 409 for anyone, never a way round it.
      return { path: '/api/teacher/setup', body: JSON.stringify({ setupCode: 'ABCDEFGH', passphrase: 'another long passphrase' }), type: 'application/json' }
    case 'teacher-sign-in':
      return { path: '/api/teacher/sign-in', body: JSON.stringify({ passphrase: PASSPHRASE }), type: 'application/json' }
    case 'teacher-passphrase':
      return { path: '/api/teacher/passphrase', body: JSON.stringify({ current: PASSPHRASE, passphrase: PASSPHRASE }), type: 'application/json' }
    case 'class-add':
      return { path: '/api/classes', body: JSON.stringify({ name: `Period ${randomUUID().slice(0, 8)}` }), type: 'application/json' }
    case 'class-rename':
      return { path: '/api/classes/1', body: JSON.stringify({ name: 'Class 1' }), type: 'application/json' }
    case 'station-move':
      return { path: '/api/stations/station-ffffffffffff/class', body: JSON.stringify({ classId: 1 }), type: 'application/json' }
    case 'app':
      return { path: '/' }
    default:
      return { path: route.path }
  }
}

/** One request; the status as soon as the headers arrive (the live feed never ends by itself). */
function send(method: string, path: string, key: string | null, body?: string | Buffer, type?: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // The alternate syntax carries its version in the form.
    const headers: Record<string, string> = path.includes('?method=') ? {} : { 'X-Experience-API-Version': '2.0.0' }
    if (key) headers.Authorization = basic(key)
    if (cookie) Object.assign(headers, { Cookie: cookie, 'X-Benchtop-Request': '1' })
    if (type) headers['Content-Type'] = type
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body))
    const req = request(new URL(path.slice(1), hub.url), { method, headers }, (res) => {
      resolve(res.statusCode!)
      res.destroy()
    })
    req.on('error', reject)
    req.end(body)
  })
}

const allows = (route: Route, tried: Tried) => route.roles.includes('none') || (ROLE[tried] !== null && route.roles.includes(ROLE[tried]))

describe('the route table is what the hub enforces', () => {
  it('every route, every method, every credential: allowed ones get through, the others get 401 or 403', async () => {
    const rows: string[] = []
    const mismatches: string[] = []
    for (const route of ROUTES) {
      for (const method of route.methods) {
        const cells: string[] = []
        for (const tried of CREDENTIALS) {
          const { path, body, type } = sample(route, method)
          const cookie = tried === 'teacher session' ? await liveSession() : tried === 'ended session' ? keys[tried]! : undefined
          const status = COOKIE_CREDENTIALS.includes(tried) ? await send(method, path, null, body, type, cookie) : await send(method, path, keys[tried], body, type)
          const refused = status === 401 || status === 403
          if (allows(route, tried) === refused) mismatches.push(`${method} ${path.split('?')[0]} with ${tried}: ${status}, the table says ${allows(route, tried) ? 'allowed' : 'refused'}`)
          cells.push(`${allows(route, tried) ? 'yes' : 'no'} (${status})`)
        }
        rows.push(`| ${method} ${route.path} | ${route.roles.join(', ')} | ${route.bodyLimit === 0 ? '-' : route.bodyLimit} | ${cells.join(' | ')} |`)
      }
    }
    console.log(
      ['| Route | Roles | Body limit | ' + CREDENTIALS.join(' | ') + ' |', '| --- | --- | --- | ' + CREDENTIALS.map(() => '---').join(' | ') + ' |', ...rows].join('\n'),
    )
    expect(mismatches).toEqual([])
    // About 400 requests, a dozen of them scrypt passphrase checks: 3 s alone, more on a loaded 2-core machine.
  }, 60_000)

  it('answers a refusal as JSON without WWW-Authenticate, so a browser never shows a password prompt', async () => {
    for (const path of ['api/roster', 'api/controls', 'xapi/statements']) {
      const res = await fetch(new URL(path, hub.url), { headers: { Authorization: basic('nobody:nothing'), 'X-Experience-API-Version': '2.0.0' } })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBeNull()
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      await expect(res.json()).resolves.toMatchObject({ status: 401, error: expect.any(String) })
    }
  })
})

describe('credentials before the body', () => {
  /** The hub in its own process, as in class, so that the timings are the hub's and not this test's. */
  let separate: { url: string; stop(): void }
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-authz-proc-'))
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'fixtures/run-hub.ts'), dataDir, dist, '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const line = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout! }).once('line', done)
      child.once('exit', (code) => fail(new Error(`hub exited early (${code})`)))
    })
    separate = { url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill('SIGKILL') }
  }, 60_000)
  afterAll(() => separate?.stop())

  /** POST ?method=PUT with a 4 MB form and no Authorization header; resolves with status and ms. */
  function bigAlternate(): Promise<{ status: number; ms: number }> {
    const form = `X-Experience-API-Version=1.0.3&statementId=${randomUUID()}&content=${'a'.repeat(4 * 1024 * 1024)}`
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const req = request(new URL('xapi/statements?method=PUT', separate.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length) } }, (res) => {
        resolve({ status: res.statusCode!, ms: performance.now() - started })
        res.resume()
      })
      // The hub answers and closes before the upload ends: the rest of the write fails, as it should.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)))
      req.end(form)
    })
  }

  it('refuses an unauthenticated 4 MB alternate-syntax form at once, 16 at a time, and /about keeps answering', async () => {
    const aboutAlone = performance.now()
    expect((await fetch(new URL('xapi/about', separate.url))).status).toBe(200)
    const aboutAloneMs = performance.now() - aboutAlone
    const one = await bigAlternate()
    expect(one.status).toBe(401)
    const about = (async () => {
      const started = performance.now()
      const res = await fetch(new URL('xapi/about', separate.url))
      return { status: res.status, ms: performance.now() - started }
    })()
    const many = await Promise.all(Array.from({ length: 16 }, bigAlternate))
    const aboutResult = await about
    const slowest = Math.max(...many.map((r) => r.ms))
    console.log(`unauthenticated 4 MB alternate-syntax request refused in ${one.ms.toFixed(1)} ms alone; 16 at once: slowest ${slowest.toFixed(1)} ms; /about meanwhile ${aboutResult.ms.toFixed(1)} ms (alone ${aboutAloneMs.toFixed(1)} ms)`)
    expect(many.map((r) => r.status)).toEqual(Array(16).fill(401))
    expect(aboutResult.status).toBe(200)
    // Loose bounds for a loaded 2-core machine (the client writes 64 MB meanwhile); reading and
    // parsing the 16 forms held /about up for 8.8 s before.
    expect(slowest).toBeLessThan(5000)
    expect(aboutResult.ms).toBeLessThan(4000)
  })

  it('still takes credentials from a small alternate-syntax form (xAPI 1.0.3)', async () => {
    const s = statement()
    const form = new URLSearchParams({ Authorization: basic(keys.teacher!), 'X-Experience-API-Version': '1.0.3', statementId: s.id, 'Content-Type': 'application/json', content: JSON.stringify(s) }).toString()
    const res = await fetch(new URL('xapi/statements?method=PUT', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form })
    expect(res.status, await res.text()).toBe(204)
    const other = statement()
    const wrong = new URLSearchParams({ Authorization: basic('nobody:nothing'), 'X-Experience-API-Version': '1.0.3', statementId: other.id, content: JSON.stringify(other) }).toString()
    expect(await send('POST', '/xapi/statements?method=PUT', null, wrong, 'application/x-www-form-urlencoded')).toBe(401)
  })
})
