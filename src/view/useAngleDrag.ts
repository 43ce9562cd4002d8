import { Matrix4, Plane, Vector3, type Object3D } from 'three'
import type { InputMode } from '../core'
import { inputModeOf } from './useAxisDrag'
import { usePointerDrag } from './usePointerDrag'

// Scratch objects: aiming runs per pointer move, which must not allocate.
const _normal = new Vector3()
const _origin = new Vector3()
const _hit = new Vector3()
const _local = new Vector3()
const _plane = new Plane()
const _inverse = new Matrix4()

/**
 * Angle (degrees, counter-clockwise from the pivot's local +X, in its local XY plane) at which a
 * pointer ray crosses that plane. For aiming a barrel or turning a dial with a mouse, a finger,
 * a controller ray or a hand.
 */
export function angleAroundPivot(pivot: Object3D, ray: { origin: Vector3; intersectPlane(p: Plane, t: Vector3): Vector3 | null }): number | null {
  pivot.updateWorldMatrix(true, false)
  _normal.setFromMatrixColumn(pivot.matrixWorld, 2).normalize()
  _origin.setFromMatrixPosition(pivot.matrixWorld)
  _plane.setFromNormalAndCoplanarPoint(_normal, _origin)
  if (!ray.intersectPlane(_plane, _hit)) return null
  _local.copy(_hit).applyMatrix4(_inverse.copy(pivot.matrixWorld).invert())
  return (Math.atan2(_local.y, _local.x) * 180) / Math.PI
}

export interface AngleDragOptions {
  pivot: React.RefObject<Object3D | null>
  onStart?(mode: InputMode): void
  onAngle(degrees: number): void
  onEnd?(): void
}

/** Grab-and-turn around a pivot, for a barrel or a dial. */
export function useAngleDrag({ pivot, onStart, onAngle, onEnd }: AngleDragOptions) {
  return usePointerDrag({
    onStart: (e) => onStart?.(inputModeOf(e)),
    onMove: (e) => {
      const angle = pivot.current && e.ray ? angleAroundPivot(pivot.current, e.ray) : null
      if (angle !== null) onAngle(angle)
    },
    onEnd,
  })
}
