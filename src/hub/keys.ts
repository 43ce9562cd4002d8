/**
 * Access keys. Each is a Basic-auth pair (id:secret); the secret is random, shown once and
 * stored only as a hash. Roles: teacher (reads everything), station (writes statements,
 * reads and writes its students' learner state), lrs (read and write, for external xAPI tools).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { HubDb } from './db'

export type KeyRole = 'teacher' | 'station' | 'lrs'

export interface KeyRecord {
  id: string
  label: string
  role: KeyRole
  created: string
  revoked: string | null
}

export interface IssuedKey extends KeyRecord {
  /** Only returned when the key is made: never stored in clear. */
  secret: string
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex')

export function issueKey(db: HubDb, role: KeyRole, label: string, fixed?: { id: string; secret: string }): IssuedKey {
  const id = fixed?.id ?? `${role}-${randomBytes(6).toString('hex')}`
  const secret = fixed?.secret ?? randomBytes(18).toString('base64url')
  const created = new Date().toISOString()
  db.prepare('INSERT INTO keys (id, label, role, secret_hash, created) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET secret_hash = excluded.secret_hash, role = excluded.role, revoked = NULL').run(
    id,
    label,
    role,
    hash(secret),
    created,
  )
  return { id, label, role, created, revoked: null, secret }
}

export function revokeKey(db: HubDb, id: string): boolean {
  return db.prepare('UPDATE keys SET revoked = ? WHERE id = ? AND revoked IS NULL').run(new Date().toISOString(), id).changes === 1
}

export function listKeys(db: HubDb): KeyRecord[] {
  return db.prepare('SELECT id, label, role, created, revoked FROM keys ORDER BY created').all() as KeyRecord[]
}

export type KeyCheck = { key: KeyRecord } | { key: null; reason: 'missing' | 'malformed' | 'unknown' | 'wrong' | 'revoked' }

/**
 * The key an `Authorization: Basic ...` header names, or why there is none. A revoked key with
 * its right secret is no guess (a station that was removed keeps trying): the rate limits count
 * only wrong secrets, unknown ids and malformed headers.
 */
export function checkKey(db: HubDb, header: string | undefined): KeyCheck {
  if (!header) return { key: null, reason: 'missing' }
  if (!/^Basic /i.test(header)) return { key: null, reason: 'malformed' }
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return { key: null, reason: 'malformed' }
  const id = decoded.slice(0, colon)
  const row = db.prepare('SELECT id, label, role, created, revoked, secret_hash FROM keys WHERE id = ?').get(id) as
    | (KeyRecord & { secret_hash: string })
    | undefined
  if (!row) return { key: null, reason: 'unknown' }
  const given = Buffer.from(hash(decoded.slice(colon + 1)), 'hex')
  const stored = Buffer.from(row.secret_hash, 'hex')
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return { key: null, reason: 'wrong' }
  if (row.revoked) return { key: null, reason: 'revoked' }
  const { secret_hash: _omit, ...key } = row
  return { key }
}

/** The key an `Authorization: Basic ...` header names, if it is valid and not revoked. */
export function authenticate(db: HubDb, header: string | undefined): KeyRecord | null {
  return checkKey(db, header).key
}
