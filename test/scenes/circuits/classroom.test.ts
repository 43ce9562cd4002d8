/** The simulated classroom on Circuit Lab: synthetic students through the real tutor and this scene's generators and assessor. */
import { expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { formatReport, runClassroom } from '../../sim/classroom'

it('reaches mastery of every circuits skill in fewer attempts with the adaptive tutor, with false mastery under 2%', () => {
  const report = runClassroom(circuits, 60, 2026)
  console.log(formatReport(report))
  expect(report.medianRatio).toBeLessThan(1)
  expect(report.adaptive.falseMasteryRate).toBeLessThan(0.02)
  expect(report.adaptive.declarations).toBeGreaterThan(200)
}, 60_000)
