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
    // The 60% is asserted in the big labs; Measure gets 57-58% (measured with
    // scripts/band-diagnosis.ts): its level and rung spacing would allow as much as theirs (some
    // level and rung is in band for 90% of attempts given the true ability, as there) and its
    // later tasks are in band as often (59-62%), but its runs are a third as long (67 attempts),
    // so the start (placement, a skill's first tasks: 28-55% in band) weighs three times more.
    // An easier level 1 or a rung with more help than the guide does not change that (tried:
    // src/learner/README.md, "Measure's 60%: scene design"). Another cohort (seed 7, 300
    // students) gets 60.0% from the same tutor: a cohort moves this figure by 2-3 points.
    expect(report.adaptive.inBandShare).toBeGreaterThan(0.55)
    expect(report.noPlacement.inBandShare).toBeGreaterThan(0.55)
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
    expect(report.adaptive.meanAttemptsStrong).toBeLessThan(report.noPlacement.meanAttemptsStrong - 3)
  })

  it('is reproducible from its seed', () => {
    expect(runClassroom(measure, 10, 7)).toEqual(runClassroom(measure, 10, 7))
  }, 60_000)
})
