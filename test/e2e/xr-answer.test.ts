/**
 * Every task kind answered in the emulated headset (IWER, Quest 3) with in-world controls only:
 * after entering VR the test never touches the page, it aims the right controller (or hand) at a
 * key or button and presses once. A press is one press: the test waits for the state that press
 * must produce, with a timeout, and fails if it does not come.
 *
 * Build and hit-target tasks in the headset are in circuits.test.ts and projectile.test.ts, the
 * Measure lab's place task in xr.test.ts.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { worldPositionOf } from './app'
import { pressOnce as pressOnceOn, type Vec3, type XrInput } from './xr-input'
import { experimentWinner } from '../../scenes/projectile/tasks/design-experiment'
import type { DesignExperimentTask } from '../../scenes/projectile/tasks/types'

const PSEUDONYM = 'steady-lynx-47'
const baseURL = inject('baseURL')
let session: Session
let page: Page

type Input = XrInput
/** Where the right hand is held: in front of the chest, above the near edge of the table. */
/** XR frames a press waits for its pointer events; state follows within this time or the press was lost. */

interface LabState {
  task: Record<string, unknown> & { id: string; kind: string; skill: string; level: number }
  attempts: number
  lastAssessment?: { correct: boolean; feedback: string }
  events: { type: string; interaction?: { inputMode: string } }[]
}
const lab = () => page.evaluate(() => window.__benchtop!.stores.lab!.getState() as unknown as LabState)

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 800, height: 500 })
  page = session.page
  await session.context.addInitScript((pseudonym) => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym }, version: 1 }))
  }, PSEUDONYM)
})
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

/**
 * Opens a lab whose tutor serves the given skill and level (the ?test sequence), skips on the
 * page until a task of `kind` comes up (before the headset goes on), and enters VR.
 */
async function openInHeadset(sceneId: string, sceneObject: string, sequence: string, kind: string, input: Input = 'controller') {
  await page.goto(`${baseURL}?iwer=1&sequence=${sequence}#/lab/${sceneId}`)
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction((name) => window.__benchtop?.three?.scene.getObjectByName(name) != null, sceneObject, within)
  for (let i = 0; i < 20 && (await lab()).task.kind !== kind; i++) {
    const before = (await lab()).task.id
    await page.getByTestId('next').click()
    await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, before, within)
  }
  expect((await lab()).task.kind).toBe(kind)
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: unknown[] }).inputSourceStates.length >= 2, undefined, within)
  if (input === 'hand') {
    await page.evaluate(() => void ((window.__benchtop!.device as { primaryInputMode: string }).primaryInputMode = 'hand'))
    await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: { type: string }[] }).inputSourceStates.some((s) => s.type === 'hand'), undefined, within)
  }
  // The first XR frames also load the controller models: let them settle before the first press.
  await waitFrames(page, 15)
}

/** The middle of a named mesh's shape in the world (a wire's tube is drawn away from its origin). */
function worldCentreOf(name: string): Promise<Vec3> {
  return page.evaluate((name) => {
    const object = window.__benchtop!.three!.scene.getObjectByName(name) as unknown as { geometry?: { computeBoundingBox(): void; boundingBox: { getCenter(v: unknown): unknown } }; localToWorld(v: unknown): { x: number; y: number; z: number }; position: { constructor: new () => unknown } }
    if (!object?.geometry) throw new Error(`no mesh named ${name}`)
    object.geometry.computeBoundingBox()
    const Vector3 = object.position.constructor
    const centre = object.localToWorld(object.geometry.boundingBox.getCenter(new Vector3()))
    return [centre.x, centre.y, centre.z] as Vec3
  }, name)
}

/** One press on a named object: aim, trigger (or pinch) down and up, then `effect` must hold within the timeout. */
const pressOnce = (input: Input, objectName: string, effect: () => Promise<boolean>, at?: Vec3) =>
  pressOnceOn(page, input, objectName, effect, { at, failedShot: `test-results/xr-answer-lost-${objectName}.png` })

/** For the screenshots: the head tilts down to the table and the hand moves out of the view. */
async function lookAtTable(file: string) {
  await page.evaluate(() => {
    const d = window.__benchtop!.device as { quaternion: { set(...v: number[]): void }; controllers: Record<string, { position: { set(...v: number[]): void } }>; hands: Record<string, { position: { set(...v: number[]): void } }> }
    // 40 degrees down about x.
    d.quaternion.set(-0.342, 0, 0, 0.94)
    for (const side of ['left', 'right']) {
      d.controllers[side]?.position.set(side === 'left' ? -0.6 : 0.6, 0.6, 0.3)
      d.hands[side]?.position.set(side === 'left' ? -0.6 : 0.6, 0.6, 0.3)
    }
  })
  await waitFrames(page, 5)
  await page.locator('canvas').screenshot({ path: `test-results/${file}` })
}

/** Every text drawn under a named object, in scene order. */
const textsUnder = (name: string) =>
  page.evaluate((name) => {
    const texts: string[] = []
    window.__benchtop!.three!.scene.getObjectByName(name)?.traverse((o) => {
      if ('text' in o && typeof o.text === 'string') texts.push(o.text)
    })
    return texts
  }, name)

const padDisplay = async (pad: string) => (await textsUnder(`${pad}-display`))[0] ?? ''

/** Types a number on an in-world keypad, one press per key, checking the display after each. */
async function typeOnPad(input: Input, pad: string, text: string) {
  let typed = ''
  for (const ch of text) {
    const key = ch === '.' ? 'point' : ch === '-' ? 'minus' : ch
    typed += ch === '-' ? '\u2212' : ch
    const expected = typed
    await pressOnce(input, `${pad}-${key}`, async () => (await padDisplay(pad)).startsWith(expected))
  }
}

const attemptsAre = (n: number) => async () => (await lab()).attempts === n

async function expectAnsweredInHeadset(input: Input) {
  const state = await lab()
  expect(state.attempts).toBe(1)
  expect(state.lastAssessment?.correct).toBe(true)
  expect(state.events.filter((e) => e.type === 'attempt-assessed').at(-1)?.interaction?.inputMode).toBe(input === 'controller' ? 'xr-controller' : 'xr-hand')
  // The verdict is shown in the headset, on the task panel, at least as legible as the prompt.
  await expect.poll(() => textsUnder('task-feedback'), { timeout: 10_000 }).toEqual([state.lastAssessment!.feedback])
  const prompt = await visualAngleOf('task-prompt')
  const feedback = await visualAngleOf('task-feedback')
  console.log(`letter height in the headset: prompt ${prompt.toFixed(2)} deg, feedback ${feedback.toFixed(2)} deg`)
  expect(feedback).toBeGreaterThanOrEqual(prompt)
}

/**
 * Height of a text's letters as seen from the headset, in degrees of visual angle: its font size
 * in world metres over its distance from the eyes.
 */
function visualAngleOf(name: string): Promise<number> {
  return page.evaluate((name) => {
    const { scene, camera } = window.__benchtop!.three!
    const text = scene.getObjectByName(name) as unknown as { fontSize: number; getWorldPosition(v: unknown): { distanceTo(v: unknown): number }; getWorldScale(v: unknown): { y: number }; position: { constructor: new () => unknown } }
    if (!text) throw new Error(`no text named ${name}`)
    const Vector3 = text.position.constructor
    const eye = (camera as unknown as { getWorldPosition(v: unknown): unknown }).getWorldPosition(new Vector3())
    const distance = text.getWorldPosition(new Vector3()).distanceTo(eye)
    const height = text.fontSize * text.getWorldScale(new Vector3()).y
    return (2 * Math.atan(height / 2 / distance) * 180) / Math.PI
  }, name)
}

/** Significant figures a student would type: enough for the tolerance, never an exponent. */
const typed = (value: number) => String(Number(value.toFixed(value >= 100 ? 1 : 3)))

/** Each key is one press on a software-rendered headset at a few frames a second. */
const XR_TEST = { timeout: 180_000 }

describe('Projectile Lab in the headset', XR_TEST, () => {
  it('compute-quantity: the keypad refuses an empty answer with a message, then takes the typed value (controller)', async () => {
    await openInHeadset('projectile', 'projectile-scene', 'projectile.velocity-components@1', 'compute-quantity')
    const { task } = await lab()
    const answer = task.answer as { value: number; unit: string }
    expect(task.acceptedUnits).toContain(answer.unit)
    // Check with nothing typed: a message on the pad, no attempt.
    await pressOnce('controller', 'answer-pad-check', async () => (await textsUnder('answer-pad-message')).length > 0)
    expect(await textsUnder('answer-pad-message')).toEqual(['Type a number first.'])
    expect((await lab()).attempts).toBe(0)
    // A speed part cannot be negative here, so the pad has no minus key.
    expect(await page.evaluate(() => window.__benchtop!.three!.scene.getObjectByName('answer-pad-minus') == null)).toBe(true)
    await typeOnPad('controller', 'answer-pad', typed(answer.value))
    expect(await padDisplay('answer-pad')).toBe(`${typed(answer.value)} ${answer.unit}`)
    await pressOnce('controller', 'answer-pad-check', attemptsAre(1))
    await expectAnsweredInHeadset('controller')
    await lookAtTable('xr-answer-projectile-compute.png')
  })

  it('predict-landing: the marker distance is typed on the keypad, then Launch (controller)', async () => {
    await openInHeadset('projectile', 'projectile-scene', 'projectile.range@1', 'predict-landing')
    const { task } = await lab()
    const marker = task.marker as { min: number; max: number; step: number }
    const landing = (task.answer as { x: number }).x
    const onGrid = Math.round(landing / marker.step) * marker.step
    await typeOnPad('controller', 'marker-pad', typed(onGrid))
    await pressOnce('controller', 'marker-pad-check', async () => Math.abs((await page.evaluate(() => (window.__benchtop!.stores.projectile!.getState() as { markerX: number }).markerX)) - onGrid) < 1e-9)
    await pressOnce('controller', 'launch-button', attemptsAre(1))
    await expectAnsweredInHeadset('controller')
    // The flight's readouts are read in flight, at a glance: no smaller than the prompt.
    expect(await visualAngleOf('readouts')).toBeGreaterThanOrEqual(await visualAngleOf('task-prompt'))
  })

  it('compare-launches: the launchers are labelled A and B and the answer is a button (hand pinch)', async () => {
    await openInHeadset('projectile', 'projectile-scene', 'projectile.time-of-flight@1', 'compare-launches', 'hand')
    const { task } = await lab()
    expect(await textsUnder('lane-label-A')).toEqual(['Launch A'])
    expect(await textsUnder('lane-label-B')).toEqual(['Launch B'])
    const a = await worldPositionOf(page, 'lane-label-A')
    const b = await worldPositionOf(page, 'lane-label-B')
    // Apart on the table: more than a label's height between them.
    expect(Math.abs(a[2] - b[2])).toBeGreaterThan(0.05)
    await pressOnce('hand', `choice-${task.answer as string}`, attemptsAre(1))
    await expectAnsweredInHeadset('hand')
    await lookAtTable('xr-answer-projectile-compare.png')
  })

  it('design-experiment: both launchers stand on the field and their variables are set with -/+ buttons (controller)', async () => {
    await openInHeadset('projectile', 'projectile-scene', 'projectile.experiment-design@1', 'design-experiment')
    const task = (await lab()).task as unknown as DesignExperimentTask & LabState['task']
    const design = () => page.evaluate(() => (window.__benchtop!.stores.projectile!.getState() as { design: { A: Record<string, number>; B: Record<string, number> } }).design)
    expect(await page.evaluate(() => window.__benchtop!.three!.scene.getObjectByName('field')!.children.filter((c) => c.getObjectByName('launcher-pivot')).length)).toBe(2)
    // Change only the tested variable, in launch B, until the difference is large enough to show.
    const v = task.testVariable
    for (let i = 0; i < 30 && Math.abs((await design()).B[v]! - (await design()).A[v]!) < task.minDifference; i++) {
      const before = (await design()).B[v]!
      await pressOnce('controller', `design-B-${v}-up`, async () => (await design()).B[v] !== before)
    }
    const { A, B } = await design()
    expect(Math.abs(B[v]! - A[v]!)).toBeGreaterThanOrEqual(task.minDifference)
    expect((await textsUnder(`design-B-${v}-value`))[0]).toContain(String(Number(B[v]!.toFixed(2))))
    if (task.asksPrediction) {
      // The prediction from the model, for the launches as set.
      const { winner } = experimentWinner(A as never, B as never, task.drag, task.outcome)
      await pressOnce('controller', `choice-${winner}`, async () => (await page.evaluate(() => (window.__benchtop!.stores.projectile!.getState() as { choice: string | null }).choice)) === winner)
    }
    await pressOnce('controller', 'design-check', attemptsAre(1))
    await expectAnsweredInHeadset('controller')
    await lookAtTable('xr-answer-projectile-design.png')
  })
})

describe('Circuit Lab in the headset', XR_TEST, () => {
  it('compute: the value is typed on the keypad, with its unit (controller)', async () => {
    await openInHeadset('circuits', 'circuits-scene', 'circuits.ohms-law@1', 'compute')
    const { task } = await lab()
    await typeOnPad('controller', 'answer-pad', typed(task.answer as number))
    expect(await padDisplay('answer-pad')).toBe(`${typed(task.answer as number)} ${task.unit as string}`)
    await pressOnce('controller', 'answer-pad-check', attemptsAre(1))
    await expectAnsweredInHeadset('controller')
    await lookAtTable('xr-answer-circuits-compute.png')
  })

  it('choose (brightness order): the prediction is a button (controller)', async () => {
    await openInHeadset('circuits', 'circuits-scene', 'circuits.brightness-power@1', 'choose')
    const { task } = await lab()
    await pressOnce('controller', `choice-${task.answer as string}`, attemptsAre(1))
    await expectAnsweredInHeadset('controller')
  })

  it('choose (what a switch changes): the prediction is a button (hand pinch)', async () => {
    await openInHeadset('circuits', 'circuits-scene', 'circuits.predict-change@1', 'choose', 'hand')
    const { task } = await lab()
    await pressOnce('hand', `choice-${task.answer as string}`, attemptsAre(1))
    await expectAnsweredInHeadset('hand')
  })

  it('measure: the ammeter goes into the circuit, its reading is legible in the scene, and is typed on the keypad (controller)', async () => {
    await openInHeadset('circuits', 'circuits-scene', 'circuits.meters@1', 'measure')
    const { task } = await lab()
    interface Part { id: string; kind: string; a: number; b: number }
    const parts = () => page.evaluate(() => (window.__benchtop!.stores.circuits!.getState() as { parts: Part[] }).parts)
    const selected = () => page.evaluate(() => (window.__benchtop!.stores.circuits!.getState() as { selected: string | null }).selected)
    // The wire from the battery's - terminal (A1) to the bulb (B1) makes way for the ammeter.
    const wire = (await parts()).find((p) => p.kind === 'wire' && p.a === 0 && p.b === 1)!
    expect(wire).toBeDefined()
    await pressOnce('controller', `${wire.id}-lead`, async () => (await selected()) === wire.id, await worldCentreOf(`${wire.id}-lead`))
    await pressOnce('controller', 'remove-button', async () => !(await parts()).some((p) => p.id === wire.id))
    const ammeterTool = (task.tray as { kind: string }[]).findIndex((t) => t.kind === 'ammeter')
    await pressOnce('controller', `tool-${ammeterTool}`, async () => (await page.evaluate(() => (window.__benchtop!.stores.circuits!.getState() as { tool: number | null }).tool)) === ammeterTool)
    await pressOnce('controller', 'terminal-A1', async () => (await page.evaluate(() => (window.__benchtop!.stores.circuits!.getState() as { pending: number | null }).pending)) === 0)
    await pressOnce('controller', 'terminal-B1', async () => (await parts()).some((p) => p.kind === 'ammeter'))
    const ammeter = (await parts()).find((p) => p.kind === 'ammeter')!
    // Read the meter as the student does: its face in the scene.
    await expect.poll(async () => (await textsUnder(`${ammeter.id}-reading`))[0] ?? '', { timeout: 10_000 }).toMatch(/^[\d.]+ A$/)
    const reading = (await textsUnder(`${ammeter.id}-reading`))[0]!.match(/^([\d.]+) A$/)![1]!
    expect(Math.abs(Number(reading) - (task.answer as number)) / (task.answer as number)).toBeLessThan(0.01)
    await typeOnPad('controller', 'answer-pad', reading)
    await pressOnce('controller', 'answer-pad-check', attemptsAre(1))
    await expectAnsweredInHeadset('controller')
    await lookAtTable('xr-answer-circuits-measure.png')
  })
})
