/**
 * A full disk on the teacher's screen, in real Chromium: a hub of its own (the built app, real
 * SQLite) runs out of space, a station's write is refused with 507, and the class view shows a
 * banner saying so and what to do; when writes are stored again, it goes.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'
import { openBrowser, within, type Session } from './browser'

let hub: RunningHub
let teacher: Session
const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-full-'))
beforeAll(async () => {
  // global-setup built dist/ for this run.
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir], { dataDir }), { distDir: resolve(import.meta.dirname, '../../dist') })
})
afterAll(async () => {
  await teacher?.close()
  await hub?.close()
})

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`

it('shows the teacher a banner while the hub cannot store, and takes it away once it can', async () => {
  const teacherKey = `${hub.teacherKey.id}:${hub.teacherKey.secret}`
  const json = { 'Content-Type': 'application/json' }
  const student = (await (await fetch(new URL('api/roster', hub.url), { method: 'POST', headers: { ...json, Authorization: basic(teacherKey) }, body: JSON.stringify({ displayName: 'Mary Jackson' }) })).json()) as { pseudonym: string; code: string }
  const station = (await (await fetch(new URL('api/join', hub.url), { method: 'POST', headers: json, body: JSON.stringify({ code: hub.joinCode, label: 'Station 1' }) })).json()) as { key: string; homePage: string }
  expect((await fetch(new URL('api/signin', hub.url), { method: 'POST', headers: { ...json, Authorization: basic(station.key) }, body: JSON.stringify({ code: student.code }) })).status).toBe(200)
  const send = (count: number) =>
    fetch(new URL('xapi/statements', hub.url), {
      method: 'POST',
      headers: { ...json, Authorization: basic(station.key), 'X-Experience-API-Version': '2.0.0' },
      body: JSON.stringify(
        Array.from({ length: count }, () => ({
          actor: { objectType: 'Agent', account: { homePage: station.homePage, name: student.pseudonym } },
          verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
          object: { objectType: 'Activity', id: 'https://benchtop.example/scenes/measure/tasks/t1' },
          // Long answers fill the disk quickly; within the station profile's 200 characters.
          result: { response: 'w'.repeat(190) },
        })),
      ),
    })

  teacher = await openBrowser(hub.url, { width: 1000, height: 700 })
  await teacher.page.goto(`${hub.url}#/teacher`)
  await teacher.page.getByLabel('Teacher key').fill(teacherKey)
  await teacher.page.getByRole('button', { name: 'Open the class view' }).click()
  await teacher.page.getByRole('heading', { name: 'Your class, live' }).waitFor(within)
  const banner = teacher.page.getByRole('alert').filter({ hasText: "The hub's disk is full" })
  expect(await banner.count()).toBe(0)

  hub.db.pragma(`max_page_count = ${hub.db.pragma('page_count', { simple: true }) as number}`)
  expect((await send(40)).status).toBe(507)
  await banner.waitFor({ timeout: 15_000 })
  await expect(banner.textContent()).resolves.toContain(`Free space on the disk that holds ${dataDir}`)

  hub.db.pragma('max_page_count = 1073741823')
  expect((await send(40)).status).toBe(200)
  await banner.waitFor({ state: 'detached', timeout: 15_000 })
  expect(teacher.foreignRequests).toEqual([])
})
