/** The simulated classroom on Projectile Lab: synthetic students (assumptions in test/sim/classroom.ts) through the real tutor and this scene's generators and assessor. */
import { expect, it } from 'vitest'
import projectile from '../../../scenes/projectile'
import { formatReport, runClassroom } from '../../sim/classroom'

it('keeps projectile students near the target success far more than the fixed sequence, brings most to every skill\'s top level, with false mastery under 2%, and the placement saves strong students tasks', () => {
  const report = runClassroom(projectile, 30, 2024)
  console.log(formatReport(report))
  // The goal: at least 60% of the adaptive tutor's tasks in the band 0.8 +- 0.1.
  expect(report.adaptive.inBandShare).toBeGreaterThanOrEqual(0.6)
  expect(report.adaptive.inBandShare).toBeGreaterThan(3 * report.fixed.inBandShare)
  expect(report.adaptive.declarations).toBeGreaterThan(0.9 * 7 * 30)
  for (const run of [report.adaptive, report.noPlacement]) expect(run.falseMasteryRate).toBeLessThan(0.02)
  // More students truly master every skill within the 300 tasks, and leave better at the top level.
  expect(report.adaptive.reachedMastery).toBeGreaterThan(report.fixed.reachedMastery + 0.1)
  expect(report.adaptive.postTest).toBeGreaterThan(report.fixed.postTest + 0.1)
  // The placement saves students who already know a lot some tasks.
  expect(report.adaptive.meanAttemptsStrong).toBeLessThan(report.noPlacement.meanAttemptsStrong)
}, 180_000)
