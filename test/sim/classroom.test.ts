/**
 * Simulated classroom, small run (the bigger one: npx tsx scripts/bench-learner.ts). Synthetic
 * students through the real tutor loop and the real Measure scene, adaptive versus fixed.
 */
import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { scenes } from '../../src/app/registry'
import { formatReport, runClassroom } from './classroom'

describe('simulated classroom', () => {
  const report = runClassroom(measure, 200, 2024)

  it('reaches mastery in fewer attempts with the adaptive tutor than with the fixed sequence', () => {
    console.log(formatReport(report))
    expect(report.adaptive.medianAttemptsToMastery).toBeLessThan(report.fixed.medianAttemptsToMastery)
    expect(report.medianRatio).toBeLessThan(1)
    expect(report.adaptive.p90AttemptsToMastery).toBeLessThan(report.fixed.p90AttemptsToMastery)
  })

  it('keeps false mastery below 2%', () => {
    expect(report.adaptive.declarations).toBeGreaterThan(100)
    expect(report.adaptive.falseMasteryRate).toBeLessThan(0.02)
  })

  it('is reproducible from its seed', () => {
    expect(runClassroom(measure, 20, 7)).toEqual(runClassroom(measure, 20, 7))
  })

  it('runs every registered scene through the loop without errors', () => {
    for (const scene of scenes) {
      const small = runClassroom(scene, 10, 1, { maxAttempts: 60, targetSuccess: 0.8, band: 0.1 })
      expect(small.adaptive.students).toBe(10)
    }
  })
})
