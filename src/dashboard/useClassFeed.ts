/**
 * The class as the hub keeps it: the overview (GET /api/class-view, the size of the class, not
 * of its history) on open, then the live feed's statements folded into the rows as they come,
 * and the overview read again at most every few seconds while they do (task tables, labs, and
 * the hub's own rows, which settle anything the two connections raced on). A dropped feed (hub
 * restarted, laptop woke up) reconnects; a refused key signs out through the hub client.
 */
import type { StorageStatus } from '../shared/hub-status'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ClassOverview } from '../shared/classAnalytics'
import { applyStatements, type StudentRow } from '../shared/classState'
import { KeyRefused, type HubClient } from './hubClient'

const REFRESH_MS = 3_000
const RECONNECT_MS = 3_000

export type FeedState = 'connecting' | 'live' | 'reconnecting'
/** Hears each batch of new statements as the live feed brings it; returns how to stop. */
export type SubscribeLive = (listener: (statements: readonly unknown[]) => void) => () => void

interface StatementLike {
  actor?: { account?: { name?: string } }
}

/** The rows with `statements` applied, copying the rows they touch (React state is not mutated). */
function withStatements(rows: ReadonlyMap<string, StudentRow>, statements: readonly unknown[]): Map<string, StudentRow> {
  const next = new Map(rows)
  for (const s of statements) {
    const pseudonym = (s as StatementLike).actor?.account?.name
    const row = pseudonym ? rows.get(pseudonym) : undefined
    if (pseudonym && row && next.get(pseudonym) === row) next.set(pseudonym, structuredClone(row))
  }
  return applyStatements(next, statements)
}

/** Reads Server-Sent Events from a fetch stream; resolves when the stream ends. */
async function readEvents(res: Response, onEvent: (event: string, data: string) => void): Promise<void> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event = frame.split('\n').find((line) => line.startsWith('event: '))
      const data = frame.split('\n').find((line) => line.startsWith('data: '))
      if (event && data) onEvent(event.slice(7), data.slice(6))
    }
  }
}

export function useClassFeed(hub: HubClient) {
  const [overview, setOverview] = useState<ClassOverview | null>(null)
  const [state, setState] = useState<FeedState>('connecting')
  const [error, setError] = useState<string | null>(null)
  // The hub's disk: the live feed says when it cannot store (and again once it can).
  const [storage, setStorage] = useState<StorageStatus | null>(null)
  const listeners = useRef(new Set<(statements: readonly unknown[]) => void>())
  const subscribe = useCallback<SubscribeLive>((listener) => {
    listeners.current.add(listener)
    return () => listeners.current.delete(listener)
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    const { signal } = controller
    let rows = new Map<string, StudentRow>()
    let latest: ClassOverview | null = null
    let refreshing = false
    /** Statements that arrived while an overview was on its way: it may or may not hold them. */
    let duringRefresh: unknown[] = []
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastRefresh = 0

    const publish = () => {
      if (latest) setOverview({ ...latest, students: [...rows.values()] })
    }
    // One overview request at a time: the timer's and a reconnect's take turns.
    let queue: Promise<void> = Promise.resolve()
    const refresh = () => (queue = queue.catch(() => {}).then(readOverview))
    const readOverview = async () => {
      refreshing = true
      duringRefresh = []
      lastRefresh = Date.now()
      try {
        latest = await hub.json<ClassOverview>('api/class-view', { signal })
        rows = withStatements(new Map(latest.students.map((r) => [r.pseudonym, r])), duringRefresh)
        setError(null)
        publish()
      } finally {
        refreshing = false
      }
      // What came in meanwhile is shown already; the next overview settles it for sure.
      if (duringRefresh.length) schedule()
    }
    const schedule = () => {
      if (timer !== undefined || signal.aborted) return
      timer = setTimeout(
        () => {
          timer = undefined
          refresh().catch(report)
        },
        Math.max(0, lastRefresh + REFRESH_MS - Date.now()),
      )
    }
    const report = (e: unknown) => {
      if (signal.aborted || e instanceof KeyRefused) return
      // fetch() rejects with a TypeError when the hub cannot be reached at all.
      setError(e instanceof TypeError ? 'cannot reach the hub; trying again' : e instanceof Error ? e.message : String(e))
    }
    const onStatements = (fresh: unknown[]) => {
      if (refreshing) duringRefresh.push(...fresh)
      rows = withStatements(rows, fresh)
      publish()
      schedule()
      for (const listener of listeners.current) listener(fresh)
    }

    const connect = async () => {
      for (;;) {
        const connection = new AbortController()
        const stop = () => connection.abort()
        signal.addEventListener('abort', stop)
        try {
          // Subscribe first, then read the overview: nothing stored in between is missed.
          const live = await hub.fetch('api/live', { signal: connection.signal })
          if (!live.ok) throw new Error(`the live feed answered ${live.status}`)
          const reading = readEvents(live, (event, data) => {
            if (event === 'statements') onStatements(JSON.parse(data) as unknown[])
            else if (event === 'storage') setStorage(JSON.parse(data) as StorageStatus)
          })
          reading.catch(() => {})
          await refresh()
          setState('live')
          await reading
        } catch (e) {
          if (signal.aborted || e instanceof KeyRefused) return
          report(e)
        } finally {
          connection.abort()
          signal.removeEventListener('abort', stop)
        }
        if (signal.aborted) return
        setState('reconnecting')
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
        if (signal.aborted) return
      }
    }
    void connect()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [hub])

  return { overview, state, error, subscribe, storage }
}
