import { useEffect } from 'react'
import { createStore } from 'zustand/vanilla'

/**
 * Where a scene's task happens, in lab-anchor metres (origin on the table top, +z towards the
 * student): the desktop camera starts framing this box so the student's work fills the canvas.
 */
export interface CameraFocus {
  centre: readonly [number, number, number]
  /** Extent along x (left-right), z (near-far) and y (height) that must be in view. */
  width: number
  depth: number
  height: number
  /** Angle of the camera above the table, radians. */
  elevation: number
}

export const cameraFocusStore = createStore<{ focus: CameraFocus | null }>()(() => ({ focus: null }))

/** A scene says where its task happens; the focus goes back to the default when the scene leaves. */
export function useCameraFocus(centreX: number, centreY: number, centreZ: number, width: number, depth: number, height: number, elevation = DEFAULT_ELEVATION): void {
  useEffect(() => {
    cameraFocusStore.setState({ focus: { centre: [centreX, centreY, centreZ], width, depth, height, elevation } })
  }, [centreX, centreY, centreZ, width, depth, height, elevation])
  useEffect(() => () => cameraFocusStore.setState({ focus: null }), [])
}

/** Elevation of the desktop camera above the table (radians) unless a scene asks for another: high enough to read the bench, low enough to see flights. */
export const DEFAULT_ELEVATION = 0.62
const MARGIN = 1.04

/**
 * Distance from the focus centre at which a camera with vertical field of view `fovDeg` and
 * aspect `aspect`, looking at the centre from the focus's elevation, sees the whole focus box.
 * Each corner is checked: a corner nearer the camera than the centre looks bigger, so it needs
 * the camera further back by that much.
 */
export function framingDistance(focus: CameraFocus, fovDeg: number, aspect: number): number {
  const { elevation } = focus
  const halfV = Math.tan((fovDeg * Math.PI) / 360)
  const halfH = halfV * aspect
  const sin = Math.sin(elevation)
  const cos = Math.cos(elevation)
  let needed = 0
  for (const y of [-focus.height / 2, focus.height / 2])
    for (const z of [-focus.depth / 2, focus.depth / 2]) {
      // The corner's offset up the picture, and how much nearer the camera it is than the centre.
      const up = y * cos - z * sin
      const nearer = y * sin + z * cos
      needed = Math.max(needed, Math.max(focus.width / 2 / halfH, Math.abs(up) / halfV) + nearer)
    }
  return needed * MARGIN
}
