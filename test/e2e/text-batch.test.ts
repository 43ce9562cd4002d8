import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { eyePassCalls, openBrowser, waitFrames, type Session } from './browser'
import { openMeasureLab, waitForStillCamera } from './app'

/**
 * Every label of a lab is drawn by one batch (src/view/textBatch.tsx): one draw call instead of
 * one per label, which was half of a lab's frame time over the empty stage. What a student would
 * notice if the batch went wrong: a label in the wrong colour (troika's own batch drew dark text
 * grey), in the wrong place, or still shown when what carries it is hidden.
 */
const baseURL = inject('baseURL')
let session: Session

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 1280, height: 800 })
})
afterEach(async () => {
  await session.close()
})

interface ShownLabel {
  text: string
  /** The colour the label was given, as sRGB 0-255. */
  rgb: [number, number, number]
  left: number
  right: number
  top: number
  bottom: number
}

/** The ruler's number labels, with their colours and where their letters are on the canvas (device pixels of the canvas). */
function rulerLabels(page: Page): Promise<ShownLabel[]> {
  return page.evaluate(() => {
    const { scene, camera, gl } = window.__benchtop!.three!
    const track = scene.getObjectByName('track')!
    const size = gl.domElement.getBoundingClientRect()
    const Vector3 = track.position.constructor as new (x: number, y: number, z: number) => { applyMatrix4(m: unknown): { project(c: unknown): { x: number; y: number } } }
    const out: ShownLabel[] = []
    track.traverseVisible((o) => {
      const t = o as unknown as { text?: string; color?: string; textRenderInfo?: { blockBounds: number[] }; matrixWorld: unknown }
      if (o.parent !== track || typeof t.text !== 'string' || !/^\d+$/.test(t.text) || !t.textRenderInfo || typeof t.color !== 'string') return
      const [x0, y0, x1, y1] = t.textRenderInfo.blockBounds as [number, number, number, number]
      const xs: number[] = []
      const ys: number[] = []
      for (const [x, y] of [[x0, y0], [x1, y0], [x0, y1], [x1, y1]] as const) {
        const p = new Vector3(x, y, 0).applyMatrix4(t.matrixWorld).project(camera)
        xs.push(((p.x + 1) / 2) * size.width)
        ys.push(((1 - p.y) / 2) * size.height)
      }
      const hex = Number.parseInt(t.color.replace('#', ''), 16)
      out.push({ text: t.text, rgb: [hex >> 16, (hex >> 8) & 255, hex & 255], left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) })
    })
    return out
  })
}

/** The darkest pixel (by the sum of its channels) inside a rectangle of a canvas screenshot. */
function darkestIn(png: Buffer, r: { left: number; right: number; top: number; bottom: number }): [number, number, number] {
  const image = PNG.sync.read(png)
  let best: [number, number, number] = [255, 255, 255]
  for (let y = Math.max(0, Math.floor(r.top)); y < Math.min(image.height, Math.ceil(r.bottom)); y++) {
    for (let x = Math.max(0, Math.floor(r.left)); x < Math.min(image.width, Math.ceil(r.right)); x++) {
      const i = (y * image.width + x) * 4
      const pixel: [number, number, number] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!]
      if (pixel[0] + pixel[1] + pixel[2] < best[0] + best[1] + best[2]) best = pixel
    }
  }
  return best
}

describe('labels, drawn as one batch', () => {
  it('draws every label in one call, in its own colour and place, and not while it is hidden', async () => {
    const { page } = session
    await openMeasureLab(page, baseURL)
    await waitForStillCamera(page)

    const labels = await rulerLabels(page)
    expect(labels.length, 'the ruler numbers 0 to 10').toBe(11)

    // The oracle is troika's own drawing of each label, as every label was drawn before the batch:
    // each member back on the rendered layer, the batch hidden.
    const drawLabelsThemselves = (themselves: boolean) =>
      page.evaluate((themselves) => {
        window.__benchtop!.three!.scene.traverse((o) => {
          const members = (o as unknown as { _members?: Map<{ layers: { set(l: number): void } }, unknown> })._members
          if (!members) return
          o.visible = !themselves
          members.forEach((_, text) => text.layers.set(themselves ? 0 : 31))
        })
      }, themselves)
    const canvas = () => page.locator('canvas').screenshot()

    const batchedCalls = await eyePassCalls(page)
    const batched = await canvas()
    await drawLabelsThemselves(true)
    await waitFrames(page, 3)
    // One call for all of them: each label drawn by itself is one call more, less the batch's one.
    const members = await page.evaluate(() => {
      let count = 0
      window.__benchtop!.three!.scene.traverse((o) => void ((o as unknown as { _members?: Map<unknown, unknown> })._members?.forEach(() => count++)))
      return count
    })
    expect(members, 'the ruler numbers and the buttons').toBeGreaterThanOrEqual(labels.length)
    expect((await eyePassCalls(page)) - batchedCalls).toBe(members - 1)
    const themselves = await canvas()
    await drawLabelsThemselves(false)
    await waitFrames(page, 3)

    // Each number is drawn where it was and as dark as troika drew it: the batch once drew dark text grey (43 -> 101).
    const widest = labels.reduce((a, b) => (b.right - b.left > a.right - a.left ? b : a))
    expect(widest.right - widest.left, 'a number wide enough on screen to have solid pixels').toBeGreaterThan(6)
    const distance = (a: number[], b: number[]) => Math.max(...a.map((v, c) => Math.abs(v - b[c]!)))
    for (const label of labels) {
      const own = darkestIn(themselves, label)
      expect(distance(own, label.rgb), `"${label.text}" drawn by itself ${own}, given ${label.rgb}: dark enough to compare`).toBeLessThan(90)
      expect(distance(darkestIn(batched, label), own), `"${label.text}" batched ${darkestIn(batched, label)}, by itself ${own}`).toBeLessThanOrEqual(12)
    }

    // A hidden label is not drawn: first the number 5 itself, then (5 shown again) the ruler that carries every number.
    const five = labels.find((l) => l.text === '5')!
    const fiveDrawn = darkestIn(themselves, five)
    const setVisible = (target: 'five' | 'track', visible: boolean) =>
      page.evaluate(
        ({ target, visible }) => {
          const track = window.__benchtop!.three!.scene.getObjectByName('track')!
          if (target === 'track') track.visible = visible
          else for (const o of track.children) if ((o as unknown as { text?: string }).text === '5') o.visible = visible
        },
        { target, visible },
      )
    for (const target of ['five', 'track'] as const) {
      await setVisible(target, false)
      await waitFrames(page, 3)
      const darkest = darkestIn(await canvas(), five)
      expect(distance(darkest, fiveDrawn), `${target} hidden: darkest pixel where "5" was ${darkest}, drawn ${fiveDrawn}`).toBeGreaterThan(40)
      await setVisible(target, true)
    }
  })
})
