/** The simulated classroom on Projectile Lab: synthetic students (assumptions in test/sim/classroom.ts) through the real tutor and this scene's generators and assessor. */
import { expect, it } from 'vitest'
import projectile from '../../../scenes/projectile'
import { formatReport, runClassroom } from '../../sim/classroom'

it('keeps projectile students near the target success far more than the fixed sequence, brings most to every skill\'s top level, with false mastery under 2%', () => {
  const report = runClassroom(projectile, 30, 2024)
  console.log(formatReport(report))
  expect(report.adaptive.inBandShare).toBeGreaterThan(0.4)
  expect(report.adaptive.inBandShare).toBeGreaterThan(2 * report.fixed.inBandShare)
  expect(report.adaptive.declarations).toBeGreaterThan(0.7 * 7 * 30)
  expect(report.adaptive.falseMasteryRate).toBeLessThan(0.02)
  expect(report.adaptive.postTest).toBeGreaterThan(report.fixed.postTest - 0.05)
}, 180_000)
