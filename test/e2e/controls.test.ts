/**
 * The teacher's station controls in real Chromium: the teacher's dashboard assigns a lab, starts
 * the rotation and pauses the class; the station (an emulated Quest 3 under IWER) follows, and
 * a VR segment that runs out ends the headset session with the break prompt.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { currentJoinCode } from './app'

const baseURL = inject('baseURL')
const teacherKey = inject('teacherKey')
const teacherAuth = { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}`, 'Content-Type': 'application/json' }
const STATION = 'Station Controls'

let station: Session
let teacher: Session

/** The controls are class-wide and the e2e hub is shared: leave them as other tests expect. */
const resetControls = () => fetch(new URL('api/controls', baseURL), { method: 'PUT', headers: teacherAuth, body: '{}' })

beforeAll(async () => {
  await resetControls()
  const added = await fetch(new URL('api/roster', baseURL), { method: 'POST', headers: teacherAuth, body: JSON.stringify({ displayName: 'Mae Jemison' }) })
  const { pseudonym } = (await added.json()) as { pseudonym: string }

  station = await openBrowser(baseURL)
  await station.page.goto(`${baseURL}?iwer=1#/station?join=${await currentJoinCode(baseURL, teacherKey)}`)
  await station.page.getByLabel('Station name').fill(STATION)
  await station.page.getByRole('button', { name: 'Join' }).click()
  await station.page.getByRole('button', { name: pseudonym, exact: true }).click()
  await station.page.getByRole('button', { name: 'Open Measure & Place' }).waitFor(within)

  teacher = await openBrowser(baseURL, { width: 1000, height: 700 })
  await teacher.page.goto(`${baseURL}#/teacher`)
  await teacher.page.getByLabel('Teacher key').fill(teacherKey)
  await teacher.page.getByRole('button', { name: 'Open the class view' }).click()
  await teacher.page.getByRole('tab', { name: 'Settings' }).click()
  await teacher.page.getByRole('heading', { name: 'Station controls' }).waitFor(within)
})

afterAll(async () => {
  await resetControls()
  for (const s of [station, teacher]) {
    if (!s) continue
    expect(s.foreignRequests).toEqual([])
    await s.close()
  }
})

it('assigns a lab that the station opens, shows the rotation countdown and assessment mode, and pauses the station', async () => {
  const { page } = station
  // The station list refreshes every few seconds: the new station appears without a reload.
  const select = teacher.page.getByLabel(`Simulation at ${STATION}`)
  await select.selectOption('measure')
  await page.getByTestId('prompt').waitFor(within)
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Measure & Place')
  // The assigned lab is the only one offered: no way back to the list of labs.
  await expect(page.getByRole('button', { name: '← All labs' }).count()).resolves.toBe(0)

  await teacher.page.getByRole('button', { name: 'Start rotation' }).click()
  const timer = page.getByRole('timer')
  await timer.waitFor(within)
  await expect(timer.textContent()).resolves.toMatch(/^Rotation 1: (19:[0-5]\d|20:00) left$/)
  await expect(timer.getAttribute('aria-label')).resolves.toMatch(/minutes? .*left/)

  // Assessment mode: the student is told; the open task keeps its hint, the next one has none.
  const openPrompt = await page.getByTestId('prompt').textContent()
  await teacher.page.getByLabel(/Assessment mode/).click()
  await page.getByText('Assessment mode', { exact: true }).waitFor(within)
  await expect(page.getByTestId('prompt').textContent()).resolves.toBe(openPrompt)
  await expect(page.getByTestId('hint').isVisible()).resolves.toBe(true)
  await page.getByTestId('next').click()
  await page.getByTestId('hint').waitFor({ state: 'detached', ...within })
  await teacher.page.getByLabel(/Assessment mode/).click()
  await page.getByText('Assessment mode', { exact: true }).waitFor({ state: 'detached', ...within })
  await page.getByTestId('next').click()
  await page.getByTestId('hint').waitFor(within)

  await page.waitForFunction(() => window.__benchtop?.three != null, undefined, within)
  await waitFrames(page, 2)
  await teacher.page.getByRole('button', { name: 'Pause all stations' }).click()
  await page.getByRole('alertdialog', { name: 'Paused by your teacher' }).waitFor(within)
  // Nothing behind the overlay takes a click, and the scene stops.
  await expect(page.getByTestId('next').click({ timeout: 500 })).rejects.toThrow()
  // The browser keeps painting (twelve animation frames go by) while the scene renders none.
  const frames = await page.evaluate(() => window.__benchtop!.frames)
  await page.evaluate(() => new Promise<void>((resolve) => {
    let left = 12
    const tick = () => (--left === 0 ? resolve() : requestAnimationFrame(tick))
    requestAnimationFrame(tick)
  }))
  await expect(page.evaluate(() => window.__benchtop!.frames)).resolves.toBe(frames)

  await teacher.page.getByRole('button', { name: 'Resume all stations' }).click()
  await page.getByRole('alertdialog', { name: 'Paused by your teacher' }).waitFor({ state: 'detached', ...within })
  await waitFrames(page, 2)
  await page.getByTestId('next').click()
})

it('ends a VR session whose segment has run out, with the break prompt, and carries on at the desktop', async () => {
  const { page } = station
  const inSession = () => page.evaluate(() => (window.__benchtop!.stores.xr!.getState() as { session?: unknown }).session != null)
  // A 6-second VR segment, so the test need not wait ten minutes.
  const res = await fetch(new URL('api/controls', baseURL), { method: 'PATCH', headers: teacherAuth, body: JSON.stringify({ rotation: { vrSegmentMinutes: 0.1, startedAt: 'now' } }) })
  expect(res.status).toBe(200)
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { session?: unknown }).session != null, undefined, within)
  const entered = Date.now()
  // First the notice in the headset, then the session ends by itself.
  await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('vr-break-notice') != null, undefined, { timeout: 15_000 })
  await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { session?: unknown }).session == null, undefined, { timeout: 10_000 })
  console.log(`VR break: session ended ${Date.now() - entered} ms after entering (segment 6 s + notice)`)
  expect(Date.now() - entered).toBeGreaterThan(5000)
  expect(await inSession()).toBe(false)
  const prompt = page.getByRole('alertdialog', { name: /Time for a break/ })
  await expect(prompt.textContent()).resolves.toContain('Time for a break: take the headset off; you can carry on at the desktop')
  await prompt.getByRole('button', { name: 'Carry on at the desktop' }).click()
  await prompt.waitFor({ state: 'detached', ...within })
  await page.getByTestId('next').click()
  await expect(page.getByTestId('enter-vr').isVisible()).resolves.toBe(true)
})

it('revokes a station key from the dashboard: the hub marks it revoked and the station leaves the controls', async () => {
  const { page } = teacher
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('tab', { name: 'Stations' }).click()
  await page.getByRole('button', { name: `Revoke ${STATION}'s key` }).click()
  await page.getByRole('button', { name: `Revoke ${STATION}'s key` }).waitFor({ state: 'detached', ...within })
  const stations = (await (await fetch(new URL('api/stations', baseURL), { headers: teacherAuth })).json()) as { stations: { label: string; revoked: string | null }[] }
  expect(stations.stations.find((s) => s.label === STATION)?.revoked).toEqual(expect.any(String))
})
