/** Steps through the real UI that several e2e tests share, and reads the app's exposed state. */
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { waitFrames, within } from './browser'

export interface OpenTask {
  id: string
  kind: string
}

/** The task the lab shows now. */
export function currentTask(page: Page): Promise<OpenTask> {
  return page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { task: OpenTask }).task)
}

/**
 * With the tutor's fixed sequence (?sequence=), presses the page's Next until a task of `kind`
 * comes up, and returns it; a sequence that never offers one fails the test.
 */
export async function skipToTaskKind(page: Page, kind: string): Promise<OpenTask> {
  for (let i = 0; i < 20 && (await currentTask(page)).kind !== kind; i++) {
    const before = (await currentTask(page)).id
    await page.getByTestId('next').click()
    await page.waitForFunction((id) => (window.__benchtop!.stores.lab!.getState() as { task: { id: string } }).task.id !== id, before, within)
  }
  const task = await currentTask(page)
  expect(task.kind).toBe(kind)
  return task
}

/**
 * From the start page to a running Measure lab, as a student would click through it. A new
 * student starts with a placement; tests of something else skip it (as a student may), so their
 * first task is the tutor's level 1 with the most support.
 */
export async function openMeasureLab(page: Page, baseURL: string, query = '?test', options: { placement?: boolean } = {}): Promise<void> {
  await page.goto(`${baseURL}${query}#/`)
  await page.getByRole('button', { name: /^Student/ }).click()
  await page.getByRole('button', { name: /^Start as / }).click()
  await page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await page.getByTestId('prompt').waitFor(within)
  if (!options.placement) {
    await page.getByTestId('skip-placement').click()
    await page.getByTestId('skip-placement').waitFor({ state: 'detached', ...within })
  }
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('block') != null, undefined, within)
  await waitFrames(page, 3)
}

export interface LabSnapshot {
  target: number
  taskId: string
  position: number
  dragging: boolean
  attempts: number
  correct: boolean | null
}

export function labSnapshot(page: Page): Promise<LabSnapshot> {
  return page.evaluate(() => {
    const lab = window.__benchtop!.stores.lab!.getState() as {
      task: { id: string; target: number }
      attempts: number
      lastAssessment?: { correct: boolean }
    }
    const work = window.__benchtop!.stores.measure!.getState() as { position: number; dragging: boolean }
    return {
      target: lab.task.target,
      taskId: lab.task.id,
      position: work.position,
      dragging: work.dragging,
      attempts: lab.attempts,
      correct: lab.lastAssessment ? lab.lastAssessment.correct : null,
    }
  })
}

/** Screen position (CSS pixels) of a named 3D object, through the app's own camera. */
export function screenPositionOf(page: Page, name: string, offset: [number, number, number] = [0, 0, 0]) {
  return page.evaluate(
    ({ name, offset }) => {
      const { scene, camera, gl } = window.__benchtop!.three!
      const object = scene.getObjectByName(name)!
      if (!object) throw new Error(`no object named ${name}`)
      const Vector3 = object.position.constructor as new () => typeof object.position
      const point = object.getWorldPosition(new Vector3())
      point.x += offset[0]
      point.y += offset[1]
      point.z += offset[2]
      point.project(camera)
      const rect = gl.domElement.getBoundingClientRect()
      return { x: rect.left + ((point.x + 1) / 2) * rect.width, y: rect.top + ((1 - point.y) / 2) * rect.height }
    },
    { name, offset },
  )
}

/** World position of a named object, for aiming an emulated controller. */
export function worldPositionOf(page: Page, name: string): Promise<[number, number, number]> {
  return page.evaluate((name) => {
    const { scene } = window.__benchtop!.three!
    const object = scene.getObjectByName(name)!
    if (!object) throw new Error(`no object named ${name}`)
    const Vector3 = object.position.constructor as new () => typeof object.position
    const p = object.getWorldPosition(new Vector3())
    return [p.x, p.y, p.z] as [number, number, number]
  }, name)
}

/**
 * The hub's join code now: the shared e2e hub rotates it whenever a test revokes a station, so
 * a test asks for it rather than keeping the one the hub started with.
 */
export async function currentJoinCode(baseURL: string, teacherKey: string): Promise<string> {
  const res = await fetch(new URL('api/station-link', baseURL), { headers: { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}` } })
  if (!res.ok) throw new Error(`api/station-link answered ${res.status}`)
  return ((await res.json()) as { joinCode: string }).joinCode
}

export interface ScreenBox { name: string; left: number; right: number; top: number; bottom: number }

/**
 * The screen rectangle (CSS pixels) that each named object's meshes cover, through the app's own
 * camera: every corner of every mesh's bounding box under it, projected. Names not in the scene are left out.
 */
export function screenBoxes(page: Page, names: readonly string[]): Promise<ScreenBox[]> {
  return page.evaluate((names) => {
    const { scene, camera, gl } = window.__benchtop!.three!
    const rect = gl.domElement.getBoundingClientRect()
    const out: { name: string; left: number; right: number; top: number; bottom: number }[] = []
    for (const name of names) {
      const found = scene.getObjectByName(name)
      if (!found) continue
      const root = found
      const Vector3 = root.position.constructor as new (x?: number, y?: number, z?: number) => typeof root.position
      const xs: number[] = []
      const ys: number[] = []
      root.updateWorldMatrix(true, true)
      root.traverseVisible((o) => {
        const mesh = o as unknown as { geometry?: { boundingBox: { min: typeof root.position; max: typeof root.position } | null; computeBoundingBox(): void } }
        if (!mesh.geometry) return
        if (!mesh.geometry.boundingBox) mesh.geometry.computeBoundingBox()
        const { min, max } = mesh.geometry.boundingBox!
        for (const x of [min.x, max.x])
          for (const y of [min.y, max.y])
            for (const z of [min.z, max.z]) {
              const p = o.localToWorld(new Vector3(x, y, z)).project(camera)
              xs.push(rect.left + ((p.x + 1) / 2) * rect.width)
              ys.push(rect.top + ((1 - p.y) / 2) * rect.height)
            }
      })
      if (xs.length) out.push({ name, left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) })
    }
    return out
  }, names)
}

/** The canvas's rectangle on the page (CSS pixels). */
export function canvasRect(page: Page): Promise<{ left: number; right: number; top: number; bottom: number; width: number; height: number }> {
  return page.evaluate(() => {
    const r = window.__benchtop!.three!.gl.domElement.getBoundingClientRect()
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }
  })
}

export interface ScreenText { text: string; left: number; right: number; top: number; bottom: number }

/** Every piece of text under the named object (a scene's root), as the rectangle its letters cover on the screen. */
export function screenTexts(page: Page, rootName: string): Promise<ScreenText[]> {
  return page.evaluate((rootName) => {
    const { scene, camera, gl } = window.__benchtop!.three!
    const root = scene.getObjectByName(rootName)!
    const rect = gl.domElement.getBoundingClientRect()
    const out: ScreenText[] = []
    const Vector3 = root.position.constructor as new (x?: number, y?: number, z?: number) => { x: number; y: number; z: number; applyMatrix4(m: unknown): { project(c: unknown): { x: number; y: number } } }
    root.traverseVisible((o) => {
      const t = o as unknown as { text?: string; textRenderInfo?: { blockBounds: number[] }; matrixWorld: unknown }
      if (typeof t.text !== 'string' || !t.textRenderInfo || t.text.trim() === '') return
      const [x0, y0, x1, y1] = t.textRenderInfo.blockBounds as [number, number, number, number]
      const xs: number[] = []
      const ys: number[] = []
      for (const [x, y] of [[x0, y0], [x1, y0], [x0, y1], [x1, y1]] as const) {
        const p = new Vector3(x, y, 0).applyMatrix4(t.matrixWorld).project(camera)
        xs.push(rect.left + ((p.x + 1) / 2) * rect.width)
        ys.push(rect.top + ((1 - p.y) / 2) * rect.height)
      }
      out.push({ text: t.text, left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) })
    })
    return out
  }, rootName)
}

/** Pairs of texts whose letters overlap on the screen by more than a pixel each way. */
export function overlapping(texts: ScreenText[]): string[] {
  const clashes: string[] = []
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i]!
      const b = texts[j]!
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
      if (w > 1 && h > 1) clashes.push(`"${a.text}" and "${b.text}"`)
    }
  return clashes
}

/** Waits until the camera has settled on the task (it glides there), so that pixels are read from a still view. */
export async function waitForStillCamera(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __lastCamera?: string }
      const three = window.__benchtop?.three
      if (!three) return false
      const now = three.camera.matrixWorld.elements.join()
      const still = w.__lastCamera === now
      w.__lastCamera = now
      return still
    },
    undefined,
    { polling: 500, timeout: 60_000 },
  )
}
