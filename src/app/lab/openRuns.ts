/**
 * A lab run at a station that ends without "Next student" (the tab closed, the browser crashed,
 * the battery died) still ends in the record: while a run is open it keeps a small mark in
 * localStorage, and the next lab opened on this device sends the run's suspended statement, dated
 * at the run's last event. A Web Lock held for the run's life tells a run still open in another
 * tab (lock held) from an abandoned one (the browser released the lock with the tab).
 *
 * Nothing is sent from pagehide/unload: the browser may drop that work, and a run that ends in a
 * crash has no such event at all.
 */
import type { TutorEvent } from '../../core'
import type { ClientStatement } from '../../shared/xapi'
import { buildStatements, type BuildContext } from '../../telemetry/builders'

const MARK_PREFIX = 'benchtop.openRun.'
const lockName = (registration: string) => `benchtop-run-${registration}`

interface OpenRunMark {
  ctx: BuildContext
  learner: string
  sceneId: string
  sceneVersion: string
  /** The run's latest event (ms since the epoch): the latest it can be known to have been open. */
  lastAt: number
}

type Locks = LockManager | undefined
const locksOf = (): Locks => (globalThis.navigator as Navigator | undefined)?.locks

export interface OpenRun {
  /** After the run's events are queued: the mark follows the latest; a session end removes it. */
  recorded(events: readonly TutorEvent[]): void
  /** The run ended properly (its end is queued): no mark, lock released. */
  close(): void
}

/**
 * Holds the run's lock, then marks the run open on each recorded event. Without Web Locks no mark
 * is kept: a live run in another tab could not be told from an abandoned one.
 */
export async function openRun(ctx: BuildContext, locks: Locks = locksOf()): Promise<OpenRun> {
  const key = MARK_PREFIX + ctx.registration
  let release = () => {}
  if (locks) {
    release = await new Promise<() => void>((acquired) => {
      void locks.request(lockName(ctx.registration), () => new Promise<void>((resolve) => acquired(resolve)))
    })
  }
  let closed = false
  return {
    recorded(events) {
      const last = events.at(-1)
      if (!locks || closed || !last) return
      if (last.type === 'session-ended') return void localStorage.removeItem(key)
      const mark: OpenRunMark = { ctx, learner: last.learner, sceneId: last.sceneId, sceneVersion: last.sceneVersion, lastAt: last.at }
      try {
        localStorage.setItem(key, JSON.stringify(mark))
      } catch {
        // Storage full or blocked: the run's end may go unrecorded if the tab closes; nothing else depends on it.
      }
    },
    close() {
      closed = true
      localStorage.removeItem(key)
      release()
    },
  }
}

function readMark(text: string | null): OpenRunMark | null {
  try {
    const mark = JSON.parse(text ?? '') as Partial<OpenRunMark>
    const ok =
      typeof mark.ctx?.registration === 'string' &&
      typeof mark.ctx.homePage === 'string' &&
      typeof mark.learner === 'string' &&
      typeof mark.sceneId === 'string' &&
      typeof mark.sceneVersion === 'string' &&
      Number.isFinite(mark.lastAt)
    return ok ? (mark as OpenRunMark) : null
  } catch {
    return null
  }
}

/**
 * Queues a suspended statement for every abandoned run on this device and forgets their marks;
 * runs open in another tab are left alone. Returns how many runs it closed.
 */
export async function closeAbandonedRuns(enqueue: (statements: ClientStatement[]) => Promise<void>, locks: Locks = locksOf()): Promise<number> {
  if (!locks) return 0
  const keys: string[] = []
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)
    if (key?.startsWith(MARK_PREFIX)) keys.push(key)
  }
  let closed = 0
  for (const key of keys) {
    await locks.request(lockName(key.slice(MARK_PREFIX.length)), { ifAvailable: true }, async (lock) => {
      if (!lock) return
      const mark = readMark(localStorage.getItem(key))
      if (mark) {
        const { ctx, learner, sceneId, sceneVersion, lastAt } = mark
        await enqueue(buildStatements({ type: 'session-ended', reason: 'suspended', at: lastAt, learner, sceneId, sceneVersion }, ctx))
        closed++
      }
      localStorage.removeItem(key)
    })
  }
  return closed
}
