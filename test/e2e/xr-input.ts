/**
 * The emulated right controller or hand under IWER, shared by the headset tests: pose it, aim its
 * ray at a point, and press once (trigger, or pinch). A press the app loses fails the test: a
 * student would lose it too.
 */
import type { Page } from 'playwright-core'
import { waitFrames } from './browser'
import { worldPositionOf } from './app'

export type XrInput = 'controller' | 'hand'
export type Vec3 = [number, number, number]

/** Where the right hand rests while it aims: in front of and below the emulated head. */
export const HAND_AT: Vec3 = [0.15, 1.35, -0.1]

export const PRESS_TIMEOUT_MS = 10_000

/** Poses (position, quaternion) or presses (1 down, 0 up) the emulated right controller or hand. */
export function xrDevice(page: Page, input: XrInput, method: 'position' | 'quaternion' | 'press', ...args: number[]) {
  return page.evaluate(
    ({ input, method, args }) => {
      const d = window.__benchtop!.device as Record<string, Record<string, Record<string, unknown>>>
      const right = (input === 'controller' ? d.controllers : d.hands)!.right! as Record<string, unknown>
      if (method === 'press') {
        if (input === 'controller') (right.updateButtonValue as (id: string, v: number) => void)('trigger', args[0]!)
        else (right.updatePinchValue as (v: number) => void)(args[0]!)
      } else (right[method] as { set(...a: number[]): void }).set(...args)
    },
    { input, method, args },
  )
}

/** Holds the hand at HAND_AT with its ray pointing at `at`. */
export async function aimAt(page: Page, input: XrInput, at: Vec3) {
  const d = [at[0] - HAND_AT[0], at[1] - HAND_AT[1], at[2] - HAND_AT[2]]
  const n = Math.hypot(...d)
  const [x, y, z] = d.map((c) => c / n) as Vec3
  // The rotation taking -Z (where a controller points) to the direction d.
  const q = [y, -x, 0, 1 - z]
  const qn = Math.hypot(...q)
  await xrDevice(page, input, 'position', ...HAND_AT)
  await xrDevice(page, input, 'quaternion', ...q.map((c) => c / qn))
  await waitFrames(page, 3)
}

/**
 * One press on a named object: aim, press down and up, then `effect` must hold within
 * PRESS_TIMEOUT_MS (checked once per frame). On failure the canvas is saved as `failedShot`.
 */
export async function pressOnce(page: Page, input: XrInput, objectName: string, effect: () => Promise<boolean>, options: { at?: Vec3; failedShot: string }) {
  const centre = options.at ?? (await worldPositionOf(page, objectName))
  // Terminals are posts: aim at the top, which no part ever hides.
  await aimAt(page, input, objectName.startsWith('terminal-') ? [centre[0], centre[1] + 0.012, centre[2]] : centre)
  await xrDevice(page, input, 'press', 1)
  await waitFrames(page, 4)
  await xrDevice(page, input, 'press', 0)
  const deadline = Date.now() + PRESS_TIMEOUT_MS
  while (!(await effect())) {
    if (Date.now() > deadline) {
      await page.locator('canvas').screenshot({ path: options.failedShot })
      throw new Error(`one ${input} press on ${objectName} did not take effect within ${PRESS_TIMEOUT_MS} ms`)
    }
    await waitFrames(page, 1)
  }
}
