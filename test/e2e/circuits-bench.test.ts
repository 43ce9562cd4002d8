/**
 * Circuit Lab's bench as the student sees it on the desktop: labels that never run into each
 * other and face the student, a wire that follows the pointer while it is laid, Remove that takes
 * the part the student picked when two share terminals, and a bulb whose filament glows with the
 * power the circuit gives it, and the key light's shadows of the posts and parts on the board.
 */
import { afterEach, beforeEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { writeFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import { overlapping, screenBoxes, screenPositionOf, screenTexts as textsUnder } from './app'
import circuits from '../../scenes/circuits'

const PSEUDONYM = 'bright-heron-14'
const baseURL = inject('baseURL')
let session: Session
let page: Page

interface Part { id: string; kind: string; label: string; a: number; b: number; value?: number; ratedPower?: number; closed?: boolean }
const lab = () => page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as unknown as { task: { id: string; kind: string; fixed: Part[]; tray: { kind: string; value?: number }[] } }).task)
const work = () => page.evaluate(() => window.__benchtop!.stores.circuits!.getState() as { parts: Part[]; pending: number | null; tool: number | null; selected: string | null })
const setParts = (parts: unknown[]) => page.evaluate((parts) => (window.__benchtop!.stores.circuits as unknown as { setState(s: unknown): void }).setState({ parts }), parts)

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 900, height: 600 })
  page = session.page
  await session.context.addInitScript((pseudonym) => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym }, version: 1 }))
  }, PSEUDONYM)
})
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

/** A lab whose tutor serves the given skill and level with the given support (rung 0: every readout on), at a page text size. */
async function open(sequence: string, rung = 0, textScale = 1) {
  if (textScale !== 1) await session.context.addInitScript((scale) => localStorage.setItem('benchtop.settings', JSON.stringify({ state: { textScale: scale }, version: 1 })), textScale)
  await page.goto(`${baseURL}?test&sequence=${sequence}&rung=${rung}#/lab/circuits`)
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('circuits-scene') != null, undefined, within)
  await waitFrames(page, 3)
}

/** The circuit the reference builds for the task on the bench, put on the board. */
async function buildReference() {
  const attempt = circuits.referenceSolution((await lab()) as never)
  if (attempt.kind !== 'build') throw new Error(`the task is not a build task: ${attempt.kind}`)
  await setParts(attempt.parts)
  return attempt.parts
}

/** Every piece of text in the lab's scene, as the rectangle its letters cover on the screen. */
const screenTexts = () => textsUnder(page, 'circuits-scene')

/** Waits until the text meshes have laid out their letters (troika works off the main thread). */
async function textsSettled(minimum: number) {
  await expect.poll(async () => (await screenTexts()).length, within).toBeGreaterThanOrEqual(minimum)
  await waitFrames(page, 5)
}

it.each([
  ['a series loop with every readout on', 'circuits.series@1', 0],
  ['parallel branches with readouts', 'circuits.parallel@2', 1],
  ['two bulbs to light', 'circuits.closed-loop@3', 0],
  // Issue 14: at 200% text the readouts ran into each other on a crowded board.
  ['parallel branches with readouts, at 200% text', 'circuits.parallel@2', 1, 2],
  ['a series loop with every readout on, at 200% text', 'circuits.series@1', 0, 2],
])('no label runs into another, nor into the tray: %s', async (_what, sequence, rung, textScale = 1) => {
  await open(sequence, rung, textScale)
  expect((await lab()).kind).toBe('build')
  const parts = await buildReference()
  // Board letters and numbers, the tray's and the actions' names, and a label per non-wire part.
  await textsSettled(12 + 3 + parts.filter((p) => p.kind !== 'wire').length)
  const texts = await screenTexts()
  await page.locator('canvas').screenshot({ path: `test-results/circuits-labels-${sequence}-${textScale}x.png` })
  expect(overlapping(texts)).toEqual([])
})

it('a label on the board faces the student: its face turns toward the camera, not up off the board', async () => {
  await open('circuits.series@1', 0)
  const parts = await buildReference()
  const resistor = parts.find((p) => p.kind === 'resistor')!
  await page.waitForFunction((name) => window.__benchtop!.three!.scene.getObjectByName(name) != null, `${resistor.id}-label`, within)
  // Drawn at least once, so its world matrix is where it stands (a just-mounted label is still at the origin).
  await waitFrames(page, 2)
  const degrees = await page.evaluate((name) => {
    const { scene, camera } = window.__benchtop!.three!
    const label = scene.getObjectByName(name)!
    const Vector3 = label.position.constructor as new (x?: number, y?: number, z?: number) => typeof label.position
    const facing = new Vector3(0, 0, 1).transformDirection(label.matrixWorld)
    const toEye = camera.getWorldPosition(new Vector3()).sub(label.getWorldPosition(new Vector3())).normalize()
    return (Math.acos(facing.dot(toEye)) * 180) / Math.PI
  }, `${resistor.id}-label`)
  // Lying flat on the tilted board it would be seen at more than 45 degrees off its face.
  expect(degrees).toBeLessThan(30)
})

it('while a wire is laid, a wire runs from the first terminal to the pointer and follows it', async () => {
  await open('circuits.closed-loop@1', 2)
  const preview = () =>
    page.evaluate(() => {
      const { scene, camera, gl } = window.__benchtop!.three!
      const wire = scene.getObjectByName('wire-preview')!
      const Vector3 = wire.position.constructor as new (x?: number, y?: number, z?: number) => typeof wire.position
      const end = wire.localToWorld(new Vector3(0, 1, 0)).project(camera)
      const rect = gl.domElement.getBoundingClientRect()
      return { visible: wire.visible, x: rect.left + ((end.x + 1) / 2) * rect.width, y: rect.top + ((1 - end.y) / 2) * rect.height }
    })
  expect((await preview()).visible).toBe(false)
  const from = await screenPositionOf(page, 'terminal-C4', [0, 0.013, 0])
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  // Two stops on the board between posts, away from every terminal: the wire's free end is under the pointer at each.
  const board = (name: string) => screenPositionOf(page, name, [0, -0.015, 0])
  const [d4, e5, e3, f4] = [await board('terminal-D4'), await board('terminal-E5'), await board('terminal-E3'), await board('terminal-F4')]
  // The middles of two squares of posts.
  const stops = [
    { x: (d4.x + e5.x) / 2, y: (d4.y + e5.y) / 2 },
    { x: (e3.x + f4.x) / 2, y: (e3.y + f4.y) / 2 },
  ]
  for (const stop of stops) {
    for (let k = 1; k <= 4; k++) await page.mouse.move(stop.x + (k - 4) * 3, stop.y)
    await expect.poll(async () => {
      const p = await preview()
      return p.visible && Math.hypot(p.x - stop.x, p.y - stop.y) < 4
    }, within).toBe(true)
  }
  const to = await screenPositionOf(page, 'terminal-E5', [0, 0.013, 0])
  await page.mouse.move(to.x, to.y)
  await page.mouse.up()
  await expect.poll(async () => (await work()).parts.filter((p) => p.kind === 'wire').map((w) => [w.a, w.b]), within).toEqual([[2 + 3 * 7, 4 + 4 * 7]])
  await expect.poll(async () => (await preview()).visible, within).toBe(false)
})

it('with a resistor and a wire on the same two terminals, Remove takes the one the student picked', async () => {
  await open('circuits.series@1', 2)
  const task = await lab()
  const resistorTool = task.tray.findIndex((t) => t.kind === 'resistor')
  // Through the panel: the resistor from D3 to E3, then a wire on the same two terminals.
  await page.locator('#circuits-tool').selectOption(String(resistorTool))
  await page.locator('#circuits-from').selectOption(String(3 + 2 * 7))
  await page.locator('#circuits-to').selectOption(String(4 + 2 * 7))
  await page.getByTestId('place').click()
  await page.locator('#circuits-tool').selectOption('-1')
  await page.getByTestId('place').click()
  const placed = (await work()).parts.filter((p) => p.a === 17 && p.b === 18)
  expect(placed.map((p) => p.kind)).toEqual(['resistor', 'wire'])
  const [resistor, wire] = placed as [Part, Part]
  await waitFrames(page, 5)
  const clickOn = async (name: string, offset: [number, number, number] = [0, 0, 0]) => {
    const p = await screenPositionOf(page, name, offset)
    await page.mouse.click(p.x, p.y)
  }
  // The student picks the resistor on the board (its body stands 14 mm off the tilted board), then presses Remove on the bench.
  await clickOn(resistor.id, [0, 0.013, 0.005])
  await expect.poll(async () => (await work()).selected, within).toBe(resistor.id)
  await clickOn('remove-button')
  await expect.poll(async () => (await work()).parts.filter((p) => p.a === 17 && p.b === 18).map((p) => p.id), within).toEqual([wire.id])
})

it("a bulb's filament glows with the power the circuit gives it, and goes dark when a wire shorts it out", async () => {
  await open('circuits.closed-loop@1', 2)
  const task = await lab()
  const battery = task.fixed.find((p) => p.kind === 'battery')!
  const bulb = task.fixed.find((p) => p.kind === 'bulb')!
  // The filament is drawn by the lab's batch of baked looks: its look is what the batch bakes.
  const filament = () =>
    page.evaluate((name) => {
      const { scene } = window.__benchtop!.three!
      const mesh = scene.getObjectByName(name)!
      const batch = scene.getObjectByName('mesh-batches')!.children.find((b) => [...(b as unknown as { meshes: () => Iterable<unknown> }).meshes()].includes(mesh))
      return (batch as unknown as { lookOf: (m: unknown) => { emissiveIntensity: number } }).lookOf(mesh).emissiveIntensity
    }, `${bulb.id}-filament`)
  expect(await filament()).toBe(0)
  const loop = [
    { id: 'wire-1', label: 'Wire 1', kind: 'wire', a: battery.b, b: bulb.a },
    { id: 'wire-2', label: 'Wire 2', kind: 'wire', a: bulb.b, b: battery.a },
  ]
  await setParts([...task.fixed, ...loop])
  // By hand: the whole emf across the bulb gives P = V^2 / R; its glow is that share of its rated power, at most full.
  const share = Math.min(1, battery.value! ** 2 / bulb.value! / bulb.ratedPower!)
  // Drawn in steps of 1/64 of full glow: within half a step.
  await expect.poll(async () => Math.abs((await filament()) - 4 * share), within).toBeLessThanOrEqual(4 / 128)
  expect(await filament()).toBeGreaterThan(0)
  // A wire straight across the bulb takes all the current round it.
  await setParts([...task.fixed, ...loop, { id: 'wire-3', label: 'Wire 3', kind: 'wire', a: bulb.a, b: bulb.b }])
  await expect.poll(filament, within).toBe(0)
})

it('the key light casts the posts\' and parts\' shadows on the board, as on the other benches', async () => {
  await open('circuits.series@1', 0)
  const parts = await buildReference()
  await page.waitForFunction((names) => names.every((n) => window.__benchtop!.three!.scene.getObjectByName(n) != null), parts.filter((p) => p.kind !== 'wire').map((p) => p.id), within)
  await waitFrames(page, 3)
  const [board] = await screenBoxes(page, ['board'])
  const clip = { x: Math.round(board!.left), y: Math.round(board!.top), width: Math.round(board!.right - board!.left), height: Math.round(board!.bottom - board!.top) }
  /** The key light's shadows on or off (three recompiles the materials when the count of shadow-casting lights changes). */
  const keyLightShadows = (on: boolean) =>
    page.evaluate((on) => {
      window.__benchtop!.three!.scene.traverse((o) => {
        if ((o as unknown as { isDirectionalLight?: boolean }).isDirectionalLight) o.castShadow = on
      })
    }, on)
  const lit = PNG.sync.read(await page.screenshot({ clip }))
  await keyLightShadows(false)
  await waitFrames(page, 3)
  const unshadowed = PNG.sync.read(await page.screenshot({ clip }))
  await keyLightShadows(true)
  // Pixels round the board that the shadows darken by more than 8 levels of 255: with none cast on the board there are none.
  // Moving charge in the wires changes pixels either way between the two pictures; shadows only darken.
  let darker = 0
  let lighter = 0
  for (let i = 0; i < lit.data.length; i += 4) {
    const luminance = (d: Buffer) => 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!
    const change = luminance(unshadowed.data) - luminance(lit.data)
    if (change > 8) darker++
    if (change < -8) lighter++
  }
  // A post's shadow is a few pixels at this size; 35 posts and the parts darken well over a thousandth of the board's box.
  expect(darker / (lit.data.length / 4)).toBeGreaterThan(0.001)
  expect(darker).toBeGreaterThan(5 * lighter)
  writeFileSync('test-results/circuits-shadows.png', PNG.sync.write(lit))
})
