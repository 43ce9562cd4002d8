import type { ThreeEvent } from '@react-three/fiber'
import { Plane, Ray, Vector3, type Object3D } from 'three'
import type { InputMode } from '../core'
import { xrStore } from '../xr/store'
import { usePointerDrag } from './usePointerDrag'

// Scratch objects: a drag runs per pointer move, which must not allocate.
const _axis = new Vector3()
const _origin = new Vector3()
const _toPointer = new Vector3()
const _normal = new Vector3()
const _hit = new Vector3()
const _plane = new Plane()

/** Which of our input modes produced a pointer event (mouse, touch, XR controller ray or hand). */
export function inputModeOf(event: { pointerType: string }): InputMode {
  const xr = xrStore.getState()
  if (xr.session) return xr.inputSourceStates.some((s) => s.type === 'hand') ? 'xr-hand' : 'xr-controller'
  return event.pointerType === 'touch' || event.pointerType === 'pen' ? 'touch' : 'mouse'
}

/**
 * Where a pointer ray meets a line: the line is `axisObject`'s local X axis, the result is the
 * local X coordinate. The ray is cut by the plane through the line that faces the pointer most,
 * so it works from above, from the front, from a headset or from a desktop camera.
 */
export function pointOnAxis(axisObject: Object3D, ray: Ray): number | null {
  axisObject.updateWorldMatrix(true, false)
  _axis.setFromMatrixColumn(axisObject.matrixWorld, 0).normalize()
  _origin.setFromMatrixPosition(axisObject.matrixWorld)
  _toPointer.subVectors(ray.origin, _origin)
  _normal.copy(_axis).multiplyScalar(-_toPointer.dot(_axis)).add(_toPointer)
  if (_normal.lengthSq() < 1e-12) return null
  _plane.setFromNormalAndCoplanarPoint(_normal.normalize(), _origin)
  if (!ray.intersectPlane(_plane, _hit)) return null
  const scale = axisObject.matrixWorld.getMaxScaleOnAxis()
  return _hit.sub(_origin).dot(_axis) / scale
}

function pointAlongAxis(axisObject: Object3D, point: Vector3): number {
  axisObject.updateWorldMatrix(true, false)
  _axis.setFromMatrixColumn(axisObject.matrixWorld, 0).normalize()
  _origin.setFromMatrixPosition(axisObject.matrixWorld)
  return _hit.subVectors(point, _origin).dot(_axis) / axisObject.matrixWorld.getMaxScaleOnAxis()
}

export interface AxisDragOptions {
  /** The object whose local X axis the dragged thing slides along. */
  axis: React.RefObject<Object3D | null>
  onStart?(mode: InputMode, x: number): void
  /** Called with the pointer's local X on the axis. */
  onDrag(x: number): void
  onEnd?(): void
}

/** Grab-and-slide along an axis for mouse, touch, an XR controller ray with the trigger, and a hand pinch. */
export function useAxisDrag({ axis, onStart, onDrag, onEnd }: AxisDragOptions) {
  const locate = (e: ThreeEvent<PointerEvent>): number | null => {
    const target = axis.current
    if (!target) return null
    // Grab and touch pointers (a hand right at the object) have no meaningful ray: use the point.
    const useRay = e.ray && e.pointerType !== 'grab' && !(xrStore.getState().session != null && e.pointerType === 'touch')
    return useRay ? pointOnAxis(target, e.ray) : pointAlongAxis(target, e.point)
  }
  return usePointerDrag({
    onStart: (e) => onStart?.(inputModeOf(e), locate(e) ?? 0),
    onMove: (e) => {
      const x = locate(e)
      if (x !== null) onDrag(x)
    },
    onEnd,
  })
}
