/**
 * Help that teaches, not tells, in real Chromium: hints run out and the Hint control says so,
 * two wrong tries bring "Show the solution", which ends the task (the revealed answer typed
 * back is not marked right: the task takes no more answers, and the tutor would not mark it), and under the teacher's assessment mode there is no Hint control
 * and no solution anywhere: not on the page, not in the 3D scene, not in the headset (IWER).
 */
import { afterAll, afterEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { currentJoinCode, openMeasureLab, screenPositionOf } from './app'
import { openBrowser, waitFrames, type Session } from './browser'

const baseURL = inject('baseURL')
const teacherKey = inject('teacherKey')
const teacherAuth = { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}`, 'Content-Type': 'application/json' }

let session: Session | null = null

afterEach(async () => {
  if (!session) return
  expect(session.foreignRequests).toEqual([])
  await session.close()
  session = null
})

/** The controls are class-wide and the e2e hub is shared: leave them as other tests expect. */
afterAll(() => fetch(new URL('api/controls', baseURL), { method: 'PUT', headers: teacherAuth, body: '{}' }))

interface Lab {
  task: { id: string; target: number }
  attempts: number
  hints: string[]
  hintsLeft: number
  solution?: string
  lastAssessment?: { correct: boolean; feedback: string }
}
const lab = (page: Page) => page.evaluate(() => window.__benchtop!.stores.lab!.getState() as unknown as Lab)

/** The text on an in-world button: the label next to its named mesh. */
function worldLabel(page: Page, name: string): Promise<string | null> {
  return page.evaluate((name) => {
    const mesh = window.__benchtop!.three!.scene.getObjectByName(name)
    if (!mesh) return null
    const label = mesh.parent!.children.find((c) => typeof (c as unknown as { text?: unknown }).text === 'string') as unknown as { text: string } | undefined
    return label?.text ?? null
  }, name)
}
const inScene = (page: Page, name: string) => page.evaluate((name) => window.__benchtop!.three!.scene.getObjectByName(name) != null, name)

/** Types a position well away from the target and checks it: a wrong answer. */
async function answerWrong(page: Page) {
  const { task, attempts } = await lab(page)
  await page.locator('#measure-number').fill(String(task.target >= 5 ? task.target - 2.5 : task.target + 2.5))
  await page.getByTestId('check').click()
  await page.waitForFunction((n) => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === n, attempts + 1)
}

it('runs out of hints: the Hint control, on the page and in the scene, says so and is disabled', async () => {
  session = await openBrowser(baseURL)
  const { page } = session
  await openMeasureLab(page, baseURL)
  const total = (await lab(page)).hintsLeft
  expect(total).toBeGreaterThanOrEqual(3)
  const hint = page.getByTestId('hint')
  // The first hint from the in-world button, the rest from the page.
  const inWorld = await screenPositionOf(page, 'hint-button')
  await page.mouse.click(inWorld.x, inWorld.y)
  await page.locator('ol.hints li').first().waitFor()
  for (let i = 1; i < total; i++) {
    await expect(hint.isEnabled()).resolves.toBe(true)
    await hint.click()
    await page.locator('ol.hints li').nth(i).waitFor()
  }
  await expect(hint.textContent()).resolves.toBe('No hints left')
  await expect(hint.isDisabled()).resolves.toBe(true)
  await expect(page.locator('ol.hints li').count()).resolves.toBe(total)
  await page.waitForFunction(() => {
    const mesh = window.__benchtop!.three!.scene.getObjectByName('hint-button')
    return mesh?.parent?.children.some((c) => (c as unknown as { text?: string }).text === 'No hints left') === true
  })
  // Pressing the spent in-world button asks for nothing.
  const button = await screenPositionOf(page, 'hint-button')
  await page.mouse.click(button.x, button.y)
  await waitFrames(page, 3)
  expect((await lab(page)).hints.length).toBe(total)
  // With every hint used, the student may ask for the solution.
  await page.getByTestId('show-solution').waitFor()
})

it('after two wrong tries offers the solution, on the page and in the headset, which ends the task: the answer typed back is not marked right', async () => {
  session = await openBrowser(baseURL)
  const { page } = session
  await openMeasureLab(page, baseURL, '?iwer=1')
  await answerWrong(page)
  await expect(page.getByTestId('feedback').getAttribute('data-correct')).resolves.toBe('false')
  const feedback = (await lab(page)).lastAssessment!.feedback
  // The feedback names a next step and not where the block belongs.
  expect(feedback).toMatch(/Next step/)
  expect((feedback.match(/\d+(\.\d+)?/g) ?? []).map(Number)).not.toContain((await lab(page)).task.target)
  await expect(page.getByTestId('show-solution').count()).resolves.toBe(0)
  await answerWrong(page)
  // In the headset the task panel offers it too, and shows it once asked for.
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('solution-button') != null)
  // The emulator's overlay covers the page while in VR: the page's button by keyboard.
  await page.getByTestId('show-solution').press('Enter')
  const solution = page.getByTestId('solution')
  await solution.waitFor()
  await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('task-panel-solution') != null)
  expect(await inScene(page, 'solution-button')).toBe(false)
  const { task } = await lab(page)
  await expect(solution.textContent()).resolves.toContain(String(task.target))
  await expect(page.getByTestId('show-solution').count()).resolves.toBe(0)
  await expect(page.getByTestId('next').textContent()).resolves.toBe('Next task')

  // The task is over: typing the revealed answer back and pressing Enter marks nothing.
  await expect(page.getByTestId('check').isDisabled()).resolves.toBe(true)
  await page.locator('#measure-number').fill(String(task.target))
  await page.locator('#measure-number').press('Enter')
  await waitFrames(page, 3)
  const after = await lab(page)
  expect(after.attempts).toBe(2)
  expect(after.lastAssessment?.correct).toBe(false)
  await expect(page.getByTestId('feedback').getAttribute('data-correct')).resolves.toBe('false')
})

it('in assessment mode shows no hint control and no solution, on the page, in the scene and in the headset', async () => {
  const added = await fetch(new URL('api/roster', baseURL), { method: 'POST', headers: teacherAuth, body: JSON.stringify({ displayName: 'Annie Easley' }) })
  const { pseudonym } = (await added.json()) as { pseudonym: string }
  const switched = await fetch(new URL('api/controls', baseURL), { method: 'PATCH', headers: teacherAuth, body: JSON.stringify({ assessmentMode: true }) })
  expect(switched.status).toBe(200)

  session = await openBrowser(baseURL, { width: 800, height: 520 })
  const { page } = session
  // The join code of now: an earlier test that revoked a station changed it.
  await page.goto(`${baseURL}?iwer=1#/station?join=${await currentJoinCode(baseURL, teacherKey)}`)
  await page.getByLabel('Station name').fill('Station Help')
  await page.getByRole('button', { name: 'Join' }).click()
  await page.getByRole('button', { name: pseudonym, exact: true }).click()
  await page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await page.getByTestId('prompt').waitFor()
  await page.getByTestId('assessment-mode').waitFor()
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('block') != null)
  await waitFrames(page, 3)

  await expect(page.getByTestId('hint').count()).resolves.toBe(0)
  expect(await inScene(page, 'hint-button')).toBe(false)
  await answerWrong(page)
  // One answer per task: the answer controls close, and no solution is offered however it went.
  await expect(page.getByTestId('check').isDisabled()).resolves.toBe(true)
  await expect(page.getByTestId('show-solution').count()).resolves.toBe(0)
  await expect(page.getByTestId('solution').count()).resolves.toBe(0)
  expect((await lab(page)).solution).toBeUndefined()

  // In the headset: the scene and the task panel have no Hint and no solution button.
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('task-panel') != null)
  await waitFrames(page, 3)
  expect(await inScene(page, 'hint-button')).toBe(false)
  expect(await inScene(page, 'solution-button')).toBe(false)
  expect(await inScene(page, 'task-panel-solution')).toBe(false)
  expect(await worldLabel(page, 'check-button')).toBe('Check')
})
