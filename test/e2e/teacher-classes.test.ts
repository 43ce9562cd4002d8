/**
 * The teacher's sign-in that lasts and classes, in the browser against a hub of this file's own
 * (it restarts it): the first passphrase from the setup code, an open dashboard that keeps
 * working through a hub restart, sign-out and back; two classes whose stations and views stay
 * apart, switched from the header.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'
import type { StationConfig } from '../../src/shared/station'
import type { ClassSummary } from '../../src/shared/teacher'
import { openBrowser, within, type Session } from './browser'

const VIEWPORT = { width: 1366, height: 768 }
const PASSPHRASE = 'periods one to five'
const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-teacher-'))
let hub: RunningHub
const sessions: Session[] = []

const startOwnHub = (port = 0) => startHub(parseHubArgs(['--http', '--port', String(port), '--data', dataDir], { dataDir }), { distDir: resolve(import.meta.dirname, '../../dist') })
const teacherAuth = () => ({ Authorization: `Basic ${Buffer.from(`${hub.teacherKey.id}:${hub.teacherKey.secret}`).toString('base64')}`, 'Content-Type': 'application/json' })

async function hubPost<T>(path: string, body: unknown, authorization?: string): Promise<T> {
  const headers = authorization ? { Authorization: authorization, 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' } : teacherAuth()
  const res = await fetch(new URL(path, hub.url), { method: 'POST', headers, body: JSON.stringify(body) })
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300)
  return (await res.json().catch(() => null)) as T
}

/** A station of the class whose code it uses, with one student signed in and one answer sent. */
async function answerAtStation(joinCode: string, code: string, pseudonym: string) {
  const join = await fetch(new URL('api/join', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: joinCode, label: 'Bench 1' }) })
  const station = (await join.json()) as StationConfig
  const auth = `Basic ${Buffer.from(station.key).toString('base64')}`
  await hubPost('api/signin', { code }, auth)
  await hubPost(
    'xapi/statements',
    {
      actor: { objectType: 'Agent', account: { homePage: station.homePage, name: pseudonym } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
      object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure/tasks/t1' },
      result: { success: true, response: 'placed at 6.5' },
      timestamp: new Date().toISOString(),
    },
    auth,
  )
}

beforeAll(async () => {
  hub = await startOwnHub()
})

afterAll(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.foreignRequests).toEqual([])
    await s.close()
  }
  await hub?.close()
})

async function browser() {
  const session = await openBrowser(hub.url, VIEWPORT)
  sessions.push(session)
  return session.page
}

it('signs the teacher in once: the open dashboard keeps working through a hub restart, and signing out brings back the form', async () => {
  const ada = await hubPost<{ pseudonym: string; code: string }>('api/roster', { displayName: 'Ada Lovelace' })
  const page = await browser()
  await page.goto(`${hub.url}#/teacher`)
  // First run: the setup code from the terminal, and a passphrase twice.
  await page.getByLabel('Setup code').fill(hub.teacherSetupCode!)
  await page.getByLabel('New passphrase').fill(PASSPHRASE)
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE)
  await page.screenshot({ path: '/tmp/dash-setup.png' })
  await page.getByRole('button', { name: 'Set passphrase and sign in' }).click()
  const summary = page.getByTestId('grid-summary')
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 0 working, 1 not started')
  await expect.poll(() => page.locator('.feed-state').textContent(), within).toBe('live')

  // The hub stops and starts again on the same folder (and port), with a new teacher key.
  const { port } = hub
  await hub.close()
  await expect.poll(() => page.locator('.feed-state').textContent(), within).toBe('reconnecting…')
  hub = await startOwnHub(port)
  await expect.poll(() => page.locator('.feed-state').textContent(), within).toBe('live')
  // Still signed in: an answer sent after the restart reaches the open page's live grid.
  await answerAtStation(hub.joinCode, ada.code, ada.pseudonym)
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')
  expect(await page.getByLabel('Passphrase').count()).toBe(0)
  // A reload opens the class straight away too.
  await page.reload()
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')

  // Sign out: the passphrase form, which signs in again.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByLabel('Passphrase').waitFor(within)
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Signed out.')
  await page.getByLabel('Passphrase').fill('not the passphrase')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect.poll(() => page.getByRole('alert').textContent(), within).toMatch(/^That passphrase is not right/)
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')

  // Signed out from elsewhere (the passphrase changed with the printed key): the open page's next
  // request is refused, and it shows the form with why, no browser prompt, no hang.
  await hubPost('api/teacher/passphrase', { current: PASSPHRASE, passphrase: PASSPHRASE })
  await page.getByLabel('Passphrase').waitFor(within)
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Your sign-in has ended (signed out, expired, or the passphrase was changed): sign in again.')
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')
})

it("keeps two classes apart: a station of one never sees the other's roster, and the header switches the dashboard between them", async () => {
  const page = await browser()
  await page.goto(`${hub.url}#/teacher`)
  await page.getByLabel('Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  const summary = page.getByTestId('grid-summary')
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')

  // A second class, added from the header; the dashboard switches to it.
  await page.getByRole('button', { name: 'New class' }).click()
  await page.getByLabel('New class name').fill('Period 2')
  await page.getByRole('button', { name: 'Add class' }).click()
  await expect.poll(() => page.getByLabel('Class', { exact: true }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent), within).toBe('Period 2')
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 0 working, 0 not started')
  const { classes } = (await (await fetch(new URL('api/classes', hub.url), { headers: teacherAuth() })).json()) as { classes: ClassSummary[] }
  const period2 = classes.find((c) => c.name === 'Period 2')!
  const ben = await hubPost<{ pseudonym: string; code: string }>(`api/roster?class=${period2.id}`, { displayName: 'Ben Franklin' })
  const ada = ((await (await fetch(new URL('api/roster', hub.url), { headers: teacherAuth() })).json()) as { students: { pseudonym: string }[] }).students[0]!

  // A station joins Period 2 with its code: its class list is Period 2's, nothing of Class 1.
  const station = await browser()
  await station.goto(`${hub.url}?test#/station?join=${period2.joinCode}`)
  await station.getByLabel('Station name').fill('Bench 2')
  await station.getByRole('button', { name: 'Join' }).click()
  await station.getByRole('button', { name: ben.pseudonym }).waitFor(within)
  await expect(station.content()).resolves.not.toContain(ada.pseudonym)
  await station.getByRole('button', { name: ben.pseudonym }).click()
  await station.getByRole('button', { name: 'Open Measure & Place' }).click()
  await station.getByTestId('prompt').waitFor(within)

  // The teacher's Period 2 shows Ben working (his statements came over the live feed); Class 1 shows Ada and never Ben.
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')
  await page.getByRole('tab', { name: 'Students' }).click()
  await expect.poll(() => page.getByRole('tabpanel').textContent(), within).toContain('Ben Franklin')
  await expect(page.getByRole('tabpanel').textContent()).resolves.not.toContain('Ada Lovelace')
  await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Class 1' })
  await expect.poll(() => page.getByRole('tabpanel').textContent(), within).toContain('Ada Lovelace')
  await expect(page.getByRole('tabpanel').textContent()).resolves.not.toContain('Ben Franklin')
  await page.getByRole('tab', { name: 'Live' }).click()
  await expect.poll(() => summary.textContent(), within).toBe('0 need help, 0 idle, 1 working, 0 not started')
  await page.screenshot({ path: '/tmp/dash-classes.png' })
})
