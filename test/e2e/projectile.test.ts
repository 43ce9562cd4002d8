/**
 * Projectile Lab end to end: a student hits a target with the mouse, answers a numeric task
 * with the keyboard alone, the learner model and the next task respond; in the emulated
 * headset the controller grabs the barrel, aims and launches.
 */
import { afterEach, beforeEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, waitFrames, within, XR_SCENE_TIMEOUT_MS, type Session } from './browser'
import { screenPositionOf, worldPositionOf } from './app'
import { createRng, manualClock } from '../../src/core'
import { createTutor } from '../../src/tutor'
import projectile from '../../scenes/projectile'
import { SKILL_ANGLE_RANGE } from '../../scenes/projectile/skills'

const PSEUDONYM = 'keen-heron-31'

/**
 * A returning student who has already mastered the basics (components, time of flight, range):
 * built by running the real tutor in Node with correct answers until aiming unlocks.
 */
function returningStudentState(): unknown {
  const tutor = createTutor({ plugin: projectile, learner: PSEUDONYM, rng: createRng(5), clock: manualClock(0), emit: () => {} })
  for (let i = 0; i < 200 && !tutor.unlockedSkills().includes(SKILL_ANGLE_RANGE); i++) {
    const { task } = tutor.next()
    tutor.submit(projectile.referenceSolution(task as never))
  }
  if (!tutor.unlockedSkills().includes(SKILL_ANGLE_RANGE)) throw new Error('aiming never unlocked')
  return tutor.snapshot()
}

const baseURL = inject('baseURL')
let session: Session
let page: Page

interface LabState {
  task: { id: string; kind: string; level: number; skill: string; reference?: { angleDeg: number; speed: number }; controls?: { variable: string; step: number }[]; answer?: { value: number; unit: string } }
  attempts: number
  lastAssessment?: { correct: boolean }
  mastery: Record<string, number>
  events: { type: string; from?: number; to?: number; skill?: string }[]
}
const lab = () => page.evaluate(() => window.__benchtop!.stores.lab!.getState() as unknown as LabState)
const work = () => page.evaluate(() => window.__benchtop!.stores.projectile!.getState() as { angleDeg: number; speed: number; dragging: boolean })

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 800, height: 520 })
  page = session.page
  await session.context.addInitScript((pseudonym) => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym }, version: 1 }))
  }, PSEUDONYM)
})

async function asReturningStudent() {
  const state = JSON.stringify(returningStudentState())
  await session.context.addInitScript(
    ({ key, state }) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, state)
    },
    { key: `benchtop.learner.${PSEUDONYM}.projectile`, state },
  )
}
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

async function open(query = '?test') {
  await page.goto(`${baseURL}${query}#/lab/projectile`)
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('projectile-scene') != null, undefined, within)
  await waitFrames(page, 3)
}

/** Skips tasks (as a student may) until one of the wanted kind comes up. */
async function skipUntil(kind: string, skill?: string) {
  for (let i = 0; i < 60; i++) {
    const { task } = await lab()
    if (task.kind === kind && (!skill || task.skill === skill)) return
    const before = task.id
    // Choose the skill (its Practise button) when it is not the one being practised, else skip.
    const practise = skill ? page.locator(`li[data-skill="${skill}"]`).getByRole('button', { name: 'Practise', exact: true }) : null
    if (practise && (await practise.count()) > 0) await practise.click()
    else await page.getByTestId('next').click()
    await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, before, within)
  }
  throw new Error(`no ${kind} task came up`)
}

/** Screen point at `angle` degrees from the launcher pivot, `reach` metres of field along the barrel. */
function aimPoint(angle: number, reach: number) {
  return page.evaluate(
    ({ angle, reach }) => {
      const { scene, camera, gl } = window.__benchtop!.three!
      const pivot = scene.getObjectByName('launcher-pivot')!
      const Vector3 = pivot.position.constructor as new (x?: number, y?: number, z?: number) => typeof pivot.position
      const p = pivot.localToWorld(new Vector3(Math.cos((angle * Math.PI) / 180) * reach, Math.sin((angle * Math.PI) / 180) * reach, 0)).project(camera)
      const rect = gl.domElement.getBoundingClientRect()
      return { x: rect.left + ((p.x + 1) / 2) * rect.width, y: rect.top + ((1 - p.y) / 2) * rect.height }
    },
    { angle, reach },
  )
}

it('hits a target with the mouse: drags the barrel to the angle, launches', async () => {
  await asReturningStudent()
  await open()
  await skipUntil('hit-target', SKILL_ANGLE_RANGE)
  const { task } = await lab()
  const reference = task.reference!
  // An angle-and-distance task: the student sets the angle, the speed is fixed.
  expect(task.controls?.map((c) => c.variable)).toEqual(['angleDeg'])
  const step = task.controls![0]!.step
  expect(Math.abs((await work()).angleDeg - reference.angleDeg)).toBeGreaterThan(step)
  // One drag from the barrel to the point at the reference angle: the barrel turns to it.
  const from = await screenPositionOf(page, 'barrel')
  const to = await aimPoint(reference.angleDeg, 2)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.waitForFunction(() => (window.__benchtop!.stores.projectile!.getState() as { dragging: boolean }).dragging, undefined, within)
  for (let k = 1; k <= 6; k++) await page.mouse.move(from.x + ((to.x - from.x) * k) / 6, from.y + ((to.y - from.y) * k) / 6)
  await page.mouse.up()
  await page.waitForFunction(() => !(window.__benchtop!.stores.projectile!.getState() as { dragging: boolean }).dragging, undefined, within)
  expect(Math.abs((await work()).angleDeg - reference.angleDeg)).toBeLessThanOrEqual(step / 2 + 1e-9)
  const launch = await screenPositionOf(page, 'launch-button')
  await page.mouse.click(launch.x, launch.y)
  await page.waitForFunction(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === 1, undefined, within)
  expect((await lab()).lastAssessment?.correct).toBe(true)
  await page.locator('canvas').screenshot({ path: 'test-results/projectile-hit.png' })
})

it('answers a numeric task with the keyboard alone, and the learner model and the next task respond', async () => {
  await open()
  const firstLevels: number[] = []
  let correct = 0
  for (let round = 0; round < 6; round++) {
    await skipUntil('compute-quantity')
    const { task } = await lab()
    firstLevels.push(task.level)
    const masteryBefore = (await lab()).mastery[task.skill] ?? 0
    // Keyboard only: type the answer, Tab to the unit and pick it with the arrows, Enter to check.
    await page.getByLabel('Your answer').focus()
    await page.keyboard.type(String(Number(task.answer!.value.toPrecision(6))))
    await page.keyboard.press('Tab')
    const unit = page.locator('#projectile-unit')
    await expect(unit.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await page.keyboard.press('Home')
    for (let i = 0; i < 6 && (await unit.inputValue()) !== task.answer!.unit; i++) await page.keyboard.press('ArrowDown')
    expect(await unit.inputValue()).toBe(task.answer!.unit)
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter')
    await page.waitForFunction((n) => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === n, round + 1, within)
    const after = await lab()
    expect(after.lastAssessment?.correct).toBe(true)
    expect(after.mastery[task.skill]!).toBeGreaterThan(masteryBefore)
    correct++
    await page.getByTestId('next').focus()
    await page.keyboard.press('Enter')
  }
  expect(correct).toBe(6)
  const { events } = await lab()
  // Success after success: the tutor raises the level or fades support.
  const adapted = events.filter((e) => (e.type === 'level-changed' && e.to! > e.from!) || (e.type === 'scaffold-changed' && e.to! > e.from!))
  expect(adapted.length).toBeGreaterThan(0)
})

it('in the headset: the controller grabs the barrel, aims, launches, and the attempt is assessed', async () => {
  await asReturningStudent()
  await open('?iwer=1')
  await skipUntil('hit-target', SKILL_ANGLE_RANGE)
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: unknown[] }).inputSourceStates.length >= 2, undefined, within)
  await waitFrames(page, 5)
  const device = (method: string, ...args: unknown[]) =>
    page.evaluate(({ method, args }) => {
      const d = window.__benchtop!.device as Record<string, Record<string, Record<string, (...a: unknown[]) => void>>>
      const right = d.controllers!.right!
      if (method === 'trigger') right.updateButtonValue!('trigger', args[0])
      else (right[method] as unknown as { set(...a: unknown[]): void }).set(...args)
    }, { method, args })
  const aimAt = async (from: [number, number, number], at: [number, number, number]) => {
    const d = [at[0] - from[0], at[1] - from[1], at[2] - from[2]]
    const n = Math.hypot(...d)
    const [x, y, z] = d.map((c) => c / n) as [number, number, number]
    const q = [y, -x, 0, 1 - z]
    const qn = Math.hypot(...q)
    await device('position', ...from)
    await device('quaternion', ...q.map((c) => c / qn))
    await waitFrames(page, 3)
  }
  const hand: [number, number, number] = [0.1, 1.3, -0.25]
  const barrel = await worldPositionOf(page, 'barrel')
  const angleBefore = (await work()).angleDeg
  await aimAt(hand, barrel)
  await device('trigger', 1)
  await page.waitForFunction(() => (window.__benchtop!.stores.projectile!.getState() as { dragging: boolean }).dragging, undefined, within)
  // Sweep the ray upwards past the barrel: the barrel follows.
  for (let i = 1; i <= 4; i++) await aimAt(hand, [barrel[0] + 0.01 * i, barrel[1] + 0.03 * i, barrel[2]])
  await device('trigger', 0)
  await page.waitForFunction(() => !(window.__benchtop!.stores.projectile!.getState() as { dragging: boolean }).dragging, undefined, within)
  expect((await work()).angleDeg).not.toBe(angleBefore)
  // One press of the big Launch button launches.
  await aimAt(hand, await worldPositionOf(page, 'launch-button'))
  await device('trigger', 1)
  await waitFrames(page, 5)
  await device('trigger', 0)
  await page.waitForFunction(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === 1, undefined, within)
  const events = (await lab()).events.filter((e) => e.type === 'attempt-assessed') as unknown as { interaction?: { inputMode: string } }[]
  expect(events.at(-1)?.interaction?.inputMode).toBe('xr-controller')
  await page.locator('canvas').screenshot({ path: 'test-results/projectile-xr.png' })
}, XR_SCENE_TIMEOUT_MS)
