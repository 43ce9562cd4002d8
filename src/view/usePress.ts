import { useRef } from 'react'
import type { ThreeEvent } from '@react-three/fiber'
import type { InputMode } from '../core'
import { inputModeOf } from './useAxisDrag'

/**
 * A press on a 3D object: pointer down on it, then up on it, however long it was held. The
 * pointer library's own click drops presses held longer than 300 ms, which loses a deliberate
 * trigger pull or a slow pinch; sliding off the object before letting go cancels, as on a
 * real button.
 */
export function usePress(onPress: (mode: InputMode) => void, options: { onDown?(): void; onCancel?(): void } = {}) {
  const down = useRef<number | null>(null)
  return {
    onPointerDown(e: ThreeEvent<PointerEvent>) {
      e.stopPropagation()
      down.current = e.pointerId
      options.onDown?.()
    },
    onPointerUp(e: ThreeEvent<PointerEvent>) {
      e.stopPropagation()
      if (down.current !== e.pointerId) return
      down.current = null
      onPress(inputModeOf(e as unknown as { pointerType: string }))
    },
    onPointerOut() {
      if (down.current === null) return
      down.current = null
      options.onCancel?.()
    },
    // The click that follows is this object's, not the board's behind it.
    onClick(e: ThreeEvent<MouseEvent>) {
      e.stopPropagation()
    },
  }
}
