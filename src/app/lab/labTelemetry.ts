/**
 * A lab run's telemetry at a station: every tutor event becomes xAPI statements (pure
 * builders), passes the per-student rate budget, and goes into the durable IndexedDB queue that
 * delivers them to the hub. Only at a station joined to a hub: a student's own device sends nothing.
 */
import type { AnyPlugin, TutorEvent } from '../../core'
import type { StationConfig } from '../../shared/station'
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

export async function startLabTelemetry(config: StationConfig, plugin: AnyPlugin, onStatus: (status: QueueStatus) => void): Promise<LabTelemetry> {
  const transport = createTransport({ endpoint: config.endpoint, key: config.key })
  const queue = await openTelemetryQueue({ send: transport.send })
  const rate = createRateBudget()
  const ctx: BuildContext = {
    homePage: config.homePage,
    registration: crypto.randomUUID(),
    stationId: config.stationId,
    sceneTitle: plugin.title,
    skillNames: Object.fromEntries(plugin.skills.map((s) => [s.id, s.name])),
    sessionStartedAt: Date.now(),
    // Built for 2.0.0; the transport drops 2.0-only fields when the hub speaks 1.0.3.
    version: '2.0.0',
  }
  // A run on this device that ended with a closed tab gets its end recorded now, before sending starts.
  await closeAbandonedRuns((statements) => queue.enqueue(statements)).catch((e: Error) => console.warn(`Benchtop: could not record how an earlier run ended: ${e.message}`))
  const run = await openRun(ctx)
  const unsubscribe = queue.subscribe(onStatus)
  onStatus(queue.status())
  queue.start()
  let sent = 0
  let lastQueued: Promise<void> = Promise.resolve()
  const nudge = () => queue.nudge()
  addEventListener('online', nudge)
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
      removeEventListener('online', nudge)
      const summaries = rate.flush(Number.POSITIVE_INFINITY)
      if (summaries.length) await queue.enqueue(summaries)
      await lastQueued.catch(() => undefined)
      run.close()
      unsubscribe()
      await queue.flush().catch(() => undefined)
      queue.stop()
      await queue.close()
    },
  }
}
