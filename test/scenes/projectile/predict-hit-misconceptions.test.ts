/**
 * When a wrong marker or a missed shot is put down to a misconception, and when it is not, on
 * launches worked by hand: 20 m/s at 30 degrees with g = 10 m/s^2 from a 5 m ledge lands at
 * vx (1 + sqrt 2) = 41.8 m (y = 5 + 10 t - 5 t^2 = 0), where level ground gives
 * v^2 sin 60 / g = 34.6 m.
 */
import { describe, expect, it } from 'vitest'
import { assessHit, assessPredict, flyHit } from '../../../scenes/projectile/assess'
import { MISCONCEPTIONS } from '../../../scenes/projectile/misconceptions'
import { makeLaunch } from '../../../scenes/projectile/model'
import { SKILL_PREDICT } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import type { HitTargetTask, PredictLandingTask } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

const vx = 10 * Math.sqrt(3)
const levelRange = (400 * Math.sin(Math.PI / 3)) / 10

function predictTask(height: number): PredictLandingTask {
  const base = generateOfKind('predict-landing', SKILL_PREDICT, 1, createRng(1)) as PredictLandingTask
  const t = (10 + Math.sqrt(100 + 20 * height)) / 10
  return { ...base, platform: null, tolerance: 1, launch: makeLaunch({ speed: 20, angleDeg: 30, gravity: 10, height }), answer: { x: vx * t, y: 0, timeOfFlight: t, surface: 'ground' } }
}

describe('predicting from a ledge', () => {
  it('a marker at the level-ground range is the level-ground idea, worded for a ball that falls further', () => {
    const task = predictTask(5)
    expect(task.answer.x).toBeCloseTo(vx * (1 + Math.SQRT2), 12)
    const result = assessPredict(task, { kind: 'predict-landing', markerX: levelRange })
    expect(result.correct).toBe(false)
    expect(result.misconception).toEqual(MISCONCEPTIONS.ignoresHeightDifference)
    expect(result.feedback).toContain(' Your marker is where it would land on level ground; here it falls further, to 0 m from a 5 m launch, which changes the time in the air.')
    expect(result.feedback).toMatch(/^Your marker at 34\.6 m is short of where the ball comes down\./)
    expect(result.feedback).toMatch(/ Next step: work out the time in the air from the vertical motion alone, then multiply by the sideways speed\.$/)
    const past = assessPredict(task, { kind: 'predict-landing', markerX: task.answer.x + 3 })
    expect(past.feedback).toMatch(/^Your marker at [\d.]+ m is past where the ball comes down\./)
  })

  it('from a 5 cm ledge the level-ground range is within the tolerance of the answer: a wrong marker near it is not that idea', () => {
    // T = (10 + sqrt 101) / 10 = 2.005 s, so the answer is 34.73 m, 0.09 m from 34.64 m.
    const task = predictTask(0.05)
    expect(Math.abs(task.answer.x - levelRange)).toBeLessThan(task.tolerance)
    const marker = levelRange - 0.95
    const result = assessPredict(task, { kind: 'predict-landing', markerX: marker })
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
  })
})

describe('a moving target missed by a long way', () => {
  it('is not "aiming where the target is now" when the ball landed nowhere near where it was', () => {
    let task: HitTargetTask | undefined
    for (let seed = 1; seed < 500 && !task; seed++) {
      const t = generateOfKind('hit-target', SKILL_PREDICT, 4, createRng(seed)) as HitTargetTask
      if (t.target.velocity !== 0 && !t.launch.drag.enabled && !t.target.onPlatform) task = t
    }
    expect(task).toBeDefined()
    const moving = task!
    const attempt = { kind: 'hit-target' as const, angleDeg: moving.reference.angleDeg, speed: moving.reference.speed / 2 }
    const flown = flyHit(moving, { ...moving.launch, angleDeg: attempt.angleDeg, speed: attempt.speed })
    // Half the speed: a quarter of the range on level ground, far from where the target started.
    expect(Math.abs(flown.landingX - moving.target.x)).toBeGreaterThan(moving.target.radius)
    const result = assessHit(moving, attempt)
    expect(result.correct).toBe(false)
    expect(result.misconception).toBeUndefined()
    expect(result.feedback).toMatch(/ short of the target \(which had rolled to [\d.]+ m\)\.$/)
  })
})
