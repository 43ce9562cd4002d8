/** A real hub (HTTP on loopback, SQLite in a temp folder) with a signed-in student, for the store tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseHubArgs } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'

export const dist = mkdtempSync(join(tmpdir(), 'benchtop-store-dist-'))
mkdirSync(dist, { recursive: true })
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchtop</title>')

export const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`
export const teacherOf = (h: RunningHub) => `${h.teacherKey.id}:${h.teacherKey.secret}`
export const xapiHeaders = (key: string) => ({ Authorization: basic(key), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' })

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'benchtop-store-'))

export function startHttpHub(dataDir: string, extra: string[] = []): Promise<RunningHub> {
  return startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, ...extra], { dataDir }), { distDir: dist })
}

export interface Classroom {
  station: { key: string; homePage: string; stationId: string }
  pseudonym: string
}

/** A student on the roster, signed in at a station that joined with the run's code. */
export async function classroom(h: RunningHub, displayName = 'Ada Lovelace'): Promise<Classroom> {
  const teacher = { Authorization: basic(teacherOf(h)), 'Content-Type': 'application/json' }
  const added = await fetch(new URL('api/roster', h.url), { method: 'POST', headers: teacher, body: JSON.stringify({ displayName }) })
  if (added.status !== 201) throw new Error(`roster POST answered ${added.status}`)
  const { pseudonym, code } = (await added.json()) as { pseudonym: string; code: string }
  const joined = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: h.joinCode, label: 'Station 1' }) })
  if (joined.status !== 201) throw new Error(`join answered ${joined.status}`)
  const station = (await joined.json()) as Classroom['station']
  const signin = await fetch(new URL('api/signin', h.url), { method: 'POST', headers: { Authorization: basic(station.key), 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
  if (signin.status !== 200) throw new Error(`sign-in answered ${signin.status}`)
  return { station, pseudonym }
}

export function statementBy(pseudonym: string, homePage: string, extra: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    actor: { objectType: 'Agent', account: { homePage, name: pseudonym } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
    object: { objectType: 'Activity', id: 'https://benchtop.example/scenes/measure/tasks/t1' },
    timestamp: new Date().toISOString(),
    ...extra,
  }
}

export async function post(h: RunningHub, key: string, body: unknown): Promise<Response> {
  return fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(key), body: JSON.stringify(body) })
}

/** Every stored statement id, following "more" links, as the teacher reads them. */
export async function storedIds(h: RunningHub): Promise<string[]> {
  const ids: string[] = []
  let next: string | null = 'xapi/statements?limit=100&ascending=true&format=ids'
  while (next) {
    const res: Response = await fetch(new URL(next.replace(/^\//, ''), h.url), { headers: xapiHeaders(teacherOf(h)) })
    if (res.status !== 200) throw new Error(`GET statements answered ${res.status}: ${await res.text()}`)
    const body = (await res.json()) as { statements: { id: string }[]; more: string }
    ids.push(...body.statements.map((s) => s.id))
    next = body.more || null
  }
  return ids
}
