/**
 * Read-only handles for browser tests and for developers, exposed only when the URL carries
 * ?test (or ?iwer). Tests read stores and the R3F state through these; the app never depends on them.
 */
import type { RootState } from '@react-three/fiber'

export interface TestHandles {
  /** Vanilla zustand stores by name (getState() for reading). */
  stores: Record<string, { getState(): unknown }>
  /** The live R3F state (gl, scene, camera), once a canvas is up. */
  three?: RootState
  /** Frames rendered since load. */
  frames: number
  /** Main-thread ms per frame (R3F callbacks + render), a ring indexed by frame number. */
  frameTimes?: Float64Array
  /** performance.now() when the first 3D frame was rendered. */
  firstFrameAt?: number
  /** The station's durable statement queue, when this lab run sends to a hub. */
  telemetryQueue?: unknown
  /** The emulated headset, when ?iwer is on. */
  device?: unknown
}

declare global {
  interface Window {
    __benchtop?: TestHandles
  }
}

const params = typeof location === 'undefined' ? new URLSearchParams() : new URLSearchParams(location.search)
export const testHandlesEnabled = params.has('test') || params.has('iwer')
export const emulatorRequested = params.has('iwer')

export function exposeForTests(patch: Partial<TestHandles> & { stores?: TestHandles['stores'] }): void {
  if (!testHandlesEnabled) return
  const handles = (window.__benchtop ??= { stores: {}, frames: 0 })
  const { stores, ...rest } = patch
  if (stores) Object.assign(handles.stores, stores)
  Object.assign(handles, rest)
}

/**
 * Tests choose the skill and level of every task through the tutor's fixed sequence:
 * ?test&sequence=projectile.range@1,projectile.range@2&rung=0. Ignored without ?test or ?iwer.
 */
export function testTaskSequence(search = typeof location === 'undefined' ? '' : location.search): { steps: { skill: string; level: number }[]; scaffoldLevel: number } | undefined {
  const query = new URLSearchParams(search)
  const sequence = query.get('sequence')
  if (!(query.has('test') || query.has('iwer')) || !sequence) return undefined
  const steps = sequence.split(',').map((step) => {
    const [skill, level] = step.split('@')
    return { skill: skill!, level: Number(level ?? 1) }
  })
  return { steps, scaffoldLevel: Number(query.get('rung') ?? 0) }
}
