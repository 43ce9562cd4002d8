import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import type { ClientStatement } from '../../src/shared/xapi'
import { buildAll } from '../../src/telemetry/builders'
import { openTelemetryQueue, waitingText, type QueueAlert, type QueueOptions } from '../../src/telemetry/queue'
import { createFakeLrs, response, type Fault } from './fake-lrs'
import { manualTimers, queueIdle as idle } from './manual-timers'
import { scriptedRun } from './scene-run'

let dbCounter = 0
const freshDb = () => `telemetry-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`

let uuidCounter = 0
const uuid = () => `00000000-0000-4000-8000-${(++uuidCounter).toString(16).padStart(12, '0')}`

/** Realistic statements: a scripted run of the example scene, repeated with fresh ids until `count`. */
function statements(count: number): ClientStatement[] {
  const out: ClientStatement[] = []
  let seed = 1
  while (out.length < count) {
    const events = scriptedRun(measure, 'swift-otter-42', seed++)
    out.push(...buildAll(events, { homePage: 'https://hub.example', registration: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e', stationId: 's1', classId: '7b', uuid, version: '2.0.0' }))
  }
  return out.slice(0, count)
}

const broken = (stmt: ClientStatement): ClientStatement => ({ ...stmt, result: { ...stmt.result, score: { scaled: 1.5 } } })

describe('telemetry queue: delivery exactly once through faults', () => {
  it('500, then 413, then 400 for one bad statement, and a lost answer: every good statement stored once, the bad one quarantined with its reason', async () => {
    const good = statements(119)
    const bad = broken(statements(1)[0]!)
    const all = [...good.slice(0, 70), bad, ...good.slice(70)]
    const lrs = createFakeLrs({ maxBatch: 25, faults: ['500', 'ok', 'commit-then-drop'] })
    const delivered: string[] = []
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize: 40, random: () => 0.5, onDelivered: (ids) => delivered.push(...ids) })
    await queue.enqueue(all)
    expect(queue.waitingCount()).toBe(120)

    const first = await queue.flush()
    expect(first).toMatchObject({ ok: false, delivered: 0, error: expect.stringContaining('HTTP 500') })
    expect(queue.waitingCount()).toBe(120)

    const second = await queue.flush() // 413 -> split -> the first half is stored but its answer is lost
    expect(second.ok).toBe(false)
    expect(second.error).toMatch(/Network error/)
    expect(lrs.calls.slice(1, 3)).toEqual([{ size: 40, status: 413 }, { size: 20, status: 'network' }])

    const third = await queue.flush()
    expect(third.ok).toBe(true)
    expect(queue.waitingCount()).toBe(0)

    // Exactly once: every good id stored once, nothing else stored, nothing lost.
    expect(lrs.stored.size).toBe(119)
    for (const s of good) expect(lrs.stored.get(s.id), s.id).toBe(1)
    expect(lrs.stored.has(bad.id)).toBe(false)
    // The 20 whose answer was lost were sent again: an identical retry is a success to the LRS
    // (as to our hub), so none of them is a conflict or quarantined.
    expect(third.conflicts).toBe(0)
    expect(new Set(delivered).size).toBe(delivered.length)
    expect(new Set(delivered)).toEqual(new Set(good.map((s) => s.id)))

    const quarantined = await queue.quarantined()
    expect(quarantined).toHaveLength(1)
    expect(quarantined[0]).toMatchObject({ id: bad.id, status: 400 })
    expect(quarantined[0]!.reason).toContain('statement[0].result.score.scaled: 1.5 is outside [-1, 1]')
    expect(queue.status()).toMatchObject({ waiting: 0, quarantined: 1, consecutiveFailures: 0, alert: null })
    await queue.close()
  })

  it('a different statement under a stored id (409) is quarantined with the LRS\'s reason, not counted as delivered', async () => {
    const lrs = createFakeLrs()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize: 8 })
    const first = statements(12)
    await queue.enqueue(first)
    expect(await queue.flush()).toMatchObject({ ok: true, delivered: 12, quarantined: 0 })
    // A statement that reuses a stored id with another answer (a bug in whoever made the id), among fresh ones.
    const original = first.find((s) => typeof s.result?.response === 'string')!
    expect(original, 'a stored answer').toBeDefined()
    const changed: ClientStatement = { ...original, result: { ...original.result, response: 'something else' } }
    const fresh = statements(5)
    await queue.enqueue([...fresh.slice(0, 2), changed, ...fresh.slice(2)])
    const report = await queue.flush()
    expect(report).toMatchObject({ ok: true, delivered: 5, quarantined: 1, conflicts: 1 })
    const [record] = await queue.quarantined()
    expect(record).toMatchObject({ id: original.id, status: 409, statement: changed })
    expect(record!.reason).toMatch(new RegExp(`a different statement with id ${original.id} is already stored`))
    // The LRS still holds the original; the fresh ones arrived once each.
    expect(lrs.bodies.get(original.id)?.result).toEqual(original.result)
    for (const s of fresh) expect(lrs.stored.get(s.id)).toBe(1)
    expect(queue.status()).toMatchObject({ waiting: 0, quarantined: 1 })
    await queue.close()
  })

  it('bisects a 400 batch: the bad statement is isolated in about 2 log2(n) requests', async () => {
    const good = statements(63)
    const bad = broken(statements(1)[0]!)
    const lrs = createFakeLrs()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize: 64 })
    await queue.enqueue([...good.slice(0, 40), bad, ...good.slice(40)])
    const report = await queue.flush()
    expect(report).toMatchObject({ ok: true, delivered: 63, quarantined: 1 })
    expect(report.requests).toBeLessThanOrEqual(1 + 2 * 6)
    await queue.close()
  })

  it('quarantines a single statement that is too large (413 alone) and delivers the rest', async () => {
    const lrs = createFakeLrs()
    const big = statements(3)
    const send = (batch: ClientStatement[]) => (batch.some((s) => s.id === big[1]!.id) ? Promise.resolve(response(413, 'Request body is larger than the limit')) : lrs.send(batch))
    const queue = await openTelemetryQueue({ send, dbName: freshDb() })
    await queue.enqueue(big)
    expect(await queue.flush()).toMatchObject({ ok: true, delivered: 2, quarantined: 1 })
    expect((await queue.quarantined())[0]).toMatchObject({ id: big[1]!.id, status: 413, reason: 'Request body is larger than the limit' })
    expect(await queue.requeueQuarantined()).toBe(1)
    expect(queue.waitingCount()).toBe(1)
    expect(queue.status().quarantined).toBe(0)
    await queue.close()
  })

  it('bisects a 403 batch (the hub: a student never signed in at this station): that one is quarantined, the rest delivered', async () => {
    const lrs = createFakeLrs()
    const list = statements(8)
    const stranger = list[5]!.id
    const send = (batch: ClientStatement[]) => (batch.some((s) => s.id === stranger) ? Promise.resolve(response(403, 'statement.actor: "x" has not signed in at this station')) : lrs.send(batch))
    const queue = await openTelemetryQueue({ send, dbName: freshDb() })
    await queue.enqueue(list)
    expect(await queue.flush()).toMatchObject({ ok: true, delivered: 7, quarantined: 1 })
    expect((await queue.quarantined())[0]).toMatchObject({ id: stranger, status: 403, reason: expect.stringMatching(/has not signed in/) })
    await queue.close()
  })

  it('quarantines what its screen refuses at enqueue, without sending it', async () => {
    const lrs = createFakeLrs()
    const list = statements(3)
    const sent: string[] = []
    const queue = await openTelemetryQueue({
      send: (batch) => {
        sent.push(...batch.map((s) => s.id))
        return lrs.send(batch)
      },
      dbName: freshDb(),
      screen: (s) => (s.id === list[1]!.id ? 'statement.actor.name a person or group name' : null),
    })
    await queue.enqueue(list)
    expect(queue.status()).toMatchObject({ waiting: 2, quarantined: 1 })
    await queue.flush()
    expect(sent.sort()).toEqual([list[0]!.id, list[2]!.id].sort())
    expect((await queue.quarantined())[0]).toMatchObject({ id: list[1]!.id, status: 0, reason: 'statement.actor.name a person or group name' })
    await queue.close()
  })

  it('property: whatever faults come, each good statement is stored exactly once and bad ones are quarantined', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 90 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 89 }), { maxLength: 4 }),
        fc.array(fc.constantFrom<Fault>('ok', '500', '503', '429', 'network', 'commit-then-drop'), { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 50 }),
        async (count, badIndexes, faults, maxBatch, batchSize) => {
          const list = statements(count).map((s, i) => (badIndexes.includes(i) ? broken(s) : s))
          const badIds = new Set(list.filter((_, i) => badIndexes.includes(i)).map((s) => s.id))
          const lrs = createFakeLrs({ maxBatch, faults })
          const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize })
          await queue.enqueue(list)
          for (let i = 0; i < faults.length + 2 && queue.waitingCount() > 0; i++) await queue.flush()
          expect(queue.waitingCount()).toBe(0)
          for (const s of list) expect(lrs.stored.get(s.id) ?? 0).toBe(badIds.has(s.id) ? 0 : 1)
          expect(new Set((await queue.quarantined()).map((q) => q.id))).toEqual(badIds)
          await queue.close()
        },
      ),
      { numRuns: 40 },
    )
  }, 30_000) // 40 runs through IndexedDB: seconds on a loaded 2-core machine
})

describe('telemetry queue: backoff, alerts, durability, indicator', () => {
  it('backs off exponentially with jitter, caps the delay, alerts once after repeated failures, and recovers', async () => {
    const timers = manualTimers()
    let up = false
    const lrs = createFakeLrs()
    const send: QueueOptions['send'] = (batch) => (up ? lrs.send(batch) : Promise.resolve(response(503, 'down')))
    const alerts: QueueAlert[] = []
    const randoms = [0, 1, 0.5, 0, 1, 0.5, 0, 1]
    const queue = await openTelemetryQueue({
      send,
      dbName: freshDb(),
      baseDelayMs: 1_000,
      maxDelayMs: 10_000,
      alertAfter: 4,
      sendDelayMs: 200,
      random: () => randoms.shift() ?? 0.5,
      now: timers.now,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      onAlert: (a) => alerts.push(a),
    })
    queue.start()
    await queue.enqueue(statements(5))
    expect(timers.delays).toEqual([200])
    for (let i = 0; i < 7; i++) {
      timers.fire()
      await idle(queue)
    }
    // Ceilings 1, 2, 4, 8, 10 (capped), 10, 10 s; half fixed, half random.
    expect(timers.delays.slice(1)).toEqual([500, 2_000, 3_000, 4_000, 10_000, 7_500, 5_000])
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ consecutiveFailures: 4, waiting: 5, lastError: 'HTTP 503: down' })
    expect(queue.status().alert).not.toBeNull()
    expect(waitingText(queue.status())).toBe('5 statements waiting: cannot reach the class hub')
    // An enqueue during a backoff does not pull the retry earlier.
    await queue.enqueue(statements(1))
    expect(timers.pending()).toBe(1)
    up = true
    timers.fire()
    await idle(queue)
    expect(queue.waitingCount()).toBe(0)
    expect(queue.status()).toMatchObject({ consecutiveFailures: 0, alert: null, lastError: null })
    expect(waitingText(queue.status())).toBe('')
    await queue.close()
  })

  it('honours Retry-After on 429', async () => {
    const timers = manualTimers()
    const lrs = createFakeLrs({ faults: ['429'] })
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), random: () => 0, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer })
    queue.start()
    await queue.enqueue(statements(2))
    timers.fire()
    await idle(queue)
    expect(timers.delays.at(-1)).toBe(30_000)
    timers.fire()
    await idle(queue)
    expect(queue.waitingCount()).toBe(0)
    await queue.close()
  })

  it('nudge (e.g. the browser came back online) retries at once', async () => {
    const timers = manualTimers()
    const lrs = createFakeLrs({ faults: ['network'] })
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer, baseDelayMs: 60_000 })
    queue.start()
    await queue.enqueue(statements(2))
    timers.fire()
    await idle(queue)
    expect(timers.delays.at(-1)).toBeGreaterThanOrEqual(30_000)
    queue.nudge()
    expect(timers.delays.at(-1)).toBe(0)
    timers.fire()
    await idle(queue)
    expect(queue.waitingCount()).toBe(0)
    await queue.close()
  })

  it('survives a reload: statements and the failure count are still there after the page is gone', async () => {
    const dbName = freshDb()
    const list = statements(30)
    const lrs = createFakeLrs({ faults: ['500', '500'] })
    const first = await openTelemetryQueue({ send: lrs.send, dbName })
    await first.enqueue(list)
    await first.flush()
    await first.flush()
    expect(first.status().consecutiveFailures).toBe(2)
    await first.close() // the tab crashes / the headset sleeps

    const second = await openTelemetryQueue({ send: lrs.send, dbName })
    expect(second.waitingCount()).toBe(30)
    expect(second.status().consecutiveFailures).toBe(2)
    expect(await second.flush()).toMatchObject({ ok: true, delivered: 30 })
    expect([...lrs.stored.keys()]).toEqual(list.map((s) => s.id)) // in the order they were queued
    await second.close()
  })

  it('enqueueing the same statement twice keeps one copy', async () => {
    const lrs = createFakeLrs()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb() })
    const [s] = statements(1)
    await queue.enqueue([s!])
    await queue.enqueue([s!])
    expect(queue.waitingCount()).toBe(1)
    await expect(queue.enqueue([{ ...s!, id: '' }])).rejects.toThrow(/needs its id/)
    await queue.close()
  })

  it('tells subscribers how many statements wait', async () => {
    const lrs = createFakeLrs()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb() })
    const seen: number[] = []
    const off = queue.subscribe((s) => seen.push(s.waiting))
    await queue.enqueue(statements(3))
    expect(waitingText(queue.status())).toBe('3 statements waiting')
    await queue.flush()
    off()
    await queue.enqueue(statements(1))
    expect(seen[0]).toBe(3)
    expect(seen.at(-1)).toBe(0)
    expect(waitingText({ waiting: 1, alert: null })).toBe('1 statement waiting')
    await queue.close()
  })

  it('shares one pass between concurrent flushes', async () => {
    const lrs = createFakeLrs()
    const queue = await openTelemetryQueue({ send: lrs.send, dbName: freshDb(), batchSize: 10 })
    await queue.enqueue(statements(25))
    const [a, b] = await Promise.all([queue.flush(), queue.flush()])
    expect(a).toBe(b)
    expect(lrs.calls).toHaveLength(3)
    await queue.close()
  })
})
