import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { validateStatement, type ClientStatement } from '../../src/shared/xapi'
import { buildStatements, type BuildContext } from '../../src/telemetry/builders'
import { checkPrivacy } from '../../src/telemetry/privacy'
import { EXTENSIONS, VERBS } from '../../src/telemetry/profile'
import { createRateBudget, type SummaryExtension } from '../../src/telemetry/rate'
import { handMadeEvents, START } from './scene-run'

let n = 0
const uuid = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const ctx: BuildContext = { homePage: 'https://hub.example', registration: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e', stationId: 's1', classId: '7b', uuid, version: '2.0.0' }
const skill = measure.skills[0]!.id
const events = handMadeEvents('measure', '1.0.0', 'swift-otter-42', skill)
const answeredAt = (at: number, learner = 'swift-otter-42', correct = true, taskId?: string): ClientStatement => {
  const e = events.find((x) => x.type === 'attempt-assessed')!
  if (e.type !== 'attempt-assessed') throw new Error('unreachable')
  return buildStatements({ ...e, at, learner, correct, response: `placed at ${at % 10}`, task: taskId ? { ...e.task, id: taskId } : e.task }, ctx)[0]!
}
const masteredAt = (at: number) => buildStatements({ ...events.find((x) => x.type === 'skill-mastered')!, at }, ctx)[0]!

describe('rate budget', () => {
  it('passes statements within the cap untouched', () => {
    const budget = createRateBudget({ perMinute: 5, uuid })
    const list = [0, 1, 2, 3, 4].map((i) => answeredAt(START + i * 1000))
    expect(budget.admit(list, START + 5000)).toEqual(list)
    expect(budget.held()).toBe(0)
  })

  it('over the cap folds attempts into one summary at the minute end; rare statements still go at once', () => {
    const budget = createRateBudget({ perMinute: 3, uuid })
    const minute = Math.floor(START / 60_000) * 60_000
    const list = Array.from({ length: 10 }, (_, i) => answeredAt(minute + 1000 + i * 1000, 'swift-otter-42', i % 3 !== 0, `measure/${skill}/1/t${i % 2}`))
    const mastered = masteredAt(minute + 30_000)
    const out = budget.admit([...list, mastered], minute + 31_000)
    expect(out).toEqual([...list.slice(0, 3), mastered])
    expect(budget.held()).toBe(7)
    // Another student has a budget of their own.
    expect(budget.admit([answeredAt(minute + 32_000, 'calm-heron-17')], minute + 32_000)).toHaveLength(1)
    expect(budget.flush(minute + 59_999)).toEqual([])
    const [summary, ...rest] = budget.flush(minute + 60_000)
    expect(rest).toEqual([])
    expect(summary!.verb.id).toBe(VERBS.summarized.id)
    expect(summary!.actor).toEqual(list[0]!.actor)
    const ext = summary!.result!.extensions![EXTENSIONS.summary] as SummaryExtension
    expect(ext).toMatchObject({ count: 7, verbs: { answered: 7 }, correct: 4, incorrect: 3, from: list[3]!.timestamp, to: list[9]!.timestamp })
    expect(ext.responses).toEqual(list.slice(3).map((s) => s.result!.response))
    expect(summary!.timestamp).toBe(list[9]!.timestamp)
    // Several tasks: the summary is about the scene.
    expect(summary!.object).toMatchObject({ id: list[0]!.context!.contextActivities!.grouping![0]!.id })
    expect(summary!.result!.duration).toBe('PT6S')
    for (const v of ['2.0.0'] as const) expect(validateStatement(summary, v, { requireTimezone: true })).toEqual({ ok: true })
    expect(checkPrivacy(summary)).toEqual([])
    expect(budget.held()).toBe(0)
  })

  it('a later statement flushes the summaries of minutes that have ended', () => {
    const budget = createRateBudget({ perMinute: 1, uuid })
    const minute = Math.floor(START / 60_000) * 60_000
    budget.admit([answeredAt(minute + 1), answeredAt(minute + 2)], minute + 3)
    const out = budget.admit([answeredAt(minute + 61_000)], minute + 61_000)
    expect(out.map((s) => s.verb.id)).toEqual([VERBS.answered.id, VERBS.summarized.id])
    expect(budget.flush(Infinity)).toEqual([])
  })

  it('refuses a cap below 1', () => {
    expect(() => createRateBudget({ perMinute: 0 })).toThrow(/at least 1/)
  })
})
