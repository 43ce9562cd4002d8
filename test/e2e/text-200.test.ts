/**
 * At 200% text (the page's text-size setting) every in-world button's label and every meter's
 * reading stays on its button or its meter's face (issue 14): before, long tray names and
 * "Remove" wrapped or ran past their buttons' edges. Checked in each face's own plane, so the
 * camera's view does not matter.
 */
import { afterEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, within, type Session } from './browser'
import circuits from '../../scenes/circuits'

const baseURL = inject('baseURL')
let session: Session
let page: Page

afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

async function open(lab: string, sequence: string, kind: string) {
  session = await openBrowser(baseURL, { width: 900, height: 600 })
  page = session.page
  await session.context.addInitScript(() => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'big-text-77' }, version: 1 }))
    if (!localStorage.getItem('benchtop.settings')) localStorage.setItem('benchtop.settings', JSON.stringify({ state: { textScale: 2 }, version: 1 }))
  })
  await page.goto(`${baseURL}?test&sequence=${sequence}&rung=0#/lab/${lab}`)
  await page.getByTestId('prompt').waitFor(within)
  const task = () => page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { task: { id: string; kind: string } }).task)
  for (let i = 0; i < 20 && (await task()).kind !== kind; i++) {
    const before = (await task()).id
    await page.getByTestId('next').click()
    await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, before, within)
  }
  expect((await task()).kind).toBe(kind)
  return task()
}

/**
 * Every face with its text (a group holding just a named mesh and a text: a button, a meter),
 * and how far the text's letters reach past the face's edges, in metres in the face's plane.
 */
function faces() {
  return page.evaluate(() => {
    const { scene } = window.__benchtop!.three!
    const found: { name: string; text: string; laidOut: boolean; over: number }[] = []
    scene.traverseVisible((group) => {
      if (group.children.length !== 2) return
      const mesh = group.children.find((c) => c.name !== '' && (c as unknown as { isMesh?: boolean }).isMesh) as unknown as { name: string; geometry: { boundingBox: { min: { x: number; y: number; z: number }; max: { x: number; y: number; z: number } } | null; computeBoundingBox(): void }; worldToLocal(v: unknown): { x: number; y: number; z: number } } | undefined
      const text = group.children.find((c) => typeof (c as unknown as { text?: unknown }).text === 'string') as unknown as { text: string; textRenderInfo?: { blockBounds: number[] }; matrixWorld: unknown } | undefined
      if (!mesh || !text) return
      if (!text.textRenderInfo) {
        found.push({ name: mesh.name, text: text.text, laidOut: false, over: 0 })
        return
      }
      if (!mesh.geometry.boundingBox) mesh.geometry.computeBoundingBox()
      const { min, max } = mesh.geometry.boundingBox!
      const size = { x: max.x - min.x, y: max.y - min.y, z: max.z - min.z }
      // The face is the plane of the box's two longer sides; the text stands just off it.
      const thin = (['x', 'y', 'z'] as const).reduce((a, b) => (size[a] <= size[b] ? a : b))
      const Vector3 = group.position.constructor as new (x?: number, y?: number, z?: number) => { x: number; y: number; z: number; applyMatrix4(m: unknown): unknown }
      const [x0, y0, x1, y1] = text.textRenderInfo.blockBounds as [number, number, number, number]
      let over = 0
      for (const [x, y] of [[x0, y0], [x1, y0], [x0, y1], [x1, y1]] as const) {
        const corner = new Vector3(x, y, 0)
        corner.applyMatrix4(text.matrixWorld)
        const local = mesh.worldToLocal(corner)
        for (const axis of ['x', 'y', 'z'] as const) {
          if (axis === thin) continue
          over = Math.max(over, min[axis] - local[axis], local[axis] - max[axis])
        }
      }
      found.push({ name: mesh.name, text: text.text, laidOut: true, over })
    })
    return found
  })
}

/** Waits for every text on a face to be laid out, then lists those reaching more than half a millimetre past their face. */
async function overflowing(minimum: number) {
  await expect.poll(async () => (await faces()).filter((f) => f.laidOut).length, within).toBeGreaterThanOrEqual(minimum)
  // The fit to the face applies when the layout is done; wait on it, not on a number of frames.
  let last: string[] = []
  await expect
    .poll(async () => {
      last = (await faces()).filter((f) => f.over > 0.0005).map((f) => `${f.name} "${f.text}" ${(f.over * 1000).toFixed(1)} mm over`)
      return last.length
    }, within)
    .toBe(0)
    .catch(() => undefined)
  return last
}

it('Circuit Lab build task: the tray names, Remove, Hint and Check stay on their buttons', async () => {
  const task = (await open('circuits', 'circuits.series@1', 'build')) as unknown as { tray: unknown[] }
  // The tray (its wire shown once), Remove, Hint and Check.
  expect(await overflowing(task.tray.length + 3)).toEqual([])
})

it("Circuit Lab meter task: an ammeter's reading stays on its face", async () => {
  const task = await open('circuits', 'circuits.meters@1', 'measure')
  const attempt = circuits.referenceSolution(task as never)
  if (attempt.kind !== 'measure') throw new Error(`the task is not a measure task: ${attempt.kind}`)
  // The scene's store comes with its view module, which can arrive after the task.
  await page.waitForFunction(() => window.__benchtop?.stores.circuits != null, undefined, within)
  await page.evaluate((parts) => (window.__benchtop!.stores.circuits as unknown as { setState(s: unknown): void }).setState({ parts }), attempt.parts)
  const meters = attempt.parts.filter((p) => p.kind === 'ammeter' || p.kind === 'voltmeter').map((p) => p.id)
  expect(meters.length).toBeGreaterThan(0)
  await page.waitForFunction((names) => names.every((n) => window.__benchtop?.three?.scene.getObjectByName(`${n}-reading`) != null), meters, within)
  expect(await overflowing(meters.length + 3)).toEqual([])
  // The meters were among the faces checked.
  expect((await faces()).map((f) => f.name)).toEqual(expect.arrayContaining(meters))
})

it('Projectile hit-target task: the nudge buttons, Launch and Hint stay on their buttons', async () => {
  await open('projectile', 'projectile.angle-range@1', 'hit-target')
  expect(await overflowing(3)).toEqual([])
})
