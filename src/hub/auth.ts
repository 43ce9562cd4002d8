/**
 * The teacher's sign-in that lasts: a passphrase set once (stored as a salted scrypt hash) and a
 * session cookie per browser (HttpOnly, SameSite=Strict, Secure over HTTPS), kept on the hub only
 * as a hash, valid across hub restarts for 30 days from its last use, revocable by signing out or
 * changing the passphrase. The printed teacher key still works for scripts (Basic auth).
 *
 * Who may set the first passphrase: only whoever holds the one-time setup code the hub prints in
 * its terminal (or the printed teacher key). A first-run form open to anyone would let the first
 * device on the classroom network to find the hub take it over; the terminal is on the teacher's
 * own laptop.
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import type { HubDb } from './db'
import { HttpError, readJson, sendJson } from './http'
import { checkKey, type KeyRecord } from './keys'
import type { GuessLimit } from './limits'
import type { TeacherSessionState } from '../shared/teacher'

export const SESSION_DAYS = 30
const SESSION_MS = SESSION_DAYS * 24 * 3_600_000
/** A session's expiry moves on at most this often (one write an hour, not one per request). */
const SLIDE_EVERY_MS = 3_600_000
export const MIN_PASSPHRASE = 10
export const MAX_PASSPHRASE = 200
/** The header the dashboard sends on every request: a page on another site cannot send it without the hub's consent (CORS), which it never gives. */
export const CSRF_HEADER = 'x-benchtop-request'
/** scrypt's cost: 16 MiB and about 50 ms per try on a laptop, so a stolen database file resists guessing. */
const SCRYPT: ScryptOptions = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

/** The cookie's name carries the port: two hubs on one computer (tests, a second class) keep their own. */
export const sessionCookieName = (port: number) => `benchtop_teacher_${port}`

/** The key a signed-in browser acts with: a teacher, as far as the route table is concerned. */
export const TEACHER_SESSION_KEY: KeyRecord = Object.freeze({ id: 'teacher-session', label: 'Teacher (signed in)', role: 'teacher', created: '1970-01-01T00:00:00.000Z', revoked: null })

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

function derive(passphrase: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFKC'), Buffer.from(salt, 'hex'), 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))))
}

function checkPassphraseShape(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new HttpError(400, `${field} (a string) is required`)
  const length = [...value].length
  if (length < MIN_PASSPHRASE || length > MAX_PASSPHRASE) throw new HttpError(400, `${field} must be ${MIN_PASSPHRASE} to ${MAX_PASSPHRASE} characters long; it has ${length}`)
  return value
}

const SETUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const makeSetupCode = () => Array.from({ length: 8 }, () => SETUP_ALPHABET[randomInt(SETUP_ALPHABET.length)]).join('')

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

const isHttps = (req: IncomingMessage) => Boolean((req.socket as TLSSocket).encrypted)

/** Forgets the passphrase and every session (`npm start -- --reset-teacher`); the next start prints a setup code. */
export function resetTeacher(db: HubDb): void {
  db.transaction(() => {
    db.prepare('DELETE FROM teacher_account').run()
    db.prepare('DELETE FROM teacher_sessions').run()
  })()
}

export type SessionCheck = { ok: true; refreshCookie: string | null } | { ok: false; reason: 'missing' | 'ended' }

export interface TeacherAuthOptions {
  /** Wrong passphrases and setup codes per client address. */
  guesses: GuessLimit
  now?: () => number
}

export function createTeacherAuth(db: HubDb, options: TeacherAuthOptions) {
  const now = options.now ?? Date.now
  const { guesses } = options
  const account = db.prepare<[], { passphrase_hash: string; salt: string }>('SELECT passphrase_hash, salt FROM teacher_account WHERE id = 1')
  const findSession = db.prepare<[string], { expires: string; last_used: string }>('SELECT expires, last_used FROM teacher_sessions WHERE token_hash = ?')
  const slide = db.prepare('UPDATE teacher_sessions SET last_used = ?, expires = ? WHERE token_hash = ?')
  const insertSession = db.prepare('INSERT INTO teacher_sessions (token_hash, created, last_used, expires) VALUES (?, ?, ?, ?)')
  const deleteSession = db.prepare('DELETE FROM teacher_sessions WHERE token_hash = ?')
  // Expired sessions are dropped as the hub starts; a lookup also refuses them by date.
  db.prepare('DELETE FROM teacher_sessions WHERE expires < ?').run(new Date(now()).toISOString())
  /** Printed in the terminal while no passphrase is set; used once. */
  let setupCode: string | null = account.get() ? null : makeSetupCode()

  const cookie = (req: IncomingMessage, token: string, maxAgeSeconds: number) =>
    `${sessionCookieName(req.socket.localPort ?? 0)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isHttps(req) ? '; Secure' : ''}`

  function startSession(req: IncomingMessage): string {
    const token = randomBytes(32).toString('base64url')
    const at = now()
    insertSession.run(tokenHash(token), new Date(at).toISOString(), new Date(at).toISOString(), new Date(at + SESSION_MS).toISOString())
    return cookie(req, token, SESSION_MS / 1000)
  }

  async function passphraseMatches(passphrase: string): Promise<boolean> {
    const stored = account.get()
    if (!stored) return false
    const given = await derive(passphrase, stored.salt)
    const expected = Buffer.from(stored.passphrase_hash, 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  async function storePassphrase(passphrase: string): Promise<void> {
    const salt = randomBytes(16).toString('hex')
    const hash = (await derive(passphrase, salt)).toString('hex')
    db.prepare('INSERT INTO teacher_account (id, passphrase_hash, salt, updated) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET passphrase_hash = excluded.passphrase_hash, salt = excluded.salt, updated = excluded.updated').run(
      hash,
      salt,
      new Date(now()).toISOString(),
    )
  }

  const sessionToken = (req: IncomingMessage) => readCookie(req, sessionCookieName(req.socket.localPort ?? 0))

  /** Cookie-authenticated requests that change something must carry the dashboard's header, and come from this hub's own page. */
  function checkSameOrigin(req: IncomingMessage): void {
    if (req.method === 'GET' || req.method === 'HEAD') return
    if (req.headers[CSRF_HEADER] === undefined) throw new HttpError(403, `A signed-in browser's request that changes something must carry the ${CSRF_HEADER} header (the dashboard sends it); refused as a possible cross-site request`)
    const origin = req.headers.origin
    if (origin !== undefined && origin !== 'null') {
      const host = req.headers.host ?? ''
      let originHost = ''
      try {
        originHost = new URL(origin).host
      } catch {
        /* not a URL: refused below */
      }
      if (originHost !== host) throw new HttpError(403, `Refused: this request came from ${origin.slice(0, 100)}, not from the hub's own page`)
    }
  }

  return {
    get setupCode() {
      return setupCode
    },
    get passphraseSet() {
      return account.get() !== undefined
    },
    /** The browser session a request's cookie names, if it is live; slides its expiry. */
    checkSession(req: IncomingMessage): SessionCheck {
      const token = sessionToken(req)
      if (!token) return { ok: false, reason: 'missing' }
      const hash = tokenHash(token)
      const row = findSession.get(hash)
      const at = now()
      if (!row || Date.parse(row.expires) <= at) {
        if (row) deleteSession.run(hash)
        return { ok: false, reason: 'ended' }
      }
      checkSameOrigin(req)
      if (at - Date.parse(row.last_used) < SLIDE_EVERY_MS) return { ok: true, refreshCookie: null }
      slide.run(new Date(at).toISOString(), new Date(at + SESSION_MS).toISOString(), hash)
      return { ok: true, refreshCookie: cookie(req, token, SESSION_MS / 1000) }
    },
    handlers: {
      'teacher-session'({ req, res }: { req: IncomingMessage; res: ServerResponse }) {
        const token = sessionToken(req)
        const row = token ? findSession.get(tokenHash(token)) : undefined
        const signedIn = row !== undefined && Date.parse(row.expires) > now()
        return sendJson(res, 200, { passphraseSet: account.get() !== undefined, signedIn } satisfies TeacherSessionState)
      },
      async 'teacher-setup'({ req, res, address, bodyLimit }: { req: IncomingMessage; res: ServerResponse; address: string; bodyLimit: number }) {
        guesses.check(address)
        const body = (await readJson(req, bodyLimit)) as { setupCode?: unknown; teacherKey?: unknown; passphrase?: unknown }
        if (account.get()) throw new HttpError(409, 'The teacher passphrase is already set: sign in with it (a lost one: stop the hub and run npm start -- --reset-teacher)')
        const passphrase = checkPassphraseShape(body?.passphrase, 'passphrase')
        const byCode = typeof body?.setupCode === 'string' && setupCode !== null && safeEqual(body.setupCode.trim().toUpperCase(), setupCode)
        const byKey = typeof body?.teacherKey === 'string' && checkKey(db, `Basic ${Buffer.from(body.teacherKey.trim()).toString('base64')}`).key?.role === 'teacher'
        if (!byCode && !byKey) {
          guesses.fail(address)
          throw new HttpError(403, "That is not the setup code the hub printed in its terminal (nor the teacher key): check the hub's window on the teacher's laptop")
        }
        await storePassphrase(passphrase)
        setupCode = null
        return sendJson(res, 200, { passphraseSet: true, signedIn: true } satisfies TeacherSessionState, { 'Set-Cookie': startSession(req) })
      },
      async 'teacher-sign-in'({ req, res, address, bodyLimit }: { req: IncomingMessage; res: ServerResponse; address: string; bodyLimit: number }) {
        guesses.check(address)
        const body = (await readJson(req, bodyLimit)) as { passphrase?: unknown; teacherKey?: unknown }
        let accepted: boolean
        if (typeof body?.teacherKey === 'string') {
          // The key printed in the terminal, for a browser that does not know the passphrase yet.
          accepted = checkKey(db, `Basic ${Buffer.from(body.teacherKey.trim()).toString('base64')}`).key?.role === 'teacher'
          if (!accepted) {
            guesses.fail(address)
            throw new HttpError(401, "The hub did not accept this key: it changes when the hub restarts. Paste the new one from the hub's terminal.")
          }
        } else {
          if (typeof body?.passphrase !== 'string' || !body.passphrase) throw new HttpError(400, 'passphrase (a string) is required')
          if (!account.get()) throw new HttpError(409, "No teacher passphrase is set yet: set one with the setup code from the hub's terminal")
          if (body.passphrase.length > MAX_PASSPHRASE * 4 || !(await passphraseMatches(body.passphrase))) {
            guesses.fail(address)
            throw new HttpError(401, 'That passphrase is not right. Forgotten it? On the teacher\'s laptop, stop the hub and run npm start -- --reset-teacher')
          }
        }
        return sendJson(res, 200, { passphraseSet: account.get() !== undefined, signedIn: true } satisfies TeacherSessionState, { 'Set-Cookie': startSession(req) })
      },
      'teacher-sign-out'({ req, res }: { req: IncomingMessage; res: ServerResponse }) {
        const token = sessionToken(req)
        if (token) deleteSession.run(tokenHash(token))
        return sendJson(res, 200, { passphraseSet: account.get() !== undefined, signedIn: false } satisfies TeacherSessionState, { 'Set-Cookie': cookie(req, '', 0) })
      },
      async 'teacher-passphrase'({ req, res, address, bodyLimit }: { req: IncomingMessage; res: ServerResponse; address: string; bodyLimit: number }) {
        guesses.check(address)
        const body = (await readJson(req, bodyLimit)) as { current?: unknown; passphrase?: unknown }
        if (typeof body?.current !== 'string') throw new HttpError(400, 'current (the passphrase now) is required')
        const next = checkPassphraseShape(body.passphrase, 'passphrase')
        if (!account.get()) throw new HttpError(409, 'No teacher passphrase is set yet')
        if (!(await passphraseMatches(body.current))) {
          guesses.fail(address)
          // 400, not 401: the session is fine, the field is wrong; the dashboard must not sign out.
          throw new HttpError(400, 'current: that is not the passphrase now; nothing was changed')
        }
        await storePassphrase(next)
        // Every other browser signs in again; this one stays (its session is kept, or made anew).
        const token = sessionToken(req)
        const keep = token && findSession.get(tokenHash(token)) ? tokenHash(token) : ''
        const signedOut = db.prepare('DELETE FROM teacher_sessions WHERE token_hash != ?').run(keep).changes
        return sendJson(res, 200, { changed: true, otherSessionsSignedOut: signedOut })
      },
    },
  }
}

export type TeacherAuth = ReturnType<typeof createTeacherAuth>

function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest()
  const y = createHash('sha256').update(b).digest()
  return timingSafeEqual(x, y)
}
