/**
 * Designing an experiment: the exact skills each design counts for and the score, on designs
 * whose outcome is known without the model: two identical launches tie, and without air a
 * launch's mass changes nothing (Galileo), so a mass test has "they tie" as its answer.
 */
import { describe, expect, it } from 'vitest'
import { assessDesign, changedVariables } from '../../../scenes/projectile/assess'
import { MISCONCEPTIONS, STUDENT_WORDS } from '../../../scenes/projectile/misconceptions'
import { SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import type { DesignExperimentTask } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

function find(skill: string, when: (task: DesignExperimentTask) => boolean): DesignExperimentTask {
  for (let level = 1; level <= 5; level++) {
    for (let seed = 1; seed < 400; seed++) {
      const task = generateOfKind('design-experiment', skill, level, createRng(seed)) as DesignExperimentTask
      if (when(task)) return task
    }
  }
  throw new Error(`no design-experiment task for ${skill} matches`)
}

describe('a mass test without air (gravity-and-drag skill, prediction asked)', () => {
  const task = find(SKILL_GRAVITY_DRAG, (t) => t.asksPrediction && t.testVariable === 'mass' && !t.drag.enabled)
  const { launchA, launchB } = task.reference
  const heavier = launchA.mass > launchB.mass ? 'A' : 'B'
  const lighter = heavier === 'A' ? 'B' : 'A'

  it('"they tie" is the right prediction: full marks, the tie named', () => {
    const result = assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction: 'same' })
    expect(result.correct).toBe(true)
    expect(result.feedback).toMatch(/ Your prediction was right: they tie\.$/)
    expect(result.evidence).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: true }, { skill: SKILL_EXPERIMENT, correct: true }])
  })

  it('the heavier ball predicted to win is "heavier falls faster", counted once against gravity and drag', () => {
    const result = assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction: heavier })
    expect(result.misconception).toEqual(MISCONCEPTIONS.heavierFallsFaster)
    expect(result.feedback).toMatch(new RegExp(`Your prediction \\(${heavier}\\) is not what happens: think about what the mass changes in the flight, and predict again\\. It fits the idea that ${STUDENT_WORDS[MISCONCEPTIONS.heavierFallsFaster.id]}\\.$`))
    expect(result.evidence).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: false }, { skill: SKILL_EXPERIMENT, correct: true }])
    expect(result.score).toBeCloseTo(0.7, 12)
  })

  it('the lighter ball predicted to win is wrong but not that idea; "the same" is worded as such', () => {
    const result = assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction: lighter })
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
    expect(result.feedback).not.toContain('It fits the idea')
  })

  it('two identical launches with "they tie" predicted: the prediction is right but the design shows nothing, 0.3', () => {
    const result = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchA }, prediction: 'same' })
    expect(result.correct).toBe(false)
    expect(result.score).toBeCloseTo(0.3, 12)
    expect(result.misconception).toEqual(MISCONCEPTIONS.nonContrastiveExperiment)
    // The design counts against the experiment skill once; no prediction is judged on an unfair test.
    expect(result.evidence).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: false }, { skill: SKILL_EXPERIMENT, correct: false }])
    expect(result.feedback).not.toContain('prediction')
  })
})

describe('the experiment skill itself', () => {
  it('without a prediction: one piece of evidence, for or against the experiment skill', () => {
    const task = find(SKILL_EXPERIMENT, (t) => !t.asksPrediction)
    const { launchA, launchB } = task.reference
    expect(assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction: null }).evidence).toEqual([{ skill: SKILL_EXPERIMENT, correct: true }])
    const same = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchA }, prediction: null })
    expect(same.evidence).toEqual([{ skill: SKILL_EXPERIMENT, correct: false }])
    expect(same.score).toBe(0)
  })

  it('with a prediction: the design counts for the experiment skill, the prediction for gravity and drag', () => {
    // The generators ask experiment-skill tasks for no prediction today; the assessor allows it.
    const asked = find(SKILL_GRAVITY_DRAG, (t) => t.asksPrediction)
    const task: DesignExperimentTask = { ...asked, skill: SKILL_EXPERIMENT }
    const { launchA, launchB, prediction } = task.reference
    expect(assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction }).evidence).toEqual([{ skill: SKILL_EXPERIMENT, correct: true }, { skill: SKILL_GRAVITY_DRAG, correct: true }])
  })
})

describe('what a design reports, and its edges', () => {
  it('the measured outcome is worded by what the task measures: how far (m) or how long (s)', () => {
    const far = find(SKILL_EXPERIMENT, (t) => t.outcome === 'range' && !t.asksPrediction)
    const long = find(SKILL_EXPERIMENT, (t) => t.outcome !== 'range' && !t.asksPrediction)
    const report = (task: DesignExperimentTask) => assessDesign(task, { kind: 'design-experiment', launchA: task.reference.launchA, launchB: task.reference.launchB, prediction: null }).feedback
    expect(report(far)).toMatch(/ Launch A went [\d.]+ m, launch B [\d.]+ m\.$/)
    expect(report(long)).toMatch(/ Launch A flew for [\d.]+ s, launch B [\d.]+ s\.$/)
  })

  it('a difference of exactly the minimum is enough', () => {
    const task = find(SKILL_EXPERIMENT, (t) => !t.asksPrediction)
    const { launchA } = task.reference
    const v = task.testVariable
    const result = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchA, [v]: launchA[v] + task.minDifference }, prediction: null })
    expect(result.correct).toBe(true)
  })

  it('a change below a billionth of the value (or of 1, for values under 1) is no change', () => {
    const { launchA } = find(SKILL_EXPERIMENT, () => true).reference
    expect(changedVariables({ ...launchA, height: 0 }, { ...launchA, height: 5e-10 })).toEqual([])
    expect(changedVariables({ ...launchA, height: 0 }, { ...launchA, height: 2e-9 })).toEqual(['height'])
    expect(changedVariables({ ...launchA, speed: 1e6 }, { ...launchA, speed: 1e6 + 5e-4 })).toEqual([])
    expect(changedVariables({ ...launchA, speed: 1e6 }, { ...launchA, speed: 1e6 + 2e-3 })).toEqual(['speed'])
  })
})
