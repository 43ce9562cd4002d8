import { describe, expect, it } from 'vitest'
import type { TaskRef, TutorEvent } from '../../src/core'
import { describeSeries, formatDuration, labOf, labsIn, masteryHeatmap, masterySeries, median, mostFailedTasks, onlyLab, parseIsoDuration, skillNamesIn, studentTimeline, taskStats } from '../../src/shared/classAnalytics'
import { buildAll, isoDuration } from '../../src/telemetry/builders'
import { createRateBudget } from '../../src/telemetry/rate'

const T0 = Date.UTC(2026, 10, 23, 9)
const base = (learner: string, at: number) => ({ learner, at: T0 + at, sceneId: 'measure', sceneVersion: '1.0.0' })
const place = (level: number, seed: number, target: number): TaskRef => ({ id: `whole/${level}/${seed}`, skill: 'measure.whole-numbers', level, kind: 'place', seed, prompt: `Move the block to ${target} on the track` })
const decimals = (seed: number): TaskRef => ({ id: `dec/2/${seed}`, skill: 'measure.decimals', level: 2, kind: 'place-decimal', seed, prompt: `Move the block to ${seed / 10} on the track` })

/** An answer `durationMs` after its task appeared, with the tutor's mastery before and after. */
function answer(learner: string, at: number, task: TaskRef, response: string, correct: boolean, durationMs: number, masteryBefore: number, masteryAfter: number, hintsUsed = 0): TutorEvent {
  return { ...base(learner, at), type: 'attempt-assessed', task, scaffoldLevel: 1, response, correct, score: correct ? 1 : 0, evidence: [], feedback: '', durationMs, hintsUsed, masteryBefore, masteryAfter }
}

const statementsOf = (events: TutorEvent[]) => buildAll(events, { homePage: 'urn:benchtop:hub', registration: crypto.randomUUID(), stationId: 'station-1', skillNames: { 'measure.whole-numbers': 'Whole numbers', 'measure.decimals': 'Decimals' }, version: '2.0.0' })

// Two students: otter does well on whole numbers and struggles on decimals; lynx fails a lot.
const otter = 'calm-otter-11'
const lynx = 'bold-lynx-22'
const events: TutorEvent[] = [
  { ...base(otter, 0), type: 'session-started' },
  { ...base(otter, 1_000), type: 'task-presented', task: place(1, 1, 3), scaffoldLevel: 1, predictedSuccess: 0.6 },
  answer(otter, 11_000, place(1, 1, 3), 'placed at 3', true, 10_000, 0.3, 0.55),
  answer(otter, 31_000, place(1, 2, 5), 'placed at 5', true, 20_000, 0.55, 0.82),
  { ...base(otter, 32_000), type: 'level-changed', skill: 'measure.decimals', from: 1, to: 2 },
  { ...base(otter, 40_000), type: 'hint-requested', task: decimals(34), hintIndex: 0, scaffoldLevel: 1 },
  answer(otter, 60_000, decimals(34), 'placed at 4.3', false, 28_000, 0.2, 0.12, 1),
  { ...base(otter, 61_000), type: 'scaffold-changed', skill: 'measure.decimals', from: 2, to: 1, reason: 'two errors in a row' },
  { ...base(otter, 62_000), type: 'goal-set', skill: 'measure.decimals', targetMastery: 0.95 },
  { ...base(lynx, 5_000), type: 'session-started' },
  answer(lynx, 9_000, place(1, 7, 2), 'placed at 0', false, 4_000, 0.3, 0.2),
  answer(lynx, 12_000, place(1, 8, 6), 'placed at 0', false, 3_000, 0.2, 0.14),
  answer(lynx, 20_000, place(1, 9, 4), 'placed at 4', true, 8_000, 0.14, 0.31),
  answer(lynx, 30_000, decimals(12), 'placed at 2.1', false, 6_000, 0.2, 0.13),
  { ...base(lynx, 31_000), type: 'alert-raised', alert: { kind: 'rapid-guessing', skill: 'measure.whole-numbers', reason: 'Answers come faster than anyone could aim' } },
]
const statements = statementsOf(events)

describe("the class view's analytics", () => {
  it('reads xAPI durations', () => {
    expect(parseIsoDuration('PT1M23.46S')).toBe(83_460)
    expect(parseIsoDuration(isoDuration(3_725_000))).toBe(3_725_000)
    expect(parseIsoDuration('P1DT2H')).toBe(26 * 3_600_000)
    expect(parseIsoDuration('PT')).toBeNaN()
    expect(parseIsoDuration('12 seconds')).toBeNaN()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
    expect(formatDuration(8_000)).toBe('8.0 s')
    expect(formatDuration(65_400)).toBe('1 min 05 s')
    expect(formatDuration(null)).toBe('–')
  })

  it('lays out each student x skill mastery as the latest answer left it', () => {
    const heatmap = masteryHeatmap(statements)
    expect(heatmap.students).toEqual([lynx, otter])
    expect(heatmap.skills).toEqual(['measure.decimals', 'measure.whole-numbers'])
    expect(heatmap.mastery[otter]).toEqual({ 'measure.whole-numbers': 0.82, 'measure.decimals': 0.12 })
    expect(heatmap.mastery[lynx]).toEqual({ 'measure.whole-numbers': 0.31, 'measure.decimals': 0.13 })
  })

  it('ranks task kinds by failures, with their failure rate and median time', () => {
    const stats = taskStats(statements)
    const whole = stats.find((t) => t.kind === 'place')!
    // Five answers at level 1: otter 2 right, lynx 2 wrong then 1 right.
    expect(whole).toMatchObject({ skill: 'measure.whole-numbers', skillName: 'Whole numbers', level: 1, attempts: 5, failures: 2, failureRate: 0.4, medianMs: 8_000 })
    // The prompt the latest student saw (otter's second task).
    expect(whole.example).toBe('Move the block to 5 on the track')
    const dec = stats.find((t) => t.kind === 'place-decimal')!
    expect(dec).toMatchObject({ level: 2, attempts: 2, failures: 2, failureRate: 1, medianMs: 17_000 })
    // Equal failures: the higher rate first.
    expect(mostFailedTasks(stats).map((t) => t.kind)).toEqual(['place-decimal', 'place'])
    expect(mostFailedTasks(stats, 1)).toHaveLength(1)
  })

  it('counts answers the rate budget folded into a summary of one task', () => {
    // Forty quick guesses at one task within a minute: past 30, the station sends one summary.
    const rapid: TutorEvent[] = Array.from({ length: 40 }, (_, i) => answer(lynx, 1_000 + i * 500, place(3, 100, 5), 'placed at 0', i % 4 === 0, 400, 0.2, 0.2))
    const budget = createRateBudget({ perMinute: 30 })
    const sent = [...budget.admit(statementsOf(rapid), T0), ...budget.flush(Infinity)]
    expect(sent.length).toBeLessThan(40)
    const level3 = taskStats(sent).find((t) => t.level === 3)!
    expect(level3).toMatchObject({ attempts: 40, failures: 30, failureRate: 0.75 })
  })

  it("gives one student's timeline in order, with the actual responses, hints, support and level changes", () => {
    const timeline = studentTimeline([...statements].reverse(), otter)
    expect(timeline.map((e) => e.kind)).toEqual(['started', 'task', 'answer', 'answer', 'level', 'hint', 'answer', 'scaffold', 'goal'])
    const wrong = timeline[6]!
    expect(wrong).toMatchObject({ response: 'placed at 4.3', correct: false, hintsUsed: 1, masteryAfter: 0.12 })
    expect(wrong.text).toBe('Answered "placed at 4.3": wrong; 1 hint used; mastery now 12%')
    expect(timeline[2]!.text).toBe('Answered "placed at 3": correct; mastery now 55%')
    expect(timeline[4]!.text).toBe('Level changed from 1 to 2')
    expect(timeline[5]!.text).toBe('Asked for hint 1 on: Move the block to 3.4 on the track')
    expect(timeline[7]!.text).toBe('Support raised (rung 2 to 1): two errors in a row')
    expect(timeline[8]!.text).toBe('Set a goal: Decimals to 95%')
    expect(studentTimeline(statements, lynx).at(-1)!.text).toBe('Alert (rapid-guessing): Answers come faster than anyone could aim')
  })

  it('plots mastery per skill from the prior through every answer, and says so in words', () => {
    const series = masterySeries(statements, otter)
    expect(series['measure.whole-numbers']).toEqual([
      { at: T0 + 1_000, mastery: 0.3, prior: true },
      { at: T0 + 11_000, mastery: 0.55 },
      { at: T0 + 31_000, mastery: 0.82 },
    ])
    expect(series['measure.decimals']!.map((p) => p.mastery)).toEqual([0.2, 0.12])
    expect(describeSeries(series)).toBe('measure.decimals: from 20% to 12% over 1 answer; measure.whole-numbers: from 30% to 82% over 2 answers')
    expect(describeSeries(masterySeries(statements, 'nobody-here-1'))).toBe('No answers yet.')
  })
  it('separates the labs a class used: a lab list, one lab\'s statements, its skills in the heatmap for every student', () => {
    // Otter also spends a few minutes at the Circuit Lab station.
    const at = (ms: number) => ({ learner: otter, at: T0 + 600_000 + ms, sceneId: 'circuits', sceneVersion: '1.0.0' })
    const light: TaskRef = { id: 'light/1/5', skill: 'circuits.closed-loop', level: 1, kind: 'build', seed: 5, prompt: 'Make the bulb light' }
    const circuitEvents: TutorEvent[] = [
      { ...at(0), type: 'session-started' },
      { ...at(1_000), type: 'attempt-assessed', task: light, scaffoldLevel: 0, response: 'battery, bulb, 2 wires', correct: true, score: 1, evidence: [], feedback: '', durationMs: 30_000, hintsUsed: 0, masteryBefore: 0.25, masteryAfter: 0.6 },
    ]
    const circuits = buildAll(circuitEvents, { homePage: 'urn:benchtop:hub', registration: crypto.randomUUID(), stationId: 'station-2', sceneTitle: 'Circuit Lab', skillNames: { 'circuits.closed-loop': 'A closed loop' }, version: '2.0.0' })
    const everything = [...statements, ...circuits]

    expect(labsIn(everything)).toEqual([
      { id: 'circuits', title: 'Circuit Lab' },
      { id: 'measure', title: 'measure' },
    ])
    expect(circuits.every((s) => labOf(s) === 'circuits')).toBe(true)
    expect(statements.every((s) => labOf(s) === 'measure')).toBe(true)
    expect(onlyLab(everything, 'circuits')).toEqual(circuits)

    const heatmap = masteryHeatmap(everything, 'circuits')
    expect(heatmap.skills).toEqual(['circuits.closed-loop'])
    // Lynx has not been to the circuits station yet: still a row, with nothing tried there.
    expect(heatmap.students).toEqual([lynx, otter])
    expect(heatmap.mastery[otter]!['circuits.closed-loop']).toBe(0.6)
    expect(heatmap.mastery[lynx]!['circuits.closed-loop']).toBeUndefined()
    expect(masteryHeatmap(everything).skills).toEqual(['circuits.closed-loop', 'measure.decimals', 'measure.whole-numbers'])

    expect(taskStats(onlyLab(everything, 'measure')).map((t) => t.kind).sort()).toEqual(['place', 'place-decimal'])
    expect(studentTimeline(onlyLab(everything, 'circuits'), otter).map((e) => e.kind)).toEqual(['started', 'answer'])
    // Skill names as the labs gave them; a task's prompt is not mistaken for its skill's name.
    expect(skillNamesIn(everything)).toEqual({ 'circuits.closed-loop': 'A closed loop', 'measure.whole-numbers': 'Whole numbers', 'measure.decimals': 'Decimals' })
  })
})
