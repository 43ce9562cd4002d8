/**
 * The durable statement queue: IndexedDB (through idb), so statements survive reloads, tab
 * crashes and a headset going to sleep. Delivery is at-least-once with client-made ids, which an
 * LRS turns into exactly-once: a statement leaves the queue only when the LRS has it.
 *
 * Answers and what the queue does:
 * - 2xx: the batch is delivered; its statements leave the queue.
 * - network error, 408, 429, 5xx: nothing is lost; retry later with exponential backoff and
 *   jitter (honouring Retry-After). Other 4xx (401, 404...) are treated the same way:
 *   a station's key or endpoint is wrong, and retrying after it is fixed must still deliver.
 * - 403: the key may not send some statement of the batch (the hub: a student who never signed
 *   in at this station): bisected like 400, so one such statement does not hold up the rest.
 * - `screen` (the station's privacy check) may refuse a statement before it is queued: it goes
 *   straight to quarantine with the reason, status 0, and is never sent.
 * - 413: the batch is split in halves until it fits; a single statement that is too large is
 *   quarantined.
 * - 400: the batch is bisected until the bad statement is alone; it is quarantined with the
 *   server's error text and everything else is delivered.
 * - 409: the LRS holds a different statement under one of the ids (statements cannot change;
 *   an identical retry, e.g. after a lost answer, is answered 2xx by the hub and by xAPI's
 *   statement comparison rules). The batch is bisected until the conflicting statement is
 *   alone; it is quarantined with the server's reason, never counted as delivered, and the
 *   rest are delivered.
 * After `alertAfter` consecutive failed attempts, onAlert fires once (and status().alert is
 * set) rather than retrying silently forever; retries go on at the longest delay.
 * Stores: pending (keyed by statement id, index by enqueue order), quarantine, meta.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { ClientStatement } from '../shared/xapi'

export interface ResponseLike {
  status: number
  text(): Promise<string>
  headers?: { get(name: string): string | null }
}

export type SendBatch = (batch: ClientStatement[]) => Promise<ResponseLike>

export interface QueueAlert {
  consecutiveFailures: number
  waiting: number
  lastError: string
  /** When the run of failures started (ms since the epoch). */
  since: number
}

export interface QueueStatus {
  waiting: number
  quarantined: number
  sending: boolean
  consecutiveFailures: number
  /** When the next automatic attempt is due; null when none is scheduled. */
  nextAttemptAt: number | null
  lastError: string | null
  alert: QueueAlert | null
}

export interface QuarantineRecord {
  id: string
  statement: ClientStatement
  /** The HTTP status that refused it alone (400, 403, 409, 413); 0 = refused by `screen`, never sent. */
  status: number
  /** The server's error text (or the screen's). */
  reason: string
  at: number
}

export interface FlushReport {
  delivered: number
  /** Of quarantined: answered 409 (the LRS holds a different statement with that id). */
  conflicts: number
  quarantined: number
  requests: number
  /** False when the pass stopped on a retryable failure. */
  ok: boolean
  error?: string
}

export interface QueueOptions {
  send: SendBatch
  /** Default 'benchtop-telemetry'. */
  dbName?: string
  /** Statements per request. Default 50. */
  batchSize?: number
  /** Wait after an enqueue before sending, to gather a batch. Default 500 ms. */
  sendDelayMs?: number
  /** First retry delay. Default 1 s. */
  baseDelayMs?: number
  /** Longest retry delay. Default 5 min. */
  maxDelayMs?: number
  /** Consecutive failed attempts before onAlert. Default 5. */
  alertAfter?: number
  onAlert?: (alert: QueueAlert) => void
  /** Called with the ids of each delivered batch (metrics, tests). */
  onDelivered?: (ids: string[]) => void
  random?: () => number
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /**
   * Runs a delivery pass exclusively across tabs; default: the Web Locks API when there is one.
   * Without it two tabs may send the same statement, which the LRS de-duplicates by id.
   */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>
  /** Why a statement may not be sent (then it is quarantined at once, never sent); null = fine. */
  screen?: (statement: ClientStatement) => string | null
}

export interface TelemetryQueue {
  /** Stores statements durably (one transaction); resolves once they are on disk. */
  enqueue(statements: readonly ClientStatement[]): Promise<void>
  /** One delivery pass now, whatever the backoff says; concurrent calls share the pass. */
  flush(): Promise<FlushReport>
  /** Sends automatically: after enqueues, and on the backoff schedule after failures. */
  start(): void
  stop(): void
  /** Try now (e.g. on the browser's 'online' event) without forgetting the failure count. */
  nudge(): void
  waitingCount(): number
  status(): QueueStatus
  /** Called with the status on every change; returns the unsubscribe function. */
  subscribe(listener: (status: QueueStatus) => void): () => void
  quarantined(): Promise<QuarantineRecord[]>
  /** Moves quarantined statements (all, or these ids) back to the queue; returns how many. */
  requeueQuarantined(ids?: readonly string[]): Promise<number>
  close(): Promise<void>
}

interface PendingRecord {
  id: string
  seq: number
  statement: ClientStatement
  enqueuedAt: number
}

interface TelemetryDb extends DBSchema {
  pending: { key: string; value: PendingRecord; indexes: { bySeq: number } }
  quarantine: { key: string; value: QuarantineRecord }
  meta: { key: string; value: { key: string; value: number } }
}

const DB_VERSION = 1
const MAX_REASON = 2_000

type Outcome = { ok: true } | { ok: false; error: string; retryAfterMs?: number }

/** The text of an error answer: an LRS's JSON {error|message} or the raw body, bounded. */
async function errorText(res: ResponseLike): Promise<string> {
  let body = ''
  try {
    body = await res.text()
  } catch {
    body = ''
  }
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown }
    const message = json.error ?? json.message
    if (typeof message === 'string') body = message
  } catch {
    // not JSON: keep the text
  }
  body = body.trim() || `HTTP ${res.status}`
  return body.length > MAX_REASON ? `${body.slice(0, MAX_REASON)}...` : body
}

function retryAfter(res: ResponseLike, now: number): number | undefined {
  const value = res.headers?.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

function defaultLock(): (<T>(fn: () => Promise<T>) => Promise<T>) | undefined {
  const locks = (globalThis as { navigator?: { locks?: { request(name: string, cb: () => Promise<unknown>): Promise<unknown> } } }).navigator?.locks
  if (!locks) return undefined
  return <T>(fn: () => Promise<T>) => locks.request('benchtop-telemetry-send', fn) as Promise<T>
}

export async function openTelemetryQueue(options: QueueOptions): Promise<TelemetryQueue> {
  const send = options.send
  const batchSize = Math.max(1, options.batchSize ?? 50)
  const sendDelayMs = options.sendDelayMs ?? 500
  const baseDelayMs = options.baseDelayMs ?? 1_000
  const maxDelayMs = options.maxDelayMs ?? 300_000
  const alertAfter = options.alertAfter ?? 5
  const random = options.random ?? Math.random
  const now = options.now ?? (() => Date.now())
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>))
  const lock = options.lock ?? defaultLock() ?? (<T>(fn: () => Promise<T>) => fn())

  const db: IDBPDatabase<TelemetryDb> = await openDB<TelemetryDb>(options.dbName ?? 'benchtop-telemetry', DB_VERSION, {
    upgrade(database) {
      const pending = database.createObjectStore('pending', { keyPath: 'id' })
      pending.createIndex('bySeq', 'seq')
      database.createObjectStore('quarantine', { keyPath: 'id' })
      database.createObjectStore('meta', { keyPath: 'key' })
    },
  })

  const meta = async (key: string) => (await db.get('meta', key))?.value ?? 0
  let waiting = await db.count('pending')
  let quarantinedCount = await db.count('quarantine')
  let consecutiveFailures = await meta('failures')
  let failingSince = await meta('failingSince')
  let lastError: string | null = null
  let alert: QueueAlert | null = null
  let running = false
  let timer: unknown = null
  let nextAttemptAt: number | null = null
  let inFlight: Promise<FlushReport> | null = null
  let closed = false
  const listeners = new Set<(status: QueueStatus) => void>()

  const status = (): QueueStatus => ({ waiting, quarantined: quarantinedCount, sending: inFlight !== null, consecutiveFailures, nextAttemptAt, lastError, alert })
  const notify = () => {
    const s = status()
    for (const listener of listeners) listener(s)
  }

  /** Until when a failure holds sending back; enqueues do not pull a retry earlier. */
  let backoffUntil = 0

  function schedule(delayMs: number, backoff = false): void {
    let at = now() + delayMs
    if (backoff) backoffUntil = at
    else if (at < backoffUntil) at = backoffUntil
    if (!running || closed) return
    // An earlier timer already covers this one, unless a failure set this delay: then a send
    // timer from an enqueue during the failing pass must not pull the retry forward.
    if (!backoff && timer !== null && nextAttemptAt !== null && nextAttemptAt <= at) return
    if (timer !== null) clearTimer(timer)
    nextAttemptAt = at
    timer = setTimer(
      () => {
        timer = null
        nextAttemptAt = null
        void flush().then((report) => {
          if (report.ok && waiting > 0) schedule(0)
        })
      },
      Math.max(0, at - now()),
    )
    notify()
  }

  async function removeDelivered(ids: string[]): Promise<void> {
    const tx = db.transaction('pending', 'readwrite')
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done])
    waiting = await db.count('pending')
    options.onDelivered?.(ids)
    notify()
  }

  async function quarantine(stmt: ClientStatement, httpStatus: number, reason: string): Promise<void> {
    const tx = db.transaction(['pending', 'quarantine'], 'readwrite')
    await Promise.all([tx.objectStore('pending').delete(stmt.id), tx.objectStore('quarantine').put({ id: stmt.id, statement: stmt, status: httpStatus, reason, at: now() }), tx.done])
    waiting = await db.count('pending')
    quarantinedCount = await db.count('quarantine')
    notify()
  }

  /** Delivers one batch, splitting it as the answers require; stops at a retryable failure. */
  async function deliver(batch: ClientStatement[], report: FlushReport): Promise<Outcome> {
    let res: ResponseLike
    report.requests++
    try {
      res = await send(batch)
    } catch (error) {
      return { ok: false, error: `Network error: ${error instanceof Error ? error.message : String(error)}` }
    }
    const code = res.status
    if (code >= 200 && code < 300) {
      await removeDelivered(batch.map((s) => s.id))
      report.delivered += batch.length
      return { ok: true }
    }
    const splittable = code === 400 || code === 403 || code === 409 || code === 413
    if (splittable && batch.length > 1) {
      const half = Math.ceil(batch.length / 2)
      for (const part of [batch.slice(0, half), batch.slice(half)]) {
        const outcome = await deliver(part, report)
        if (!outcome.ok) return outcome
      }
      return { ok: true }
    }
    if (splittable) {
      await quarantine(batch[0]!, code, await errorText(res))
      report.quarantined++
      if (code === 409) report.conflicts++
      return { ok: true }
    }
    return { ok: false, error: `HTTP ${code}: ${await errorText(res)}`, retryAfterMs: retryAfter(res, now()) }
  }

  async function setFailures(count: number, since: number): Promise<void> {
    consecutiveFailures = count
    failingSince = since
    const tx = db.transaction('meta', 'readwrite')
    await Promise.all([tx.store.put({ key: 'failures', value: count }), tx.store.put({ key: 'failingSince', value: since }), tx.done])
  }

  async function pass(): Promise<FlushReport> {
    const report: FlushReport = { delivered: 0, conflicts: 0, quarantined: 0, requests: 0, ok: true }
    for (;;) {
      if (closed) break
      const batch = (await db.getAllFromIndex('pending', 'bySeq', null, batchSize)).map((r) => r.statement)
      if (batch.length === 0) break
      const outcome = await deliver(batch, report)
      if (!outcome.ok) {
        report.ok = false
        report.error = outcome.error
        lastError = outcome.error
        const failures = consecutiveFailures + 1
        await setFailures(failures, failures === 1 ? now() : failingSince)
        const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1))
        // "Equal jitter": half the delay fixed, half random, so stations that failed together spread out.
        const delay = Math.max(ceiling / 2 + random() * (ceiling / 2), outcome.retryAfterMs ?? 0)
        if (failures === alertAfter) {
          alert = { consecutiveFailures: failures, waiting, lastError: outcome.error, since: failingSince }
          options.onAlert?.(alert)
        }
        schedule(delay, true)
        return report
      }
    }
    if (consecutiveFailures !== 0) await setFailures(0, 0)
    backoffUntil = 0
    lastError = null
    alert = null
    return report
  }

  function flush(): Promise<FlushReport> {
    if (inFlight) return inFlight
    inFlight = lock(pass).finally(() => {
      inFlight = null
      notify()
    })
    notify()
    return inFlight
  }

  const queue: TelemetryQueue = {
    async enqueue(statements) {
      if (statements.length === 0) return
      for (const s of statements) if (typeof s.id !== 'string' || !s.id) throw new Error('enqueue: every statement needs its id (made before queueing)')
      const refusals = statements.map((statement) => options.screen?.(statement) ?? null)
      const tx = db.transaction(['pending', 'meta', 'quarantine'], 'readwrite')
      const metaStore = tx.objectStore('meta')
      let seq = (await metaStore.get('seq'))?.value ?? 0
      const pending = tx.objectStore('pending')
      const held = tx.objectStore('quarantine')
      const at = now()
      const writes = statements.map((statement, i) =>
        refusals[i] === null ? pending.put({ id: statement.id, seq: ++seq, statement, enqueuedAt: at }) : held.put({ id: statement.id, statement, status: 0, reason: refusals[i]!.slice(0, MAX_REASON), at }),
      )
      await Promise.all([...writes, metaStore.put({ key: 'seq', value: seq }), tx.done])
      waiting = await db.count('pending')
      quarantinedCount = await db.count('quarantine')
      notify()
      schedule(sendDelayMs)
    },
    flush,
    start() {
      if (running) return
      running = true
      if (waiting > 0) schedule(0)
    },
    stop() {
      running = false
      if (timer !== null) clearTimer(timer)
      timer = null
      nextAttemptAt = null
      notify()
    },
    nudge() {
      backoffUntil = 0
      if (!running) return
      if (timer !== null) clearTimer(timer)
      timer = null
      nextAttemptAt = null
      schedule(0)
    },
    waitingCount: () => waiting,
    status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    quarantined: () => db.getAll('quarantine'),
    async requeueQuarantined(ids) {
      const records = (await db.getAll('quarantine')).filter((r) => !ids || ids.includes(r.id))
      if (records.length === 0) return 0
      await queue.enqueue(records.map((r) => r.statement))
      const tx = db.transaction('quarantine', 'readwrite')
      await Promise.all([...records.map((r) => tx.store.delete(r.id)), tx.done])
      quarantinedCount = await db.count('quarantine')
      notify()
      return records.length
    },
    async close() {
      closed = true
      queue.stop()
      await inFlight?.catch(() => undefined)
      db.close()
    },
  }
  return queue
}

/** The quiet indicator's words: '' when nothing waits. */
export function waitingText(status: Pick<QueueStatus, 'waiting' | 'alert'>): string {
  if (status.waiting === 0) return ''
  const noun = status.waiting === 1 ? 'statement' : 'statements'
  return status.alert ? `${status.waiting} ${noun} waiting: cannot reach the class hub` : `${status.waiting} ${noun} waiting`
}
