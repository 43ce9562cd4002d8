import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/core'
import projectilePlugin from '../../../scenes/projectile'
import { MISCONCEPTIONS } from '../../../scenes/projectile/misconceptions'
import { DEG, NO_DRAG, simulateToLanding } from '../../../scenes/projectile/model'
import {
  SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT,
} from '../../../scenes/projectile/skills'
import { generateOfKind, KINDS_BY_SKILL, type ProjectileTask, type ProjectileTaskKind } from '../../../scenes/projectile/tasks'
import type {
  CompareLaunchesTask, ComputeQuantityTask, DesignExperimentTask, HitTargetTask, PredictLandingTask,
} from '../../../scenes/projectile/tasks/types'
import { aimAt } from '../../../scenes/projectile/wrong'

const { assess } = projectilePlugin

/** The first generated task (seeds 1, 2, ...) of a kind that satisfies a condition. */
function find<T extends ProjectileTask>(kind: ProjectileTaskKind, skill: string, level: number, when: (task: T) => boolean = () => true): T {
  for (let seed = 1; seed < 2000; seed++) {
    const task = generateOfKind(kind, skill, level, createRng(seed)) as T
    if (when(task)) return task
  }
  throw new Error(`no ${kind} task for ${skill} at level ${level} matches`)
}

const vxOf = (t: { launch: { speed: number; angleDeg: number } }): number => t.launch.speed * Math.cos(t.launch.angleDeg * DEG)
const vyOf = (t: { launch: { speed: number; angleDeg: number } }): number => t.launch.speed * Math.sin(t.launch.angleDeg * DEG)

describe('projectile assessment recognises misconceptions', () => {
  it("'heavier falls faster': choosing the heavier ball when mass cannot matter", () => {
    const task = find<CompareLaunchesTask>('compare-launches', SKILL_GRAVITY_DRAG, 1, (t) => t.scenario === 'mass')
    expect(task.answer).toBe('same')
    const heavier = task.launchA.mass > task.launchB.mass ? 'A' : 'B'
    const result = assess(task, { kind: 'compare-launches', choice: heavier })
    expect(result.correct).toBe(false)
    expect(result.misconception?.id).toBe(MISCONCEPTIONS.heavierFallsFaster.id)
    // Names the idea and a next step, not the verdict: the student may try again.
    expect(result.feedback).toMatch(/heavier ball falls faster/)
    expect(result.feedback).toMatch(/Next step/)
    expect(result.feedback).not.toMatch(/tie|the same/)
    // Through air the heavier ball of the same size does win: then it is the right answer.
    const airy = find<CompareLaunchesTask>('compare-launches', SKILL_GRAVITY_DRAG, 5, (t) => t.scenario === 'mass' && t.launchA.drag.enabled && t.question === 'farther')
    expect(airy.answer).toBe(airy.launchA.mass > airy.launchB.mass ? 'A' : 'B')
    expect(assess(airy, { kind: 'compare-launches', choice: airy.answer }).correct).toBe(true)
  })

  it("'heavier falls faster' also in a fair experiment's prediction", () => {
    const task = find<DesignExperimentTask>('design-experiment', SKILL_GRAVITY_DRAG, 1, (t) => t.testVariable === 'mass' && !t.drag.enabled)
    const { launchA, launchB } = task.reference
    const heavier = launchA.mass > launchB.mass ? 'A' : 'B'
    const result = assess(task, { kind: 'design-experiment', launchA, launchB, prediction: heavier })
    expect(result.correct).toBe(false)
    expect(result.misconception?.id).toBe(MISCONCEPTIONS.heavierFallsFaster.id)
    expect(result.evidence).toContainEqual({ skill: SKILL_EXPERIMENT, correct: true })
    expect(result.evidence[0]).toEqual({ skill: SKILL_GRAVITY_DRAG, correct: false })
  })

  it("'45 degrees is always best': picking 45 from a height or through air", () => {
    for (const level of [2, 5]) {
      const task = find<CompareLaunchesTask>('compare-launches', SKILL_ANGLE_RANGE, level, (t) => t.scenario === 'forty-five-vs-other')
      const fortyFive = task.launchA.angleDeg === 45 ? 'A' : 'B'
      expect(task.answer).not.toBe(fortyFive)
      const result = assess(task, { kind: 'compare-launches', choice: fortyFive })
      expect(result.misconception?.id).toBe(MISCONCEPTIONS.fortyFiveAlwaysBest.id)
      expect(result.evidence[0]).toEqual({ skill: SKILL_ANGLE_RANGE, correct: false })
    }
    // On level ground without air, complementary angles do tie.
    const level = find<CompareLaunchesTask>('compare-launches', SKILL_ANGLE_RANGE, 1, (t) => t.scenario === 'complementary-angles')
    expect(level.answer).toBe('same')
  })

  it("'horizontal speed slows down without drag': in compute and predict tasks", () => {
    const compute = find<ComputeQuantityTask>('compute-quantity', SKILL_COMPONENTS, 3, (t) => t.quantity === 'vx-at')
    const slowed = assess(compute, { kind: 'compute-quantity', value: vxOf(compute) * 0.6, unit: 'm/s' })
    expect(slowed.misconception?.id).toBe(MISCONCEPTIONS.horizontalSpeedSlows.id)
    expect(slowed.evidence).toContainEqual({ skill: SKILL_RANGE, correct: false })
    const predict = find<PredictLandingTask>('predict-landing', SKILL_RANGE, 1)
    const half = assess(predict, { kind: 'predict-landing', markerX: predict.answer.x / 2 })
    expect(half.misconception?.id).toBe(MISCONCEPTIONS.horizontalSpeedSlows.id)
    expect(half.feedback).toMatch(/sideways/)
  })

  it("'velocity is zero at the top', swapped sin and cos, the whole speed as a component", () => {
    const apex = find<ComputeQuantityTask>('compute-quantity', SKILL_COMPONENTS, 2, (t) => t.quantity === 'speed-at-apex')
    expect(assess(apex, { kind: 'compute-quantity', value: 0, unit: 'm/s' }).misconception?.id).toBe(MISCONCEPTIONS.zeroVelocityAtTop.id)
    const vx0 = find<ComputeQuantityTask>('compute-quantity', SKILL_COMPONENTS, 1, (t) => t.quantity === 'vx0' && Math.abs(t.launch.angleDeg - 45) > 10)
    expect(assess(vx0, { kind: 'compute-quantity', value: vyOf(vx0), unit: 'm/s' }).misconception?.id).toBe(MISCONCEPTIONS.swapsSinCos.id)
    expect(assess(vx0, { kind: 'compute-quantity', value: vx0.launch.speed, unit: 'm/s' }).misconception?.id).toBe(MISCONCEPTIONS.wholeSpeedAsComponent.id)
  })

  it('time to the top taken as the flight time, and the level-ground answer used from a height', () => {
    const flat = find<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, 1, (t) => t.quantity === 'time-of-flight')
    const half = assess(flat, { kind: 'compute-quantity', value: vyOf(flat) / flat.launch.gravity, unit: 's' })
    expect(half.misconception?.id).toBe(MISCONCEPTIONS.timeToTopAsFlightTime.id)
    const raised = find<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, 3, (t) => t.quantity === 'time-of-flight' && t.platform === null && t.launch.height > 1.5)
    const level = assess(raised, { kind: 'compute-quantity', value: (2 * vyOf(raised)) / raised.launch.gravity, unit: 's' })
    expect(level.misconception?.id).toBe(MISCONCEPTIONS.ignoresHeightDifference.id)
    const levelGround = (t: PredictLandingTask): number => simulateToLanding({ ...t.launch, height: 0 }).range
    const predict = find<PredictLandingTask>('predict-landing', SKILL_PREDICT, 2, (t) => t.launch.angleDeg > 0 && Math.abs(levelGround(t) - t.answer.x) > 2 * t.tolerance)
    const ground = levelGround(predict)
    expect(assess(predict, { kind: 'predict-landing', markerX: ground }).misconception?.id).toBe(MISCONCEPTIONS.ignoresHeightDifference.id)
  })

  it("'horizontal motion changes the fall': a dropped and a thrown ball land together", () => {
    const task = find<CompareLaunchesTask>('compare-launches', SKILL_TIME_OF_FLIGHT, 2, (t) => t.scenario === 'drop-vs-horizontal')
    expect(task.answer).toBe('same')
    expect(task.outcomes.A.timeOfFlight).toBeCloseTo(task.outcomes.B.timeOfFlight, 12)
    const dropped = task.launchA.speed === 0 ? 'A' : 'B'
    expect(assess(task, { kind: 'compare-launches', choice: dropped }).misconception?.id).toBe(MISCONCEPTIONS.horizontalMotionChangesFall.id)
  })

  it('ignoring air resistance when predicting and aiming', () => {
    const predict = find<PredictLandingTask>('predict-landing', SKILL_PREDICT, 5, (t) => t.launch.drag.enabled && t.platform === null)
    const vacuum = simulateToLanding({ ...predict.launch, drag: { ...NO_DRAG } }).range
    expect(assess(predict, { kind: 'predict-landing', markerX: vacuum }).misconception?.id).toBe(MISCONCEPTIONS.ignoresAirResistance.id)
    const hit = find<HitTargetTask>('hit-target', SKILL_PREDICT, 5, (t) => t.target.onPlatform && t.controls.some((c) => c.variable === 'speed'))
    expect(hit.launch.drag.enabled).toBe(true)
    const noAir = aimAt(hit, { ...hit.launch, angleDeg: hit.reference.angleDeg, speed: hit.reference.speed, drag: { ...NO_DRAG } }, hit.target.x, hit.target.y)!
    const result = assess(hit, noAir)
    expect(result.correct).toBe(false)
    expect(result.misconception?.id).toBe(MISCONCEPTIONS.ignoresAirResistance.id)
  })

  it('aiming where a moving target is now, not where it will be', () => {
    const task = find<HitTargetTask>('hit-target', SKILL_PREDICT, 4, (t) => t.target.velocity !== 0)
    const world = { ...task.launch, angleDeg: task.reference.angleDeg, speed: task.reference.speed }
    const atStart = aimAt(task, world, task.target.x, task.target.y)!
    const result = assess(task, atStart)
    expect(result.correct).toBe(false)
    expect(result.misconception?.id).toBe(MISCONCEPTIONS.aimsWhereTargetIsNow.id)
    expect(result.feedback).toMatch(/where it will be/)
    expect(assess(task, projectilePlugin.referenceSolution(task)).feedback).toMatch(/rolled to/)
  })

  it('a target on a platform aimed at as if it were on the ground', () => {
    const task = find<HitTargetTask>('hit-target', SKILL_PREDICT, 3, (t) => t.target.onPlatform && t.controls.some((c) => c.variable === 'speed') && t.target.y > 2)
    const world = { ...task.launch, angleDeg: task.reference.angleDeg, speed: task.reference.speed }
    const flat = aimAt(task, world, task.target.x, 0)!
    const result = assess(task, flat)
    expect(result.correct).toBe(false)
    expect(result.misconception?.id).toBe(MISCONCEPTIONS.ignoresHeightDifference.id)
  })

  it('control of variables: confounded and non-contrastive designs', () => {
    const task = find<DesignExperimentTask>('design-experiment', SKILL_EXPERIMENT, 3, (t) => t.controls.length >= 3)
    const { launchA, launchB } = task.reference
    const other = task.controls.find((c) => c.variable !== task.testVariable)!.variable
    const confounded = assess(task, { kind: 'design-experiment', launchA, launchB: { ...launchB, [other]: launchB[other] + 1 }, prediction: null })
    expect(confounded.correct).toBe(false)
    expect(confounded.score).toBe(0.5)
    expect(confounded.misconception?.id).toBe(MISCONCEPTIONS.confoundedExperiment.id)
    expect(confounded.feedback).toMatch(/also the/)
    const same = assess(task, { kind: 'design-experiment', launchA, launchB: { ...launchA }, prediction: null })
    expect(same.misconception?.id).toBe(MISCONCEPTIONS.nonContrastiveExperiment.id)
    const fair = assess(task, { kind: 'design-experiment', launchA, launchB, prediction: null })
    expect(fair.correct).toBe(true)
    expect(fair.feedback).toMatch(/fair test/i)
  })

  it('most wrong attempts the plug-in makes show a named misconception', () => {
    let wrong = 0
    let named = 0
    for (const skill of projectilePlugin.skills) {
      for (const { level } of projectilePlugin.levels) {
        for (const seed of [5, 6, 7, 8]) {
          const task = projectilePlugin.generate(skill.id, level, createRng(seed))
          const result = assess(task, projectilePlugin.wrongAttempt(task, createRng(seed)))
          wrong++
          if (result.misconception) named++
        }
      }
    }
    expect(named / wrong).toBeGreaterThan(0.6)
  })
})

describe('projectile numeric answers: tolerance and units', () => {
  const task = find<ComputeQuantityTask>('compute-quantity', SKILL_RANGE, 1, (t) => t.quantity === 'range')
  const answer = task.answer.value

  it('accepts the answer within tolerance in any unit of the right kind', () => {
    expect(assess(task, { kind: 'compute-quantity', value: answer * (1 + 0.9 * task.tolerance.relative), unit: 'm' }).correct).toBe(true)
    expect(assess(task, { kind: 'compute-quantity', value: answer * 100, unit: 'cm' }).correct).toBe(true)
    expect(assess(task, { kind: 'compute-quantity', value: answer / 1000, unit: 'km' }).correct).toBe(true)
    expect(assess(task, { kind: 'compute-quantity', value: answer, unit: ' metres ' }).correct).toBe(true)
    expect(assess(task, { kind: 'compute-quantity', value: answer * (1 + 1.5 * task.tolerance.relative), unit: 'm' }).correct).toBe(false)
  })

  it('rejects a missing or wrong-kind unit, saying which unit fits', () => {
    const noUnit = assess(task, { kind: 'compute-quantity', value: answer, unit: '' })
    expect(noUnit.correct).toBe(false)
    expect(noUnit.feedback).toMatch(/unit/)
    const seconds = assess(task, { kind: 'compute-quantity', value: answer, unit: 's' })
    expect(seconds.correct).toBe(false)
    expect(seconds.feedback).toMatch(/distance/)
    expect(seconds.feedback).toMatch(/\bm\b/)
  })

  it('catches a sign slip on a falling ball', () => {
    const vy = find<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, 3, (t) => t.quantity === 'vy-at' && t.answer.value < -2)
    expect(assess(vy, { kind: 'compute-quantity', value: -vy.answer.value, unit: 'm/s' }).feedback).toMatch(/sign/)
  })

  it('throws on attempts of the wrong kind or with non-numbers, naming the problem', () => {
    expect(() => assess(task, { kind: 'predict-landing', markerX: 3 })).toThrow(/compute-quantity/)
    expect(() => assess(task, { kind: 'compute-quantity', value: NaN, unit: 'm' })).toThrow(/value/)
  })
})

describe('projectile tasks, levels and scaffolds', () => {
  it('every skill is exercised by each of its task kinds at every level', () => {
    for (const skill of projectilePlugin.skills) {
      for (const kind of KINDS_BY_SKILL[skill.id]!) {
        for (const { level } of projectilePlugin.levels) {
          const task = generateOfKind(kind, skill.id, level, createRng(level))
          expect(task.kind).toBe(kind)
          expect(assess(task, projectilePlugin.referenceSolution(task)).correct).toBe(true)
        }
      }
      const kinds = new Set(Array.from({ length: 30 }, (_, seed) => projectilePlugin.generate(skill.id, 3, createRng(seed)).kind))
      expect([...kinds].sort()).toEqual([...KINDS_BY_SKILL[skill.id]!].sort())
    }
  })

  it('harder levels bring launch heights, platforms, moving targets, drag and fewer readouts', () => {
    const stats = projectilePlugin.levels.map(({ level }) => {
      let raised = 0, platforms = 0, moving = 0, drag = 0, hidden = 0, constrained = 0, hits = 0, n = 0
      for (const skill of [SKILL_PREDICT, SKILL_RANGE, SKILL_GRAVITY_DRAG]) {
        for (let seed = 0; seed < 30; seed++) {
          const task = projectilePlugin.generate(skill, level, createRng(seed))
          n++
          hidden += task.hiddenReadouts.length
          const launch = 'launch' in task ? task.launch : task.kind === 'compare-launches' ? task.launchA : null
          if (launch && launch.height > 0) raised++
          if ('platform' in task && task.platform) platforms++
          if (task.kind === 'hit-target') {
            hits++
            if (task.target.velocity !== 0) moving++
            if (task.controls.length === 1) constrained++
          }
          if ((launch && launch.drag.enabled) || (task.kind === 'design-experiment' && task.drag.enabled)) drag++
        }
      }
      return { level, raised: raised / n, platforms: platforms / n, moving: moving / Math.max(1, hits), drag: drag / n, hidden: hidden / n, constrained: constrained / Math.max(1, hits) }
    })
    const [l1, , l3, l4, l5] = stats
    expect(l1).toMatchObject({ raised: 0, platforms: 0, moving: 0, drag: 0, hidden: 0, constrained: 0 })
    expect(l3!.platforms).toBeGreaterThan(0)
    expect(l4!.moving).toBeGreaterThan(0)
    expect(l5!.drag).toBeGreaterThan(l4!.drag)
    for (let i = 1; i < stats.length; i++) {
      const [before, now] = [stats[i - 1]!, stats[i]!]
      expect(now.hidden, `level ${now.level}`).toBeGreaterThanOrEqual(before.hidden)
      expect(now.drag, `level ${now.level}`).toBeGreaterThanOrEqual(before.drag)
      expect(now.constrained, `level ${now.level}`).toBeGreaterThanOrEqual(before.constrained)
    }
  })

  it('tolerances tighten with level', () => {
    const radius = projectilePlugin.levels.map(({ level }) => (generateOfKind('hit-target', SKILL_PREDICT, level, createRng(1)) as HitTargetTask).target.radius)
    const numeric = projectilePlugin.levels.map(({ level }) => (generateOfKind('compute-quantity', SKILL_RANGE, level, createRng(1)) as ComputeQuantityTask).tolerance.relative)
    for (let i = 1; i < radius.length; i++) {
      expect(radius[i]).toBeLessThan(radius[i - 1]!)
      expect(numeric[i]).toBeLessThan(numeric[i - 1]!)
    }
  })
})
