/**
 * Projectile tasks against answers worked independently of the scene's model: the textbook
 * closed forms (written out here, not imported) for launches without air, and a separate
 * small-step integrator written here for launches with air. The scene contract test only checks
 * that the assessor accepts the generator's own answer; these check that answer is the physics.
 */
import { describe, expect, it } from 'vitest'
import projectile from '../../../scenes/projectile'
import { assessCompute, assessPredict, assessHit } from '../../../scenes/projectile/assess'
import { SKILL_COMPONENTS, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT, SKILL_ANGLE_RANGE } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import type { ComputeQuantityTask, HitTargetTask, PredictLandingTask } from '../../../scenes/projectile/tasks/types'
import type { LaunchParams } from '../../../scenes/projectile/model'
import { createRng } from '../../../src/core'

const rad = (deg: number): number => (deg * Math.PI) / 180

/** Textbook kinematics with constant downward acceleration g, launch at height h. */
function textbook(p: LaunchParams) {
  const vx = p.speed * Math.cos(rad(p.angleDeg))
  const vy = p.speed * Math.sin(rad(p.angleDeg))
  const g = p.gravity
  /** Later root of h + vy t - g t^2 / 2 = level. */
  const timeTo = (level: number): number => (vy + Math.sqrt(vy * vy + 2 * g * (p.height - level))) / g
  return {
    vx, vy, g,
    timeTo,
    rangeTo: (level: number): number => vx * timeTo(level),
    apexTime: Math.max(0, vy) / g,
    apexHeight: p.height + Math.max(0, vy) ** 2 / (2 * g),
    xAt: (t: number): number => vx * t,
    vyAt: (t: number): number => vy - g * t,
  }
}

/**
 * Flight with quadratic drag by the midpoint method at a 0.1 ms step, landing found by linear
 * interpolation: a second method, independent of the scene's RK4 and its event solver.
 */
function integrateWithDrag(p: LaunchParams, landingHeight = 0): { range: number; time: number } {
  const k = p.drag.enabled ? (0.5 * p.drag.airDensity * p.drag.cd * Math.PI * p.diameter * p.diameter / 4) / p.mass : 0
  const h = 1e-4
  let x = 0
  let y = p.height
  let vx = p.speed * Math.cos(rad(p.angleDeg))
  let vy = p.speed * Math.sin(rad(p.angleDeg))
  let t = 0
  for (let i = 0; i < 10_000_000; i++) {
    const s = Math.hypot(vx, vy)
    const mvx = vx + 0.5 * h * (-k * s * vx)
    const mvy = vy + 0.5 * h * (-p.gravity - k * s * vy)
    const ms = Math.hypot(mvx, mvy)
    const nx = x + h * mvx
    const ny = y + h * mvy
    const nvx = vx + h * (-k * ms * mvx)
    const nvy = vy + h * (-p.gravity - k * ms * mvy)
    if (ny < landingHeight && nvy < 0) {
      const f = (y - landingHeight) / (y - ny)
      return { range: x + f * (nx - x), time: t + f * h }
    }
    x = nx; y = ny; vx = nvx; vy = nvy; t += h
  }
  throw new Error('integrateWithDrag: never landed')
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12)
const SEEDS = Array.from({ length: 12 }, (_, i) => 100 + i)

describe('compute-quantity answers are the textbook closed forms', () => {
  const skills = [SKILL_COMPONENTS, SKILL_TIME_OF_FLIGHT, SKILL_RANGE]
  // Made inside each test: Stryker switches a mutant on per test, so tasks made while the file loads never see it.
  function computeTasks(): ComputeQuantityTask[] {
    const tasks: ComputeQuantityTask[] = []
    for (const skill of skills) {
      for (const level of [1, 2, 3, 4, 5]) {
        for (const seed of SEEDS) tasks.push(generateOfKind('compute-quantity', skill, level, createRng(seed)) as ComputeQuantityTask)
      }
    }
    return tasks
  }

  it('every quantity, at every level, to 1e-9', () => {
    const tasks = computeTasks()
    const seen = new Set<string>()
    for (const task of tasks) {
      const f = textbook(task.launch)
      const landingLevel = task.platform ? task.platform.height : 0
      const t = task.at ?? NaN
      const expected: Record<string, number> = {
        vx0: f.vx,
        vy0: f.vy,
        'speed-at-apex': f.vx,
        'vx-at': f.vx,
        'vy-at': f.vyAt(t),
        'time-of-flight': f.timeTo(landingLevel),
        'time-to-apex': f.apexTime,
        range: f.rangeTo(landingLevel),
        'x-at': f.xAt(t),
        'apex-height': f.apexHeight,
      }
      seen.add(task.quantity)
      expect(rel(task.answer.value, expected[task.quantity]!), `${task.id} ${task.quantity}`).toBeLessThan(1e-9)
      expect(task.answer.unit).toBe({ speed: 'm/s', time: 's', length: 'm' }[task.dimension])
      expect(task.launch.drag.enabled).toBe(false)
    }
    expect([...seen].sort()).toEqual(['apex-height', 'range', 'speed-at-apex', 'time-of-flight', 'time-to-apex', 'vx-at', 'vx0', 'vy-at', 'vy0', 'x-at'])
  })

  it('a worked example: 20 m/s at 30 degrees from the ground on Earth', () => {
    const tasks = computeTasks()
    // vx = 20 cos 30 = 17.3205, vy = 10; T = 2 * 10 / 9.81 = 2.0387 s; R = 35.312 m; H = 100 / 19.62 = 5.0968 m.
    const base = tasks.find((t) => t.quantity === 'range' && !t.platform)!
    const task: ComputeQuantityTask = { ...base, launch: { ...base.launch, speed: 20, angleDeg: 30, height: 0, gravity: 9.81 }, answer: { value: 35.312, unit: 'm' }, tolerance: { relative: 0.01, absolute: 0.02 } }
    expect(assessCompute(task, { kind: 'compute-quantity', value: 35.3, unit: 'm' }).correct).toBe(true)
    expect(assessCompute(task, { kind: 'compute-quantity', value: 3531, unit: 'cm' }).correct).toBe(true)
    expect(assessCompute(task, { kind: 'compute-quantity', value: 0.0353, unit: 'km' }).correct).toBe(true)
    // Range on level ground uses the whole flight: half of it (vx vy / g = 17.66 m) is the time-to-top slip.
    const half = assessCompute(task, { kind: 'compute-quantity', value: 17.66, unit: 'm' })
    expect(half.correct).toBe(false)
    expect(half.misconception?.id).toBe('projectile.time-to-top-as-flight-time')
  })

  it('accepts the answer within the level tolerance and converts units by their SI size', () => {
    const tasks = computeTasks()
    for (const task of tasks) {
      const answer = task.answer.value
      const band = Math.max(task.tolerance.absolute, task.tolerance.relative * Math.abs(answer))
      const attempt = (value: number, unit: string) => assessCompute(task, { kind: 'compute-quantity', value, unit })
      expect(attempt(answer + 0.9 * band, task.answer.unit).correct, task.id).toBe(true)
      expect(attempt(answer - 0.9 * band, task.answer.unit).correct, task.id).toBe(true)
      expect(attempt(answer + 1.1 * band, task.answer.unit).correct, task.id).toBe(false)
      // 1 km/h = 1/3.6 m/s, 1 cm = 0.01 m, 1 ms = 0.001 s.
      const other = { speed: ['km/h', 3.6], length: ['cm', 100], time: ['ms', 1000] }[task.dimension] as [string, number]
      expect(attempt(answer * other[1], other[0]).correct, `${task.id} in ${other[0]}`).toBe(true)
    }
  })

  it('relative tolerance per level is the level rule (3%, 2.5%, 2%, 1.5%, 1%), 0.01 s or 0.02 m absolute', () => {
    const tasks = computeTasks()
    const byLevel: Record<number, number> = { 1: 0.03, 2: 0.025, 3: 0.02, 4: 0.015, 5: 0.01 }
    for (const task of tasks) {
      expect(task.tolerance.relative).toBe(byLevel[task.level])
      expect(task.tolerance.absolute).toBe(task.dimension === 'time' ? 0.01 : 0.02)
    }
  })
})

describe('predict-landing answers match closed forms without air and a second integrator with air', () => {
  // Made inside each test: Stryker switches a mutant on per test, so tasks made while the file loads never see it.
  function predictTasks(): PredictLandingTask[] {
    const tasks: PredictLandingTask[] = []
    for (const level of [1, 2, 3, 4, 5]) {
      for (const seed of SEEDS) tasks.push(generateOfKind('predict-landing', SKILL_PREDICT, level, createRng(seed)) as PredictLandingTask)
    }
    return tasks
  }

  it('the landing point and time', () => {
    const tasks = predictTasks()
    let withAir = 0
    for (const task of tasks) {
      const level = task.platform ? task.platform.height : 0
      if (!task.launch.drag.enabled) {
        const f = textbook(task.launch)
        expect(rel(task.answer.x, f.rangeTo(level)), task.id).toBeLessThan(1e-9)
        expect(rel(task.answer.timeOfFlight, f.timeTo(level)), task.id).toBeLessThan(1e-9)
      } else {
        withAir++
        const second = integrateWithDrag(task.launch, level)
        expect(rel(task.answer.x, second.range), task.id).toBeLessThan(1e-4)
        expect(rel(task.answer.timeOfFlight, second.time), task.id).toBeLessThan(1e-4)
      }
      expect(task.answer.y).toBe(level)
      expect(task.answer.surface).toBe(task.platform ? 'platform-top' : 'ground')
    }
    expect(withAir).toBeGreaterThan(5)
  })

  it('the marker tolerance is max(absolute, relative x range) of the level, to the centimetre', () => {
    const tasks = predictTasks()
    const rule: Record<number, [number, number]> = { 1: [0.08, 0.6], 2: [0.06, 0.5], 3: [0.05, 0.4], 4: [0.04, 0.35], 5: [0.03, 0.3] }
    for (const task of tasks) {
      const [relative, absolute] = rule[task.level]!
      expect(task.tolerance).toBeCloseTo(Math.max(absolute, relative * task.answer.x), 2)
      const at = (markerX: number) => assessPredict(task, { kind: 'predict-landing', markerX }).correct
      expect(at(task.answer.x + 0.95 * task.tolerance)).toBe(true)
      expect(at(task.answer.x - 0.95 * task.tolerance)).toBe(true)
      expect(at(task.answer.x + 1.05 * task.tolerance)).toBe(false)
      expect(at(task.answer.x - 1.05 * task.tolerance)).toBe(false)
    }
  })
})

describe('hit-target reference launches hit by the closed form', () => {
  it('a still target on the ground sits where the textbook range puts the reference launch', () => {
    let checked = 0
    for (const level of [1, 2]) {
      for (const seed of SEEDS) {
        for (const skill of [SKILL_ANGLE_RANGE, SKILL_PREDICT]) {
          const task = generateOfKind('hit-target', skill, level, createRng(seed)) as HitTargetTask
          expect(task.launch.drag.enabled).toBe(false)
          const launch = { ...task.launch, angleDeg: task.reference.angleDeg, speed: task.reference.speed }
          expect(rel(task.target.x, textbook(launch).rangeTo(0))).toBeLessThan(1e-9)
          expect(assessHit(task, { kind: 'hit-target', ...task.reference }).correct).toBe(true)
          checked++
        }
      }
    }
    expect(checked).toBe(48)
  })

  it('a rolling target starts where it must be to meet the ball: x0 + v T = range', () => {
    let moving = 0
    for (const seed of SEEDS) {
      const task = generateOfKind('hit-target', SKILL_PREDICT, 4, createRng(seed)) as HitTargetTask
      if (task.target.velocity === 0) continue
      moving++
      const launch = { ...task.launch, angleDeg: task.reference.angleDeg, speed: task.reference.speed }
      const landing = launch.drag.enabled ? integrateWithDrag(launch) : { range: textbook(launch).rangeTo(0), time: textbook(launch).timeTo(0) }
      const tol = launch.drag.enabled ? 1e-3 * landing.range : 1e-9 * landing.range
      expect(Math.abs(task.target.x + task.target.velocity * landing.time - landing.range)).toBeLessThan(tol)
      expect(projectile.assess(task, { kind: 'hit-target', ...task.reference }).correct).toBe(true)
    }
    expect(moving).toBeGreaterThan(3)
  })
})
