import { useCallback, useState } from 'react'

interface SyncedText {
  textRenderInfo?: { blockBounds: ArrayLike<number> }
}

/** Changes smaller than this (metres) do not move a layout: troika's re-layouts of the same text differ by far less. */
const SETTLE_M = 0.0005

/**
 * The laid-out heights (metres) of a panel's texts, keyed by name, for panels whose parts stack
 * one under another and must not run into each other at any text size. Troika lays text out off
 * the main thread; each text's onSync reports its height once per layout, never per frame.
 * Until a text has been laid out, its height is `estimate`.
 */
export function useTextHeights<K extends string>(estimate: Record<K, number>): [Record<K, number>, (key: K) => (mesh: SyncedText) => void] {
  const [heights, setHeights] = useState(estimate)
  const onSync = useCallback(
    (key: K) => (mesh: SyncedText) => {
      const bounds = mesh.textRenderInfo?.blockBounds
      if (!bounds) return
      const height = bounds[3]! - bounds[1]!
      setHeights((now) => (Math.abs(now[key] - height) < SETTLE_M ? now : { ...now, [key]: height }))
    },
    [],
  )
  return [heights, onSync]
}
