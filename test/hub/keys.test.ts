/**
 * Hub keys, worked by hand: which Authorization headers name a live key, what issuing, re-issuing
 * and revoking do. A wrong answer here lets a revoked or guessed key in, or locks a teacher out.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { authenticate, issueKey, listKeys, revokeKey } from '../../src/hub/keys'

let dir: string
let db: HubDb
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-keys-'))
  db = openHubDb(dir)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const basic = (pair: string): string => `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`

describe('authenticate', () => {
  it('a live key with its secret is that key, without its hash', () => {
    const key = issueKey(db, 'station', 'Station 3', { id: 'station-3', secret: 's3cret' })
    expect(authenticate(db, basic('station-3:s3cret'))).toEqual({ id: 'station-3', label: 'Station 3', role: 'station', created: key.created, revoked: null })
    // The scheme is case-insensitive (RFC 7617); spaces around the credentials are tolerated.
    expect(authenticate(db, `basic ${Buffer.from('station-3:s3cret').toString('base64')}  `)?.id).toBe('station-3')
  })

  it('a secret may itself contain colons: only the first one separates the id', () => {
    issueKey(db, 'lrs', 'Tool', { id: 'lrs-1', secret: 'a:b:c' })
    expect(authenticate(db, basic('lrs-1:a:b:c'))?.role).toBe('lrs')
    expect(authenticate(db, basic('lrs-1:a'))).toBeNull()
  })

  it('refuses no header, another scheme, no colon, an unknown id, a wrong or empty secret', () => {
    issueKey(db, 'teacher', 'Teacher', { id: 'teacher', secret: 'pw' })
    expect(authenticate(db, undefined)).toBeNull()
    expect(authenticate(db, '')).toBeNull()
    expect(authenticate(db, `Bearer ${Buffer.from('teacher:pw').toString('base64')}`)).toBeNull()
    expect(authenticate(db, `XBasic ${Buffer.from('teacher:pw').toString('base64')}`)).toBeNull()
    expect(authenticate(db, basic('teacherpw'))).toBeNull()
    expect(authenticate(db, basic('nobody:pw'))).toBeNull()
    expect(authenticate(db, basic('teacher:pW'))).toBeNull()
    expect(authenticate(db, basic('teacher:'))).toBeNull()
    expect(authenticate(db, basic('teacher:pw'))?.id).toBe('teacher')
  })

  it('a revoked key is refused, even with the right secret', () => {
    issueKey(db, 'station', 'S', { id: 'station-9', secret: 'x' })
    expect(revokeKey(db, 'station-9')).toBe(true)
    expect(authenticate(db, basic('station-9:x'))).toBeNull()
  })
})

describe('issuing and revoking', () => {
  it('a new key gets a role-prefixed random id and a 24-character secret, stored only as a hash', () => {
    const a = issueKey(db, 'station', 'Station 1')
    const b = issueKey(db, 'station', 'Station 2')
    expect(a.id).toMatch(/^station-[0-9a-f]{12}$/)
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(b.id).not.toBe(a.id)
    expect(b.secret).not.toBe(a.secret)
    expect(a).toMatchObject({ label: 'Station 1', role: 'station', revoked: null })
    expect(Number.isNaN(Date.parse(a.created))).toBe(false)
    const stored = db.prepare('SELECT secret_hash FROM keys WHERE id = ?').get(a.id) as { secret_hash: string }
    // SHA-256 in hex, and not the secret.
    expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.secret_hash).not.toContain(a.secret)
    expect(authenticate(db, basic(`${a.id}:${a.secret}`))?.label).toBe('Station 1')
  })

  it('re-issuing a fixed id replaces its secret and role and lifts a revocation', () => {
    issueKey(db, 'station', 'Bench', { id: 'bench', secret: 'old' })
    revokeKey(db, 'bench')
    issueKey(db, 'lrs', 'Bench', { id: 'bench', secret: 'new' })
    expect(authenticate(db, basic('bench:old'))).toBeNull()
    expect(authenticate(db, basic('bench:new'))).toMatchObject({ id: 'bench', role: 'lrs', revoked: null })
  })

  it('revoking is once: a second revoke, or an unknown id, changes nothing', () => {
    issueKey(db, 'station', 'S', { id: 's', secret: 'x' })
    expect(revokeKey(db, 's')).toBe(true)
    const revokedAt = listKeys(db).find((k) => k.id === 's')!.revoked
    expect(revokedAt).not.toBeNull()
    expect(revokeKey(db, 's')).toBe(false)
    expect(listKeys(db).find((k) => k.id === 's')!.revoked).toBe(revokedAt)
    expect(revokeKey(db, 'ghost')).toBe(false)
  })

  it('lists every key in the order made, without secrets', () => {
    issueKey(db, 'teacher', 'T', { id: 't', secret: '1' })
    issueKey(db, 'station', 'S', { id: 's', secret: '2' })
    const keys = listKeys(db)
    expect(keys.map((k) => k.id)).toEqual(['t', 's'])
    expect(Object.keys(keys[0]!).sort()).toEqual(['created', 'id', 'label', 'revoked', 'role'])
  })
})
