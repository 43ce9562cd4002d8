/**
 * Simulated classroom, small run (the bigger one: npx tsx scripts/bench-learner.ts). Synthetic
 * students whose success depends on their ability and the task's level and support, and whose
 * ability grows with practice (assumptions at the top of classroom.ts), through the real tutor
 * loop and the real Measure scene: the adaptive tutor with and without placement against a
 * fixed sequence, on the same students.
 */
import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { formatReport, runClassroom } from './classroom'

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

  it('is reproducible from its seed', () => {
    expect(runClassroom(measure, 10, 7)).toEqual(runClassroom(measure, 10, 7))
  }, 60_000)
})
