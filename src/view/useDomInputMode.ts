import { useRef, type PointerEvent, type RefObject } from 'react'
import type { InputMode } from '../core'

/**
 * How the student is working a scene's DOM panel (keyboard, mouse or touch), for the attempt's
 * interaction summary. Spread `noteMode` on the panel's form: the last key or pointer wins.
 */
export function useDomInputMode(): { mode: RefObject<InputMode>; noteMode: { onKeyDown(): void; onPointerDown(e: PointerEvent): void } } {
  const mode = useRef<InputMode>('keyboard')
  return {
    mode,
    noteMode: {
      onKeyDown: () => void (mode.current = 'keyboard'),
      onPointerDown: (e: PointerEvent) => void (mode.current = e.pointerType === 'touch' ? 'touch' : 'mouse'),
    },
  }
}
