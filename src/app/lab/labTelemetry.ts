/**
 * A lab run's telemetry at a station: every tutor event becomes xAPI statements (pure
 * builders), passes the per-student rate budget, and goes into the durable IndexedDB queue that
 * delivers them to the hub. Only at a station joined to a hub: a student's own device sends nothing.
 */
import type { AnyPlugin, TutorEvent } from '../../core'
import { checkStationStatement } from '../../shared/privacy'
import type { StationConfig } from '../../shared/station'
import type { ClientStatement } from '../../shared/xapi'
import { buildStatements, type BuildContext } from '../../telemetry/builders'
import { openTelemetryQueue, type QueueStatus, type TelemetryQueue } from '../../telemetry/queue'
import { createRateBudget } from '../../telemetry/rate'
import { createTransport } from '../../telemetry/transport'
import { closeAbandonedRuns, openRun } from './openRuns'

export interface LabTelemetry {
  queue: TelemetryQueue
  /** Hand over the events of the run so far; only the new ones are sent. */
  record(events: readonly TutorEvent[]): void
  stop(): Promise<void>
}

/**
 * One delivery queue per page and hub. A run that starts while the previous one is still stopping
 * (React re-running the lab's effect, a reload's first render) shares it: a second queue on the
 * same database competed with the first for the same statements and could leave one stuck
 * mid-delivery. The queue outlives the runs, delivering what they left.
 */
let stationQueue: { key: string; queue: Promise<TelemetryQueue> } | null = null

function queueFor(config: StationConfig): Promise<TelemetryQueue> {
  const key = `${config.endpoint}\n${config.key}`
  if (stationQueue?.key === key) return stationQueue.queue
  // Joined to another hub (or with a new key): the old queue closes before the new one opens.
  const previous = stationQueue?.queue.then((q) => q.close()).catch(() => undefined) ?? Promise.resolve()
  const transport = createTransport({ endpoint: config.endpoint, key: config.key })
  const opening = previous.then(async () => {
    // The hub's own profile check, run here first: a statement that breaks it is a bug on this
    // station, kept in quarantine with the reason rather than sent.
    const screen = (statement: ClientStatement) => {
      const findings = checkStationStatement(statement, config.homePage)
      if (findings.length === 0) return null
      const reason = `Not sent: breaks the privacy profile: ${findings.map((f) => `${f.path} ${f.reason}`).join('; ')}`
      console.error(`Benchtop: ${reason}`)
      return reason
    }
    const queue = await openTelemetryQueue({ send: transport.send, screen })
    addEventListener('online', () => queue.nudge())
    queue.start()
    return queue
  })
  const entry = { key, queue: opening }
  stationQueue = entry
  // A queue that failed to open is not kept: the next run tries again.
  opening.catch(() => {
    if (stationQueue === entry) stationQueue = null
  })
  return opening
}

/** `registration` is the lab run's id (the session's runId), so the hub can tell which answers a saved state holds. */
export async function startLabTelemetry(config: StationConfig, plugin: AnyPlugin, onStatus: (status: QueueStatus) => void, registration: string = crypto.randomUUID()): Promise<LabTelemetry> {
  const queue = await queueFor(config)
  const rate = createRateBudget()
  const ctx: BuildContext = {
    homePage: config.homePage,
    registration,
    stationId: config.stationId,
    sceneTitle: plugin.title,
    skillNames: Object.fromEntries(plugin.skills.map((s) => [s.id, s.name])),
    sessionStartedAt: Date.now(),
    // Built for 2.0.0; the transport drops 2.0-only fields when the hub speaks 1.0.3.
    version: '2.0.0',
  }
  // A run on this device that ended with a closed tab gets its end recorded now.
  await closeAbandonedRuns((statements) => queue.enqueue(statements)).catch((e: Error) => console.warn(`Benchtop: could not record how an earlier run ended: ${e.message}`))
  const run = await openRun(ctx)
  const unsubscribe = queue.subscribe(onStatus)
  onStatus(queue.status())
  let sent = 0
  let lastQueued: Promise<void> = Promise.resolve()
  const flushSummaries = setInterval(() => {
    const summaries = rate.flush(Date.now())
    if (summaries.length) void queue.enqueue(summaries)
  }, 15_000)
  return {
    queue,
    record(events) {
      if (events.length < sent) sent = 0
      const fresh = events.slice(sent)
      sent = events.length
      const statements = rate.admit(
        fresh.flatMap((event) => buildStatements(event, ctx)),
        Date.now(),
      )
      if (statements.length) lastQueued = queue.enqueue(statements)
      // Marked open (or closed, on the session's end) only once the statements are on disk.
      lastQueued.then(() => run.recorded(fresh), () => undefined)
    },
    async stop() {
      clearInterval(flushSummaries)
      const summaries = rate.flush(Number.POSITIVE_INFINITY)
      if (summaries.length) await queue.enqueue(summaries)
      await lastQueued.catch(() => undefined)
      run.close()
      unsubscribe()
      await queue.flush().catch(() => undefined)
    },
  }
}
