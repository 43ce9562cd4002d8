/**
 * Feedback the projectile assessor gives, on launches worked by hand, aimed at what mutation
 * testing found unchecked (test/MUTATION.md, the projectile round). Launch: 20 m/s at 30 degrees
 * with g = 10 m/s^2, so vx = 10 sqrt 3 and vy = 10; y(t) = h + 10 t - 5 t^2.
 */
import { describe, expect, it } from 'vitest'
import { assessCompare, assessCompute, assessDesign, assessHit, assessPredict } from '../../../scenes/projectile/assess'
import { MISCONCEPTIONS } from '../../../scenes/projectile/misconceptions'
import { AIR_DENSITY, makeLaunch, SPHERE_DRAG_COEFFICIENT } from '../../../scenes/projectile/model'
import { SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from '../../../scenes/projectile/skills'
import { generateOfKind, type QuantityId } from '../../../scenes/projectile/tasks'
import { SI_UNIT } from '../../../scenes/projectile/tasks/compute-quantity'
import type {
  CompareChoice, CompareLaunchesTask, ComputeQuantityTask, DesignExperimentTask, HitTargetTask, PredictLandingTask,
} from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

const vx = 10 * Math.sqrt(3)
/** Level ground from the ground: T = 2 vy / g = 2 s, R = 2 vx = 34.64 m. */
const levelRange = 2 * vx

describe('predicting a landing on a platform higher than the launch', () => {
  // From the ground onto a 3.2 m platform from 20 m to 30 m: 10 t - 5 t^2 = 3.2 gives t = 0.4 or
  // 1.6 s, so it comes down onto the top at 1.6 s and x = 16 sqrt 3 = 27.71 m. At the front edge
  // (x = 20 m, t = 2 / sqrt 3 = 1.155 s) it is 4.88 m up, above the top, so it clears the front.
  const base = generateOfKind('predict-landing', SKILL_PREDICT, 1, createRng(1)) as PredictLandingTask
  const task: PredictLandingTask = {
    ...base,
    launch: makeLaunch({ speed: 20, angleDeg: 30, gravity: 10, height: 0 }),
    platform: { xStart: 20, xEnd: 30, height: 3.2 },
    tolerance: 1,
    answer: { x: 16 * Math.sqrt(3), y: 3.2, timeOfFlight: 1.6, surface: 'platform-top' },
  }

  it('a marker at the level-ground range is the level-ground idea, worded for a ball that comes down only to the platform', () => {
    const result = assessPredict(task, { kind: 'predict-landing', markerX: levelRange })
    expect(result.correct).toBe(false)
    expect(result.misconception).toEqual(MISCONCEPTIONS.ignoresHeightDifference)
    expect(result.feedback).toBe(
      'Your marker at 34.6 m is past where the ball comes down. Your marker is where it would land on level ground; here it must come down only to 3.2 m from a 0 m launch, which changes the time in the air.' +
        ' Next step: work out the time in the air from the vertical motion alone, then multiply by the sideways speed.',
    )
  })

  it('the answer itself, and a marker just inside the tolerance, are right', () => {
    expect(assessPredict(task, { kind: 'predict-landing', markerX: 16 * Math.sqrt(3) }).correct).toBe(true)
    const inside = assessPredict(task, { kind: 'predict-landing', markerX: 16 * Math.sqrt(3) - 0.99 })
    expect(inside.correct).toBe(true)
    expect(inside.feedback).toBe('Good prediction: the ball came down at 27.7 m after 1.6 s, 0.99 m from your marker.')
  })
})

describe('a wrong marker: exactly on the tolerance, far off with no idea, and at the no-air landing', () => {
  const base = generateOfKind('predict-landing', SKILL_PREDICT, 1, createRng(1)) as PredictLandingTask
  const task: PredictLandingTask = {
    ...base,
    launch: makeLaunch({ speed: 20, angleDeg: 30, gravity: 10, height: 0 }),
    platform: { xStart: 20, xEnd: 30, height: 3.2 },
    tolerance: 1,
    answer: { x: 16 * Math.sqrt(3), y: 3.2, timeOfFlight: 1.6, surface: 'platform-top' },
  }

  it('a marker exactly the tolerance past the answer is still right', () => {
    expect(assessPredict(task, { kind: 'predict-landing', markerX: 16 * Math.sqrt(3) + 1 }).correct).toBe(true)
  })

  it('a marker at 10 m fits no idea (level ground 34.6 m, half the answer 13.9 m): just which way it is off and the next step', () => {
    const result = assessPredict(task, { kind: 'predict-landing', markerX: 10 })
    expect(result.misconception).toBeUndefined()
    expect(result.feedback).toBe('Your marker at 10 m is short of where the ball comes down. Next step: work out the time in the air from the vertical motion alone, then multiply by the sideways speed.')
    expect(result.evidence).toEqual([{ skill: SKILL_PREDICT, correct: false }])
  })

  it('with air, a marker where the launch would land in a vacuum (the closed form) is "air makes no difference"', () => {
    let drag: PredictLandingTask | undefined
    for (let seed = 1; seed < 200 && !drag; seed++) {
      const t = generateOfKind('predict-landing', SKILL_PREDICT, 5, createRng(seed)) as PredictLandingTask
      if (t.platform === null) drag = t
    }
    expect(drag).toBeDefined()
    const { launch, tolerance, answer } = drag!
    expect(launch.drag.enabled).toBe(true)
    const rad = (launch.angleDeg * Math.PI) / 180
    const vx0 = launch.speed * Math.cos(rad)
    const vy0 = launch.speed * Math.sin(rad)
    const vacuum = (vx0 * (vy0 + Math.sqrt(vy0 * vy0 + 2 * launch.gravity * launch.height))) / launch.gravity
    expect(vacuum - answer.x).toBeGreaterThan(tolerance)
    const result = assessPredict(drag!, { kind: 'predict-landing', markerX: vacuum })
    expect(result.misconception).toEqual(MISCONCEPTIONS.ignoresAirResistance)
    expect(result.feedback).toMatch(/^Your marker at [\d.]+ m is past where the ball comes down\. Your marker is where it would land with no air; air resistance takes away speed all the way, so it lands shorter\. Next step: find where it would land with no air, then allow for the air slowing it all the way\.$/)
  })
})

describe('hitting a target: the surface it must land on, its edge, and what a miss is put down to', () => {
  const base = generateOfKind('hit-target', SKILL_PREDICT, 1, createRng(1)) as HitTargetTask
  const shot = { kind: 'hit-target' as const, angleDeg: 30, speed: 20 }
  const hitTask = (target: HitTargetTask['target'], platform: HitTargetTask['platform'] = null, drag = false): HitTargetTask => ({
    ...base,
    launch: makeLaunch({ speed: 20, angleDeg: 30, gravity: 10, height: 0, drag: { enabled: drag, cd: SPHERE_DRAG_COEFFICIENT, airDensity: AIR_DENSITY.earth } }),
    platform,
    target,
  })

  it('both sliders are the student\'s (level 1); a speed that is not a number is refused by name', () => {
    expect(base.controls.map((c) => c.variable)).toEqual(['angleDeg', 'speed'])
    expect(() => assessHit(hitTask({ x: 20, y: 0, radius: 0.5, velocity: 0, onPlatform: false }), { ...shot, speed: Number.NaN })).toThrow('projectile: attempt speed must be a finite number, got NaN')
  })

  it('landing a radius from the centre (34.64 m against a target at 35.14 m, 0.5 m wide either side) is a hit', () => {
    expect(assessHit(hitTask({ x: levelRange + 0.5, y: 0, radius: 0.5, velocity: 0, onPlatform: false }), shot).correct).toBe(true)
  })

  it('flying into the front of a platform is a miss, even within the radius of a target on it, and names no idea', () => {
    // At the front (x = 20 m, t = 2 / sqrt 3 s) the ball is 20 / sqrt 3 - 20 / 3 = 4.88 m up, below the 6 m top.
    const result = assessHit(hitTask({ x: 20.3, y: 6, radius: 0.5, velocity: 0, onPlatform: true }, { xStart: 20, xEnd: 30, height: 6 }), shot)
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
    expect(result.feedback).toBe('The ball hit the front of the platform 4.9 m up; it needs to be higher when it gets there.')
    expect(result.score).toBeCloseTo(0.1, 12)
  })

  it('a target on the ground is missed by a ball that comes down on a platform above it', () => {
    const result = assessHit(hitTask({ x: 16 * Math.sqrt(3), y: 0, radius: 0.5, velocity: 0, onPlatform: false }, { xStart: 20, xEnd: 30, height: 3.2 }), shot)
    expect(result.correct).toBe(false)
  })

  it('a rolling target whose start the ball lands above, on a platform, is not "aimed where it is now"', () => {
    const result = assessHit(hitTask({ x: 16 * Math.sqrt(3), y: 0, radius: 0.5, velocity: 1, onPlatform: false }, { xStart: 20, xEnd: 30, height: 3.2 }), shot)
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
  })

  it('a platform target at the level-ground range: the level-ground idea, with the miss worded and scored', () => {
    // Onto a 1 m platform from 32 m: 10 t - 5 t^2 = 1 gives t = 1 + sqrt(0.8), x = sqrt 3 (10 + sqrt 80) = 32.81 m
    // (at the front, x = 32 m, it is still 1.41 m up). The target sits at 20 sqrt 3 = 34.64 m, 1.83 m on.
    const result = assessHit(hitTask({ x: levelRange, y: 1, radius: 0.5, velocity: 0, onPlatform: true }, { xStart: 32, xEnd: 38, height: 1 }), shot)
    const miss = Math.sqrt(3) * (10 + Math.sqrt(80)) - levelRange
    expect(result.misconception).toEqual(MISCONCEPTIONS.ignoresHeightDifference)
    expect(result.feedback).toBe('The ball landed at 32.8 m, 1.8 m short of the target. That launch would hit a target on the ground at 34.6 m, but this one sits 1 m up: the ball reaches that height at a different point.')
    // Half marks, less the miss as a fraction of five radii.
    expect(result.score).toBeCloseTo(0.5 * (1 - Math.abs(miss) / 2.5), 6)
  })

  it('with air, a launch that would hit in a vacuum is "air makes no difference"', () => {
    const result = assessHit(hitTask({ x: levelRange, y: 0, radius: 0.5, velocity: 0, onPlatform: false }, null, true), shot)
    expect(result.misconception).toEqual(MISCONCEPTIONS.ignoresAirResistance)
    expect(result.feedback).toMatch(/^The ball landed at [\d.]+ m, [\d.]+ m short of the target\. Without air that launch would have hit; air resistance shortens the flight, so launch a little harder or at a better angle\.$/)
  })
})

describe('computed answers: the tolerance edge, signatures too close to the answer, and evidence', () => {
  const computeTask = (skill: string, quantity: QuantityId, dimension: ComputeQuantityTask['dimension'], value: number, height = 0, at: number | null = null, relative = 0.03): ComputeQuantityTask => ({
    ...(generateOfKind('compute-quantity', skill, 1, createRng(1)) as ComputeQuantityTask),
    quantity,
    dimension,
    at,
    platform: null,
    launch: makeLaunch({ speed: 20, angleDeg: 30, gravity: 10, height }),
    answer: { value, unit: SI_UNIT[dimension] },
    tolerance: { relative, absolute: 0.01 },
  })
  const answer = (task: ComputeQuantityTask, value: number) => assessCompute(task, { kind: 'compute-quantity', value, unit: task.answer.unit })

  it('an answer exactly the tolerance off is right (2 s with a binary-exact 25% is 0.5 s either way)', () => {
    const task = computeTask(SKILL_TIME_OF_FLIGHT, 'time-of-flight', 'time', 2, 0, null, 0.25)
    expect(answer(task, 2.5).correct).toBe(true)
    expect(answer(task, 1.5).correct).toBe(true)
  })

  it('from a 5 cm ledge the level-ground time (2 s) is within the tolerance of the answer, so a wrong 1.942 s near it is no idea', () => {
    // T = (10 + sqrt 101) / 10 = 2.00499 s, 3% = 0.06015 s: 1.942 s is 0.063 s off the answer and 0.058 s off 2 s.
    const task = computeTask(SKILL_TIME_OF_FLIGHT, 'time-of-flight', 'time', (10 + Math.sqrt(101)) / 10, 0.05)
    const result = answer(task, 1.942)
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
    expect(result.feedback).not.toContain('level-ground')
    // From a 5 m ledge the same slip is the idea: 2 s against 1 + sqrt 2 = 2.414 s.
    expect(answer(computeTask(SKILL_TIME_OF_FLIGHT, 'time-of-flight', 'time', 1 + Math.SQRT2, 5), 2).misconception).toEqual(MISCONCEPTIONS.ignoresHeightDifference)
  })

  it('a range of 25 m (answer 34.64 m) fits none of 40, 17.3 and 17.3 m: no idea, one piece of evidence', () => {
    const result = answer(computeTask(SKILL_RANGE, 'range', 'length', levelRange), 25)
    expect(result.misconception).toBeUndefined()
    expect(result.evidence).toEqual([{ skill: SKILL_RANGE, correct: false }])
  })

  it('a horizontal velocity of 0 is not "the sideways speed dies away" (that is a positive value below 17.3 m/s)', () => {
    const task = computeTask(SKILL_COMPONENTS, 'vx-at', 'speed', vx, 0, 0.5)
    expect(answer(task, 0).misconception).toBeUndefined()
    expect(answer(task, 5).misconception).toEqual(MISCONCEPTIONS.horizontalSpeedSlows)
  })

  it('sin and cos swapped on a components task counts once, against the components skill', () => {
    const result = answer(computeTask(SKILL_COMPONENTS, 'vx0', 'speed', vx), 10)
    expect(result.misconception).toEqual(MISCONCEPTIONS.swapsSinCos)
    expect(result.evidence).toEqual([{ skill: SKILL_COMPONENTS, correct: false }])
  })

  it('a sign slip exactly on the tolerance is caught: -5 m/s at 1.5 s from a 5 m ledge, 3.75 m/s typed, 25% is 1.25 m/s', () => {
    const result = answer(computeTask(SKILL_TIME_OF_FLIGHT, 'vy-at', 'speed', -5, 5, 1.5, 0.25), 3.75)
    expect(result.correct).toBe(false)
    expect(result.feedback).toContain(' Check the sign: upward is positive, so a ball on its way down has a negative vertical velocity.')
  })
})

describe('comparing two launches: the verdict words, a wrong pick without an idea, and air', () => {
  const find = (skill: string, when: (t: CompareLaunchesTask) => boolean): CompareLaunchesTask => {
    for (let seed = 1; seed < 400; seed++) {
      const t = generateOfKind('compare-launches', skill, 1, createRng(seed)) as CompareLaunchesTask
      if (when(t)) return t
    }
    throw new Error('no such compare task')
  }
  const choose = (task: CompareLaunchesTask, choice: CompareChoice) => assessCompare(task, { kind: 'compare-launches', choice })

  it('a mass pair without air ties (Galileo): "the same" is told "They tie."; the lighter pick names no idea', () => {
    const task = find(SKILL_GRAVITY_DRAG, (t) => t.scenario === 'mass')
    expect(task.launchA.drag.enabled).toBe(false)
    expect(choose(task, 'same').feedback).toMatch(/^Right\. They tie\. /)
    const lighter = task.launchA.mass < task.launchB.mass ? 'A' : 'B'
    const wrong = choose(task, lighter)
    expect(wrong.misconception).toBeUndefined()
    expect(wrong.feedback).toBe('Not this time. Next step: With no air, does gravity pull a heavier ball down with a bigger acceleration?')
  })

  it('the same launch under weaker gravity lands farther: the verdict names it', () => {
    const task = find(SKILL_GRAVITY_DRAG, (t) => t.scenario === 'gravity' && t.question === 'farther')
    const weaker = task.launchA.gravity < task.launchB.gravity ? 'A' : 'B'
    expect(choose(task, weaker).feedback).toMatch(new RegExp(`^Right\\. ${weaker} lands farther\\. `))
  })

  it('no attempt at all is refused with the choices named', () => {
    const task = find(SKILL_GRAVITY_DRAG, () => true)
    expect(() => assessCompare(task, undefined as never)).toThrow("projectile: attempt choice must be 'A', 'B' or 'same', got undefined")
  })

  it('with air, the heavier ball picked to land first when the lighter does is not the no-air idea', () => {
    // 14 m/s at 80 degrees, 0.3 m balls in Earth air: k = rho Cd (pi d^2 / 4) / (2 m) = 0.0204 / m per metre.
    // The 0.05 kg ball (k = 0.41 /m, terminal speed 4.9 m/s) rises (vt / g) atan(13.8 / 4.9) = 0.62 s
    // to (vt^2 / 2g) ln(1 + (13.8 / 4.9)^2) = 2.7 m and falls back in (vt / g) acosh(e^(g h / vt^2)) = 0.88 s:
    // about 1.5 s. The 2 kg ball (terminal speed 31 m/s) flies close to its vacuum 2 vy / g = 2.8 s.
    const mass = find(SKILL_GRAVITY_DRAG, (t) => t.scenario === 'mass')
    const common = makeLaunch({ speed: 14, angleDeg: 80, diameter: 0.3, drag: { enabled: true, cd: SPHERE_DRAG_COEFFICIENT, airDensity: AIR_DENSITY.earth } })
    const task: CompareLaunchesTask = { ...mass, question: 'lands-first', launchA: { ...common, mass: 2 }, launchB: { ...common, mass: 0.05 }, answer: 'B' }
    const result = choose(task, 'A')
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
  })
})

describe('designing an experiment: refused attempts and what a design changed', () => {
  const task: DesignExperimentTask = {
    ...(generateOfKind('design-experiment', SKILL_EXPERIMENT, 1, createRng(3)) as DesignExperimentTask),
    testVariable: 'mass', minDifference: 0.2, asksPrediction: false, outcome: 'range',
  }
  const ball = { speed: 10, angleDeg: 45, height: 0, mass: 0.2, diameter: 0.074, gravity: 9.81 }
  const design = (launchA: unknown, launchB: unknown) => assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction: null } as never)

  it('no attempt, or settings that are not an object, are refused by name', () => {
    expect(() => assessDesign(task, undefined as never)).toThrow('projectile: attempt launchA must be an object of launch settings')
    expect(() => design(5, ball)).toThrow('projectile: attempt launchA must be an object of launch settings')
    expect(() => design(ball, 'fast')).toThrow('projectile: attempt launchB must be an object of launch settings')
  })

  it('the speed and the angle changed instead of the mass: both named', () => {
    const result = design(ball, { ...ball, speed: 12, angleDeg: 55 })
    expect(result.misconception).toEqual(MISCONCEPTIONS.nonContrastiveExperiment)
    expect(result.feedback).toMatch(/^The hypothesis is about the mass, but you changed the launch speed and launch angle instead\./)
  })

  it('the mass changed and the speed and the angle too: a confounded test, all named', () => {
    const result = design(ball, { ...ball, mass: 1, speed: 12, angleDeg: 55 })
    expect(result.misconception).toEqual(MISCONCEPTIONS.confoundedExperiment)
    expect(result.feedback).toMatch(/^You changed the mass and also the launch speed and launch angle, so a difference could come from either: keep everything but the mass the same\./)
  })
})

describe('a wrong prediction, whole, and counted once', () => {
  const moonA = { speed: 10, angleDeg: 45, height: 0, mass: 0.145, diameter: 0.074, gravity: 1.62 }
  const earthB = { ...moonA, gravity: 9.81 }
  const noAir = { enabled: false, cd: SPHERE_DRAG_COEFFICIENT, airDensity: AIR_DENSITY.earth }
  const asked = (skill: string, testVariable: DesignExperimentTask['testVariable']): DesignExperimentTask => ({
    ...(generateOfKind('design-experiment', SKILL_GRAVITY_DRAG, 3, createRng(7)) as DesignExperimentTask),
    skill, testVariable, drag: noAir, outcome: 'range', minDifference: testVariable === 'mass' ? 0.2 : 1, asksPrediction: true,
  })

  it('the fair test is said, then the wrong prediction, and no measurements (they would give the answer away)', () => {
    // Without air R = v^2 / g: 61.7 m on the Moon against 10.2 m on Earth, so A wins.
    const result = assessDesign(asked(SKILL_GRAVITY_DRAG, 'gravity'), { kind: 'design-experiment', launchA: moonA, launchB: earthB, prediction: 'B' })
    expect(result.feedback).toBe('A fair test: only the gravity differs, so any difference comes from it. Your prediction (B) is not what happens: think about what the gravity changes in the flight, and predict again.')
  })

  it('an experiment-skill task asking a prediction counts "heavier falls faster" once against gravity and drag', () => {
    // The generators ask no prediction on experiment-skill tasks; the assessor allows one (design-evidence.test.ts).
    const heavy = { ...earthB, mass: 1 }
    const result = assessDesign(asked(SKILL_EXPERIMENT, 'mass'), { kind: 'design-experiment', launchA: heavy, launchB: earthB, prediction: 'A' })
    expect(result.misconception).toEqual(MISCONCEPTIONS.heavierFallsFaster)
    expect(result.evidence.filter((e) => e.skill === SKILL_GRAVITY_DRAG)).toEqual([{ skill: SKILL_GRAVITY_DRAG, correct: false }])
  })
})
