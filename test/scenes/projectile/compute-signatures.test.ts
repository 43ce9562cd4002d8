/**
 * The values a student holding each misconception would compute, worked by hand on one launch:
 * 20 m/s at 30 degrees with g = 10 m/s^2 (so vx = 10 sqrt 3, vy = 10, 2 s in the air on level
 * ground), from the ground and from a 5 m ledge (then y = 5 + 10 t - 5 t^2 = 0 gives
 * t = 1 + sqrt 2). Mutation testing found every one of these numbers unchecked.
 */
import { describe, expect, it } from 'vitest'
import { assessCompute, computeSignatures } from '../../../scenes/projectile/assess'
import { MISCONCEPTIONS as M } from '../../../scenes/projectile/misconceptions'
import { makeLaunch } from '../../../scenes/projectile/model'
import { SKILL_RANGE } from '../../../scenes/projectile/skills'
import { generateOfKind, type QuantityId } from '../../../scenes/projectile/tasks'
import type { ComputeQuantityTask } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

const vx = 10 * Math.sqrt(3)
const vy = 10
const ledgeTime = 1 + Math.SQRT2

function task(quantity: QuantityId, height = 0, at: number | null = null): ComputeQuantityTask {
  const base = generateOfKind('compute-quantity', SKILL_RANGE, 1, createRng(1)) as ComputeQuantityTask
  return { ...base, quantity, at, platform: null, launch: makeLaunch({ speed: 20, angleDeg: 30, gravity: 10, height }) }
}

function signatures(quantity: QuantityId, height = 0, at: number | null = null): [string, number][] {
  return computeSignatures(task(quantity, height, at)).map((s) => [s.misconception.id, s.value])
}

function expectSignatures(actual: [string, number][], expected: [string, number][]): void {
  expect(actual.map(([id]) => id)).toEqual(expected.map(([id]) => id))
  actual.forEach(([, value], i) => expect(value).toBeCloseTo(expected[i]![1], 9))
}

describe('misconception signatures, by hand', () => {
  it('launch components: sin and cos swapped, or the whole speed', () => {
    expectSignatures(signatures('vx0'), [[M.swapsSinCos.id, vy], [M.wholeSpeedAsComponent.id, 20]])
    expectSignatures(signatures('vy0'), [[M.swapsSinCos.id, vx], [M.wholeSpeedAsComponent.id, 20]])
    expectSignatures(signatures('speed-at-apex'), [[M.zeroVelocityAtTop.id, 0]])
  })

  it('at a moment: sideways speed running down to zero over the 2 s flight; the whole speed minus g t', () => {
    expectSignatures(signatures('vx-at', 0, 0.5), [[M.horizontalSpeedSlows.id, vx * 0.75]])
    expectSignatures(signatures('vy-at', 0, 0.5), [[M.wholeSpeedAsComponent.id, 20 - 10 * 0.5]])
    expectSignatures(signatures('x-at', 0, 0.5), [[M.wholeSpeedAsComponent.id, 20 * 0.5]])
  })

  it('time in the air: time to the top, the level-ground time only from a height, 2v/g', () => {
    expectSignatures(signatures('time-of-flight'), [[M.timeToTopAsFlightTime.id, 1], [M.wholeSpeedAsComponent.id, 4]])
    expectSignatures(signatures('time-of-flight', 5), [[M.timeToTopAsFlightTime.id, 1], [M.ignoresHeightDifference.id, 2], [M.wholeSpeedAsComponent.id, 4]])
    expectSignatures(signatures('time-to-apex'), [[M.wholeSpeedAsComponent.id, 2]])
  })

  it('range: level-ground range from a height, v T, vx vy / g, and half of vx T', () => {
    expectSignatures(signatures('range'), [[M.wholeSpeedAsComponent.id, 20 * 2], [M.timeToTopAsFlightTime.id, vx * vy / 10], [M.horizontalSpeedSlows.id, vx * 2 / 2]])
    expectSignatures(signatures('range', 5), [
      [M.ignoresHeightDifference.id, 2 * vx * vy / 10],
      [M.wholeSpeedAsComponent.id, 20 * ledgeTime],
      [M.timeToTopAsFlightTime.id, vx * vy / 10],
      [M.horizontalSpeedSlows.id, vx * ledgeTime / 2],
    ])
  })

  it('apex height: the whole speed squared over 2g (plus the ledge); from a ledge, the rise alone', () => {
    expectSignatures(signatures('apex-height'), [[M.wholeSpeedAsComponent.id, 400 / 20]])
    expectSignatures(signatures('apex-height', 5), [[M.wholeSpeedAsComponent.id, 5 + 400 / 20], [M.ignoresHeightDifference.id, 100 / 20]])
  })
})

describe('compute feedback names the idea behind a signature answer', () => {
  const answerFor = (t: ComputeQuantityTask, value: number): ComputeQuantityTask => ({ ...t, answer: { value, unit: t.answer.unit }, dimension: t.dimension })

  it('range from a 5 m ledge answered with the level-ground range', () => {
    // The true range from the ledge: vx (1 + sqrt 2) = 41.8 m; level ground gives 2 vx vy / g = 34.6 m.
    const t = answerFor(task('range', 5), vx * ledgeTime)
    const result = assessCompute(t, { kind: 'compute-quantity', value: 2 * vx * vy / 10, unit: 'm' })
    expect(result.correct).toBe(false)
    expect(result.misconception).toEqual(M.ignoresHeightDifference)
    expect(result.feedback).toContain(' That is the level-ground answer; here the launch and the landing are at different heights, which changes the time in the air.')
    const top = assessCompute(t, { kind: 'compute-quantity', value: vx * vy / 10, unit: 'm' })
    expect(top.misconception).toEqual(M.timeToTopAsFlightTime)
    const whole = assessCompute(t, { kind: 'compute-quantity', value: 20 * ledgeTime, unit: 'm' })
    expect(whole.misconception).toEqual(M.wholeSpeedAsComponent)
    expect(whole.feedback).toContain(' You used the whole launch speed; only one part of it belongs here: v cos(angle) sideways, v sin(angle) up.')
  })

  it('time of flight answered with the time to the top', () => {
    const t = { ...answerFor(task('time-of-flight'), 2), dimension: 'time' as const, answer: { value: 2, unit: 's' } }
    const result = assessCompute(t, { kind: 'compute-quantity', value: 1, unit: 's' })
    expect(result.misconception).toEqual(M.timeToTopAsFlightTime)
    expect(result.feedback).toContain(' That is only the time to the top; the ball still has to come back down.')
  })

  it('horizontal speed at 0.5 s: any positive value below vx is the running-down idea; the full vx is right', () => {
    const t = { ...answerFor(task('vx-at', 0, 0.5), vx), dimension: 'speed' as const, answer: { value: vx, unit: 'm/s' } }
    const slower = assessCompute(t, { kind: 'compute-quantity', value: vx / 3, unit: 'm/s' })
    expect(slower.misconception).toEqual(M.horizontalSpeedSlows)
    expect(slower.feedback).toContain(' With no air, nothing pushes the ball sideways, so its horizontal velocity stays what it was at launch for the whole flight.')
    expect(assessCompute(t, { kind: 'compute-quantity', value: -vx / 3, unit: 'm/s' }).misconception).toBeUndefined()
    expect(assessCompute(t, { kind: 'compute-quantity', value: vx * 1.5, unit: 'm/s' }).misconception).toBeUndefined()
    expect(assessCompute(t, { kind: 'compute-quantity', value: vx, unit: 'm/s' }).correct).toBe(true)
  })

  it('the other explanations: sin and cos swapped, zero speed at the top', () => {
    const comp = { ...answerFor(task('vx0'), vx), dimension: 'speed' as const, answer: { value: vx, unit: 'm/s' } }
    expect(assessCompute(comp, { kind: 'compute-quantity', value: vy, unit: 'm/s' }).feedback).toContain(' The horizontal part is v cos(angle), the side next to the angle; the vertical part is v sin(angle).')
    const apex = { ...answerFor(task('speed-at-apex'), vx), dimension: 'speed' as const, answer: { value: vx, unit: 'm/s' } }
    expect(assessCompute(apex, { kind: 'compute-quantity', value: 0, unit: 'm/s' }).feedback).toContain(' At the top only the vertical part is zero; the ball still moves sideways as fast as at launch.')
  })

  it('a falling ball\'s vertical velocity given as positive: told to check the sign', () => {
    // At 3 s: vy = 10 - 10 x 3 = -20 m/s.
    const t = { ...answerFor(task('vy-at', 0, 3), -20), dimension: 'speed' as const, answer: { value: -20, unit: 'm/s' } }
    expect(assessCompute(t, { kind: 'compute-quantity', value: 20, unit: 'm/s' }).feedback).toContain(' Check the sign: upward is positive, so a ball on its way down has a negative vertical velocity.')
    expect(assessCompute(t, { kind: 'compute-quantity', value: -20, unit: 'm/s' }).correct).toBe(true)
    // Near the top the answer is within the tolerance of 0: a sign there is no slip worth naming.
    const top = { ...t, answer: { value: 0.015, unit: 'm/s' }, tolerance: { relative: 0, absolute: 0.02 } }
    const nearTop = assessCompute(top, { kind: 'compute-quantity', value: -0.015, unit: 'm/s' })
    expect(nearTop.correct).toBe(false)
    expect(nearTop.feedback).not.toContain('Check the sign')
  })
})
