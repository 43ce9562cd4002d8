/**
 * What the Projectile assessor tells a student, and the partial credit, on attempts worked out
 * by hand from a task: a hit, a ball short of or past the target, into a platform's front, over
 * or before the platform; a marker short or too far; units missing or of the wrong kind; a
 * compare choice; an experiment design with and without a prediction.
 */
import { describe, expect, it } from 'vitest'
import { assessCompare, assessCompute, assessDesign, assessHit, assessPredict, assessProjectile, changedVariables, computeTolerance, launchOfHit, normaliseUnit } from '../../../scenes/projectile/assess'
import { SKILL_ANGLE_RANGE, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from '../../../scenes/projectile/skills'
import { analyticLanding } from '../../../scenes/projectile/model'
import { generateOfKind, type ProjectileTask, type ProjectileTaskKind } from '../../../scenes/projectile/tasks'
import { ANGLE_CONTROL, SPEED_CONTROL } from '../../../scenes/projectile/tasks/hit-target'
import type { CompareLaunchesTask, ComputeQuantityTask, DesignExperimentTask, HitTargetTask, PredictLandingTask } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

function find<T extends ProjectileTask>(kind: ProjectileTaskKind, skill: string, level: number, when: (task: T) => boolean = () => true): T {
  for (let seed = 1; seed < 2000; seed++) {
    const task = generateOfKind(kind, skill, level, createRng(seed)) as T
    if (when(task)) return task
  }
  throw new Error(`no ${kind} task for ${skill} at level ${level} matches`)
}
const g = 9.81
const rad = (deg: number): number => (deg * Math.PI) / 180
/** Level-ground range without air: v^2 sin(2a) / g. */
const levelRange = (speed: number, angleDeg: number, gravity = g): number => (speed * speed * Math.sin(2 * rad(angleDeg))) / gravity

describe('hitting a target on the ground (level 1: no air, no height)', () => {
  const task = find<HitTargetTask>('hit-target', SKILL_PREDICT, 1)
  const { angleDeg, speed } = task.reference

  it('the reference hits, and says how far from the centre', () => {
    const result = assessHit(task, { kind: 'hit-target', angleDeg, speed })
    expect(result.correct).toBe(true)
    expect(result.feedback).toMatch(new RegExp(`^Hit! ${angleDeg} degrees at ${speed} m/s landed 0 m from the centre\\.$`))
  })

  it('a slower launch falls short by the textbook amount; credit falls off over five radii', () => {
    const slower = speed * 0.9
    const miss = levelRange(slower, angleDeg) - task.target.x
    expect(miss).toBeLessThan(-task.target.radius)
    const result = assessHit(task, { kind: 'hit-target', angleDeg, speed: slower })
    expect(result.correct).toBe(false)
    expect(result.feedback).toBe(`The ball landed at ${Number(levelRange(slower, angleDeg).toFixed(1))} m, ${Number(Math.abs(miss).toFixed(1))} m short of the target.`)
    expect(result.score).toBeCloseTo(0.5 * Math.max(0, 1 - Math.abs(miss) / (5 * task.target.radius)), 6)
  })

  it('a faster launch goes past', () => {
    const result = assessHit(task, { kind: 'hit-target', angleDeg, speed: speed * 1.1 })
    expect(result.feedback).toMatch(/ m past the target\.$/)
  })

  it('landing just inside the radius is a hit; just outside is not', () => {
    // Range is proportional to v^2: scale v so the landing moves by 0.99 or 1.01 radii.
    const at = (offset: number) => Math.sqrt((task.target.x + offset) / task.target.x) * speed
    expect(assessHit(task, { kind: 'hit-target', angleDeg, speed: at(0.99 * task.target.radius) }).correct).toBe(true)
    expect(assessHit(task, { kind: 'hit-target', angleDeg, speed: at(-0.99 * task.target.radius) }).correct).toBe(true)
    expect(assessHit(task, { kind: 'hit-target', angleDeg, speed: at(1.01 * task.target.radius) }).correct).toBe(false)
  })

  it('only the controlled variables come from the attempt', () => {
    const locked = find<HitTargetTask>('hit-target', SKILL_ANGLE_RANGE, 2)
    expect(locked.controls.map((c) => c.variable)).toEqual(['angleDeg'])
    const launch = launchOfHit(locked, { angleDeg: 33, speed: 999 })
    expect(launch.angleDeg).toBe(33)
    expect(launch.speed).toBe(locked.reference.speed)
    expect(() => launchOfHit(locked, { angleDeg: Number.NaN, speed: 1 })).toThrow('projectile: attempt angleDeg must be a finite number, got NaN')
  })
})

describe('hitting a target on a platform', () => {
  const found = find<HitTargetTask>('hit-target', SKILL_PREDICT, 3, (t) => t.target.onPlatform)
  // Both sliders free, so any launch can be tried.
  const task: HitTargetTask = { ...found, controls: [{ ...ANGLE_CONTROL }, { ...SPEED_CONTROL }] }
  const platform = task.platform!
  /** The first launch (angle, speed) whose closed-form landing satisfies `when`. */
  const launchWhere = (when: (landing: { x: number; surface: string }) => boolean) => {
    for (let angleDeg = 5; angleDeg <= 85; angleDeg += 5) {
      for (let speed = 2; speed <= 35; speed += 0.5) {
        const landing = analyticLanding({ ...task.launch, angleDeg, speed }, platform, { x: 0, y: 0, t: 0, surface: 'ground' })
        if (when(landing)) return { kind: 'hit-target' as const, angleDeg, speed }
      }
    }
    throw new Error('no such launch')
  }

  it('into the front of the platform: a tenth of credit, and how high it hit', () => {
    const result = assessHit(task, launchWhere((l) => l.surface === 'platform-wall'))
    expect(result.correct).toBe(false)
    expect(result.feedback).toMatch(/^The ball hit the front of the platform [\d.]+ m up; it needs to be higher when it gets there\./)
    expect(result.score).toBeCloseTo(0.1, 12)
  })

  it('before the platform and over it', () => {
    expect(assessHit(task, launchWhere((l) => l.surface === 'ground' && l.x < platform.xStart)).feedback).toMatch(/^The ball landed on the ground at [\d.]+ m, before the platform\./)
    expect(assessHit(task, launchWhere((l) => l.surface === 'ground' && l.x > platform.xEnd)).feedback).toMatch(/^The ball flew over the platform and landed on the ground at [\d.]+ m\./)
  })
})

describe('predicting the landing', () => {
  const task = find<PredictLandingTask>('predict-landing', SKILL_PREDICT, 1)

  it('on the spot: correct, says where and when it came down', () => {
    const result = assessPredict(task, { kind: 'predict-landing', markerX: task.answer.x })
    expect(result.correct).toBe(true)
    expect(result.feedback).toBe(`Good prediction: the ball came down at ${Number(task.answer.x.toFixed(1))} m after ${Number(task.answer.timeOfFlight.toFixed(2))} s, 0 m from your marker.`)
  })

  it('short or too far: says which, never where it lands, and credit falls off over four tolerances', () => {
    const landing = String(Number(task.answer.x.toFixed(1)))
    const short = assessPredict(task, { kind: 'predict-landing', markerX: task.answer.x - 2 * task.tolerance })
    expect(short.feedback).toMatch(/^Your marker at [\d.]+ m is short of where the ball comes down\./)
    expect(short.feedback).not.toContain(landing)
    expect(short.score).toBeCloseTo(0.5 * (1 - 2 / 4), 9)
    const far = assessPredict(task, { kind: 'predict-landing', markerX: task.answer.x + 5 * task.tolerance })
    expect(far.feedback).toMatch(/^Your marker at [\d.]+ m /)
    expect(far.feedback).not.toMatch(/short of/)
    expect(far.feedback).not.toContain(landing)
    expect(far.score).toBe(0)
    expect(() => assessPredict(task, { kind: 'predict-landing', markerX: Number.POSITIVE_INFINITY })).toThrow('projectile: attempt markerX must be a finite number, got Infinity')
  })

  it('half the distance without air is the impetus idea, named without the numbers that give the answer', () => {
    const result = assessPredict(task, { kind: 'predict-landing', markerX: task.answer.x / 2 })
    expect(result.misconception?.id).toBe('projectile.horizontal-speed-slows')
    const vx = task.launch.speed * Math.cos(rad(task.launch.angleDeg))
    expect(result.feedback).toContain('it keeps its launch sideways speed for the whole flight')
    expect(result.feedback).not.toContain(String(Number(vx.toFixed(1))))
    expect(result.feedback).toContain('Next step:')
  })
})

describe('computing a quantity: units and feedback', () => {
  const task = find<ComputeQuantityTask>('compute-quantity', SKILL_RANGE, 1, (t) => t.quantity === 'range' && !t.platform)

  it('the tolerance is the larger of the absolute and relative bands', () => {
    expect(computeTolerance(task)).toBe(Math.max(0.02, 0.03 * task.answer.value))
    expect(computeTolerance({ ...task, answer: { value: 0.1, unit: 'm' } })).toBe(0.02)
  })

  it('unit names and spellings', () => {
    expect(normaliseUnit(' Metres ')).toBe('m')
    expect(normaliseUnit('SECONDS')).toBe('s')
    expect(normaliseUnit('m  s^-1')).toBe('m/s')
    expect(normaliseUnit('KPH')).toBe('km/h')
    expect(normaliseUnit('furlong')).toBe('furlong')
  })

  it('no unit, or the wrong kind, gets a tenth and says which units fit', () => {
    const none = assessCompute(task, { kind: 'compute-quantity', value: task.answer.value, unit: '' })
    expect(none).toMatchObject({ correct: false, score: 0.1, feedback: 'A number needs its unit: the landing distance is a distance, for example in m.' })
    const wrong = assessCompute(task, { kind: 'compute-quantity', value: task.answer.value, unit: 's' })
    expect(wrong.feedback).toBe("The landing distance is a distance, so 's' cannot be its unit; use m (or cm, km, mm).")
    const time = find<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, 1, (t) => t.quantity === 'time-of-flight')
    expect(assessCompute(time, { kind: 'compute-quantity', value: 1, unit: 'm' }).feedback).toMatch(/is a time, so 'm' cannot be its unit; use s \(or ms, min\)\./)
    const speed = find<ComputeQuantityTask>('compute-quantity', 'projectile.velocity-components', 1)
    expect(assessCompute(speed, { kind: 'compute-quantity', value: 1, unit: 'kg' }).feedback).toMatch(/is a speed, so 'kg' cannot be its unit; use m\/s \(or km\/h, cm\/s\)\./)
    expect(assessCompute(task, { kind: 'compute-quantity', value: 1, unit: 42 as unknown as string }).feedback).toMatch(/^A number needs its unit/)
  })

  it('right in another unit says so; wrong gives a next step, never the answer, with credit by closeness', () => {
    const cm = assessCompute(task, { kind: 'compute-quantity', value: task.answer.value * 100, unit: 'cm' })
    expect(cm.correct).toBe(true)
    expect(cm.feedback).toMatch(/^Correct: the landing distance is [\d.]+ m \(your [\d.]+ cm is the same\)\.$/)
    expect(assessCompute(task, { kind: 'compute-quantity', value: task.answer.value, unit: 'm' }).feedback).toMatch(/^Correct: the landing distance is [\d.]+ m\.$/)
    const off = assessCompute(task, { kind: 'compute-quantity', value: task.answer.value * 1.2, unit: 'm' })
    expect(off.correct).toBe(false)
    expect(off.score).toBeCloseTo(0.5 * 0.8, 9)
    expect(off.feedback).toMatch(/^Not quite: you answered [\d.]+ m\. Next step:/)
    expect(off.feedback).not.toContain(String(Number(task.answer.value.toFixed(2))))
  })
})

describe('comparing two launches', () => {
  it('right: the verdict, the reason and the numbers', () => {
    const task = find<CompareLaunchesTask>('compare-launches', SKILL_GRAVITY_DRAG, 1, (t) => t.scenario === 'gravity' && t.question === 'farther')
    const result = assessCompare(task, { kind: 'compare-launches', choice: task.answer })
    expect(result.correct).toBe(true)
    expect(result.feedback).toMatch(new RegExp(`^Right\\. ${task.answer} lands farther\\. Weaker gravity takes longer`))
    expect(result.feedback).toContain(`A (${task.labelA}) lands at `)
  })

  it('a wrong pick against a tie, or "same" against a winner, gets a quarter; A for B gets nothing', () => {
    const tie = find<CompareLaunchesTask>('compare-launches', SKILL_GRAVITY_DRAG, 1, (t) => t.scenario === 'mass')
    expect(tie.answer).toBe('same')
    const heavier = tie.launchA.mass > tie.launchB.mass ? 'A' : 'B'
    const wrong = assessCompare(tie, { kind: 'compare-launches', choice: heavier })
    expect(wrong).toMatchObject({ correct: false, score: 0.25 })
    expect(wrong.misconception?.id).toBe('projectile.heavier-falls-faster')
    // The idea is named, the verdict ("they tie") is not given away.
    expect(wrong.feedback).toMatch(/^Not this time\. That answer fits the idea that /)
    expect(wrong.feedback).not.toMatch(/tie/i)
    const lighter = heavier === 'A' ? 'B' : 'A'
    expect(assessCompare(tie, { kind: 'compare-launches', choice: lighter }).misconception).toBeUndefined()
    const winner = find<CompareLaunchesTask>('compare-launches', SKILL_TIME_OF_FLIGHT, 1, (t) => t.scenario === 'steeper-angle')
    expect(assessCompare(winner, { kind: 'compare-launches', choice: 'same' }).score).toBe(0.25)
    expect(assessCompare(winner, { kind: 'compare-launches', choice: winner.answer === 'A' ? 'B' : 'A' }).score).toBe(0)
    expect(() => assessCompare(winner, { kind: 'compare-launches', choice: 'C' as never })).toThrow("projectile: attempt choice must be 'A', 'B' or 'same', got C")
  })

  it('"same" for air against a vacuum ignores air resistance; "same" for complementary angles from a height is the 45-degree rule', () => {
    const drag = find<CompareLaunchesTask>('compare-launches', SKILL_GRAVITY_DRAG, 4, (t) => t.scenario === 'drag')
    expect(assessCompare(drag, { kind: 'compare-launches', choice: 'same' }).misconception?.id).toBe('projectile.ignores-air-resistance')
    const angles = find<CompareLaunchesTask>('compare-launches', SKILL_ANGLE_RANGE, 2, (t) => t.scenario === 'complementary-angles' && t.answer !== 'same')
    expect(assessCompare(angles, { kind: 'compare-launches', choice: 'same' }).misconception?.id).toBe('projectile.forty-five-always-best')
    expect(assessCompare(angles, { kind: 'compare-launches', choice: 'same' }).feedback).toContain('the level-ground, no-air rules (45 degrees goes farthest, angles adding to 90 tie) hold everywhere, which does not hold here')
  })
})

describe('designing an experiment', () => {
  const task = find<DesignExperimentTask>('design-experiment', SKILL_EXPERIMENT, 2, (t) => !t.asksPrediction)
  const { launchA, launchB } = task.reference

  it('the reference is a fair test, full marks, and reports both launches', () => {
    const result = assessDesign(task, { kind: 'design-experiment', launchA, launchB, prediction: null })
    expect(result.correct).toBe(true)
    expect(result.feedback).toMatch(/^A fair test: only the .+ differs, so any difference comes from it\. Launch A (went|flew for) [\d.]+ (m|s), launch B [\d.]+ (m|s)\.$/)
  })

  it('changing nothing, too little, something else, or two things', () => {
    const same = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchA }, prediction: null })
    expect(same).toMatchObject({ correct: false, score: 0 })
    expect(same.misconception?.id).toBe('projectile.non-contrastive-experiment')
    expect(same.feedback).toMatch(/^Both launches are the same, so they cannot show what the /)
    const v = task.testVariable
    const little = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchA, [v]: launchA[v] + task.minDifference / 4 }, prediction: null })
    expect(little.feedback).toMatch(/differs by too little to show an effect/)
    const other = v === 'speed' ? 'angleDeg' : 'speed'
    const wrongVariable = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchA, [other]: launchA[other] + 5 }, prediction: null })
    expect(wrongVariable.feedback).toMatch(/^The hypothesis is about the .+, but you changed the .+ instead\./)
    const confounded = assessDesign(task, { kind: 'design-experiment', launchA, launchB: { ...launchB, [other]: launchB[other] + 5 }, prediction: null })
    expect(confounded).toMatchObject({ correct: false, score: 0.5 })
    expect(confounded.misconception?.id).toBe('projectile.confounded-experiment')
    expect(confounded.evidence).toContainEqual({ skill: SKILL_EXPERIMENT, correct: false })
  })

  it('with a prediction asked: 70% for the design, 30% for the prediction', () => {
    const asked = find<DesignExperimentTask>('design-experiment', SKILL_GRAVITY_DRAG, 4, (t) => t.asksPrediction && t.reference.prediction !== 'same')
    const { launchA: a, launchB: b, prediction } = asked.reference
    const wrongPrediction = prediction === 'A' ? 'B' : 'A'
    const result = assessDesign(asked, { kind: 'design-experiment', launchA: a, launchB: b, prediction: wrongPrediction })
    expect(result.correct).toBe(false)
    expect(result.score).toBeCloseTo(0.7, 12)
    expect(result.feedback).toContain(`Your prediction (${wrongPrediction}) is not what happens`)
    expect(result.feedback).not.toContain(`${prediction} wins`)
    expect(result.evidence[0]).toEqual({ skill: SKILL_GRAVITY_DRAG, correct: false })
    expect(result.evidence).toContainEqual({ skill: SKILL_EXPERIMENT, correct: true })
    const right = assessDesign(asked, { kind: 'design-experiment', launchA: a, launchB: b, prediction })
    expect(right.feedback).toContain(`Your prediction was right: ${prediction} wins.`)
    const none = assessDesign(asked, { kind: 'design-experiment', launchA: a, launchB: b, prediction: null })
    expect(none.feedback).toContain('Your prediction (none) is not what happens')
  })

  it('settings that are not numbers are refused, naming the field', () => {
    expect(() => assessDesign(task, { kind: 'design-experiment', launchA, launchB: undefined as never, prediction: null })).toThrow('projectile: attempt launchB must be an object of launch settings')
    expect(() => assessDesign(task, { kind: 'design-experiment', launchA: { ...launchA, mass: Number.NaN }, launchB, prediction: null })).toThrow('projectile: attempt launchA.mass must be a finite number, got NaN')
  })

  it('a change counts only above a billionth of the value', () => {
    expect(changedVariables(launchA, { ...launchA, speed: launchA.speed * (1 + 1e-12) })).toEqual([])
    expect(changedVariables(launchA, { ...launchA, speed: launchA.speed + 0.5, mass: launchA.mass + 0.1 })).toEqual(['speed', 'mass'])
  })
})

describe('dispatch', () => {
  it('an attempt of another kind is refused, naming both', () => {
    const task = find<PredictLandingTask>('predict-landing', SKILL_PREDICT, 1)
    expect(() => assessProjectile(task, { kind: 'hit-target', angleDeg: 1, speed: 1 })).toThrow('projectile: a predict-landing task needs a predict-landing attempt, got hit-target')
    expect(() => assessProjectile(task, undefined as never)).toThrow('got undefined')
  })
})
