import { useRef } from 'react'
import { useThree, type ThreeEvent } from '@react-three/fiber'

type Capturing = { setPointerCapture(id: number): void; releasePointerCapture(id: number): void }

export interface PointerDragHandlers {
  onStart(e: ThreeEvent<PointerEvent>): void
  onMove(e: ThreeEvent<PointerEvent>): void
  onEnd?(): void
}

/**
 * One pointer at a time grabs the object; pointer capture keeps the drag alive when the
 * pointer leaves it (mouse, touch, XR ray or hand). The orbit camera listens to the same canvas,
 * so it is held still for the length of the drag.
 */
export function usePointerDrag({ onStart, onMove, onEnd }: PointerDragHandlers) {
  const active = useRef<number | null>(null)
  const controls = useThree((state) => state.controls) as { enabled: boolean } | null
  const holdCamera = (hold: boolean) => {
    if (controls) controls.enabled = !hold
  }
  return {
    onPointerDown(e: ThreeEvent<PointerEvent>) {
      if (active.current !== null) return
      e.stopPropagation()
      active.current = e.pointerId
      holdCamera(true)
      ;(e.target as unknown as Capturing).setPointerCapture(e.pointerId)
      onStart(e)
    },
    onPointerMove(e: ThreeEvent<PointerEvent>) {
      if (active.current !== e.pointerId) return
      e.stopPropagation()
      onMove(e)
    },
    onPointerUp(e: ThreeEvent<PointerEvent>) {
      if (active.current !== e.pointerId) return
      e.stopPropagation()
      active.current = null
      holdCamera(false)
      ;(e.target as unknown as Capturing).releasePointerCapture(e.pointerId)
      onEnd?.()
    },
    onPointerCancel() {
      if (active.current === null) return
      active.current = null
      holdCamera(false)
      onEnd?.()
    },
  }
}
