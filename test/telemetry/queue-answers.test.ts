/**
 * The telemetry queue's answer to each kind of LRS reply, with scripted replies worked out by
 * hand: what is retried (and when), what is quarantined (and with which reason), what the station
 * shows. 409 is left to queue.test.ts (its handling is being changed to a quarantine).
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import type { ClientStatement } from '../../src/shared/xapi'
import { openTelemetryQueue, type QueueAlert, type QueueOptions, type ResponseLike } from '../../src/telemetry/queue'
import { response as reply } from './fake-lrs'
import { manualTimers, queueIdle as settled } from './manual-timers'

let dbCounter = 0
const freshDb = () => `queue-answers-${++dbCounter}-${Math.random().toString(36).slice(2)}`

/** Minimal statements: the queue only reads the id. */
const stmts = (n: number, from = 1): ClientStatement[] =>
  Array.from({ length: n }, (_, i) => ({ id: `00000000-0000-4000-8000-${(from + i).toString(16).padStart(12, '0')}` }) as unknown as ClientStatement)


/** A send that answers each call from a script (then 200), recording the batches. */
function scripted(...answers: (ResponseLike | Error)[]) {
  const calls: string[][] = []
  const send: QueueOptions['send'] = async (batch) => {
    calls.push(batch.map((s) => s.id))
    const next = answers.shift() ?? reply(200)
    if (next instanceof Error) throw next
    return next
  }
  return { send, calls }
}


// A 403 is not here: the hub answers it for a statement whose student is not signed in at the
// station, which no retry changes, so the queue isolates and quarantines that statement
// (test/telemetry/queue.test.ts, test/hub/station-scope.test.ts).
describe('a wrong key or endpoint is retried, never dropped or quarantined', () => {
  for (const code of [401, 404]) {
    it(`HTTP ${code}: kept, retried, and delivered once the key is fixed`, async () => {
      const lrs = scripted(reply(code, JSON.stringify({ error: `refused with ${code}` })))
      const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb() })
      await queue.enqueue(stmts(3))
      const report = await queue.flush()
      expect(report).toEqual({ delivered: 0, conflicts: 0, quarantined: 0, requests: 1, ok: false, error: `HTTP ${code}: refused with ${code}` })
      expect(queue.status()).toMatchObject({ waiting: 3, quarantined: 0, consecutiveFailures: 1, lastError: `HTTP ${code}: refused with ${code}` })
      expect(await queue.quarantined()).toEqual([])
      expect(await queue.flush()).toMatchObject({ ok: true, delivered: 3, requests: 1 })
      expect(queue.status()).toMatchObject({ waiting: 0, consecutiveFailures: 0, lastError: null })
      await queue.close()
    })
  }

  it('any 2xx is delivered (204 too); a 3xx is not', async () => {
    const lrs = scripted(reply(204), reply(302, 'moved'))
    const delivered: string[][] = []
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize: 2, onDelivered: (ids) => delivered.push(ids) })
    const list = stmts(4)
    await queue.enqueue(list)
    const report = await queue.flush()
    expect(report).toMatchObject({ ok: false, delivered: 2, requests: 2, error: 'HTTP 302: moved' })
    expect(delivered).toEqual([[list[0]!.id, list[1]!.id]])
    expect(queue.waitingCount()).toBe(2)
    await queue.close()
  })

  it('only 200 to 299 is delivered: not 300, and not an opaque answer with status 0', async () => {
    for (const status of [300, 0, 199]) {
      const queue = await openTelemetryQueue({ send: scripted(reply(status, 'no')).send, dbName: freshDb() })
      await queue.enqueue(stmts(1))
      expect(await queue.flush(), `HTTP ${status}`).toMatchObject({ ok: false, delivered: 0, error: `HTTP ${status}: no` })
      expect(queue.waitingCount()).toBe(1)
      await queue.close()
    }
  })

  it('a network error says so with the cause', async () => {
    const lrs = scripted(new TypeError('fetch failed'))
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb() })
    await queue.enqueue(stmts(1))
    expect((await queue.flush()).error).toBe('Network error: fetch failed')
    await queue.close()
  })
})

describe('the reason kept with a quarantined statement', () => {
  const quarantineReason = async (answer: ResponseLike): Promise<{ status: number; reason: string }> => {
    const queue = await openTelemetryQueue({ send: scripted(answer).send, dbName: freshDb() })
    await queue.enqueue(stmts(1))
    const report = await queue.flush()
    expect(report).toMatchObject({ ok: true, quarantined: 1, delivered: 0 })
    const [record] = await queue.quarantined()
    expect(queue.status()).toMatchObject({ waiting: 0, quarantined: 1 })
    await queue.close()
    return { status: record!.status, reason: record!.reason }
  }

  it('an LRS error object: its error, else its message', async () => {
    expect(await quarantineReason(reply(400, JSON.stringify({ error: 'score.scaled must be in [-1, 1]' })))).toEqual({ status: 400, reason: 'score.scaled must be in [-1, 1]' })
    expect(await quarantineReason(reply(400, JSON.stringify({ message: 'bad verb' })))).toEqual({ status: 400, reason: 'bad verb' })
  })

  it('any other body as text, trimmed; an empty one as the status', async () => {
    expect((await quarantineReason(reply(400, '  not json at all \n'))).reason).toBe('not json at all')
    expect((await quarantineReason(reply(400, JSON.stringify({ error: 42 })))).reason).toBe('{"error":42}')
    expect((await quarantineReason(reply(413, ''))).reason).toBe('HTTP 413')
    const unreadable: ResponseLike = { status: 400, text: () => Promise.reject(new Error('stream broke')) }
    expect(await quarantineReason(unreadable)).toEqual({ status: 400, reason: 'HTTP 400' })
  })

  it('a huge body is cut to 2000 characters', async () => {
    const reason = (await quarantineReason(reply(400, 'x'.repeat(5_000)))).reason
    expect(reason).toBe(`${'x'.repeat(2_000)}...`)
    expect((await quarantineReason(reply(400, 'y'.repeat(2_000)))).reason).toBe('y'.repeat(2_000))
  })

  it('a 413 batch is halved until it fits; only the statement too large alone is quarantined', async () => {
    const list = stmts(4)
    const tooBig = list[2]!.id
    const send: QueueOptions['send'] = async (batch) => (batch.length > 1 || batch[0]!.id === tooBig ? reply(413, 'too large') : reply(200))
    const queue = await openTelemetryQueue({ send, dbName: freshDb() })
    await queue.enqueue(list)
    expect(await queue.flush()).toEqual({ delivered: 3, conflicts: 0, quarantined: 1, requests: 7, ok: true })
    expect((await queue.quarantined()).map((r) => [r.id, r.status, r.reason])).toEqual([[tooBig, 413, 'too large']])
    await queue.close()
  })

  it('a retryable failure in the second half stops the pass and keeps the rest', async () => {
    const lrs = scripted(reply(400, 'bad'), reply(200), reply(503, 'busy'))
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb() })
    await queue.enqueue(stmts(4))
    expect(await queue.flush()).toMatchObject({ ok: false, delivered: 2, quarantined: 0, requests: 3, error: 'HTTP 503: busy' })
    expect(queue.waitingCount()).toBe(2)
    await queue.close()
  })
})

describe('requeueing quarantined statements', () => {
  it('moves back the ones asked for, or all, and counts them', async () => {
    const list = stmts(3)
    const queue = await openTelemetryQueue({ send: async () => reply(400, 'no'), dbName: freshDb(), batchSize: 1 })
    await queue.enqueue(list)
    await queue.flush()
    expect(queue.status()).toMatchObject({ waiting: 0, quarantined: 3 })
    expect(await queue.requeueQuarantined([list[1]!.id])).toBe(1)
    expect(queue.status()).toMatchObject({ waiting: 1, quarantined: 2 })
    expect(await queue.requeueQuarantined(['no-such-id'])).toBe(0)
    expect(await queue.requeueQuarantined()).toBe(2)
    expect(queue.status()).toMatchObject({ waiting: 3, quarantined: 0 })
    expect(await queue.quarantined()).toEqual([])
    await queue.close()
  })
})

describe('timing: defaults, Retry-After, backoff ceiling, alert', () => {
  it('defaults: a batch waits 500 ms, retries at 1, 2, 4, 8, 16 s ceilings, alerts on the 5th failure', async () => {
    const timers = manualTimers()
    const alerts: QueueAlert[] = []
    const queue = await openTelemetryQueue({
      send: async () => reply(503, 'down'), dbName: freshDb(), random: () => 1,
      now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer, onAlert: (a) => alerts.push(a),
    })
    queue.start()
    await queue.enqueue(stmts(2))
    expect(timers.delays).toEqual([500])
    expect(queue.status().nextAttemptAt).toBe(timers.now() + 500)
    const firstFailureAt = timers.now() + 500
    for (let i = 0; i < 6; i++) {
      timers.fire()
      await settled(queue)
    }
    expect(timers.delays.slice(1)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000])
    expect(alerts).toEqual([{ consecutiveFailures: 5, waiting: 2, lastError: 'HTTP 503: down', since: firstFailureAt }])
    expect(queue.status().alert).toEqual(alerts[0])
    await queue.close()
  })

  it('the longest delay is 5 minutes by default', async () => {
    const timers = manualTimers()
    const queue = await openTelemetryQueue({ send: async () => reply(500), dbName: freshDb(), random: () => 1, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    await queue.enqueue(stmts(1))
    // Not started: failures are counted, nothing is scheduled.
    for (let i = 0; i < 11; i++) await queue.flush()
    expect(timers.delays).toEqual([])
    expect(queue.status().consecutiveFailures).toBe(11)
    // Started during the backoff, it waits the backoff out; the 12th failure (2^11 s) is past the cap.
    queue.start()
    timers.fire()
    await settled(queue)
    expect(timers.delays).toEqual([300_000, 300_000])
    await queue.close()
  })

  it('Retry-After as an HTTP date waits until then; one shorter than the backoff, or unreadable, leaves the backoff', async () => {
    const timers = manualTimers(Date.parse('2026-11-30T12:00:00Z'))
    const lrs = scripted(
      reply(503, 'later', { 'retry-after': 'Mon, 30 Nov 2026 12:00:45 GMT' }),
      reply(429, 'slow down', { 'retry-after': '0' }),
      reply(503, 'later', { 'retry-after': 'whenever' }),
    )
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), random: () => 0, baseDelayMs: 1_000, sendDelayMs: 100, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue(stmts(1))
    for (let i = 0; i < 3; i++) {
      timers.fire()
      await settled(queue)
    }
    // Until the date (45 s after the start, answered 0.1 s in); then ceilings 2 s and 4 s, half fixed (random 0).
    expect(timers.delays).toEqual([100, 44_900, 1_000, 2_000])
    timers.fire()
    await settled(queue)
    expect(queue.waitingCount()).toBe(0)
    await queue.close()
  })

  // A statement saved while a pass is failing must not pull the retry forward: the hub said when
  // to come back (or the backoff did), and a headset that keeps answering would otherwise hit a
  // struggling hub every 500 ms.
  it('an enqueue while a failing pass is in flight waits out the Retry-After, not 500 ms', async () => {
    const timers = manualTimers()
    let answer: (res: ResponseLike) => void = () => undefined
    const calls: number[] = []
    const send: QueueOptions['send'] = (batch) => {
      calls.push(batch.length)
      return calls.length === 1 ? new Promise((resolve) => (answer = resolve)) : Promise.resolve(reply(200))
    }
    const queue = await openTelemetryQueue({ send, dbName: freshDb(), random: () => 0, baseDelayMs: 60_000, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue(stmts(1))
    timers.fire()
    const sentAt = timers.now()
    // The pass reads the batch from IndexedDB before it sends: wait for the request, bounded.
    const deadline = Date.now() + 10_000
    while (calls.length === 0) {
      if (Date.now() > deadline) throw new Error('the first batch was never sent')
      await new Promise((r) => setTimeout(r, 1))
    }
    expect(calls).toEqual([1])
    // The first request is still out when the student's next answer is saved.
    await queue.enqueue(stmts(1, 2))
    answer(reply(503, 'busy', { 'retry-after': '120' }))
    await settled(queue)
    expect(queue.status().consecutiveFailures).toBe(1)
    expect(queue.status().nextAttemptAt).toBe(sentAt + 120_000)
    expect(timers.pending()).toBe(1)
    timers.fire()
    await settled(queue)
    expect(timers.now()).toBe(sentAt + 120_000)
    expect(calls).toEqual([1, 2])
    expect(queue.waitingCount()).toBe(0)
    await queue.close()
  })

  it('an enqueue during the backoff waits for it, and the backoff timer is the only one', async () => {
    const timers = manualTimers()
    const lrs = scripted(reply(503, 'down'))
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), random: () => 0, baseDelayMs: 10_000, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue(stmts(1))
    timers.fire()
    await settled(queue)
    const retryAt = queue.status().nextAttemptAt
    // Half of the 10 s ceiling (random 0), counted from the failed attempt.
    expect(retryAt).toBe(timers.now() + 5_000)
    await queue.enqueue(stmts(1, 2))
    expect(queue.status().nextAttemptAt).toBe(retryAt)
    expect(timers.pending()).toBe(1)
    timers.fire()
    await settled(queue)
    expect(timers.now()).toBe(retryAt)
    expect(lrs.calls.map((c) => c.length)).toEqual([1, 2])
    await queue.close()
  })

  it('a date already past means now', async () => {
    const timers = manualTimers(Date.parse('2026-11-30T12:00:00Z'))
    const lrs = scripted(reply(503, 'later', { 'retry-after': 'Mon, 30 Nov 2026 11:00:00 GMT' }))
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), random: () => 0, baseDelayMs: 10, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue(stmts(1))
    timers.delays.length = 0
    await queue.flush()
    expect(timers.delays).toEqual([5])
    await queue.close()
  })

  it('a batch size below 1 sends one statement at a time', async () => {
    const lrs = scripted()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize: 0 })
    await queue.enqueue(stmts(3))
    expect(await queue.flush()).toMatchObject({ delivered: 3, requests: 3 })
    expect(lrs.calls.map((c) => c.length)).toEqual([1, 1, 1])
    await queue.close()
  })

  it('stop() cancels the scheduled send; start() with statements waiting sends at once', async () => {
    const timers = manualTimers()
    const lrs = scripted()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue(stmts(2))
    expect(timers.pending()).toBe(1)
    queue.stop()
    expect(timers.pending()).toBe(0)
    expect(queue.status().nextAttemptAt).toBeNull()
    // Stopped: an enqueue schedules nothing.
    await queue.enqueue(stmts(1, 10))
    expect(timers.pending()).toBe(0)
    queue.start()
    expect(timers.delays.at(-1)).toBe(0)
    timers.fire()
    await settled(queue)
    expect(lrs.calls).toHaveLength(1)
    expect(queue.waitingCount()).toBe(0)
    await queue.close()
  })

  it('enqueueing nothing schedules nothing', async () => {
    const timers = manualTimers()
    const queue = await openTelemetryQueue({ send: scripted().send, dbName: freshDb(), now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue([])
    expect(timers.delays).toEqual([])
    await queue.close()
  })

  it('closing during a pass lets the batch in flight finish and sends nothing more', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => { release = resolve })
    const calls: number[] = []
    const send: QueueOptions['send'] = async (batch) => {
      calls.push(batch.length)
      await gate
      return reply(200)
    }
    const queue = await openTelemetryQueue({ send, dbName: freshDb(), batchSize: 1 })
    await queue.enqueue(stmts(3))
    const pass = queue.flush()
    const closing = queue.close()
    release()
    await closing
    expect(await pass).toMatchObject({ delivered: 1, requests: 1 })
    expect(calls).toEqual([1])
  })

  it('after close nothing more is sent', async () => {
    const lrs = scripted()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb() })
    await queue.enqueue(stmts(2))
    await queue.close()
    expect(lrs.calls).toHaveLength(0)
  })
})
