/**
 * The teacher's sign-in that lasts, on a real hub (real HTTP, real SQLite): a passphrase set once
 * with the setup code from the terminal, a session cookie that survives a restart, sign-out,
 * changing the passphrase, --reset-teacher, the CSRF check and the guessing limit.
 */
import { request } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { afterEach, describe, expect, it } from 'vitest'
import { resetTeacher } from '../../src/hub/auth'
import { parseHubArgs } from '../../src/hub/config'
import { openHubDb } from '../../src/hub/db'
import { startHub, type RunningHub } from '../../src/hub/server'
import { dist, newDataDir, startHttpHub } from './store-helpers'

const PASSPHRASE = 'tea at four, lab at five'
const DASHBOARD = { 'Content-Type': 'application/json', 'X-Benchtop-Request': '1' }

let hubs: RunningHub[] = []
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close()
})

/** A hub on `port` (0: any free one); a restart reuses the port, as the cookie's name carries it. */
async function start(dataDir = newDataDir(), port = 0) {
  const hub = await startHttpHub(dataDir, ['--port', String(port)])
  hubs.push(hub)
  return hub
}

async function stop(hub: RunningHub) {
  hubs = hubs.filter((h) => h !== hub)
  await hub.close()
}

/**
 * fetch() on a connection of its own: a hub that restarts closes the pooled connections of the
 * one before, and a pooled fetch could pick one of those up as the restart happens.
 */
function call(hub: RunningHub, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, hub.url), { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
        resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode, headers }))
      })
    })
    req.on('error', reject)
    req.end(init.body)
  })
}
const post = (hub: RunningHub, path: string, body: unknown, headers: Record<string, string> = {}) => call(hub, path, { method: 'POST', headers: { ...DASHBOARD, ...headers }, body: JSON.stringify(body) })
/** "name=value" of the cookie a response sets. */
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!

async function setUp(hub: RunningHub): Promise<string> {
  const res = await post(hub, 'api/teacher/setup', { setupCode: hub.teacherSetupCode, passphrase: PASSPHRASE })
  expect(res.status, await res.clone().text()).toBe(200)
  return cookieOf(res)
}

async function signIn(hub: RunningHub, passphrase = PASSPHRASE) {
  return post(hub, 'api/teacher/sign-in', { passphrase })
}

const roster = (hub: RunningHub, cookie: string) => call(hub, 'api/roster', { headers: { Cookie: cookie } })

describe('the first passphrase', () => {
  it('is set only with the setup code the terminal shows, once, and the browser is signed in by it', async () => {
    const hub = await start()
    expect(await (await call(hub, 'api/teacher/session')).json()).toEqual({ passphraseSet: false, signedIn: false })
    expect(hub.teacherSetupCode).toMatch(/^[A-Z2-9]{8}$/)
    const wrongCode = await post(hub, 'api/teacher/setup', { setupCode: 'AAAAAAAA', passphrase: PASSPHRASE })
    expect(wrongCode.status).toBe(403)
    const short = await post(hub, 'api/teacher/setup', { setupCode: hub.teacherSetupCode, passphrase: 'short' })
    expect(short.status).toBe(400)
    expect(((await short.json()) as { error: string }).error).toBe('passphrase must be 10 to 200 characters long; it has 5')
    const res = await post(hub, 'api/teacher/setup', { setupCode: hub.teacherSetupCode, passphrase: PASSPHRASE })
    expect(res.status).toBe(200)
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(new RegExp(`^benchtop_teacher_${hub.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000$`))
    expect(hub.teacherSetupCode).toBeNull()
    const again = await post(hub, 'api/teacher/setup', { setupCode: 'AAAAAAAA', passphrase: 'someone elses passphrase' })
    expect(again.status).toBe(409)
    const cookie = cookieOf(res)
    expect((await roster(hub, cookie)).status).toBe(200)
    expect(await (await call(hub, 'api/teacher/session', { headers: { Cookie: cookie } })).json()).toEqual({ passphraseSet: true, signedIn: true })
    // Stored as a salted hash: neither the passphrase nor the cookie is in the database.
    const account = hub.db.prepare('SELECT passphrase_hash, salt FROM teacher_account').get() as { passphrase_hash: string; salt: string }
    expect(account.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(account.passphrase_hash).toMatch(/^[0-9a-f]{64}$/)
    const dump = JSON.stringify(hub.db.prepare('SELECT * FROM teacher_sessions').all()) + JSON.stringify(account)
    expect(dump).not.toContain(PASSPHRASE)
    expect(dump).not.toContain(cookie.split('=')[1])
  })

  it('may also be set with the printed teacher key instead of the setup code', async () => {
    const hub = await start()
    const res = await post(hub, 'api/teacher/setup', { teacherKey: `${hub.teacherKey.id}:${hub.teacherKey.secret}`, passphrase: PASSPHRASE })
    expect(res.status).toBe(200)
  })
})

describe('a signed-in browser', () => {
  it('gets a Secure cookie over HTTPS', async () => {
    const dataDir = newDataDir()
    const hub = await startHub(parseHubArgs(['--port', '0', '--host', '127.0.0.1', '--data', dataDir], { dataDir }), { distDir: dist })
    hubs.push(hub)
    const setCookie = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ setupCode: hub.teacherSetupCode, passphrase: PASSPHRASE })
      const req = httpsRequest(new URL('api/teacher/setup', hub.url), { method: 'POST', headers: DASHBOARD, rejectUnauthorized: false, agent: false }, (res) => {
        res.resume()
        expect(res.statusCode).toBe(200)
        resolve(String(res.headers['set-cookie']))
      })
      req.on('error', reject)
      req.end(body)
    })
    expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=2592000; Secure$/)
  })

  it('stays signed in when the hub restarts on the same data folder', async () => {
    const dataDir = newDataDir()
    let hub = await start(dataDir)
    const cookie = await setUp(hub)
    const added = await post(hub, 'api/roster', { displayName: 'Grace Hopper' }, { Cookie: cookie })
    expect(added.status).toBe(201)
    const port = hub.port
    await stop(hub)
    hub = await start(dataDir, port)
    expect(hub.teacherSetupCode).toBeNull()
    const res = await roster(hub, cookie)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { students: { displayName: string }[] }).students.map((s) => s.displayName)).toEqual(['Grace Hopper'])
  })

  it('needs the dashboard header and its own origin to change anything (CSRF), not to read', async () => {
    const hub = await start()
    const cookie = await setUp(hub)
    const noHeader = await call(hub, 'api/roster', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: 'Forged' }) })
    expect(noHeader.status).toBe(403)
    const otherSite = await post(hub, 'api/roster', { displayName: 'Forged' }, { Cookie: cookie, Origin: 'https://evil.example' })
    expect(otherSite.status).toBe(403)
    const own = await post(hub, 'api/roster', { displayName: 'Real' }, { Cookie: cookie, Origin: new URL(hub.url).origin })
    expect(own.status).toBe(201)
    const names = ((await (await roster(hub, cookie)).json()) as { students: { displayName: string }[] }).students.map((s) => s.displayName)
    expect(names).toEqual(['Real'])
  })

  it('is signed out by sign-out: its cookie is refused with a plain 401, no browser prompt', async () => {
    const hub = await start()
    const cookie = await setUp(hub)
    const out = await call(hub, 'api/teacher/sign-out', { method: 'POST', headers: { Cookie: cookie, 'X-Benchtop-Request': '1' } })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    const after = await roster(hub, cookie)
    expect(after.status).toBe(401)
    expect(after.headers.get('www-authenticate')).toBeNull()
    expect(((await after.json()) as { error: string }).error).toMatch(/^Your teacher sign-in has ended/)
  })

  it('expires 30 days after its last use, and each use (at most hourly) moves that on', async () => {
    const hub = await start()
    const cookie = await setUp(hub)
    const day = 24 * 3_600_000
    // Last used 2 hours ago, expiring in a day: a request slides it to 30 days from now and renews the cookie.
    hub.db.prepare('UPDATE teacher_sessions SET last_used = ?, expires = ?').run(new Date(Date.now() - 2 * 3_600_000).toISOString(), new Date(Date.now() + day).toISOString())
    const used = await roster(hub, cookie)
    expect(used.status).toBe(200)
    expect(used.headers.get('set-cookie')).toMatch(/Max-Age=2592000/)
    const { expires } = hub.db.prepare('SELECT expires FROM teacher_sessions').get() as { expires: string }
    expect(Math.abs(Date.parse(expires) - (Date.now() + 30 * day))).toBeLessThan(60_000)
    hub.db.prepare('UPDATE teacher_sessions SET expires = ?').run(new Date(Date.now() - 1000).toISOString())
    expect((await roster(hub, cookie)).status).toBe(401)
  })
})

describe('the passphrase', () => {
  it('is changed only with the current one, and the change signs out every other browser', async () => {
    const hub = await start()
    const mine = await setUp(hub)
    const other = cookieOf(await signIn(hub))
    const wrong = await post(hub, 'api/teacher/passphrase', { current: 'not the passphrase', passphrase: 'a brand new passphrase' }, { Cookie: mine })
    expect(wrong.status).toBe(400)
    expect((await roster(hub, other)).status).toBe(200)
    const changed = await post(hub, 'api/teacher/passphrase', { current: PASSPHRASE, passphrase: 'a brand new passphrase' }, { Cookie: mine })
    expect(changed.status).toBe(200)
    expect((await changed.json()) as unknown).toEqual({ changed: true, otherSessionsSignedOut: 1 })
    expect((await roster(hub, mine)).status).toBe(200)
    expect((await roster(hub, other)).status).toBe(401)
    expect((await signIn(hub)).status).toBe(401)
    expect((await signIn(hub, 'a brand new passphrase')).status).toBe(200)
  })

  it('is forgotten by --reset-teacher, with every session; the next start prints a new setup code', async () => {
    expect(parseHubArgs(['--reset-teacher'], { dataDir: '/d' }).resetTeacher).toBe(true)
    const dataDir = newDataDir()
    let hub = await start(dataDir)
    const cookie = await setUp(hub)
    const port = hub.port
    await stop(hub)
    const db = openHubDb(dataDir)
    resetTeacher(db)
    db.close()
    hub = await start(dataDir, port)
    expect(hub.teacherSetupCode).toMatch(/^[A-Z2-9]{8}$/)
    expect((await roster(hub, cookie)).status).toBe(401)
    expect(await (await call(hub, 'api/teacher/session')).json()).toEqual({ passphraseSet: false, signedIn: false })
    expect((await post(hub, 'api/teacher/setup', { setupCode: hub.teacherSetupCode, passphrase: 'the new passphrase' })).status).toBe(200)
  })

  it('slows down guessing: after ten wrong passphrases from one address the hub answers 429 with Retry-After', async () => {
    const hub = await start()
    await setUp(hub)
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await signIn(hub, `wrong guess number ${i}`)).status)
    expect(statuses.slice(0, 11)).toEqual(Array(11).fill(401))
    expect(statuses[11]).toBe(429)
    const refused = await signIn(hub)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
  })
})
