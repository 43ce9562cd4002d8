/** Timers and waits the queue tests share: the test decides when each retry timer fires. */
import { expect, vi } from 'vitest'
import type { QueueStatus } from '../../src/telemetry/queue'

/** Timers the test fires by hand; `delays` records every scheduled delay. */
export function manualTimers(start = 1_700_000_000_000) {
  let t = start
  let nextId = 1
  const timers = new Map<number, { fn: () => void; at: number }>()
  const delays: number[] = []
  return {
    delays,
    now: () => t,
    setTimer(fn: () => void, ms: number) {
      delays.push(ms)
      const id = nextId++
      timers.set(id, { fn, at: t + ms })
      return id
    },
    clearTimer(id: unknown) {
      timers.delete(id as number)
    },
    pending: () => timers.size,
    /** Fires the earliest timer, moving the clock to it. */
    fire() {
      const [id, timer] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? []
      if (id === undefined || !timer) throw new Error('no timer to fire')
      timers.delete(id)
      t = Math.max(t, timer.at)
      timer.fn()
    },
  }
}

/** Until the pass a timer started has finished (bounded: a pass that never ends fails the test). */
export async function queueIdle(queue: { status(): QueueStatus }) {
  await new Promise((r) => setTimeout(r, 0))
  await vi.waitFor(() => expect(queue.status().sending).toBe(false), { timeout: 10_000, interval: 1 })
}
