/**
 * Adaptation a student can feel, in the real app (issue 13): a scripted student on Measure &
 * Place who answers right sees the level climb, the "why" line and the level-up moment; one who
 * answers wrong sees the level fall and the support rise; one who gets the placement all right
 * starts at level 3 or higher. In the emulated headset, the tutor's note shows the why line, the
 * moment when the level goes up (to level 3) and the step back after a wrong answer. Answers go
 * in through the page's own number field and Check button; the target is read from the ?test
 * handles.
 */
import { afterEach, beforeEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openMeasureLab } from './app'
import { openBrowser, waitFrames, type Session } from './browser'

const baseURL = inject('baseURL')
let session: Session
let page: Page

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 800, height: 600 })
  page = session.page
})
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

interface LabView {
  taskId: string
  target: number
  level: number
  skill: string
  attempts: number
  scaffoldLevel: number
  placement: boolean
}
const lab = (): Promise<LabView> =>
  page.evaluate(() => {
    const s = window.__benchtop!.stores.lab!.getState() as { task: { id: string; target: number; level: number; skill: string }; attempts: number; scaffoldLevel: number; placement: boolean }
    return { taskId: s.task.id, target: s.task.target, level: s.task.level, skill: s.task.skill, attempts: s.attempts, scaffoldLevel: s.scaffoldLevel, placement: s.placement }
  })

/** Types an answer (the target, or far from it) and checks it; then waits for the verdict. */
async function answer(right: boolean): Promise<void> {
  const { target, attempts } = await lab()
  const value = right ? target : target < 5 ? target + 3 : target - 3
  // From the keyboard (Enter in the field checks the answer): in the headset the canvas covers the page.
  await page.getByLabel('Type a position').fill(String(value))
  await page.getByLabel('Type a position').press('Enter')
  await page.waitForFunction((n) => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === n, attempts + 1, { timeout: 15_000 })
}

async function nextTask(): Promise<void> {
  const { taskId } = await lab()
  await page.getByTestId('next').focus()
  await page.keyboard.press('Enter')
  await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, taskId, { timeout: 15_000 })
}

const shownLevel = async () => Number(/Level (\d+)/.exec((await page.getByTestId('level').textContent()) ?? '')?.[1])
const shownRung = async () => Number(await page.getByTestId('support').getAttribute('data-rung'))

it('a student who answers right skips the placement, climbs to level 3 within 12 tasks of one skill, and sees why and the level-up moment', async () => {
  await openMeasureLab(page, baseURL, '?test', { placement: true })
  // A new student starts with the placement, and may skip it.
  await expect(page.getByTestId('why').textContent()).resolves.toMatch(/^Placement/)
  await page.getByTestId('skip-placement').click()
  await page.waitForFunction(() => !(window.__benchtop!.stores.lab!.getState() as { placement: boolean }).placement, undefined, { timeout: 15_000 })
  expect(await shownLevel()).toBe(1)
  await expect(page.getByTestId('skip-placement').count()).resolves.toBe(0)
  const skill = (await lab()).skill
  const levels: number[] = []
  let sawLevelUp = false
  for (let task = 0; task < 12 && (await shownLevel()) < 3; task++) {
    levels.push(await shownLevel())
    expect((await lab()).skill).toBe(skill)
    await answer(true)
    const moment = page.getByTestId('moment')
    if ((await moment.count()) > 0 && (await moment.getAttribute('data-kind')) === 'level-up') {
      sawLevelUp = true
      await expect(moment.textContent()).resolves.toMatch(/^Level up! .* now at level \d/)
    }
    await nextTask()
  }
  levels.push(await shownLevel())
  // Three right a level: 1, 1, 1, 2, 2, 2, 3.
  expect(levels).toEqual([1, 1, 1, 2, 2, 2, 3])
  expect(sawLevelUp).toBe(true)
  await expect(page.getByTestId('why').textContent()).resolves.toBe('A bit harder: you got the last three right. Level 3.')
  // The skills list shows the level reached.
  await expect(page.locator(`li[data-skill="${skill}"]`).getByTestId('skill-level').textContent()).resolves.toBe('level 3 of 5')
})

it('a student who answers wrong sees the level fall and the support rise', async () => {
  await openMeasureLab(page, baseURL, '?test', { placement: true })
  const firstLevel = await shownLevel()
  const firstRung = await shownRung()
  const seen: { level: number; rung: number }[] = [{ level: firstLevel, rung: firstRung }]
  for (let task = 0; task < 4; task++) {
    await answer(false)
    await nextTask()
    seen.push({ level: await shownLevel(), rung: await shownRung() })
  }
  // The placement starts in the middle (level 3) and steps down by each wrong answer to level 1;
  // practice then starts there with the most support (rung 0).
  expect(firstLevel).toBe(3)
  expect(seen.map((s) => s.level)).toEqual([3, 2, 1, 1, 1])
  expect(seen.at(-1)!.rung).toBe(0)
  expect(seen.at(-1)!.rung).toBeLessThan(firstRung)
  await expect(page.getByTestId('why').textContent()).resolves.not.toBe('')
})

it('a new student who gets every placement task right starts practice at level 3 or higher', async () => {
  await openMeasureLab(page, baseURL, '?test', { placement: true })
  let placementTasks = 0
  while ((await lab()).placement) {
    placementTasks++
    expect(placementTasks).toBeLessThanOrEqual(6)
    await answer(true)
    await nextTask()
  }
  // At most six placement tasks, then practice at the level the placement reached.
  expect(placementTasks).toBeGreaterThanOrEqual(3)
  expect(await shownLevel()).toBeGreaterThanOrEqual(3)
  await expect(page.getByTestId('why').textContent()).resolves.toMatch(/where your placement put you/)
})

it('in the emulated headset: the tutor note shows why, the moment when the level goes up to 3, and the step back after wrong answers', async () => {
  await openMeasureLab(page, baseURL, '?iwer=1')
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { session?: unknown }).session != null, undefined, { timeout: 30_000 })
  await waitFrames(page, 3)
  const noteText = () =>
    page.evaluate(() => {
      const note = window.__benchtop!.three!.scene.getObjectByName('tutor-note')
      const texts: string[] = []
      note?.traverse((o) => {
        const text = (o as unknown as { text?: unknown }).text
        if (typeof text === 'string') texts.push(text)
      })
      return texts
    })
  await expect(noteText()).resolves.toContainEqual(expect.stringMatching(/^A new skill: .* starting at level 1/))
  // Right answers: three a level (every answer right so far), so level 3 after six.
  for (let task = 0; task < 6; task++) {
    await answer(true)
    if (task < 5) await nextTask()
  }
  await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('tutor-moment') != null, undefined, { timeout: 15_000 })
  await expect(noteText()).resolves.toContainEqual(expect.stringMatching(/^Level up! .* now at level 3/))
  await nextTask()
  const atThree = await lab()
  expect(atThree.level).toBe(3)
  // A wrong answer: the level falls one, and the note says so; another: support rises.
  await answer(false)
  await nextTask()
  expect((await lab()).level).toBe(2)
  await page.waitForFunction(() => {
    const texts: string[] = []
    window.__benchtop!.three!.scene.getObjectByName('tutor-note')?.traverse((o) => {
      const text = (o as unknown as { text?: unknown }).text
      if (typeof text === 'string') texts.push(text)
    })
    return texts.some((t) => t.startsWith('Back to level 2'))
  }, undefined, { timeout: 15_000 })
  await answer(false)
  await nextTask()
  const after = await lab()
  expect(after.level).toBeLessThanOrEqual(2)
  expect(after.scaffoldLevel).toBeLessThan(atThree.scaffoldLevel)
})
