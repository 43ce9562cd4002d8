/**
 * Simulated classroom, small run (the bigger one: npx tsx scripts/bench-learner.ts). Synthetic
 * students whose success depends on their ability and the task's level and support, and whose
 * ability grows with practice (assumptions at the top of classroom.ts), through the real tutor
 * loop and the real Measure scene: the adaptive tutor with and without placement against a
 * fixed sequence, on the same students.
 */
import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { generatePlaceTask } from '../../scenes/measure/tasks/place'
import { SKILL_DECIMAL } from '../../scenes/measure/skills'
import { createRng } from '../../src/core'
import { DEFAULT_RUN, formatReport, runClassroom, simulatedAttempt } from './classroom'

describe('simulated classroom', { timeout: 30_000 }, () => {
  const report = runClassroom(measure, 200, 2024)
  console.log(formatReport(report))

  it('keeps students in the target band (0.8 +- 0.1) far more often than the fixed sequence', () => {
    // The 60%: Measure's simulated students place with a normal error (classroom.ts,
    // "answers") and the tutor reads how far off a miss was (graded evidence, learner README
    // "Measure's 60%"): 60.1-62.3% on nine cohorts of 300 (61.5% on 1000), against 58-60% told
    // only right or wrong. This cohort of 200 is asserted a little lower: a cohort moves the figure
    // by 1-2 points.
    expect(report.adaptive.inBandShare).toBeGreaterThan(0.59)
    expect(report.noPlacement.inBandShare).toBeGreaterThan(0.59)
    expect(report.adaptive.inBandShare).toBeGreaterThan(6 * report.fixed.inBandShare)
  })

  it('declares mastery for nearly every skill of every student, with false mastery under 2%', () => {
    for (const run of [report.adaptive, report.noPlacement]) {
      expect(run.declarations).toBeGreaterThan(0.95 * 2 * 200)
      expect(run.falseMasteryRate).toBeLessThan(0.02)
    }
  })

  it('leaves students able to do the top level, and brings the slowest there sooner than the fixed sequence', () => {
    expect(report.adaptive.postTest).toBeGreaterThan(0.85)
    expect(report.adaptive.reachedMastery).toBeGreaterThan(0.9)
    expect(report.adaptive.p90AttemptsToMastery).toBeLessThan(report.fixed.p90AttemptsToMastery)
    // in a quarter of the fixed sequence's attempts
    expect(report.adaptive.meanAttempts).toBeLessThan(0.25 * report.fixed.meanAttempts)
  })

  it('saves students who already know a lot tasks with the placement', () => {
    // About two tasks (1.6 here; 1.8-2.1 on 300 students of seeds 2024, 7, 11) since students
    // place with a normal error: 3.5 when their wrong answers were all misconceptions.
    expect(report.adaptive.meanAttemptsStrong).toBeLessThan(report.noPlacement.meanAttemptsStrong - 1)
  })

  it('makes a share of a sure student\'s answers slip when asked (the robustness runs), and tells the binary control no distance', () => {
    // A student who is right w.p. 1 - 1e-9 answers wrong only by a slip: a share `slips` of
    // answers, less the 1 in 40 that lands within the tolerance by chance (a slip lands 0-40
    // tolerances off, uniformly). 4000 answers: the binomial standard error is 0.005.
    const rng = createRng(5)
    const tasks = Array.from({ length: 4000 }, (_, i) => generatePlaceTask(SKILL_DECIMAL, 3, createRng(100 + i)))
    const wrong = tasks.filter((task) => !measure.assess(task, simulatedAttempt(measure, task, 1 - 1e-9, rng, 0.2) as never).correct).length
    expect(Math.abs(wrong / tasks.length - 0.2 * (39 / 40))).toBeLessThan(0.02)
    expect(tasks.every((task) => measure.assess(task, simulatedAttempt(measure, task, 1 - 1e-9, rng) as never).correct)).toBe(true)
    // The control sees the same answers, told only right or wrong: the grading is what differs.
    const graded = runClassroom(measure, 20, 3)
    const control = runClassroom(measure, 20, 3, { ...DEFAULT_RUN, binaryAnswers: true })
    expect(control.fixed).toEqual(graded.fixed)
    expect(control.adaptive).not.toEqual(graded.adaptive)
  }, 60_000)

  it('is reproducible from its seed', () => {
    expect(runClassroom(measure, 10, 7)).toEqual(runClassroom(measure, 10, 7))
  }, 60_000)
})
