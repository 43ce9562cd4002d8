/**
 * The headset path under IWER emulating a Quest 3: a real immersive-vr session in Chromium,
 * with controller trigger and hand pinch reaching the scene's R3F handlers (nothing mocked).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { distinctColours, openBrowser, waitFrames, within, type Session } from './browser'
import { labSnapshot, openMeasureLab, worldPositionOf } from './app'

const baseURL = inject('baseURL')
let session: Session
let page: Page

type Vec3 = [number, number, number]
type Input = 'controller' | 'hand'

/** Rotation that turns -Z (where a WebXR target ray points) towards `direction`. */
function aimQuaternion(direction: Vec3): [number, number, number, number] {
  const length = Math.hypot(...direction)
  const [x, y, z] = direction.map((c) => c / length) as Vec3
  // from = (0, 0, -1): cross(from, to) = (y, -x, 0)... written out for -Z.
  const w = 1 - z
  const q: [number, number, number, number] = [y, -x, 0, w]
  const n = Math.hypot(...q)
  return q.map((c) => c / n) as [number, number, number, number]
}

/** Puts the right controller (or hand) at `from` and points it at `at`, then waits for XR frames. */
async function aim(input: Input, from: Vec3, at: Vec3): Promise<void> {
  const q = aimQuaternion([at[0] - from[0], at[1] - from[1], at[2] - from[2]])
  await page.evaluate(
    ({ input, from, q }) => {
      const device = window.__benchtop!.device as {
        controllers: Record<string, { position: { set(...v: number[]): void }; quaternion: { set(...v: number[]): void } }>
        hands: Record<string, { position: { set(...v: number[]): void }; quaternion: { set(...v: number[]): void } }>
      }
      const target = input === 'controller' ? device.controllers.right! : device.hands.right!
      target.position.set(...from)
      target.quaternion.set(...q)
    },
    { input, from, q },
  )
  await waitFrames(page, 3)
}

async function press(input: Input, value: 0 | 1): Promise<void> {
  await page.evaluate(
    ({ input, value }) => {
      const device = window.__benchtop!.device as {
        controllers: Record<string, { updateButtonValue(id: string, v: number): void }>
        hands: Record<string, { updatePinchValue(v: number): void }>
      }
      if (input === 'controller') device.controllers.right!.updateButtonValue('trigger', value)
      else device.hands.right!.updatePinchValue(value)
    },
    { input, value },
  )
  await waitFrames(page, 3)
}

/** The input mode the tutor recorded for the latest attempt (from the emitted events). */
const lastAttemptInputMode = () =>
  page.evaluate(() => {
    const events = (window.__benchtop!.stores.lab!.getState() as { events: { type: string; interaction?: { inputMode: string } }[] }).events
    return events.filter((e) => e.type === 'attempt-assessed').at(-1)?.interaction?.inputMode
  })

/**
 * Points at an in-world button and pulls the trigger (or pinches) once, then waits for `done`:
 * a press that the app loses is a press a student would lose, so it fails the test.
 */
async function pressButton(input: Input, name: string, done: () => Promise<boolean>): Promise<void> {
  await aim(input, [0.2, 1.3, -0.3], await worldPositionOf(page, name))
  await press(input, 1)
  await press(input, 0)
  await expect.poll(done, { ...within, message: `pressing ${name} with the ${input} took effect` }).toBe(true)
}

const attemptsNow = () => page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts)

const inSession = () => page.evaluate(() => (window.__benchtop!.stores.xr!.getState() as { session?: unknown }).session != null)

beforeAll(async () => {
  session = await openBrowser(baseURL)
  page = session.page
  await openMeasureLab(page, baseURL, '?iwer=1')
})
afterAll(async () => {
  expect(session.foreignRequests, 'requests to other hosts').toEqual([])
  await session?.close()
})

describe('in an emulated Quest 3', () => {
  it('offers Enter VR and enters an immersive-vr session', async () => {
    const enter = page.getByTestId('enter-vr')
    await enter.waitFor(within)
    const started = Date.now()
    await enter.click()
    await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { session?: unknown }).session != null, undefined, within)
    await page.waitForFunction(
      () => (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: unknown[] }).inputSourceStates.length >= 2, undefined, within,
    )
    await waitFrames(page, 5)
    console.log(`entered VR in ${Date.now() - started} ms`)
    const mode = await page.evaluate(() => (window.__benchtop!.stores.xr!.getState() as { mode?: string }).mode)
    expect(mode).toBe('immersive-vr')
  })

  it('grabs and drags the block with the controller ray and trigger', async () => {
    const hand: Vec3 = [0.15, 1.3, -0.3]
    const block = await worldPositionOf(page, 'block')
    const before = await labSnapshot(page)
    await aim('controller', hand, block)
    await press('controller', 1)
    await expect.poll(async () => (await labSnapshot(page)).dragging, within).toBe(true)
    // Sweep the ray along the track: the block follows.
    const direction = before.position < 5 ? 1 : -1
    for (let i = 1; i <= 5; i++) await aim('controller', hand, [block[0] + direction * 0.05 * i, block[1], block[2]])
    await press('controller', 0)
    await expect.poll(async () => (await labSnapshot(page)).dragging, within).toBe(false)
    const after = await labSnapshot(page)
    expect((after.position - before.position) * direction).toBeGreaterThan(2)
    const shot = await page.locator('canvas').screenshot({ path: 'test-results/xr-controller.png' })
    expect(distinctColours(shot)).toBeGreaterThan(20)
  })

  it('presses the in-world Check button with the trigger and the attempt is assessed', async () => {
    const before = await labSnapshot(page)
    await pressButton('controller', 'check-button', async () => (await attemptsNow()) > before.attempts)
    const after = await labSnapshot(page)
    expect(after.correct).not.toBeNull()
    await expect(lastAttemptInputMode()).resolves.toBe('xr-controller')
  })

  it('moves on to the next task with the in-world Next task button (the page is out of sight)', async () => {
    const taskId = () => page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id)
    const before = await taskId()
    await expect(page.evaluate(() => window.__benchtop!.three!.scene.getObjectByName('next-button')?.parent?.children.some((c) => 'text' in c && c.text === 'Next task'))).resolves.toBe(true)
    await pressButton('controller', 'next-button', async () => (await taskId()) !== before)
    // A fresh task: nothing answered yet, so the button offers to skip it.
    await expect.poll(() => page.evaluate(() => window.__benchtop!.three!.scene.getObjectByName('next-button')?.parent?.children.some((c) => 'text' in c && c.text === 'Skip')), within).toBe(true)
  })

  it('shows the skills beside the table and makes a locked skill the goal there, as on the page', async () => {
    const goalNow = () => page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { goal: { skill: string } | null }).goal?.skill ?? null)
    /** A skill's row on the board: its name and its progress line, as the student reads them. */
    const row = (skill: string) =>
      page.evaluate((skill) => {
        const board = window.__benchtop!.three!.scene.getObjectByName('xr-skills-board')
        const text = (name: string) => (board?.getObjectByName(name) as unknown as { text?: string } | undefined)?.text ?? ''
        return `${text(`skill-name-${skill}`)} | ${text(`skill-status-${skill}`)}`
      }, skill)
    await expect.poll(() => row('measure.decimals'), within).toMatch(/^Halves and tenths on a scale \| .*locked/)
    expect(await goalNow()).toBeNull()
    await pressButton('controller', 'goal-measure.decimals', async () => (await goalNow()) === 'measure.decimals')
    await expect.poll(() => row('measure.decimals'), within).toMatch(/^Halves and tenths on a scale \| .*· goal$/)
    await page.locator('canvas').screenshot({ path: 'test-results/xr-skills.png' })
  })

  it('grabs and drags the block with a hand pinch', async () => {
    await page.evaluate(() => {
      ;(window.__benchtop!.device as { primaryInputMode: string }).primaryInputMode = 'hand'
    })
    await page.waitForFunction(() =>
      (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: { type: string }[] }).inputSourceStates.some((s) => s.type === 'hand'), undefined, within,
    )
    await waitFrames(page, 5)
    const hand: Vec3 = [0.15, 1.3, -0.3]
    const block = await worldPositionOf(page, 'block')
    const before = await labSnapshot(page)
    await aim('hand', hand, block)
    await press('hand', 1)
    await expect.poll(async () => (await labSnapshot(page)).dragging, within).toBe(true)
    const direction = before.position < 5 ? 1 : -1
    for (let i = 1; i <= 5; i++) await aim('hand', hand, [block[0] + direction * 0.05 * i, block[1], block[2]])
    await press('hand', 0)
    await expect.poll(async () => (await labSnapshot(page)).dragging, within).toBe(false)
    const after = await labSnapshot(page)
    expect((after.position - before.position) * direction).toBeGreaterThan(2)
    // A pinch on the Check button submits, and the attempt records the hand as the input.
    const attempts = after.attempts
    await pressButton('hand', 'check-button', async () => (await attemptsNow()) > attempts)
    await expect(lastAttemptInputMode()).resolves.toBe('xr-hand')
  })

  it('leaves VR with the in-world button and the desktop view is intact', async () => {
    await page.evaluate(() => {
      ;(window.__benchtop!.device as { primaryInputMode: string }).primaryInputMode = 'controller'
    })
    await page.waitForFunction(() =>
      (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: { type: string }[] }).inputSourceStates.some((s) => s.type === 'controller'), undefined, within,
    )
    await waitFrames(page, 5)
    await pressButton('controller', 'exit-vr-button', async () => !(await inSession()))
    expect(await inSession()).toBe(false)
    await waitFrames(page, 5)
    await expect(page.getByTestId('enter-vr').isVisible()).resolves.toBe(true)
    const shot = await page.locator('canvas').screenshot({ path: 'test-results/xr-after-exit.png' })
    expect(distinctColours(shot)).toBeGreaterThan(20)
    // The desktop camera answers again.
    const before = await page.evaluate(() => window.__benchtop!.three!.camera.position.toArray())
    await page.getByRole('button', { name: 'Zoom in' }).click()
    await waitFrames(page, 2)
    const after = await page.evaluate(() => window.__benchtop!.three!.camera.position.toArray())
    expect(after).not.toEqual(before)
  })
})
