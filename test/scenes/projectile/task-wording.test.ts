/**
 * What Projectile task generators say and refuse, worked by hand: the numbers a student reads
 * (rounded the way the prompt promises), the launch and platform descriptions, the sliders a hit
 * task offers, and the errors for skills and levels a generator does not serve.
 */
import { describe, expect, it } from 'vitest'
import { makeLaunch } from '../../../scenes/projectile/model'
import { SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_PREDICT, SKILL_RANGE } from '../../../scenes/projectile/skills'
import { generateOfKind, generateTask, GENERATORS, KINDS_BY_SKILL } from '../../../scenes/projectile/tasks'
import { describeConditions, describeLaunch, describePlatform, fmt, retry, roundTo, speedForDistance } from '../../../scenes/projectile/tasks/common'
import { generateComputeQuantity } from '../../../scenes/projectile/tasks/compute-quantity'
import { generateDesignExperiment } from '../../../scenes/projectile/tasks/design-experiment'
import { ANGLE_CONTROL, SPEED_CONTROL } from '../../../scenes/projectile/tasks/hit-target'
import type { HitTargetTask } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

describe('numbers as the student reads them', () => {
  it('roundTo keeps the grid and the short decimal, never -0', () => {
    expect(roundTo(3.14159, 0.1)).toBe(3.1)
    expect(roundTo(2.25, 0.5)).toBe(2.5)
    expect(roundTo(0.1 + 0.2, 0.01)).toBe(0.3)
    expect(roundTo(1234.5, 10)).toBe(1230)
    expect(Object.is(roundTo(-0.01, 0.1), -0)).toBe(false)
    expect(roundTo(7.123456, 0.001)).toBe(7.123)
  })

  it('fmt: up to the given decimals, no trailing zeros, never -0', () => {
    expect(fmt(2.5)).toBe('2.5')
    expect(fmt(2.499)).toBe('2.5')
    expect(fmt(2.0001)).toBe('2')
    expect(fmt(2.34567, 3)).toBe('2.346')
    expect(fmt(-0.001)).toBe('0')
  })

  it('speedForDistance: sqrt(d g / sin 2a) on a 0.1 m/s grid, with sin 2a at least 0.2', () => {
    // 20 m at 45 degrees on Earth: sqrt(20 * 9.81) = 14.007 -> 14.
    expect(speedForDistance(20, 45, 9.81)).toBe(14)
    // 10 m at 30 degrees: sqrt(98.1 / 0.866025) = 10.643 -> 10.6.
    expect(speedForDistance(10, 30, 9.81)).toBe(10.6)
    // A flat 3-degree launch: sin 6 degrees = 0.1045 is raised to 0.2: sqrt(98.1 / 0.2) = 22.147 -> 22.1.
    expect(speedForDistance(10, 3, 9.81)).toBe(22.1)
  })

  it('retry gives up after 400 tries, naming the task kind', () => {
    let tries = 0
    expect(() => retry('hit-target', () => { tries++; return null })).toThrow('projectile: could not generate a hit-target task')
    expect(tries).toBe(400)
    expect(retry('x', (attempt) => (attempt === 3 ? 'made' : null))).toBe('made')
  })
})

describe('describing a launch', () => {
  const earth = { preset: 'earth' as const, name: 'Earth', gravity: 9.81 }

  it('from the ground or a height, without air or with the ball named', () => {
    expect(describeConditions(makeLaunch(), earth)).toBe('from the ground on Earth (g = 9.81 m/s^2) with no air resistance')
    const table = makeLaunch({ height: 1.25, mass: 0.058, diameter: 0.067, drag: { enabled: true, cd: 0.47, airDensity: 1.225 } })
    expect(describeConditions(table, earth)).toBe('from 1.25 m above the ground on Earth (g = 9.81 m/s^2) with air resistance (a 0.058 kg ball, 6.7 cm across)')
    expect(describeLaunch(makeLaunch({ speed: 12.345, angleDeg: 37.5 }), earth)).toBe('12.3 m/s at 37.5 degrees from the ground on Earth (g = 9.81 m/s^2) with no air resistance')
  })

  it('a platform, or nothing', () => {
    expect(describePlatform({ xStart: 12, xEnd: 16.5, height: 1.5 })).toBe(' A platform 1.5 m high stands from 12 m to 16.5 m.')
    expect(describePlatform(null)).toBe('')
  })
})

describe('hit-target sliders and prompts', () => {
  it('the sliders: angle 5 to 85 degrees by 1, speed 1 to 35 m/s by 0.1', () => {
    expect(ANGLE_CONTROL).toEqual({ variable: 'angleDeg', label: 'Launch angle', min: 5, max: 85, step: 1, unit: 'deg' })
    expect(SPEED_CONTROL).toEqual({ variable: 'speed', label: 'Launch speed', min: 1, max: 35, step: 0.1, unit: 'm/s' })
  })

  it('level 1 frees both sliders, starting away from the answer; angle-range tasks free the angle only', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const free = generateOfKind('hit-target', SKILL_PREDICT, 1, createRng(seed)) as HitTargetTask
      expect(free.controls.map((c) => c.variable)).toEqual(['angleDeg', 'speed'])
      expect(Math.abs(free.launch.angleDeg - free.reference.angleDeg)).toBeGreaterThanOrEqual(8)
      expect(free.launch.speed).not.toBe(free.reference.speed)
      expect(free.prompt).toMatch(/^Set the angle and the speed to hit the target on the ground [\d.]+ m away\. The ball is launched from the ground on Earth/)
      const angleOnly = generateOfKind('hit-target', SKILL_ANGLE_RANGE, 1, createRng(seed)) as HitTargetTask
      expect(angleOnly.controls.map((c) => c.variable)).toEqual(['angleDeg'])
      expect(angleOnly.launch.speed).toBe(angleOnly.reference.speed)
      expect(angleOnly.prompt).toContain(`Set the angle (the speed is fixed at ${fmt(angleOnly.reference.speed, 1)} m/s)`)
    }
  })

  it('a rolling target says which way and how fast', () => {
    let rolling = 0
    for (let seed = 1; seed <= 30 && rolling < 3; seed++) {
      const task = generateOfKind('hit-target', SKILL_PREDICT, 4, createRng(seed)) as HitTargetTask
      if (task.target.velocity === 0) continue
      rolling++
      const way = task.target.velocity > 0 ? 'away from you' : 'toward you'
      expect(task.prompt).toContain(`a target that starts ${fmt(task.target.x, 1)} m away and rolls ${way} at ${fmt(Math.abs(task.target.velocity), 1)} m/s as soon as you launch`)
      expect(Math.abs(task.target.velocity)).toBeGreaterThanOrEqual(1)
      expect(Math.abs(task.target.velocity)).toBeLessThanOrEqual(3)
    }
    expect(rolling).toBe(3)
  })
})

describe('which generator serves which skill', () => {
  it('the kinds per skill', () => {
    expect(Object.keys(GENERATORS).sort()).toEqual(['compare-launches', 'compute-quantity', 'design-experiment', 'hit-target', 'predict-landing'])
    expect(KINDS_BY_SKILL[SKILL_COMPONENTS]).toEqual(['compute-quantity'])
    expect(KINDS_BY_SKILL[SKILL_EXPERIMENT]).toEqual(['design-experiment'])
  })

  it('refuses a skill or level it does not serve, naming it', () => {
    expect(() => generateTask('projectile.juggling', 1, createRng(1))).toThrow("projectile: unknown skill 'projectile.juggling'")
    expect(() => generateTask(SKILL_RANGE, 6, createRng(1))).toThrow('projectile: no level 6 (levels are 1 to 5)')
    expect(() => generateOfKind('hit-target', SKILL_COMPONENTS, 1, createRng(1))).toThrow("projectile: hit-target tasks do not exercise skill 'projectile.velocity-components'")
    expect(() => generateComputeQuantity(SKILL_EXPERIMENT, 1, createRng(1))).toThrow(`projectile: compute tasks do not exercise skill '${SKILL_EXPERIMENT}'`)
    expect(() => generateDesignExperiment(SKILL_RANGE, 1, createRng(1))).toThrow(`projectile: design tasks do not exercise skill '${SKILL_RANGE}'`)
  })

  it('a task id names scene, skill, level and kind', () => {
    const task = generateOfKind('predict-landing', SKILL_PREDICT, 2, createRng(5))
    expect(task.id).toMatch(/^projectile\/projectile\.[a-z-]+\/2\/predict-landing\/[0-9a-z]+$/)
    expect(task.id.split('/')[1]).toBe(SKILL_PREDICT)
    expect(task).toMatchObject({ sceneId: 'projectile', level: 2, kind: 'predict-landing', units: { distance: 'm', time: 's', speed: 'm/s', angle: 'deg', mass: 'kg', gravity: 'm/s^2' } })
  })
})
