/**
 * What a new student met in Projectile Lab on the desktop (issue 14), each as the student
 * would meet it: typed values, a new task, a re-opened lab, and when the verdict arrives.
 */
import { afterEach, beforeEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { screenPositionOf } from './app'

const PSEUDONYM = 'quiet-finch-58'
const baseURL = inject('baseURL')
let session: Session
let page: Page

interface LabState {
  task: { id: string; kind: string; controls?: { variable: string; min: number; max: number }[] }
  attempts: number
}
const lab = () => page.evaluate(() => window.__benchtop!.stores.lab!.getState() as unknown as LabState)
const work = () => page.evaluate(() => window.__benchtop!.stores.projectile!.getState() as { angleDeg: number; speed: number; launches: number })

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 800, height: 520 })
  page = session.page
  await session.context.addInitScript((pseudonym) => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym }, version: 1 }))
  }, PSEUDONYM)
})
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

/** Opens the lab with the tutor serving `sequence` (skill@level), then skips until a task of `kind`. */
async function openAt(sequence: string, kind: string) {
  await page.goto(`${baseURL}?test&sequence=${sequence}#/lab/projectile`)
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('projectile-scene') != null, undefined, within)
  for (let i = 0; i < 20 && (await lab()).task.kind !== kind; i++) {
    const before = (await lab()).task.id
    await page.getByTestId('next').click()
    await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, before, within)
  }
  expect((await lab()).task.kind).toBe(kind)
  await waitFrames(page, 3)
}

/** Whether any ball is drawn, and the flight readouts' text. */
const flightShown = () =>
  page.evaluate(() => {
    const scene = window.__benchtop!.three!.scene
    const balls: boolean[] = []
    scene.traverse((o) => o.name === 'ball' && balls.push(o.visible))
    const readouts = scene.getObjectByName('readouts') as unknown as { text: string } | undefined
    return { ball: balls.some(Boolean), readouts: (readouts?.text ?? '').trim() }
  })

it('typing a launch angle keeps what is typed (25 stays 25), and a value out of range is clamped on leaving the field, with a message', async () => {
  await openAt('projectile.angle-range@1', 'hit-target')
  const angle = page.locator('#projectile-angleDeg')
  await angle.click()
  await angle.press('Control+a')
  await page.keyboard.type('25')
  await expect(angle.inputValue()).resolves.toBe('25')
  await page.keyboard.press('Tab')
  await expect.poll(async () => (await work()).angleDeg, within).toBe(25)
  await expect(page.getByTestId('projectile-angleDeg-note').textContent()).resolves.toBe('')
  const control = (await lab()).task.controls!.find((c) => c.variable === 'angleDeg')!
  await angle.click()
  await angle.press('Control+a')
  await page.keyboard.type(String(control.max + 15))
  await page.keyboard.press('Tab')
  await expect.poll(async () => (await work()).angleDeg, within).toBe(control.max)
  await expect(page.getByTestId('projectile-angleDeg-note').textContent()).resolves.toMatch(new RegExp(`goes from ${control.min} to ${control.max} deg.*set to ${control.max} deg`))
  await expect(angle.inputValue()).resolves.toBe(String(control.max))
})

it('a typed answer of 12,5 is refused with a message (never read as 125), and an empty answer is not submitted as 0', async () => {
  await openAt('projectile.velocity-components@1', 'compute-quantity')
  const answer = page.getByLabel('Your answer')
  const message = page.getByTestId('answer-message')
  await page.getByTestId('check').click()
  await expect(message.textContent()).resolves.toBe('Type a number first.')
  await answer.click()
  await page.keyboard.type('12,5')
  await page.keyboard.press('Enter')
  // Chromium here speaks en-US, whose decimal separator is a point.
  await expect(message.textContent()).resolves.toMatch(/point: 12\.5/)
  await waitFrames(page, 2)
  expect((await lab()).attempts).toBe(0)
  await answer.fill('-3')
  await page.keyboard.press('Enter')
  await expect(message.textContent()).resolves.toMatch(/cannot be negative/)
  expect((await lab()).attempts).toBe(0)
  await answer.fill('12.5')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === 1, undefined, within)
  const events = await page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { events: { type: string; response?: string }[] }).events)
  expect(events.filter((e) => e.type === 'attempt-assessed').at(-1)?.response).toMatch(/^12\.5 /)
})

it('the verdict waits until the ball lands', async () => {
  // A launch at a target always flies (a wrong landing prediction does not: it would show the answer).
  await openAt('projectile.predict-landing@1', 'hit-target')
  await page.getByTestId('check').click()
  // In flight: the ball is drawn and the answer is not yet judged.
  await page.waitForFunction(() => {
    let shown = false
    window.__benchtop!.three!.scene.traverse((o) => o.name === 'ball' && o.visible && (shown = true))
    return shown
  }, undefined, within)
  expect((await lab()).attempts).toBe(0)
  await expect(page.getByTestId('feedback').textContent()).resolves.toBe('')
  await page.waitForFunction(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === 1, undefined, { timeout: 20_000 })
  expect((await flightShown()).ball).toBe(true)
})

it('the next task starts with no ball and no readouts from the last flight', async () => {
  // A launch at a target always flies (a wrong landing prediction does not: it would show the answer).
  await openAt('projectile.predict-landing@1', 'hit-target')
  await page.getByTestId('check').click()
  await page.waitForFunction(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === 1, undefined, { timeout: 20_000 })
  // The flight has landed and its numbers are up (the test would prove nothing without them).
  await expect.poll(flightShown, within).toMatchObject({ ball: true, readouts: expect.stringMatching(/^t \d/) })
  const before = (await lab()).task.id
  await page.getByTestId('next').click()
  await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, before, within)
  await waitFrames(page, 10)
  expect(await flightShown()).toEqual({ ball: false, readouts: '' })
})

it('leaving the lab and opening it again does not play a launch by itself', async () => {
  // A launch at a target always flies (a wrong landing prediction does not: it would show the answer).
  await openAt('projectile.predict-landing@1', 'hit-target')
  await page.getByTestId('check').click()
  await page.waitForFunction(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === 1, undefined, { timeout: 20_000 })
  expect((await work()).launches).toBeGreaterThan(0)
  await page.getByRole('button', { name: '← All labs' }).click()
  await page.getByRole('button', { name: 'Open Projectile Lab' }).click()
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('projectile-scene') != null, undefined, within)
  // Long enough for a replayed launch to show: the ball is drawn from its first frame.
  for (let i = 0; i < 5; i++) {
    await waitFrames(page, 4)
    expect((await flightShown()).ball).toBe(false)
  }
})

it("the marker's box shows the distance rounded to the marker's step, however the slider moved it", async () => {
  await openAt('projectile.range@1', 'predict-landing')
  const box = page.locator('#projectile-marker')
  const slider = page.locator('#projectile-marker-range')
  await slider.focus()
  const shown: string[] = [await box.inputValue()]
  // The marker moves in steps of 0.05 m: two decimals at most, never 12.350000000000001.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowRight')
    shown.push(await box.inputValue())
  }
  expect(new Set(shown).size).toBeGreaterThan(6)
  for (const value of shown) expect(value).toMatch(/^\d+(\.\d{1,2})?$/)
})

it('the launch speed and angle move in steps a student can hit: one press of the fine buttons is one step (0.1 m/s, 1 degree)', async () => {
  await openAt('projectile.predict-landing@1', 'hit-target')
  const steps = Object.fromEntries(((await lab()).task.controls as unknown as { variable: string; step: number }[]).map((c) => [c.variable, c.step]))
  expect(steps).toEqual({ angleDeg: 1, speed: 0.1 })
  const start = await work()
  const click = async (name: string, changed: (w: Awaited<ReturnType<typeof work>>) => boolean) => {
    const at = await screenPositionOf(page, name)
    await page.mouse.click(at.x, at.y)
    await expect.poll(async () => changed(await work()), { timeout: 10_000 }).toBe(true)
  }
  // Away from the end of the range the start is nearer to (35 m/s is the top).
  const way = start.speed <= 30 ? 1 : -1
  for (let i = 1; i <= 3; i++) await click(`nudge-speed-${way > 0 ? 'up' : 'down'}`, (w) => Math.abs(w.speed - (start.speed + way * 0.1 * i)) < 1e-9)
  await click('nudge-angleDeg-down', (w) => w.angleDeg === start.angleDeg - 1)
  expect((await work()).speed).toBeCloseTo(start.speed + way * 0.3, 9)
})
