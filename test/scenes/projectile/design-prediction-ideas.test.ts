/**
 * A wrong prediction in a fair experiment, and when it is (and is not) "a heavier ball falls
 * faster". The idea is named only for a mass test without air whose wrong prediction is the
 * heavier ball: without air mass changes nothing (Galileo), so a tie is the answer and picking
 * the heavier ball is the idea. With air, or for any other variable, a wrong pick is just wrong.
 *
 * The winners below come from the physics, not from the model:
 * - no air, 10 m/s at 45 degrees from the ground: T = 2 v sin(45) / g, 8.73 s on the Moon
 *   (g = 1.62) against 1.44 s on Earth (g = 9.81), and R = v^2 / g, 61.7 m against 10.2 m: the
 *   weaker gravity wins both.
 * - with Earth air, two 0.3 m balls launched level at 2 m/s from 3 m: a_drag = k v^2 with
 *   k = rho Cd (pi d^2 / 4) / (2 m) = 1.225 * 0.47 * 0.0707 / (2 m) = 0.0204 / m per metre, so the
 *   0.1 kg ball's terminal speed sqrt(g / k) is 6.9 m/s and the 2 kg ball's 31 m/s. Without air
 *   a 3 m fall takes sqrt(6 / 9.81) = 0.78 s and ends at 7.7 m/s, past the light ball's terminal
 *   speed: the light ball is held back and lands clearly later, the heavy one nearly on time.
 *   The lighter ball stays in the air longer.
 */
import { describe, expect, it } from 'vitest'
import { assessDesign } from '../../../scenes/projectile/assess'
import { AIR_DENSITY, SPHERE_DRAG_COEFFICIENT } from '../../../scenes/projectile/model'
import { MISCONCEPTIONS, STUDENT_WORDS } from '../../../scenes/projectile/misconceptions'
import { SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import type { CompareChoice, DesignExperimentTask, ExperimentSettings } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

const NO_AIR = { enabled: false, cd: SPHERE_DRAG_COEFFICIENT, airDensity: AIR_DENSITY.earth }
const EARTH_AIR = { enabled: true, cd: SPHERE_DRAG_COEFFICIENT, airDensity: AIR_DENSITY.earth }
const HEAVIER_WORDS = `It fits the idea that ${STUDENT_WORDS[MISCONCEPTIONS.heavierFallsFaster.id]}.`

/** A gravity-and-drag design task asking for a prediction, with the fields the assessor reads set here. */
function task(testVariable: DesignExperimentTask['testVariable'], drag: DesignExperimentTask['drag'], outcome: DesignExperimentTask['outcome'], minDifference: number): DesignExperimentTask {
  const generated = generateOfKind('design-experiment', SKILL_GRAVITY_DRAG, 3, createRng(7)) as DesignExperimentTask
  return { ...generated, skill: SKILL_GRAVITY_DRAG, testVariable, drag, outcome, minDifference, asksPrediction: true }
}

function predict(t: DesignExperimentTask, launchA: ExperimentSettings, launchB: ExperimentSettings, prediction: CompareChoice | null) {
  return assessDesign(t, { kind: 'design-experiment', launchA, launchB, prediction })
}

const BALL: ExperimentSettings = { speed: 10, angleDeg: 45, height: 0, mass: 0.145, diameter: 0.074, gravity: 9.81 }

describe('a gravity test without air: a wrong prediction names no idea', () => {
  const moonA = { ...BALL, gravity: 1.62 }
  const earthB = { ...BALL, gravity: 9.81 }
  for (const outcome of ['timeOfFlight', 'range'] as const) {
    const t = task('gravity', NO_AIR, outcome, 1)

    it(`${outcome}: the Moon launch (A) wins, and predicting it is right`, () => {
      const result = predict(t, moonA, earthB, 'A')
      expect(result.correct).toBe(true)
      expect(result.feedback).toMatch(/ Your prediction was right: A wins\.$/)
    })

    it(`${outcome}: predicting B (the equal-mass Earth launch) is wrong, and not "heavier falls faster"`, () => {
      const result = predict(t, moonA, earthB, 'B')
      expect(result.correct).toBe(false)
      expect(result.misconception).toBeUndefined()
      expect(result.feedback).toMatch(/Your prediction \(B\) is not what happens: think about what the gravity changes in the flight, and predict again\.$/)
      expect(result.feedback).not.toContain('It fits the idea')
      // The design was fair; only the prediction counts against gravity and drag.
      expect(result.evidence).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: false }, { skill: SKILL_EXPERIMENT, correct: true }])
      expect(result.score).toBeCloseTo(0.7, 12)
    })
  }

  it('a missing prediction and "the same" are each worded as such, with no idea named', () => {
    const t = task('gravity', NO_AIR, 'timeOfFlight', 1)
    const none = predict(t, moonA, earthB, null)
    expect(none.feedback).toMatch(/Your prediction \(none\) is not what happens/)
    expect(none.misconception).toBeUndefined()
    const same = predict(t, moonA, earthB, 'same')
    expect(same.feedback).toMatch(/Your prediction \(the same\) is not what happens/)
    expect(same.misconception).toBeUndefined()
  })
})

describe('a mass test with air: the lighter ball stays up longer, and picking the heavier is not the no-air idea', () => {
  const drop = { ...BALL, speed: 2, angleDeg: 0, height: 3, diameter: 0.3 }
  const t = task('mass', EARTH_AIR, 'timeOfFlight', 0.2)
  for (const [heavyIs, a, b] of [['A', { ...drop, mass: 2 }, { ...drop, mass: 0.1 }], ['B', { ...drop, mass: 0.1 }, { ...drop, mass: 2 }]] as const) {
    const light = heavyIs === 'A' ? 'B' : 'A'

    it(`heavier ball ${heavyIs}: the lighter (${light}) is the right prediction`, () => {
      expect(predict(t, a, b, light).feedback).toMatch(new RegExp(` Your prediction was right: ${light} wins\\.$`))
    })

    it(`heavier ball ${heavyIs}: predicting it is wrong, with no misconception named`, () => {
      const result = predict(t, a, b, heavyIs)
      expect(result.correct).toBe(false)
      expect(result.misconception).toBeUndefined()
      expect(result.feedback).toMatch(new RegExp(`Your prediction \\(${heavyIs}\\) is not what happens: think about what the mass changes in the flight, and predict again\\.$`))
      expect(result.evidence).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: false }, { skill: SKILL_EXPERIMENT, correct: true }])
    })
  }
})

describe('a mass test without air: they tie, and the heavier pick is named whichever launch it is', () => {
  const t = task('mass', NO_AIR, 'range', 0.2)
  for (const [heavyIs, a, b] of [['A', { ...BALL, mass: 1 }, { ...BALL, mass: 0.2 }], ['B', { ...BALL, mass: 0.2 }, { ...BALL, mass: 1 }]] as const) {
    const light = heavyIs === 'A' ? 'B' : 'A'

    it(`heavier ball ${heavyIs}: "the same" is right`, () => {
      expect(predict(t, a, b, 'same').feedback).toMatch(/ Your prediction was right: they tie\.$/)
    })

    it(`heavier ball ${heavyIs}: predicting it names the idea, once, against gravity and drag`, () => {
      const result = predict(t, a, b, heavyIs)
      expect(result.misconception).toEqual(MISCONCEPTIONS.heavierFallsFaster)
      expect(result.feedback).toMatch(new RegExp(`Your prediction \\(${heavyIs}\\) is not what happens: think about what the mass changes in the flight, and predict again\\. ${HEAVIER_WORDS}$`))
      expect(result.evidence).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: false }, { skill: SKILL_EXPERIMENT, correct: true }])
    })

    it(`heavier ball ${heavyIs}: predicting the lighter (${light}) is wrong without naming it`, () => {
      const result = predict(t, a, b, light)
      expect(result.correct).toBe(false)
      expect(result.misconception).toBeUndefined()
      expect(result.feedback).not.toContain('It fits the idea')
    })
  }

  it('an unfair mass test (the speed changed too) with the heavier picked: only the design is named, no prediction judged', () => {
    const result = predict(t, { ...BALL, mass: 1, speed: 12 }, { ...BALL, mass: 0.2 }, 'A')
    expect(result.misconception).toEqual(MISCONCEPTIONS.confoundedExperiment)
    expect(result.feedback).not.toContain('prediction')
    expect(result.feedback).not.toContain('It fits the idea')
  })
})
