/**
 * At 200% text (the page's text-size setting) every in-world button's label and every meter's
 * reading stays on its button or its meter's face (issue 14): before, long tray names and
 * "Remove" wrapped or ran past their buttons' edges. Checked in each face's own plane, so the
 * camera's view does not matter.
 */
import { afterEach, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, within, type Session } from './browser'
import { currentTask, skipToTaskKind } from './app'
import circuits from '../../scenes/circuits'
import projectile from '../../scenes/projectile'

const baseURL = inject('baseURL')
let session: Session
let page: Page

afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

async function open(lab: string, sequence: string, kind: string, headset = false) {
  session = await openBrowser(baseURL, { width: 900, height: 600 })
  page = session.page
  await session.context.addInitScript(() => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'big-text-77' }, version: 1 }))
    if (!localStorage.getItem('benchtop.settings')) localStorage.setItem('benchtop.settings', JSON.stringify({ state: { textScale: 2 }, version: 1 }))
  })
  await page.goto(`${baseURL}?test${headset ? '&iwer=1' : ''}&sequence=${sequence}&rung=0#/lab/${lab}`)
  await page.getByTestId('prompt').waitFor(within)
  await skipToTaskKind(page, kind)
  if (headset) {
    await page.getByTestId('enter-vr').click()
    await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('xr-skills-board') != null, undefined, within)
  }
  return currentTask(page)
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
      const mesh = group.children.find((c) => c.name !== '' && (c as unknown as { isMesh?: boolean }).isMesh) as unknown as { name: string; geometry: { boundingBox: { min: { x: number; y: number; z: number }; max: { x: number; y: number; z: number } } | null; computeBoundingBox(): void }; worldToLocal(v: unknown): { x: number; y: number; z: number }; scale: { x: number; y: number; z: number } } | undefined
      const text = group.children.find((c) => typeof (c as unknown as { text?: unknown }).text === 'string') as unknown as { text: string; textRenderInfo?: { blockBounds: number[] }; matrixWorld: unknown } | undefined
      if (!mesh || !text) return
      if (!text.textRenderInfo) {
        found.push({ name: mesh.name, text: text.text, laidOut: false, over: 0 })
        return
      }
      if (!mesh.geometry.boundingBox) mesh.geometry.computeBoundingBox()
      const { min, max } = mesh.geometry.boundingBox!
      // In metres: a button's box is a unit cube scaled to its size.
      const scale = mesh.scale
      const size = { x: (max.x - min.x) * scale.x, y: (max.y - min.y) * scale.y, z: (max.z - min.z) * scale.z }
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
          over = Math.max(over, (min[axis] - local[axis]) * scale[axis], (local[axis] - max[axis]) * scale[axis])
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

/**
 * The headset's skills board, in its own plane: each line's letters, each button's label and each
 * mastery bar as rectangles (metres), and the board's panel.
 */
function skillsBoard() {
  return page.evaluate(() => {
    const { scene } = window.__benchtop!.three!
    const board = scene.getObjectByName('xr-skills-board')!
    const Vector3 = board.position.constructor as new (x?: number, y?: number, z?: number) => { x: number; y: number; z: number; applyMatrix4(m: unknown): unknown }
    board.updateWorldMatrix(true, true)
    const inBoard = (x: number, y: number, z: number, matrix: unknown) => {
      const v = new Vector3(x, y, z)
      v.applyMatrix4(matrix)
      return board.worldToLocal(v as never)
    }
    /** `group`: the object holding it (a button's label and its face share one). */
    type Box = { what: string; group: string; x0: number; y0: number; x1: number; y1: number }
    const boxOf = (what: string, corners: { x: number; y: number }[], group = ''): Box => ({
      what,
      group,
      x0: Math.min(...corners.map((c) => c.x)),
      y0: Math.min(...corners.map((c) => c.y)),
      x1: Math.max(...corners.map((c) => c.x)),
      y1: Math.max(...corners.map((c) => c.y)),
    })
    const texts: Box[] = []
    const buttons: Box[] = []
    let laidOut = true
    board.traverseVisible((o) => {
      const button = o as unknown as { name: string; isMesh?: boolean; geometry: { boundingBox: { min: { x: number; y: number; z: number }; max: { x: number; y: number; z: number } } | null; computeBoundingBox(): void }; matrixWorld: unknown }
      if (button.isMesh && /^(practise|goal)-/.test(o.name)) {
        if (!button.geometry.boundingBox) button.geometry.computeBoundingBox()
        const { min, max } = button.geometry.boundingBox!
        const corners = [min.x, max.x].flatMap((x) => [min.y, max.y].flatMap((y) => [min.z, max.z].map((z) => inBoard(x, y, z, button.matrixWorld))))
        buttons.push(boxOf(`button ${o.name}`, corners, o.parent!.uuid))
        return
      }
      const text = o as unknown as { text?: unknown; textRenderInfo?: { blockBounds: number[] }; matrixWorld: unknown }
      if (typeof text.text !== 'string') return
      if (!text.textRenderInfo) {
        laidOut = false
        return
      }
      const [x0, y0, x1, y1] = text.textRenderInfo.blockBounds as [number, number, number, number]
      texts.push(boxOf(`"${text.text}"`, [[x0, y0], [x1, y0], [x0, y1], [x1, y1]].map(([x, y]) => inBoard(x!, y!, 0, text.matrixWorld)), o.parent!.uuid))
    })
    // The bars are quads of six vertices in the board's own frame.
    const bars = board.getObjectByName('mastery-bars') as unknown as { geometry: { attributes: { position: { count: number; getX(i: number): number; getY(i: number): number } } } }
    const position = bars.geometry.attributes.position
    const barBoxes: Box[] = []
    for (let q = 0; q < position.count; q += 6) {
      const corners = [0, 1, 2, 3, 4, 5].map((k) => ({ x: position.getX(q + k), y: position.getY(q + k) }))
      barBoxes.push(boxOf(`skill ${Math.floor(q / 12) + 1}'s bar ${(q / 6) % 2 === 0 ? 'track' : 'fill'}`, corners))
    }
    const panel = board.children[0] as unknown as { geometry: { parameters: { width: number; height: number } }; position: { x: number; y: number } }
    const { width, height } = panel.geometry.parameters
    return { laidOut, texts, buttons, bars: barBoxes, panel: { x0: -width / 2, y0: -height / 2, x1: width / 2, y1: height / 2 } }
  })
}

it("In the headset, the skills board's lines, buttons and bars stay apart and on the board", async () => {
  await open('projectile', 'projectile.velocity-components@1', 'compute-quantity', true)
  await expect.poll(async () => (await skillsBoard()).laidOut, within).toBe(true)
  const { texts, buttons, bars, panel } = await skillsBoard()
  // "Your skills", then per skill its name and its progress, and a button (Practise or Goal) for each skill but the one practised now.
  expect(buttons.length).toBe(projectile.skills.length - 1)
  expect(texts.length).toBe(1 + 2 * projectile.skills.length + buttons.length)
  const MARGIN = 0.0005
  const clash = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) =>
    Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > MARGIN && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > MARGIN
  const clashes: string[] = []
  // Each bar's track holds its own filled part, and each button its own label.
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) if (clash(texts[i]!, texts[j]!)) clashes.push(`${texts[i]!.what} and ${texts[j]!.what}`)
    for (const other of [...bars, ...buttons]) if (other.group !== texts[i]!.group && clash(texts[i]!, other)) clashes.push(`${texts[i]!.what} and ${other.what}`)
  }
  for (const button of buttons) for (const bar of bars) if (clash(button, bar)) clashes.push(`${button.what} and ${bar.what}`)
  expect(clashes).toEqual([])
  const off = [...texts, ...bars, ...buttons].filter((b) => b.x0 < panel.x0 - MARGIN || b.x1 > panel.x1 + MARGIN || b.y0 < panel.y0 - MARGIN || b.y1 > panel.y1 + MARGIN).map((b) => b.what)
  expect(off).toEqual([])
  await page.locator('canvas').screenshot({ path: 'test-results/xr-skills-200.png' })
})

/** How far up (world y, metres) a named object reaches: its mesh's box, or a text's laid-out letters. */
function heightsOf(names: readonly string[]) {
  return page.evaluate((names) => {
    const { scene } = window.__benchtop!.three!
    const Vector3 = scene.position.constructor as new (x?: number, y?: number, z?: number) => { y: number; applyMatrix4(m: unknown): unknown }
    const out: Record<string, { bottom: number; top: number } | null> = {}
    for (const name of names) {
      const o = scene.getObjectByName(name) as unknown as
        | { updateWorldMatrix(p: boolean, c: boolean): void; matrixWorld: unknown; textRenderInfo?: { blockBounds: number[] }; text?: string; geometry?: { boundingBox: { min: { x: number; y: number; z: number }; max: { x: number; y: number; z: number } } | null; computeBoundingBox(): void } }
        | undefined
      if (!o) {
        out[name] = null
        continue
      }
      o.updateWorldMatrix(true, false)
      let corners: [number, number, number][] = []
      if (typeof o.text === 'string') {
        if (!o.textRenderInfo) {
          out[name] = null
          continue
        }
        const [x0, y0, x1, y1] = o.textRenderInfo.blockBounds as [number, number, number, number]
        corners = [[x0, y0, 0], [x1, y0, 0], [x0, y1, 0], [x1, y1, 0]]
      } else {
        if (!o.geometry!.boundingBox) o.geometry!.computeBoundingBox()
        const { min, max } = o.geometry!.boundingBox!
        corners = [min.x, max.x].flatMap((x) => [min.y, max.y].flatMap((y) => [min.z, max.z].map((z) => [x, y, z] as [number, number, number])))
      }
      const ys = corners.map(([x, y, z]) => {
        const v = new Vector3(x, y, z)
        v.applyMatrix4(o.matrixWorld)
        return v.y
      })
      out[name] = { bottom: Math.min(...ys), top: Math.max(...ys) }
    }
    return out
  }, names)
}

it("In the headset, the tutor's note, the session buttons and the task panel stack without running into each other", async () => {
  await open('projectile', 'projectile.velocity-components@1', 'compute-quantity', true)
  await page.waitForFunction(() => window.__benchtop!.three!.scene.getObjectByName('tutor-note') != null && window.__benchtop!.three!.scene.getObjectByName('task-panel') != null, undefined, within)
  // The panels' meshes are their groups' first children; the texts are named.
  await page.evaluate(() => {
    const { scene } = window.__benchtop!.three!
    scene.getObjectByName('tutor-note')!.children[0]!.name = 'tutor-note-face'
    scene.getObjectByName('task-panel')!.children[0]!.name = 'task-panel-face'
  })
  const names = ['tutor-note-face', 'recenter-button', 'next-button', 'exit-vr-button', 'task-panel-face', 'task-prompt']
  await expect.poll(async () => Object.values(await heightsOf(names)).every((h) => h !== null), within).toBe(true)
  const h = (await heightsOf(names)) as Record<string, { bottom: number; top: number }>
  const buttonsTop = Math.max(h['recenter-button']!.top, h['next-button']!.top, h['exit-vr-button']!.top)
  const buttonsBottom = Math.min(h['recenter-button']!.bottom, h['next-button']!.bottom, h['exit-vr-button']!.bottom)
  // Top to bottom: the note, the buttons, the panel, and the prompt's letters inside the panel.
  expect(h['tutor-note-face']!.bottom).toBeGreaterThanOrEqual(buttonsTop)
  expect(h['task-panel-face']!.top).toBeLessThanOrEqual(buttonsBottom)
  expect(h['task-prompt']!.top).toBeLessThanOrEqual(h['task-panel-face']!.top)
  expect(h['task-prompt']!.bottom).toBeGreaterThanOrEqual(h['task-panel-face']!.bottom)
  await page.locator('canvas').screenshot({ path: 'test-results/xr-stack-200.png' })
})
