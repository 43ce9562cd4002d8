import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { eyePassCalls, openBrowser, waitFrames, within, type Session } from './browser'
import { canvasRect, screenBoxes, skipToTaskKind, waitForStillCamera, type ScreenBox } from './app'
import { paletteFor } from '../../src/view/palette'

/**
 * A lab's push buttons and its parts in standard looks (a launcher's gunmetal base, tower and
 * coloured barrel, a circuit's board, posts, leads, part bodies and bulb filaments, the measuring
 * ruler and block) are drawn by one batch, and bulbs' glass by another, each mesh's colour,
 * roughness, metalness, glow (and the glass's opacity) baked into its vertices
 * (src/view/meshBatch.tsx): one draw call instead of one per mesh, which
 * kept the labs over their frame budget. What a student would notice if a batch
 * went wrong: a button or part missing, in the wrong place, in the wrong colour (a disabled button
 * that looks pressable). The oracle is each mesh drawn by itself, as before the batches: a button
 * in the colour its state gives it (the palette's accent, or the disabled grey), a part in its own
 * material.
 */
const baseURL = inject('baseURL')
/** A disabled button's grey (WorldButton), written out here so the oracle does not read the code under test. */
const DISABLED_GREY = '#8a8f98'
const ACCENT = paletteFor(false).accent
let session: Session

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 1280, height: 800 })
  await session.context.addInitScript(() => localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'still-heron-31' }, version: 1 })))
})
afterEach(async () => {
  await session.close()
})

type Drawing = 'batched' | 'themselves' | 'none'

/**
 * Draws the buttons and batched parts three ways: by their batches (as the app does), each by
 * itself (the oracle), or not at all (to show that what is compared is there). Returns how many
 * meshes the batches draw and how many batches draw them.
 */
function draw(page: Page, how: Drawing, buttons: Record<string, string>): Promise<{ meshes: number; batches: number; names: string[] }> {
  return page.evaluate(
    ({ how, buttons }) => {
      const scene = window.__benchtop!.three!.scene
      type Drawn = { name: string; material: { visible: boolean; clone(): Drawn['material']; color?: { set(c: string): void } } }
      let meshes = 0
      let batches = 0
      const names: string[] = []
      const show = (members: Iterable<Drawn>, batch: { visible: boolean; material: Drawn['material'] }, lookOf: (m: Drawn) => Drawn['material']) => {
        const list = [...members]
        if (list.length === 0) return
        batches++
        batch.visible = how === 'batched'
        const own = (batch as unknown as { userData: { undrawn?: Drawn['material'] } }).userData
        for (const mesh of list) {
          meshes++
          if (mesh.name) names.push(mesh.name)
          own.undrawn ??= mesh.material.visible ? undefined : mesh.material
          if (how !== 'themselves') {
            mesh.material = own.undrawn!
            continue
          }
          mesh.material = lookOf(mesh)
        }
      }
      scene.traverse((o) => {
        const batch = o as unknown as { meshes?: () => Iterable<Drawn>; lookOf?: (m: Drawn) => Drawn['material'] }
        // A part drawn by itself: its own material, not the batch's; a named button in the colour its state gives it.
        const look = (m: Drawn) => {
          const own = batch.lookOf!.call(o, m)
          if (!(m.name in buttons)) return own
          const material = own.clone()
          material.color!.set(buttons[m.name]!)
          return material
        }
        if (o.parent?.name === 'mesh-batches' && batch.meshes && batch.lookOf) show(batch.meshes.call(o), o as never, look)
      })
      return { meshes, batches, names }
    },
    { how, buttons },
  )
}

/** Share of the pixels inside `box` (canvas pixels) whose largest channel differs by more than 32 levels. */
function differingShare(a: Buffer, b: Buffer, box: ScreenBox): number {
  const x = PNG.sync.read(a)
  const y = PNG.sync.read(b)
  let differ = 0
  let total = 0
  for (let row = Math.max(0, Math.ceil(box.top)); row < Math.min(x.height, Math.floor(box.bottom)); row++) {
    for (let col = Math.max(0, Math.ceil(box.left)); col < Math.min(x.width, Math.floor(box.right)); col++) {
      const i = (row * x.width + col) * 4
      total++
      if (Math.max(Math.abs(x.data[i]! - y.data[i]!), Math.abs(x.data[i + 1]! - y.data[i + 1]!), Math.abs(x.data[i + 2]! - y.data[i + 2]!)) > 32) differ++
    }
  }
  return total === 0 ? Number.NaN : differ / total
}

/** Moves the camera to 12 cm in front of `name`, as a student leaning in to look. */
function leanTowards(page: Page, name: string) {
  return page.evaluate((name) => {
    const { scene, camera } = window.__benchtop!.three!
    const at = scene.getObjectByName(name)!.getWorldPosition(camera.position.clone())
    const facing = camera.getWorldDirection(camera.position.clone())
    camera.position.copy(at).addScaledVector(facing, -0.12)
    camera.lookAt(at)
  }, name)
}

/**
 * Compares the batches' drawing with each mesh drawn by itself (each of `buttons` in the colour
 * given): the draw calls saved, and the pixels in each `looked` mesh's box, seen from where the
 * lab puts the camera or, with `closeUp`, up close to that mesh.
 */
async function compareWithThemselves(page: Page, buttons: Record<string, string>, looked: readonly string[], closeUp?: string) {
  await waitForStillCamera(page)
  const canvas = () => page.locator('canvas').screenshot()
  // Counted with every mesh in view: up close, meshes drawn by themselves would be culled.
  const batchedCalls = await eyePassCalls(page)
  const { meshes, batches, names } = await draw(page, 'themselves', buttons)
  await waitFrames(page, 3)
  const themselvesCalls = await eyePassCalls(page)
  await draw(page, 'batched', buttons)
  if (closeUp) {
    await leanTowards(page, closeUp)
    await waitForStillCamera(page)
  }
  await waitFrames(page, 3)
  const batched = await canvas()
  await draw(page, 'themselves', buttons)
  await waitFrames(page, 3)
  const themselves = await canvas()
  await draw(page, 'none', buttons)
  await waitFrames(page, 3)
  const none = await canvas()
  await draw(page, 'batched', buttons)

  // One call per batch: each mesh drawn by itself is one call more, less its batch's one.
  expect(themselvesCalls - batchedCalls, `${meshes} meshes in ${batches} batches`).toBe(meshes - batches)
  expect(meshes - batches, 'calls saved').toBeGreaterThanOrEqual(3)
  for (const name of looked) expect(names, 'drawn by a batch').toContain(name)

  const rect = await canvasRect(page)
  const boxes = (await screenBoxes(page, looked)).map((b) => ({ ...b, left: b.left - rect.left, right: b.right - rect.left, top: b.top - rect.top, bottom: b.bottom - rect.top }))
  expect(boxes.map((b) => b.name)).toEqual(looked)
  for (const box of boxes) {
    // The comparison can see this mesh: not drawing it changes its box.
    expect(differingShare(none, themselves, box), `${box.name} is drawn`).toBeGreaterThan(0.2)
    expect(differingShare(batched, themselves, box), `${box.name}: batched as drawn by itself`).toBeLessThan(0.03)
  }
}

describe('buttons and parts, drawn in batches', () => {
  it("Circuit Lab: the buttons in the parts' call, each in the colour of its state (Remove greyed out while nothing is picked)", async () => {
    const { page } = session
    await page.goto(`${baseURL}?test&sequence=circuits.series@1&rung=0#/lab/circuits`)
    await page.getByTestId('prompt').waitFor(within)
    await skipToTaskKind(page, 'build')
    await compareWithThemselves(page, { 'remove-button': DISABLED_GREY, 'check-button': ACCENT, 'tool-wire': ACCENT, 'tool-1': ACCENT }, ['remove-button', 'check-button', 'tool-wire', 'tool-1', 'board', 'post-A1'])
  })

  it('Projectile Lab: the two launchers of a compare task, part by part, with the field mat and tape, in one call', async () => {
    const { page } = session
    await page.goto(`${baseURL}?test&sequence=projectile.time-of-flight@1&rung=0#/lab/projectile`)
    await page.getByTestId('prompt').waitFor(within)
    await skipToTaskKind(page, 'compare-launches')
    await compareWithThemselves(page, {}, ['launcher-base', 'barrel', 'field-mat', 'tape'])
  })

  it("Circuit Lab: a lit bulb's filament with the parts, and its glass in the batch of see-through looks", async () => {
    const { page } = session
    await page.goto(`${baseURL}?test&sequence=circuits.closed-loop@1&rung=0#/lab/circuits`)
    await page.getByTestId('prompt').waitFor(within)
    await skipToTaskKind(page, 'build')
    const task = await page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as unknown as { task: { fixed: { id: string; kind: string }[] } }).task)
    const bulb = task.fixed.find((p) => p.kind === 'bulb')!
    const battery = task.fixed.find((p) => p.kind === 'battery') as unknown as { a: number; b: number }
    const { a, b } = bulb as unknown as { a: number; b: number }
    // Wired round, so the filament glows and the glass with it.
    const loop = [
      { id: 'wire-1', label: 'Wire 1', kind: 'wire', a: battery.b, b: a },
      { id: 'wire-2', label: 'Wire 2', kind: 'wire', a: b, b: battery.a },
    ]
    await page.evaluate((parts) => (window.__benchtop!.stores.circuits as unknown as { setState(s: unknown): void }).setState({ parts }), [...task.fixed, ...loop])
    await page.waitForFunction((name) => window.__benchtop?.three?.scene.getObjectByName(name) !== undefined, `${bulb.id}-glass`, within)
    // The charge dots move between screenshots (they crossed the bulb's box in 3% of its pixels): hidden, as they are not what is compared.
    await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('current-flow') !== undefined, undefined, within)
    await page.evaluate(() => void (window.__benchtop!.three!.scene.getObjectByName('current-flow')!.visible = false))
    // Up close: from the bench's distance the bulb is a few hundred pixels, too few to tell its look.
    await compareWithThemselves(page, {}, [`${bulb.id}-filament`, `${bulb.id}-glass`], `${bulb.id}-glass`)
  })

  it('Measure Lab: the ruler, its rail and the block, in one call', async () => {
    const { page } = session
    await page.goto(`${baseURL}?test#/lab/measure`)
    await page.getByTestId('prompt').waitFor(within)
    await compareWithThemselves(page, {}, ['ruler', 'rail', 'block'])
  })

  it("the headset's labels show from the start, on a stage where every label came before its font", async () => {
    const { page } = session
    await page.goto(`${baseURL}?test&emptyStage&iwer=1#/lab/measure`)
    await page.getByTestId('enter-vr').click(within)
    await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('exit-vr-button') !== undefined, undefined, within)
    await waitFrames(page, 30)
    const glyphs = await page.evaluate(() => {
      let count = -1
      window.__benchtop!.three!.scene.traverse((o) => {
        const batch = o as unknown as { _members?: Map<unknown, unknown>; visible: boolean; geometry: { getAttribute(n: string): { count: number } | undefined } }
        if (batch._members) count = batch.visible ? (batch.geometry.getAttribute('aTroikaGlyphIndex')?.count ?? 0) : 0
      })
      return count
    })
    // "Leave VR", "Recenter" and the skills board's headings at least.
    expect(glyphs).toBeGreaterThanOrEqual('LeaveVRRecenter'.length)
  })
})
