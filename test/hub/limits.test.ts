/**
 * Guessing and minting limits per client address, the join code a revoked device cannot reuse,
 * and an --lrs-key that lasts only while its flag is given. Real hub, real HTTP, real SQLite.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { GUESS_LIMITS, STATION_KEYS_PER_HOUR } from '../../src/hub/limits'
import { startHub, type RunningHub } from '../../src/hub/server'

const dist = mkdtempSync(join(tmpdir(), 'benchtop-dist-'))
mkdirSync(dist, { recursive: true })
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchtop</title>')

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`

async function start(extra: string[] = [], dataDir = mkdtempSync(join(tmpdir(), 'benchtop-limits-'))): Promise<RunningHub> {
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, ...extra], { dataDir }), { distDir: dist })
  return hub
}

const teacherOf = (h: RunningHub) => `${h.teacherKey.id}:${h.teacherKey.secret}`

const post = (h: RunningHub, path: string, body: unknown, key?: string) =>
  fetch(new URL(path, h.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: basic(key) } : {}) }, body: JSON.stringify(body) })

const joinWith = (h: RunningHub, code: string) => post(h, 'api/join', { code, label: 'Station' })

/** A guess that is surely wrong: codes never contain a 0 (nor 1, O, I). */
const wrongCode = (length: number, i: number) => String(i).padStart(length, '0')

describe('guessing costs time per client address', () => {
  it('after a few wrong join codes, even the right one waits (429 with Retry-After), so 3,000 guesses are no longer possible', async () => {
    const h = await start()
    const answers: number[] = []
    for (let i = 0; i < GUESS_LIMITS.freeFailures + 5; i++) answers.push((await joinWith(h, wrongCode(6, i))).status)
    expect(answers.slice(0, GUESS_LIMITS.freeFailures)).toEqual(Array(GUESS_LIMITS.freeFailures).fill(403))
    expect(answers.at(-1)).toBe(429)
    const right = await joinWith(h, h.joinCode)
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    await expect(right.json()).resolves.toMatchObject({ error: expect.stringMatching(/Too many wrong join codes/) })
  })

  it('after a few wrong sign-in codes, the station waits before it may try another', async () => {
    const h = await start()
    const station = ((await (await joinWith(h, h.joinCode)).json()) as { key: string }).key
    const added = (await (await post(h, 'api/roster', { displayName: 'Ada' }, teacherOf(h))).json()) as { code: string }
    const answers: number[] = []
    for (let i = 0; i < GUESS_LIMITS.freeFailures + 2; i++) answers.push((await post(h, 'api/signin', { code: wrongCode(5, i) }, station)).status)
    expect(answers.slice(0, GUESS_LIMITS.freeFailures)).toEqual(Array(GUESS_LIMITS.freeFailures).fill(404))
    expect(answers.at(-1)).toBe(429)
    expect((await post(h, 'api/signin', { code: added.code }, station)).status).toBe(429)
  })

  it('after a few wrong keys, every keyed request from that address waits, the right key included', async () => {
    const h = await start()
    const get = (key: string) => fetch(new URL('api/roster', h.url), { headers: { Authorization: basic(key) } })
    const answers: number[] = []
    for (let i = 0; i < GUESS_LIMITS.freeFailures + 2; i++) answers.push((await get(`${h.teacherKey.id}:guess-${i}`)).status)
    expect(answers.slice(0, GUESS_LIMITS.freeFailures)).toEqual(Array(GUESS_LIMITS.freeFailures).fill(401))
    expect(answers.at(-1)).toBe(429)
    expect((await get(teacherOf(h))).status).toBe(429)
  })

  it('a revoked station that keeps trying its old key is not taken for a guesser', async () => {
    const h = await start()
    const station = ((await (await joinWith(h, h.joinCode)).json()) as { key: string; stationId: string })
    expect((await post(h, `api/stations/${station.key.split(':')[0]}/revoke`, {}, teacherOf(h))).status).toBe(200)
    for (let i = 0; i < GUESS_LIMITS.freeFailures + 5; i++) expect((await fetch(new URL('api/controls', h.url), { headers: { Authorization: basic(station.key) } })).status).toBe(401)
    expect((await fetch(new URL('api/roster', h.url), { headers: { Authorization: basic(teacherOf(h)) } })).status).toBe(200)
  })

  it(`one address mints at most ${STATION_KEYS_PER_HOUR} station keys an hour`, async () => {
    const h = await start()
    const answers: number[] = []
    for (let i = 0; i <= STATION_KEYS_PER_HOUR; i++) answers.push((await joinWith(h, h.joinCode)).status)
    expect(answers.slice(0, STATION_KEYS_PER_HOUR)).toEqual(Array(STATION_KEYS_PER_HOUR).fill(201))
    expect(answers.at(-1)).toBe(429)
  })

  it('--no-limits switches them off (tests and benchmarks)', async () => {
    const h = await start(['--no-limits'])
    for (let i = 0; i < GUESS_LIMITS.freeFailures + 5; i++) expect((await joinWith(h, wrongCode(6, i))).status).toBe(403)
    expect((await joinWith(h, h.joinCode)).status).toBe(201)
  })
})

describe('a revoked device cannot come back with the join code alone', () => {
  it('revoking a station changes the join code; the old one no longer joins, the new one does', async () => {
    const h = await start()
    const old = h.joinCode
    const station = (await (await joinWith(h, old)).json()) as { stationId: string }
    const revoked = await post(h, `api/stations/${station.stationId}/revoke`, {}, teacherOf(h))
    expect(revoked.status).toBe(200)
    const { joinCode } = (await revoked.json()) as { joinCode: string }
    expect(joinCode).not.toBe(old)
    expect((await joinWith(h, old)).status).toBe(403)
    expect((await joinWith(h, joinCode)).status).toBe(201)
  })

  it('the teacher can rotate the join code: the station link shows the new one, the old one stops working', async () => {
    const h = await start()
    const old = h.joinCode
    const rotated = await post(h, 'api/join-code/rotate', {}, teacherOf(h))
    expect(rotated.status).toBe(200)
    const link = (await (await fetch(new URL('api/station-link', h.url), { headers: { Authorization: basic(teacherOf(h)) } })).json()) as { joinCode: string; stationUrls: string[] }
    expect(link.joinCode).not.toBe(old)
    expect(link.stationUrls[0]).toContain(`join=${link.joinCode}`)
    expect((await joinWith(h, old)).status).toBe(403)
    expect((await joinWith(h, link.joinCode)).status).toBe(201)
  })
})

describe('--lrs-key', () => {
  it('refuses a password under 12 characters unless the teacher insists', () => {
    expect(() => parseHubArgs(['--lrs-key', 'tool:short'], { dataDir: '/d' })).toThrow(/--lrs-key's password has 5 characters; it needs 12 or more \(or add --allow-short-lrs-key\)/)
    expect(parseHubArgs(['--lrs-key', 'tool:short', '--allow-short-lrs-key'], { dataDir: '/d' }).lrsKey).toEqual({ user: 'tool', pass: 'short' })
    expect(parseHubArgs(['--lrs-key', 'tool:twelve-chars'], { dataDir: '/d' }).lrsKey).toEqual({ user: 'tool', pass: 'twelve-chars' })
  })

  it('works only while the flag is given, and the dashboard lists it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-lrs-key-'))
    const tool = 'district-tool:long-enough-secret'
    const read = (h: RunningHub) => fetch(new URL('xapi/statements?limit=1', h.url), { headers: { Authorization: basic(tool), 'X-Experience-API-Version': '2.0.0' } })
    const link = async (h: RunningHub) => ((await (await fetch(new URL('api/station-link', h.url), { headers: { Authorization: basic(teacherOf(h)) } })).json()) as { lrsKeys: { id: string }[] }).lrsKeys
    let h = await start(['--lrs-key', tool], dataDir)
    expect((await read(h)).status).toBe(200)
    expect((await link(h)).map((k) => k.id)).toEqual(['district-tool'])
    await h.close()
    h = await start([], dataDir)
    expect((await read(h)).status).toBe(401)
    expect(await link(h)).toEqual([])
  })
})
