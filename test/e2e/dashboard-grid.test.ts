/**
 * The live grid for a class of 30 at 1366x768, in real Chromium against its own hub (so the
 * class is exactly the one seeded here): 30 names on the class list, 25 of whom worked at six
 * stations through the real tutor, their statements built by the real builders and posted with
 * station keys. Who is stuck, idle, working, done or not started is fixed by how each run was
 * scripted, which is the oracle for the summary line and every row's status.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import circuits from '../../scenes/circuits'
import measure from '../../scenes/measure'
import projectile from '../../scenes/projectile'
import { createRng, manualClock, type AnyPlugin, type TaskRef, type TutorEvent } from '../../src/core'
import { parseHubArgs } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'
import type { StationConfig } from '../../src/shared/station'
import { buildAll } from '../../src/telemetry/builders'
import { createTutor } from '../../src/tutor'
import { openBrowser, type Session } from './browser'

const VIEWPORT = { width: 1366, height: 768 }
const NAMES = [
  'Ada Lovelace', 'Alan Turing', 'Barbara Liskov', 'Claude Shannon', 'Dorothy Vaughan',
  'Edsger Dijkstra', 'Emmy Noether', 'Frances Allen', 'Grace Hopper', 'Hedy Lamarr',
  'Ibn al-Haytham', 'Jocelyn Bell', 'Karen Sparck Jones', 'Lise Meitner', 'Marie Curie',
  'Niels Bohr', 'Omar Khayyam', 'Paul Dirac', 'Quentin Blake', 'Rosalind Franklin',
  'Srinivasa Ramanujan', 'Tu Youyou', 'Ursula Franklin', 'Vera Rubin', 'Wangari Maathai',
  'Xu Guangqi', 'Yvonne Brill', 'Zhang Heng', 'Chien-Shiung Wu', 'Subrahmanyan Chandrasekhar',
]
type Plan = 'not-started' | 'stuck' | 'idle' | 'active' | 'done'
/** Students 0-4 have not started, 5-7 guess wrong fast, 8-9 stopped 10 minutes ago, 10-27 are at work, 28-29 finished. */
const planOf = (i: number): Plan => (i < 5 ? 'not-started' : i < 8 ? 'stuck' : i < 10 ? 'idle' : i < 28 ? 'active' : 'done')
const labOf = (i: number): AnyPlugin => ([measure, measure, projectile, circuits] as AnyPlugin[])[i % 4]!

/** One student's lab run through the real tutor, ending `endsAgoMs` before now. */
function run(plugin: AnyPlugin, learner: string, plan: Exclude<Plan, 'not-started'>, seed: number, endsAgoMs: number): TutorEvent[] {
  const events: TutorEvent[] = []
  const clock = manualClock(0)
  const tutor = createTutor({ plugin, learner, rng: createRng(seed), clock, emit: (e) => events.push(e) })
  for (let i = 0; i < 3; i++) {
    const { task } = tutor.next()
    clock.advance(12_000)
    tutor.submit(plugin.referenceSolution(task))
  }
  if (plan === 'stuck') {
    // Wrong answers faster than a considered try: the tutor's rapid-guessing alert.
    for (let i = 0; i < 4; i++) {
      const { task } = tutor.next()
      clock.advance(800)
      tutor.submit(plugin.wrongAttempt(task, createRng(seed * 10 + i)))
    }
  }
  tutor.next()
  clock.advance(1_000)
  if (plan === 'done') tutor.end('completed')
  // The run was scripted from 0: moved so that it ends `endsAgoMs` before now.
  const shift = Date.now() - endsAgoMs - clock.now()
  return events.map((e) => ({ ...e, at: e.at + shift }))
}

let hub: RunningHub
let teacherKey: string
const pseudonyms: string[] = []
const stationOf: string[] = []
const stations: StationConfig[] = []
const sessions: Session[] = []

async function startOwnHub(port = 0): Promise<RunningHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-grid-'))
  return startHub(parseHubArgs(['--http', '--port', String(port), '--data', dataDir], { dataDir }), { distDir: resolve(import.meta.dirname, '../../dist') })
}

async function post(path: string, key: string, body: unknown): Promise<Response> {
  const res = await fetch(new URL(path, hub.url), {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(key).toString('base64')}`, 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' },
    body: JSON.stringify(body),
  })
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300)
  return res
}

beforeAll(async () => {
  hub = await startOwnHub()
  teacherKey = `${hub.teacherKey.id}:${hub.teacherKey.secret}`
  for (const name of NAMES) pseudonyms.push(((await (await post('api/roster', teacherKey, { displayName: name })).json()) as { pseudonym: string }).pseudonym)
  for (let s = 1; s <= 6; s++) {
    const join = await fetch(new URL('api/join', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: hub.joinCode, label: `Station ${s}` }) })
    stations.push((await join.json()) as StationConfig)
  }
  for (let i = 0; i < NAMES.length; i++) {
    const plan = planOf(i)
    if (plan === 'not-started') continue
    const plugin = labOf(i)
    const station = stations[i % stations.length]!
    stationOf[i] = `Station ${(i % stations.length) + 1}`
    const events = run(plugin, pseudonyms[i]!, plan, 100 + i, plan === 'idle' ? 10 * 60_000 : 15_000)
    // The fixture's premise, checked: the stuck runs raised the alert, the others none.
    expect(events.filter((e) => e.type === 'alert-raised').map((e) => e.alert.kind), `alerts of student ${i} (${plan})`).toEqual(plan === 'stuck' ? ['rapid-guessing'] : [])
    const context = { homePage: station.homePage, registration: crypto.randomUUID(), stationId: station.stationId, sceneTitle: plugin.title, skillNames: Object.fromEntries(plugin.skills.map((s) => [s.id, s.name])), version: '2.0.0' as const }
    // The hub takes a station's statements only for students signed in there.
    await post('api/signin', station.key, { pseudonym: pseudonyms[i] })
    await post('xapi/statements', station.key, buildAll(events, context))
  }
})

afterAll(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.foreignRequests).toEqual([])
    await s.close()
  }
  await hub?.close()
})

async function signIn(key: string) {
  const session = await openBrowser(hub.url, VIEWPORT)
  sessions.push(session)
  const { page } = session
  await page.goto(`${hub.url}#/teacher`)
  await page.getByLabel('Teacher key').fill(key)
  await page.getByRole('button', { name: 'Open the class view' }).click()
  return page
}

it('shows all 30 students of the class in compact rows with a summary line, sorted by need, filtered, and with names hidden on the projector', async () => {
  const page = await signIn(teacherKey)
  const summary = page.getByTestId('grid-summary')
  await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toBe('3 need help, 2 idle, 18 working, 5 not started, 2 done')

  // One row per student, each with the status their run was scripted for, names shown.
  const grid = page.getByRole('table', { name: 'Students' })
  const rows = grid.locator('tbody tr')
  await expect(rows.count()).resolves.toBe(30)
  for (let i = 0; i < NAMES.length; i++) {
    const row = grid.locator(`tr[data-pseudonym="${pseudonyms[i]}"]`)
    await expect(row.count(), NAMES[i]).resolves.toBe(1)
    await expect(row.getAttribute('data-status')).resolves.toBe(planOf(i))
    await expect(row.locator('th').textContent()).resolves.toBe(NAMES[i])
    if (stationOf[i]) await expect(row.locator('.where').textContent()).resolves.toBe(`${labOf(i).title} · ${stationOf[i]}`)
  }
  const stuckRow = grid.locator(`tr[data-pseudonym="${pseudonyms[5]}"]`)
  await expect(stuckRow.locator('td.status').textContent()).resolves.toMatch(/needs help$/)
  await expect(stuckRow.locator('[data-alert="rapid-guessing"] summary').textContent()).resolves.toBe('guessing fast')
  // The tutor's reason, with its time, is there on demand.
  const reason = stuckRow.locator('[data-alert] li').first()
  await expect(reason.isVisible()).resolves.toBe(false)
  await stuckRow.locator('[data-alert] summary').click()
  await expect(reason.textContent()).resolves.toMatch(/^\d\d:\d\d.{15,}/)
  await page.screenshot({ path: '/tmp/dash-alert.png' })
  await stuckRow.locator('[data-alert] summary').click()

  // Compact: a class of 30 fits in two screen heights, and no row is taller than two lines.
  const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))
  const tableHeight = await grid.locator('tbody').evaluate((tbody) => tbody.getBoundingClientRect().height)
  console.log(`grid: 30 rows in ${Math.round(tableHeight)} px at 1366x768 (tallest ${Math.round(Math.max(...heights))} px)`)
  expect(tableHeight).toBeLessThan(2 * VIEWPORT.height)
  expect(Math.max(...heights)).toBeLessThan(48)
  // Nothing wider than the screen: no sideways scrolling at 1366 px.
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(VIEWPORT.width)
  // Readable: no row runs past the table, and every name and status shows whole (none cut short).
  const tableRight = await grid.evaluate((table) => table.getBoundingClientRect().right)
  const rights = await rows.evaluateAll((trs) => trs.map((tr) => Math.max(...[...tr.children].map((cell) => cell.getBoundingClientRect().right))))
  expect(Math.max(...rights)).toBeLessThanOrEqual(tableRight + 0.5)
  const cut = await rows.evaluateAll((trs) =>
    trs.flatMap((tr) => [...tr.querySelectorAll('th, td.status')].filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent)),
  )
  expect(cut).toEqual([])
  await page.screenshot({ path: '/tmp/dash-live.png' })
  await page.screenshot({ path: '/tmp/dash-live-full.png', fullPage: true })

  // By need: who needs help first, then idle, then who has not started.
  const order = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))) as string[]
  expect((await order()).slice(0, 10)).toEqual([...Array(3).fill('stuck'), ...Array(2).fill('idle'), ...Array(5).fill('not-started')])
  await page.getByLabel('Sort').selectOption('name')
  await expect(rows.locator('th').allTextContents()).resolves.toEqual([...NAMES].sort((a, b) => a.localeCompare(b)))

  // Filters: one lab, then one station.
  await page.getByLabel('Show lab').selectOption({ label: projectile.title })
  const inProjectile = NAMES.filter((_, i) => planOf(i) !== 'not-started' && labOf(i) === projectile)
  await expect(rows.locator('th').allTextContents()).resolves.toEqual([...inProjectile].sort((a, b) => a.localeCompare(b)))
  await page.getByLabel('Show lab').selectOption('')
  await page.getByLabel('Show station').selectOption({ label: 'Station 2' })
  await expect(rows.locator('th').allTextContents()).resolves.toEqual(NAMES.filter((_, i) => stationOf[i] === 'Station 2').sort((a, b) => a.localeCompare(b)))
  await page.getByLabel('Show station').selectOption('')

  // The projector view: lab names only, on every tab a teacher might show.
  await page.getByLabel('Projector view (hide names)').check()
  await expect(rows.locator('th').allTextContents()).resolves.toEqual([...pseudonyms].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })))
  await page.screenshot({ path: '/tmp/dash-projector.png' })
  for (const tab of ['Live', 'Class', 'Students', 'Stations']) {
    await page.getByRole('tab', { name: tab }).click()
    await page.getByRole('tabpanel', { name: tab }).waitFor()
    if (tab === 'Class') await page.getByRole('table', { name: 'Mastery by student and skill' }).waitFor()
    const text = await page.locator('body').innerText()
    expect(NAMES.filter((name) => text.includes(name)), `names on the ${tab} tab`).toEqual([])
  }
  await page.getByLabel('Projector view (hide names)').uncheck()

  // The other tabs at this size, for a look.
  await page.getByRole('tab', { name: 'Class' }).click()
  await page.getByRole('table', { name: 'Mastery by student and skill' }).waitFor()
  await page.getByRole('img', { name: /^Mastery over time for / }).waitFor()
  await page.screenshot({ path: '/tmp/dash-class.png' })
  await page.screenshot({ path: '/tmp/dash-class-full.png', fullPage: true })
  // A student's timeline keeps up with the live feed: an answer sent now appears in it.
  const late = 12
  await page.getByLabel('Student', { exact: true }).selectOption(pseudonyms[late]!)
  const timeline = page.getByRole('list', { name: `Timeline of ${NAMES[late]}` }).locator('li')
  await expect.poll(() => timeline.count()).toBeGreaterThan(3)
  const before = await timeline.count()
  const task: TaskRef = { id: 'e2e/grid/late', skill: 'measure.whole-numbers', level: 1, kind: 'place', seed: 9, prompt: 'Move the block to 9 on the track' }
  const answer: TutorEvent = { learner: pseudonyms[late]!, at: Date.now(), sceneId: 'measure', sceneVersion: '1.0.0', type: 'attempt-assessed', task, scaffoldLevel: 1, response: 'placed at 8', correct: false, score: 0, evidence: [], feedback: '', durationMs: 7_000, hintsUsed: 0, masteryBefore: 0.9, masteryAfter: 0.8 }
  const station = stations[late % stations.length]!
  await post('xapi/statements', station.key, buildAll([answer], { homePage: station.homePage, registration: crypto.randomUUID(), stationId: station.stationId, version: '2.0.0' }))
  await expect.poll(() => timeline.count(), { timeout: 10_000 }).toBe(before + 1)
  await expect(timeline.last().textContent()).resolves.toContain('Answered "placed at 8": wrong')
  await page.getByRole('tab', { name: 'Stations' }).click()
  await page.getByRole('table', { name: 'Stations' }).locator('tbody tr').nth(5).waitFor()
  await page.screenshot({ path: '/tmp/dash-stations.png' })
  await page.getByRole('tab', { name: 'Students' }).click()
  await page.screenshot({ path: '/tmp/dash-students.png' })
  // Tabs follow the arrow keys, as a tab list should.
  await page.getByRole('tab', { name: 'Students' }).press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'Stations' }).getAttribute('aria-selected')).resolves.toBe('true')
  await page.keyboard.press('ArrowRight')
  await page.getByRole('heading', { name: 'Station controls' }).waitFor()
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Settings')
  await page.screenshot({ path: '/tmp/dash-settings.png' })
})

it('brings back the sign-in form with a plain message when the hub refuses the key or the session', async () => {
  const refused = "The hub did not accept this key: it changes when the hub restarts. Paste the new one from the hub's terminal."
  // A mistyped key: told at once, the form stays.
  const page = await signIn(`${hub.teacherKey.id}:not-the-secret`)
  await expect.poll(() => page.getByRole('alert').textContent()).toBe(refused)
  await expect(page.getByLabel('Teacher key').isVisible()).resolves.toBe(true)

  // The right key, then a hub on another data folder comes up in its place (this browser's
  // session is not in it): the open page asks again. (The same folder keeps the session: teacher-classes.test.ts.)
  await page.getByLabel('Teacher key').fill(teacherKey)
  await page.getByRole('button', { name: 'Open the class view' }).click()
  await expect.poll(() => page.getByTestId('grid-summary').textContent(), { timeout: 15_000 }).toMatch(/^3 need help/)
  const { port } = hub
  await hub.close()
  hub = await startOwnHub(port)
  await page.getByLabel('Teacher key').waitFor({ timeout: 20_000 })
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Your sign-in has ended (signed out, expired, or the passphrase was changed): sign in again.')
  await page.screenshot({ path: '/tmp/dash-refused.png' })
  // The new key opens the (new, empty) class.
  await page.getByLabel('Teacher key').fill(`${hub.teacherKey.id}:${hub.teacherKey.secret}`)
  await page.getByRole('button', { name: 'Open the class view' }).click()
  await expect.poll(() => page.getByTestId('grid-summary').textContent(), { timeout: 15_000 }).toBe('0 need help, 0 idle, 0 working, 0 not started')
})
