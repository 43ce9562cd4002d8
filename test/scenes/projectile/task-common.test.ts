/**
 * The shared pieces of the Projectile task generators (tasks/common.ts) worked by hand, and what
 * the hit-target and predict-landing generators draw over many seeds, against the level table
 * (README "Levels"), the real balls and the textbook no-air flight. Every task is made inside its
 * test (mutation testing switches a mutant on per test).
 */
import { describe, expect, it } from 'vitest'
import { levelRules } from '../../../scenes/projectile/levels'
import { makeLaunch, type LaunchParams } from '../../../scenes/projectile/model'
import {
  SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT,
} from '../../../scenes/projectile/skills'
import { generateOfKind, generateTask } from '../../../scenes/projectile/tasks'
import { airFor, land, launchHeightFor, pickWorld, platformUnderLanding } from '../../../scenes/projectile/tasks/common'
import type { HitTargetTask, PredictLandingTask, ProjectileTask, ProjectileTaskKind, World } from '../../../scenes/projectile/tasks/types'
import { createRng, hashSeed, type Rng } from '../../../src/core'
import { is, scripted } from './scripted-rng'

const seeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1)
function make<T extends ProjectileTask>(kind: ProjectileTaskKind, skill: string, level: number, n: number): T[] {
  return seeds(n).map((seed) => generateOfKind(kind, skill, level, createRng(seed)) as T)
}
const sorted = (values: Iterable<string | number>): (string | number)[] => [...new Set(values)].sort()
const onGrid = (x: number, step: number): boolean => Math.abs(x / step - Math.round(x / step)) < 1e-6
const rad = (deg: number): number => (deg * Math.PI) / 180

// The real balls (mass kg, diameter m): tennis ball, baseball, football, basketball, foam ball.
const BALLS: [number, number][] = [[0.058, 0.067], [0.145, 0.074], [0.43, 0.22], [0.6, 0.24], [0.16, 0.2]]
const WORLDS: Record<number, string[]> = { 1: ['earth'], 2: ['earth', 'moon'], 3: ['earth', 'mars', 'moon'], 4: ['earth', 'mars', 'moon'], 5: ['custom', 'earth', 'mars'] }
const HEIGHTS: Record<number, [number, number]> = { 1: [0, 0], 2: [0.5, 2], 3: [0.5, 3], 4: [0.5, 3], 5: [0.5, 4] }
const earth: World = { preset: 'earth', name: 'Earth', gravity: 9.81 }

/** Where a no-air launch from the ground passes height h: the roots of y(x) = x tan a - g x^2 / (2 v^2 cos^2 a) = h. */
function crossings(speed: number, angleDeg: number, g: number, h: number): { up: number; down: number } {
  const a = g / (2 * speed * speed * Math.cos(rad(angleDeg)) ** 2)
  const b = Math.tan(rad(angleDeg))
  const root = Math.sqrt(b * b - 4 * a * h)
  return { up: (b - root) / (2 * a), down: (b + root) / (2 * a) }
}
const descentX = (speed: number, angleDeg: number, g: number, h: number): number => crossings(speed, angleDeg, g, h).down

describe('what every task carries', () => {
  it('the readouts each level switches off, in the order t, x, y, vx, vy', () => {
    // README: every readout at 1 and 2; vx and vy off at 3; only time and distance at 4; only the clock at 5.
    const HIDDEN: Record<number, string[]> = { 1: [], 2: [], 3: ['vx', 'vy'], 4: ['y', 'vx', 'vy'], 5: ['x', 'y', 'vx', 'vy'] }
    for (const level of [1, 2, 3, 4, 5]) {
      for (const kind of ['hit-target', 'predict-landing'] as const) {
        expect(generateOfKind(kind, SKILL_PREDICT, level, createRng(level)).hiddenReadouts, `${kind} level ${level}`).toEqual(HIDDEN[level])
      }
    }
  })

  it('a seed of its own, named in the id', () => {
    const tasks = make('hit-target', SKILL_PREDICT, 2, 8)
    for (const task of tasks) {
      expect(Number.isInteger(task.seed) && task.seed >= 0 && task.seed <= 2 ** 31 - 1, task.id).toBe(true)
      expect(task.id).toBe(`projectile/${SKILL_PREDICT}/2/hit-target/${hashSeed(task.seed).toString(36)}`)
    }
    expect(new Set(tasks.map((t) => t.seed)).size).toBe(8)
  })
})

describe('worlds, air and launch heights', () => {
  const rules = (gravities: (typeof levelRules)[1]['gravities']) => ({ ...levelRules[5]!, gravities })

  it('a world the level allows; one with air when the task needs air (Earth, or an invented planet with Earth-like air)', () => {
    const draw = (g: Parameters<typeof rules>[0], needsAir: boolean): (string | number)[] =>
      sorted(seeds(30).map((s) => pickWorld(rules(g), createRng(s), needsAir).preset))
    expect(draw(['earth', 'moon', 'mars'], false)).toEqual(['earth', 'mars', 'moon'])
    expect(draw(['earth', 'moon', 'mars'], true)).toEqual(['earth'])
    expect(draw(['earth', 'custom'], true)).toEqual(['custom', 'earth'])
    // Neither the Moon nor Mars is offered for air: Earth stands in.
    expect(draw(['moon', 'mars'], true)).toEqual(['earth'])
    expect(pickWorld(rules(['moon']), createRng(1))).toEqual({ preset: 'moon', name: 'the Moon', gravity: 1.62 })
    expect(pickWorld(rules(['mars']), createRng(1))).toEqual({ preset: 'mars', name: 'Mars', gravity: 3.71 })
  })

  it('an invented planet: one of four names, g between 5 and 14 m/s^2 to the hundredth', () => {
    const planets = seeds(40).map((s) => pickWorld(rules(['custom']), createRng(s)))
    expect(sorted(planets.map((p) => p.name))).toEqual(['Kepler Station', 'Nova Prime', 'Planet Zorb', 'Tethys Outpost'])
    for (const planet of planets) {
      expect(planet.preset).toBe('custom')
      expect(planet.gravity >= 5 && planet.gravity <= 14 && onGrid(planet.gravity, 0.01), `${planet.gravity}`).toBe(true)
    }
    expect(Math.min(...planets.map((p) => p.gravity))).toBeLessThan(7)
    expect(Math.max(...planets.map((p) => p.gravity))).toBeGreaterThan(12)
  })

  it('air: none, or the world\'s own (Earth 1.225 kg/m^3, Mars 0.02, the Moon none), Earth\'s on an invented planet; Cd 0.47', () => {
    const off = airFor(earth, false)
    expect(off).toEqual({ enabled: false, cd: 0.47, airDensity: 1.225 })
    expect(Object.isFrozen(off)).toBe(false)
    expect(airFor(earth, true)).toEqual({ enabled: true, cd: 0.47, airDensity: 1.225 })
    expect(airFor({ preset: 'mars', name: 'Mars', gravity: 3.71 }, true)).toEqual({ enabled: true, cd: 0.47, airDensity: 0.02 })
    expect(airFor({ preset: 'moon', name: 'the Moon', gravity: 1.62 }, true)).toEqual({ enabled: true, cd: 0.47, airDensity: 0 })
    expect(airFor({ preset: 'custom', name: 'Nova Prime', gravity: 7.5 }, true)).toEqual({ enabled: true, cd: 0.47, airDensity: 1.225 })
  })

  it('launch heights: the ground at level 1, otherwise the level\'s span on a 0.1 m grid', () => {
    expect(launchHeightFor(levelRules[1]!, createRng(1))).toBe(0)
    const heights = seeds(40).map((s) => launchHeightFor(levelRules[5]!, createRng(s)))
    for (const h of heights) expect(h >= 0.5 && h <= 4 && onGrid(h, 0.1), `${h}`).toBe(true)
    expect(new Set(heights).size).toBeGreaterThan(15)
  })
})

describe('flying and placing a platform', () => {
  it('land: the textbook landing on the ground, or on a raised plane', () => {
    // 10 m/s at 45 degrees on Earth: range v^2 / g = 10.1937 m, time 2 v sin 45 / g = 1.4416 s.
    const launch = makeLaunch({ speed: 10, angleDeg: 45 })
    const ground = land(launch, null)
    expect(ground.range).toBeCloseTo(100 / 9.81, 6)
    expect(ground.timeOfFlight).toBeCloseTo((2 * 10 * Math.sin(rad(45))) / 9.81, 6)
    expect(ground.surface).toBe('ground')
    const raised = land(launch, null, 1)
    expect(raised.range).toBeCloseTo(descentX(10, 45, 9.81, 1), 6)
    expect(raised.landingY).toBeCloseTo(1, 9)
  })

  it('a platform under the landing: 3 to 6 m wide, the ball coming down on its top where it would cross that height', () => {
    const launch = makeLaunch({ speed: 20, angleDeg: 45 })
    const x = descentX(20, 45, 9.81, 1)
    const widths = new Set<number>()
    for (const seed of seeds(20)) {
      const platform = platformUnderLanding(launch, 1, createRng(seed))
      expect(platform, `seed ${seed}`).not.toBeNull()
      const { xStart, xEnd, height } = platform!
      expect(height).toBe(1)
      const width = xEnd - xStart
      widths.add(Number(width.toFixed(1)))
      expect(width >= 2.95 && width <= 6.05 && onGrid(xStart, 0.1) && onGrid(xEnd, 0.1), `${xStart}..${xEnd}`).toBe(true)
      // The landing point lies 30% to 70% of the width in from the front.
      expect(x - xStart >= 0.3 * width - 0.1 && x - xStart <= 0.7 * width + 0.1, `${xStart}..${xEnd} around ${x}`).toBe(true)
      const landing = land(launch, platform)
      expect(landing.surface).toBe('platform-top')
      expect(landing.range).toBeCloseTo(x, 6)
    }
    expect(widths.size).toBeGreaterThan(5)
  })

  it('a platform may reach 5 m past the 45 m field, no farther', () => {
    // 20.9 m/s at 45 degrees comes down through 0.5 m about 44 m out: the platform ends 45 to 48 m out.
    const near = makeLaunch({ speed: 20.9, angleDeg: 45 })
    expect(descentX(20.9, 45, 9.81, 0.5)).toBeGreaterThan(44)
    const ends = seeds(10).map((s) => platformUnderLanding(near, 0.5, createRng(s))!.xEnd)
    expect(Math.max(...ends)).toBeGreaterThan(45)
    // 25 m/s comes down about 63 m out: no platform.
    for (const seed of seeds(5)) expect(platformUnderLanding(makeLaunch({ speed: 25, angleDeg: 45 }), 1, createRng(seed))).toBeNull()
  })

  it('the limits themselves: a platform may start exactly 2 m out and end exactly 50 m out', () => {
    // A stand-in for the random stream: the width, then where in it the ball comes down (a fraction from the back).
    const drawn = (...values: number[]): Rng => {
      const queue = [...values]
      return { next: () => 0, int: (min) => min, range: () => queue.shift()!, pick: (items) => items[0]!, chance: () => false, fork() { return this } }
    }
    // 7 m/s at 45 degrees comes down through 0.5 m at 4.431 m: 3.5 m wide with the landing 70% in -> 1.98 -> 2.0 m.
    expect(platformUnderLanding(makeLaunch({ speed: 7, angleDeg: 45 }), 0.5, drawn(3.5, 0.7))).toEqual({ xStart: 2, xEnd: 5.5, height: 0.5 })
    // 21.7 m/s at 45 degrees: through 0.5 m at 47.496 m; 5 m wide, landing halfway -> 45.0 to 50.0 m; 40% -> to 50.5 m, too far.
    expect(platformUnderLanding(makeLaunch({ speed: 21.7, angleDeg: 45 }), 0.5, drawn(5, 0.5))).toEqual({ xStart: 45, xEnd: 50, height: 0.5 })
    expect(platformUnderLanding(makeLaunch({ speed: 21.7, angleDeg: 45 }), 0.5, drawn(5, 0.4))).toBeNull()
  })

  it('no platform when the ball never gets that high, would hit its front, or it would start within 2 m of the launcher', () => {
    for (const seed of seeds(5)) {
      const rng = (): ReturnType<typeof createRng> => createRng(seed)
      // 10 m/s at 45 degrees peaks at v^2 sin^2 45 / 2g = 2.55 m.
      expect(platformUnderLanding(makeLaunch({ speed: 10, angleDeg: 45 }), 3, rng())).toBeNull()
      // 20 m/s at 45 degrees peaks at 10.194 m and crosses 10.19 m on the way up at 20.0 m and
      // down at 20.8 m: the front of a 3-6 m platform stands at least 0.9 m before 20.8 m, where
      // the ball is still below its top, so the ball would fly into it.
      const { up, down } = crossings(20, 45, 9.81, 10.19)
      expect(down - up).toBeLessThan(0.9)
      expect(platformUnderLanding(makeLaunch({ speed: 20, angleDeg: 45 }), 10.19, rng())).toBeNull()
      // 5 m/s at 45 degrees comes down through 0.5 m about 1.9 m out.
      expect(platformUnderLanding(makeLaunch({ speed: 5, angleDeg: 45 }), 0.5, rng())).toBeNull()
    }
  })
})

describe('hit-target: what is drawn', () => {
  it('air: never up to level 3, in some tasks at level 4, always at level 5; worlds as the level allows', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      const tasks = make<HitTargetTask>('hit-target', SKILL_PREDICT, level, 30)
      const air = sorted(tasks.map((t) => String(t.launch.drag.enabled)))
      expect(air, `level ${level}`).toEqual(level <= 3 ? ['false'] : level === 4 ? ['false', 'true'] : ['true'])
      const still = tasks.filter((t) => !t.launch.drag.enabled)
      if (level <= 4) expect(sorted(still.map((t) => t.world.preset)), `level ${level}`).toEqual(WORLDS[level])
      for (const task of tasks) {
        expect(task.launch.gravity).toBe(task.world.gravity)
        expect(task.prompt).toContain(`. The ball is launched from ${task.launch.height > 0 ? `${task.launch.height} m above the ground` : 'the ground'} on ${task.world.name} (g = ${task.world.gravity} m/s^2)`)
        if (task.launch.drag.enabled) expect(['earth', 'custom'], task.id).toContain(task.world.preset)
      }
    }
  })

  it('a real ball, the level\'s launch heights, a whole-degree reference angle of 15 to 70', () => {
    for (const level of [1, 2, 5]) {
      const [low, high] = HEIGHTS[level]!
      const tasks = make<HitTargetTask>('hit-target', SKILL_PREDICT, level, 20)
      for (const task of tasks) {
        expect(BALLS).toContainEqual([task.launch.mass, task.launch.diameter])
        expect(task.launch.height >= low && task.launch.height <= high && onGrid(task.launch.height, 0.1), task.id).toBe(true)
        const { angleDeg, speed } = task.reference
        expect(Number.isInteger(angleDeg) && angleDeg >= 15 && angleDeg <= 70, task.id).toBe(true)
        expect(speed >= 1 && speed <= 35 && onGrid(speed, 0.1), task.id).toBe(true)
      }
      expect(new Set(tasks.map((t) => t.reference.angleDeg)).size).toBeGreaterThan(8)
      expect(new Set(tasks.map((t) => t.launch.mass)).size).toBeGreaterThanOrEqual(3)
    }
  })

  it('targets at level 1 stand 8 to 33 m out (12 m short of the field\'s end), where the textbook range puts the reference launch', () => {
    // The speed is rounded to 0.1 m/s, which moves a 33 m range by under 0.2 m.
    const tasks = make<HitTargetTask>('hit-target', SKILL_PREDICT, 1, 30)
    for (const task of tasks) {
      const { angleDeg, speed } = task.reference
      expect(task.target.x).toBeCloseTo((speed * speed * Math.sin(rad(2 * angleDeg))) / 9.81, 6)
      expect(task.target.x >= 7.9 && task.target.x <= 33.2, `${task.id} at ${task.target.x}`).toBe(true)
    }
    expect(Math.min(...tasks.map((t) => t.target.x))).toBeLessThan(15)
    expect(Math.max(...tasks.map((t) => t.target.x))).toBeGreaterThan(25)
  })

  it('raised targets: on a platform 0.5 to 4 m high, on its top', () => {
    const raised = make<HitTargetTask>('hit-target', SKILL_PREDICT, 5, 30).filter((t) => t.target.onPlatform)
    expect(raised.length).toBeGreaterThan(5)
    for (const task of raised) {
      const platform = task.platform!
      expect(platform.height >= 0.5 && platform.height <= 4 && onGrid(platform.height, 0.1), task.id).toBe(true)
      expect(task.target.y).toBe(platform.height)
      expect(task.target.x > platform.xStart && task.target.x < platform.xEnd, task.id).toBe(true)
      expect(task.prompt.endsWith(` A platform ${platform.height} m high stands from ${platform.xStart} m to ${platform.xEnd} m.`), task.prompt).toBe(true)
    }
    expect(new Set(raised.map((t) => t.platform!.height)).size).toBeGreaterThan(3)
  })

  it('from level 2 one slider is locked: the angle in some tasks, the speed in others', () => {
    const tasks = make<HitTargetTask>('hit-target', SKILL_PREDICT, 2, 20)
    expect(sorted(tasks.map((t) => t.controls.map((c) => c.variable).join(',')))).toEqual(['angleDeg', 'speed'])
    for (const task of tasks) {
      if (task.controls[0]!.variable === 'speed') expect(task.prompt.startsWith(`Set the speed (the angle is fixed at ${task.reference.angleDeg} degrees) to hit `), task.prompt).toBe(true)
    }
  })

  it('a rolling target rolls both ways, starting where it meets the ball: x0 + v T = landing', () => {
    const rolling = make<HitTargetTask>('hit-target', SKILL_PREDICT, 4, 30).filter((t) => t.target.velocity !== 0)
    expect(sorted(rolling.map((t) => Math.sign(t.target.velocity)))).toEqual([-1, 1])
    for (const task of rolling) {
      const landing = land({ ...task.launch, ...task.reference } as LaunchParams, null)
      expect(task.target.x + task.target.velocity * landing.timeOfFlight).toBeCloseTo(landing.range, 6)
    }
  })
})

describe('hit-target: hand-worked draws', () => {
  const ball = is<{ mass: number }>(0.145, 'mass')

  it('the speed slider starts at 0.6, 0.7 or 1.3 times the answer, never past 35 m/s', () => {
    for (const level of [1, 2, 5]) {
      for (const task of make<HitTargetTask>('hit-target', SKILL_PREDICT, level, 20).filter((t) => t.controls.some((c) => c.variable === 'speed'))) {
        const starts = [0.6, 0.7, 1.3].map((f) => Math.min(35, Math.round(task.reference.speed * f * 10) / 10))
        expect(starts.some((s) => Math.abs(s - task.launch.speed) < 1e-9), `${task.id}: ${task.launch.speed} from ${task.reference.speed}`).toBe(true)
      }
    }
    // 33 m at 15 degrees where g = 14: sqrt(33 x 14 / sin 30) = 30.4 m/s; 1.3 times that is 39.5, held at 35.
    const task = generateOfKind('hit-target', SKILL_PREDICT, 5, scripted([
      1, is('moving'), true, is('custom'), is('Nova Prime'), 14, ball, 15, 33, 0.5, 1, true,
      is('speed'), is(30), is(1.3),
    ])) as HitTargetTask
    expect(task.reference).toEqual({ angleDeg: 15, speed: 30.4 })
    expect(task.controls.map((c) => c.variable)).toEqual(['speed'])
    expect(task.launch.speed).toBe(35)
  })

  it('the angle slider may start exactly 8 degrees from the answer', () => {
    // 20 m at 22 degrees on Earth: sqrt(20 x 9.81 / sin 44) = 16.8 m/s, landing 16.8^2 sin 44 / 9.81 = 19.99 m out.
    const task = generateOfKind('hit-target', SKILL_PREDICT, 1, scripted([1, is('ground'), false, is('earth'), ball, 22, 20, is(30), is(0.6)])) as HitTargetTask
    expect(task.reference).toEqual({ angleDeg: 22, speed: 16.8 })
    expect(task.launch).toMatchObject({ angleDeg: 30, speed: 10.1 })
    expect(task.target.x).toBeCloseTo((16.8 ** 2 * Math.sin(rad(44))) / 9.81, 6)
  })

  it('a target that air brings down closer than 6 m is drawn again', () => {
    // A 20 cm, 160 g foam ball aimed 8 m out at 70 degrees on Earth (11 m/s) comes down about 5.3 m out through air.
    const foam = is<{ mass: number }>(0.16, 'mass')
    const short = makeLaunch({ speed: 11, angleDeg: 70, height: 0.5, mass: 0.16, diameter: 0.2, drag: { enabled: true, cd: 0.47, airDensity: 1.225 } })
    expect(land(short, null).range).toBeLessThan(6)
    const task = generateOfKind('hit-target', SKILL_PREDICT, 4, scripted([
      1, is('moving'), true, is('earth'), foam, 70, 8, 0.5,
      is('moving'), false, is('earth'), ball, 45, 20, 1, 2, true, is('angleDeg'), is(30), is(0.6),
    ])) as HitTargetTask
    expect(task.reference).toEqual({ angleDeg: 45, speed: 14 })
    expect(task.launch.drag.enabled).toBe(false)
  })

  it('a rolling target that would have to start past the field\'s end is drawn again', () => {
    // On the Moon, 7.3 m/s at 45 degrees from 3 m up: T = (vy + sqrt(vy^2 + 2 g 3)) / g = 6.9 s and
    // it lands 35.6 m out; a target rolling toward the launcher at 3 m/s would start 56 m out.
    const vy = 7.3 * Math.sin(rad(45))
    const flight = (vy + Math.sqrt(vy * vy + 2 * 1.62 * 3)) / 1.62
    expect(vy * flight + 3 * flight).toBeGreaterThan(50)
    const task = generateOfKind('hit-target', SKILL_PREDICT, 4, scripted([
      1, is('moving'), false, is('moon'), ball, 45, 33, 3, 3, false,
      // Then: on Earth, 14 m/s at 45 degrees from 1 m, the target rolling away at 2 m/s.
      is('moving'), false, is('earth'), ball, 45, 20, 1, 2, true, is('angleDeg'), is(30), is(0.6),
    ])) as HitTargetTask
    expect(task.world.preset).toBe('earth')
    const v = 14 / Math.SQRT2
    const time = (v + Math.sqrt(v * v + 2 * 9.81)) / 9.81
    expect(task.target.velocity).toBe(2)
    expect(task.target.x + 2 * time).toBeCloseTo(v * time, 6)
  })
})

describe('predict-landing: hand-worked draws', () => {
  const ball = is<{ mass: number }>(0.145, 'mass')

  it('a level launch off a 1.2 m table aimed 10 m out: v = 10 / sqrt(2 h / g) = 20.2 m/s', () => {
    const task = generateOfKind('predict-landing', SKILL_PREDICT, 2, scripted([1, false, is('earth'), ball, 1.2, true, 10])) as PredictLandingTask
    expect(task.launch).toMatchObject({ speed: 20.2, angleDeg: 0, height: 1.2 })
    expect(task.answer.x).toBeCloseTo(20.2 * Math.sqrt(2.4 / 9.81), 6)
    expect(task.answer.timeOfFlight).toBeCloseTo(Math.sqrt(2.4 / 9.81), 6)
  })

  it('a landing past the 45 m field is drawn again: 12.9 m/s at 10 degrees from 3 m on the Moon lands 47.7 m out', () => {
    const vx = 12.9 * Math.cos(rad(10))
    const vy = 12.9 * Math.sin(rad(10))
    expect((vx * (vy + Math.sqrt(vy * vy + 2 * 1.62 * 3))) / 1.62).toBeGreaterThan(47)
    const task = generateOfKind('predict-landing', SKILL_PREDICT, 4, scripted([
      1, false, is('moon'), ball, 3, false, 10, 35, false,
      false, is('earth'), ball, 1, false, 45, 20, false,
    ])) as PredictLandingTask
    expect(task.world.preset).toBe('earth')
    const v = 14 / Math.SQRT2
    expect(task.answer.x).toBeCloseTo((v * (v + Math.sqrt(v * v + 2 * 9.81))) / 9.81, 6)
  })

  it('when the coin says "platform" but none fits under the landing, the task is drawn again, with a platform', () => {
    // As for compute tasks: 10.6 m/s at 30 degrees from 0.5 m peaks at 1.93 m, under a 3 m platform;
    // then 14 m/s at 45 degrees from 1 m comes down on a 1 m platform 19.98 m out (18 to 22 m).
    const task = generateOfKind('predict-landing', SKILL_PREDICT, 3, scripted([
      1, false, is('earth'), ball, 0.5, false, 30, 10, true, 3,
      false, is('earth'), ball, 1, false, 45, 20, true, 1, 4, 0.5,
    ])) as PredictLandingTask
    expect(task.platform).toEqual({ xStart: 18, xEnd: 22, height: 1 })
    expect(task.answer).toMatchObject({ y: 1, surface: 'platform-top' })
    expect(task.answer.x).toBeCloseTo(196 / 9.81, 6)
  })

  it('a launch of exactly 35 m/s, the launcher\'s top speed, is allowed', () => {
    // Off a 1.2 m table on Earth, 17.31 m out needs 17.31 / sqrt(2.4 / 9.81) = 34.997 -> 35.0 m/s.
    const task = generateOfKind('predict-landing', SKILL_PREDICT, 2, scripted([1, false, is('earth'), ball, 1.2, true, 17.31])) as PredictLandingTask
    expect(task.launch).toMatchObject({ speed: 35, angleDeg: 0, height: 1.2 })
    expect(task.answer.x).toBeCloseTo(35 * Math.sqrt(2.4 / 9.81), 6)
  })

  it('no launch is faster than the launcher\'s 35 m/s: a level launch from low down aimed far is drawn again', () => {
    for (const level of [2, 3, 5]) {
      for (const task of make<PredictLandingTask>('predict-landing', SKILL_PREDICT, level, 30)) expect(task.launch.speed, task.id).toBeLessThanOrEqual(35)
    }
    // 30 m off a 0.5 m ledge on Earth needs 30 / sqrt(1 / 9.81) = 94 m/s.
    const task = generateOfKind('predict-landing', SKILL_PREDICT, 2, scripted([
      1, false, is('earth'), ball, 0.5, true, 30,
      false, is('earth'), ball, 1.2, true, 10,
    ])) as PredictLandingTask
    expect(task.launch).toMatchObject({ speed: 20.2, height: 1.2 })
  })
})

describe('predict-landing: what is drawn', () => {
  it('air: never up to level 3, in some tasks at level 4; worlds, balls and heights of the level', () => {
    for (const level of [1, 2, 3, 4]) {
      const tasks = make<PredictLandingTask>('predict-landing', SKILL_PREDICT, level, 30)
      expect(sorted(tasks.map((t) => String(t.launch.drag.enabled))), `level ${level}`).toEqual(level <= 3 ? ['false'] : ['false', 'true'])
      expect(sorted(tasks.filter((t) => !t.launch.drag.enabled).map((t) => t.world.preset)), `level ${level}`).toEqual(WORLDS[level])
      const [low, high] = HEIGHTS[level]!
      for (const task of tasks) {
        expect(BALLS).toContainEqual([task.launch.mass, task.launch.diameter])
        expect(task.launch.gravity).toBe(task.world.gravity)
        expect(task.launch.height >= low && task.launch.height <= high, task.id).toBe(true)
        expect(task.prompt).toContain(`A ball is launched at ${task.launch.speed} m/s at ${task.launch.angleDeg} degrees from `)
        if (task.launch.drag.enabled) expect(task.world.preset).toBe('earth')
      }
    }
  })

  it('angles: whole degrees 10 to 70, and from a height sometimes a level launch off the edge', () => {
    const level1 = make<PredictLandingTask>('predict-landing', SKILL_PREDICT, 1, 30)
    for (const task of level1) expect(Number.isInteger(task.launch.angleDeg) && task.launch.angleDeg >= 10 && task.launch.angleDeg <= 70, task.id).toBe(true)
    const level2 = make<PredictLandingTask>('predict-landing', SKILL_PREDICT, 2, 40)
    const flat = level2.filter((t) => t.launch.angleDeg === 0)
    expect(flat.length).toBeGreaterThan(3)
    expect(flat.length).toBeLessThan(25)
    for (const task of flat) {
      // Off a table: x = v sqrt(2 h / g), on the ground, 3 to 45 m out.
      const { speed, height, gravity } = task.launch
      expect(task.answer.x).toBeCloseTo(speed * Math.sqrt((2 * height) / gravity), 6)
      expect(task.answer.x >= 3 && task.answer.x <= 45, task.id).toBe(true)
    }
  })

  it('landings on level ground spread from about 6 to about 35 m', () => {
    const tasks = make<PredictLandingTask>('predict-landing', SKILL_RANGE, 1, 30)
    for (const task of tasks) {
      const { speed, angleDeg } = task.launch
      expect(task.answer.x).toBeCloseTo((speed * speed * Math.sin(rad(2 * angleDeg))) / 9.81, 6)
      expect(task.answer.x >= 5.9 && task.answer.x <= 35.2, task.id).toBe(true)
    }
    expect(Math.min(...tasks.map((t) => t.answer.x))).toBeLessThan(12)
    expect(Math.max(...tasks.map((t) => t.answer.x))).toBeGreaterThan(28)
  })

  it('platforms from level 3, 0.5 to 3 m high, in about half the tasks, never under a level launch', () => {
    const tasks = make<PredictLandingTask>('predict-landing', SKILL_PREDICT, 3, 30)
    const raised = tasks.filter((t) => t.platform !== null)
    expect(raised.length).toBeGreaterThan(5)
    expect(raised.length).toBeLessThan(25)
    for (const task of raised) {
      const platform = task.platform!
      expect(task.launch.angleDeg).toBeGreaterThan(0)
      expect(platform.height >= 0.5 && platform.height <= 3 && onGrid(platform.height, 0.1), task.id).toBe(true)
      expect(task.answer.y).toBe(platform.height)
      expect(task.answer.surface).toBe('platform-top')
      expect(task.prompt.endsWith(`then launch to check. A platform ${platform.height} m high stands from ${platform.xStart} m to ${platform.xEnd} m.`), task.prompt).toBe(true)
    }
    for (const task of tasks.filter((t) => t.platform === null)) expect(task.answer.y).toBe(0)
  })
})

describe('which kind of task a skill gets', () => {
  it('each skill\'s kinds all appear, and only those', () => {
    const KINDS: Record<string, string[]> = {
      [SKILL_COMPONENTS]: ['compute-quantity'],
      [SKILL_TIME_OF_FLIGHT]: ['compare-launches', 'compute-quantity'],
      [SKILL_RANGE]: ['compute-quantity', 'predict-landing'],
      [SKILL_ANGLE_RANGE]: ['compare-launches', 'hit-target'],
      [SKILL_GRAVITY_DRAG]: ['compare-launches', 'design-experiment'],
      [SKILL_PREDICT]: ['hit-target', 'predict-landing'],
      [SKILL_EXPERIMENT]: ['design-experiment'],
    }
    for (const [skill, kinds] of Object.entries(KINDS)) {
      const tasks = seeds(12).map((s) => generateTask(skill, 2, createRng(s)))
      expect(sorted(tasks.map((t) => t.kind)), skill).toEqual(kinds)
      for (const task of tasks) expect([task.skill, task.level]).toEqual([skill, 2])
    }
  })

  it('a kind asked for a skill nobody knows is refused, naming both', () => {
    expect(() => generateOfKind('hit-target', 'projectile.juggling', 1, createRng(1))).toThrow("projectile: hit-target tasks do not exercise skill 'projectile.juggling'")
  })
})
