/**
 * The variety of what the compute and design generators draw, over many seeds, against the level
 * table (scenes/projectile/levels.ts and the README's "Levels"), the real balls the lab uses and
 * the textbook no-air flight. A generator that always drew the same world, launch or variable
 * would still give right answers to its own tasks; only a look across seeds shows it. Every task
 * is made inside its test (mutation testing switches a mutant on per test).
 */
import { describe, expect, it } from 'vitest'
import { SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import type { CompareLaunchesTask, ComputeQuantityTask, DesignExperimentTask, ProjectileTask, ProjectileTaskKind } from '../../../scenes/projectile/tasks/types'
import { createRng, type Rng } from '../../../src/core'
import { scripted } from './scripted-rng'

const seeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1)
function make<T extends ProjectileTask>(kind: ProjectileTaskKind, skill: string, level: number, n: number): T[] {
  return seeds(n).map((seed) => generateOfKind(kind, skill, level, createRng(seed)) as T)
}
const sorted = (values: Iterable<string | number>): (string | number)[] => [...new Set(values)].sort()

// The worlds each level allows (README: Earth; Earth or Moon; Earth, Moon or Mars; ...; an invented planet at 5).
const WORLDS: Record<number, string[]> = { 1: ['earth'], 2: ['earth', 'moon'], 3: ['earth', 'mars', 'moon'], 4: ['earth', 'mars', 'moon'], 5: ['custom', 'earth', 'mars'] }
// Launch heights per level, m (README: from the ground at 1, a table or ledge 0.5-2 m at 2; levels.ts after).
const HEIGHTS: Record<number, [number, number]> = { 1: [0, 0], 2: [0.5, 2], 3: [0.5, 3], 4: [0.5, 3], 5: [0.5, 4] }
// The real balls (mass kg, diameter m): tennis ball, baseball, football, basketball, foam ball.
const BALLS: [number, number][] = [[0.058, 0.067], [0.145, 0.074], [0.43, 0.22], [0.6, 0.24], [0.16, 0.2]]
const onGrid = (x: number, step: number): boolean => Math.abs(x / step - Math.round(x / step)) < 1e-6

describe('task ids name the scene, skill, level and kind', () => {
  it('for every kind of task', () => {
    const cases: [ProjectileTaskKind, string, number][] = [
      ['compute-quantity', SKILL_COMPONENTS, 1], ['compute-quantity', SKILL_RANGE, 4],
      ['design-experiment', SKILL_EXPERIMENT, 2], ['design-experiment', SKILL_GRAVITY_DRAG, 5],
      ['compare-launches', SKILL_TIME_OF_FLIGHT, 3], ['hit-target', SKILL_PREDICT, 1], ['predict-landing', SKILL_RANGE, 3],
    ]
    for (const [kind, skill, level] of cases) {
      const tasks = make(kind, skill, level, 6)
      for (const task of tasks) {
        expect(task.id.startsWith(`projectile/${skill}/${level}/${kind}/`), task.id).toBe(true)
        expect(task.id.split('/').at(-1)).toMatch(/^[0-9a-z]+$/)
        expect(task.kind).toBe(kind)
      }
      expect(new Set(tasks.map((t) => t.id)).size, kind).toBe(6)
    }
  })
})

describe('compute-quantity: what is drawn', () => {
  it('every world the level allows appears, and the launch flies in that world', () => {
    for (const level of [1, 2, 3, 5]) {
      const tasks = make<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, level, 30)
      expect(sorted(tasks.map((t) => t.world.preset)), `level ${level}`).toEqual(WORLDS[level])
      for (const task of tasks) {
        expect(task.launch.gravity, task.id).toBe(task.world.gravity)
        expect(task.prompt).toContain(`on ${task.world.name} (g = ${task.world.gravity} m/s^2)`)
        if (task.world.preset === 'custom') expect(task.world.gravity >= 5 && task.world.gravity <= 14, task.id).toBe(true)
      }
    }
  })

  it('launches differ from task to task: whole angles 15 to 75 degrees, real balls, heights of the level', () => {
    for (const level of [1, 2, 5]) {
      const tasks = make<ComputeQuantityTask>('compute-quantity', SKILL_COMPONENTS, level, 20)
      expect(new Set(tasks.map((t) => `${t.launch.speed}@${t.launch.angleDeg}`)).size, `level ${level}`).toBeGreaterThanOrEqual(15)
      expect(new Set(tasks.map((t) => t.launch.mass)).size).toBeGreaterThanOrEqual(3)
      const [low, high] = HEIGHTS[level]!
      for (const { id, launch } of tasks) {
        expect(Number.isInteger(launch.angleDeg) && launch.angleDeg >= 15 && launch.angleDeg <= 75, id).toBe(true)
        expect(onGrid(launch.speed, 0.1), id).toBe(true)
        expect(BALLS).toContainEqual([launch.mass, launch.diameter])
        expect(launch.height >= low && launch.height <= high && onGrid(launch.height, 0.1), `${id} height ${launch.height}`).toBe(true)
      }
      if (level > 1) expect(new Set(tasks.map((t) => t.launch.height)).size).toBeGreaterThanOrEqual(5)
    }
  })

  it('landing distances on level ground are drawn between 6 and 35 m (10 m short of the field\'s end)', () => {
    // From the ground with no air, range = v^2 sin 2a / g; the speed is rounded to 0.1 m/s, which
    // moves a 35 m range by under 0.2 m.
    const tasks = make<ComputeQuantityTask>('compute-quantity', SKILL_RANGE, 1, 40)
    for (const task of tasks) {
      expect(task.quantity).toBe('range')
      const { speed, angleDeg, gravity } = task.launch
      const range = (speed * speed * Math.sin((2 * angleDeg * Math.PI) / 180)) / gravity
      expect(task.answer.value).toBeCloseTo(range, 9)
      expect(range >= 5.9 && range <= 35.2, `${task.id} range ${range}`).toBe(true)
    }
    // Spread over that span, not bunched at one end.
    const ranges = tasks.map((t) => t.answer.value)
    expect(Math.min(...ranges)).toBeLessThan(12)
    expect(Math.max(...ranges)).toBeGreaterThan(28)
  })

  it('a moment asked about lies well inside the flight (15% to 85% of it, on a 0.1 s grid)', () => {
    for (const [skill, level] of [[SKILL_COMPONENTS, 3], [SKILL_TIME_OF_FLIGHT, 3], [SKILL_RANGE, 4]] as const) {
      const timed = make<ComputeQuantityTask>('compute-quantity', skill, level, 30).filter((t) => t.at !== null)
      expect(timed.length, skill).toBeGreaterThanOrEqual(5)
      for (const task of timed) {
        const { speed, angleDeg, height, gravity } = task.launch
        const vy = speed * Math.sin((angleDeg * Math.PI) / 180)
        const flight = (vy + Math.sqrt(vy * vy + 2 * gravity * height)) / gravity
        const at = task.at!
        expect(onGrid(at, 0.1), task.id).toBe(true)
        expect(at >= 0.15 * flight - 0.05 && at <= 0.85 * flight + 0.05, `${task.id}: ${at} s of ${flight} s`).toBe(true)
      }
    }
  })

  it('vertical velocities are asked on the way up and on the way down; short times are asked too', () => {
    const vy = make<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, 3, 40).filter((t) => t.quantity === 'vy-at')
    expect(vy.some((t) => t.answer.value > 0)).toBe(true)
    expect(vy.some((t) => t.answer.value < 0)).toBe(true)
    // Time to the top = v sin a / g: a low, short launch gets there in under a second.
    const apex = make<ComputeQuantityTask>('compute-quantity', SKILL_TIME_OF_FLIGHT, 1, 40).filter((t) => t.quantity === 'time-to-apex')
    for (const task of apex) {
      const { speed, angleDeg, gravity } = task.launch
      expect(task.answer.value).toBeCloseTo((speed * Math.sin((angleDeg * Math.PI) / 180)) / gravity, 9)
    }
    expect(apex.some((t) => t.answer.value < 1)).toBe(true)
    expect(apex.some((t) => t.answer.value > 1)).toBe(true)
  })
})

describe('compute-quantity: draws that do not fit are drawn again', () => {
  it('a landing past the 45 m field: 35 m aimed at 15 degrees on Mars from 4 m up would land 46.2 m out', () => {
    // speed sqrt(35 x 3.71 / sin 30) = 16.1 m/s; vy = 4.167, vx = 15.551; T = (vy + sqrt(vy^2 + 2 g 4)) / g = 2.972 s.
    const vx = 16.1 * Math.cos((15 * Math.PI) / 180)
    const vy = 16.1 * Math.sin((15 * Math.PI) / 180)
    expect((vx * (vy + Math.sqrt(vy * vy + 2 * 3.71 * 4))) / 3.71).toBeGreaterThan(46)
    const ball = (b: { mass: number }): boolean => b.mass === 0.145
    const task = generateOfKind('compute-quantity', SKILL_RANGE, 5, scripted([
      12345, (o: { quantity: string }) => o.quantity === 'range',
      (g: string) => g === 'mars', ball, 15, 35, 4, false,
      // The second try: 20 m at 45 degrees on Earth from 1 m up.
      (g: string) => g === 'earth', ball, 45, 20, 1, false,
    ])) as ComputeQuantityTask
    expect(task.world.preset).toBe('earth')
    expect(task.launch).toMatchObject({ speed: 14, angleDeg: 45, height: 1, gravity: 9.81 })
    // From 1 m up: x = vx (vy + sqrt(vy^2 + 2 g h)) / g with vx = vy = 14 / sqrt 2.
    const v = 14 / Math.SQRT2
    expect(task.answer.value).toBeCloseTo((v * (v + Math.sqrt(v * v + 2 * 9.81))) / 9.81, 9)
  })

  it('when the coin says "platform" but none fits under the landing, the task is drawn again, with a platform', () => {
    // First try: 10.6 m/s at 30 degrees from 0.5 m peaks at 0.5 + (5.3)^2 / 2g = 1.93 m, under a 3 m platform.
    // Second try: 14 m/s at 45 degrees from 1 m onto a 1 m platform 4 m wide, the landing halfway along:
    // the ball comes down at the height it left, v^2 / g = 19.98 m out, so the platform runs 18 to 22 m.
    const ball = (b: { mass: number }): boolean => b.mass === 0.145
    const task = generateOfKind('compute-quantity', SKILL_RANGE, 3, scripted([
      12345, (o: { quantity: string }) => o.quantity === 'range',
      (g: string) => g === 'earth', ball, 30, 10, 0.5, true, 3,
      (g: string) => g === 'earth', ball, 45, 20, 1, true, 1, 4, 0.5,
    ])) as ComputeQuantityTask
    expect(task.launch).toMatchObject({ speed: 14, angleDeg: 45, height: 1 })
    expect(task.platform).toEqual({ xStart: 18, xEnd: 22, height: 1 })
    expect(task.answer.value).toBeCloseTo(196 / 9.81, 9)
  })

  it('a stream that never gives a task that fits ends in an error naming the kind, not an endless loop', () => {
    // Every distance drawn is a million metres.
    const stuck: Rng = { next: () => 0.5, int: (min) => min, range: () => 1e6, chance: () => false, pick: (items) => items[0]!, fork() { return this } }
    expect(() => generateOfKind('compute-quantity', SKILL_RANGE, 1, stuck)).toThrow('projectile: could not generate a compute-quantity task')
    expect(() => generateOfKind('hit-target', SKILL_PREDICT, 1, stuck)).toThrow('projectile: could not generate a hit-target task')
    expect(() => generateOfKind('predict-landing', SKILL_PREDICT, 1, stuck)).toThrow('projectile: could not generate a predict-landing task')
    // A comparison never asks about a flight past 150 m: here every launch is 100 m/s (about 1 km).
    const fast: Rng = { ...stuck, range: () => 100, fork() { return this } }
    expect(() => generateOfKind('compare-launches', SKILL_TIME_OF_FLIGHT, 1, fast)).toThrow('projectile: could not generate a compare-launches task')
  })
})

describe('compare-launches: what is drawn', () => {
  it('launch speeds scale with the square root of g, so a Moon launch is as far-flying as an Earth one: 6-14 m/s on Earth, 4-8 m/s for 45 against the best angle', () => {
    const cases = [[SKILL_TIME_OF_FLIGHT, 3], [SKILL_ANGLE_RANGE, 3], [SKILL_GRAVITY_DRAG, 2]] as const
    const worlds = new Set<string>()
    for (const [skill, level] of cases) {
      for (const task of make<CompareLaunchesTask>('compare-launches', skill, level, 30)) {
        if (task.scenario === 'gravity') continue
        worlds.add(task.scenario === 'forty-five-vs-other' ? `45 on ${task.world.preset}` : task.world.preset)
        const scale = Math.sqrt(task.world.gravity / 9.81)
        const [low, high] = task.scenario === 'forty-five-vs-other' ? [4, 8] : [6, 14]
        const speed = Math.max(task.launchA.speed, task.launchB.speed)
        expect(onGrid(speed, 0.5) && speed >= low * scale - 0.25 && speed <= high * scale + 0.25, `${task.id}: ${speed} m/s on ${task.world.name}`).toBe(true)
      }
    }
    // Slow enough on the Moon too for the launch height to make 45 degrees lose.
    expect([...worlds].sort()).toEqual(['45 on earth', '45 on mars', '45 on moon', 'earth', 'mars', 'moon'])
  })

  it('a gravity or drop comparison starts on any world of the level, even where every other task has air (level 5)', () => {
    const tasks = make<CompareLaunchesTask>('compare-launches', SKILL_TIME_OF_FLIGHT, 5, 60)
    const drops = tasks.filter((t) => t.scenario === 'drop-vs-horizontal')
    expect(sorted(drops.map((t) => t.world.preset)), `${drops.length} drops`).toContain('mars')
    // Level 5's worlds are Earth, Mars and an invented planet: some comparisons leave Earth out.
    const gravity = tasks.filter((t) => t.scenario === 'gravity')
    expect(gravity.some((t) => t.worldA.preset !== 'earth' && t.worldB.preset !== 'earth'), `${gravity.length} gravity comparisons`).toBe(true)
  })
})

describe('design-experiment: what is drawn', () => {
  it('the experiment skill tests every variable the level lets the student set', () => {
    const VARIABLES: Record<number, string[]> = { 1: ['angleDeg', 'mass', 'speed'], 2: ['angleDeg', 'height', 'mass', 'speed'], 5: ['angleDeg', 'diameter', 'gravity', 'height', 'mass', 'speed'] }
    for (const level of [1, 2, 5]) {
      expect(sorted(make<DesignExperimentTask>('design-experiment', SKILL_EXPERIMENT, level, 60).map((t) => t.testVariable)), `level ${level}`).toEqual(VARIABLES[level])
    }
  })

  it('the gravity-and-air skill tests mass, then gravity from level 4, then size at level 5', () => {
    const PHYSICAL: Record<number, string[]> = { 1: ['mass'], 3: ['mass'], 4: ['gravity', 'mass'], 5: ['diameter', 'gravity', 'mass'] }
    for (const level of [1, 3, 4, 5]) {
      expect(sorted(make<DesignExperimentTask>('design-experiment', SKILL_GRAVITY_DRAG, level, 40).map((t) => t.testVariable)), `level ${level}`).toEqual(PHYSICAL[level])
    }
  })

  it('worlds: never an invented planet (gravity is set by preset buttons); with air on, Earth', () => {
    const level4 = make<DesignExperimentTask>('design-experiment', SKILL_EXPERIMENT, 4, 40)
    expect(sorted(level4.filter((t) => !t.drag.enabled).map((t) => t.world.preset))).toEqual(['earth', 'mars', 'moon'])
    expect(level4.some((t) => t.drag.enabled)).toBe(true)
    const level5 = make<DesignExperimentTask>('design-experiment', SKILL_GRAVITY_DRAG, 5, 20)
    for (const task of [...level4, ...level5]) {
      expect(task.world.preset, task.id).not.toBe('custom')
      expect(task.start.gravity).toBe(task.world.gravity)
      if (task.drag.enabled) {
        expect(task.world.preset, task.id).toBe('earth')
        // Earth's sea-level air, 1.225 kg/m^3, and a sphere's drag coefficient, 0.47.
        expect(task.drag).toEqual({ enabled: true, cd: 0.47, airDensity: 1.225 })
      }
    }
    expect(level5.every((t) => t.drag.enabled)).toBe(true)
  })

  it('launch B moves the tested setting up by twice the minimum difference, or down when that would pass the slider\'s end', () => {
    // Sliders: speed to 12 m/s, angle to 80 degrees, height to 3 m; minimum differences 2 m/s, 10 degrees, 0.5 m.
    const SLIDER: Record<string, { max: number; min: number }> = { speed: { max: 12, min: 2 }, angleDeg: { max: 80, min: 10 }, height: { max: 3, min: 0.5 } }
    let atTheEnd = 0
    for (const level of [2, 3, 4]) {
      for (const task of make<DesignExperimentTask>('design-experiment', SKILL_EXPERIMENT, level, 30)) {
        const slider = SLIDER[task.testVariable]
        if (!slider) continue
        const a = task.reference.launchA[task.testVariable]
        const up = a + 2 * slider.min
        if (Math.abs(up - slider.max) < 1e-9) atTheEnd++
        expect(task.reference.launchB[task.testVariable], task.id).toBeCloseTo(up <= slider.max + 1e-9 ? up : a - 2 * slider.min, 9)
      }
    }
    // The case of landing exactly on the slider's end (2 m -> 3 m) is among them.
    expect(atTheEnd).toBeGreaterThan(0)
  })

  it('the ball is a real one, its mass put on the 0.05 kg slider grid', () => {
    // 58 g -> 0.05, 145 g -> 0.15, 430 g -> 0.45, 600 g -> 0.6, 160 g -> 0.15 (by diameter).
    const SNAPPED: Record<number, number> = { 0.067: 0.05, 0.074: 0.15, 0.22: 0.45, 0.24: 0.6, 0.2: 0.15 }
    const tasks = make<DesignExperimentTask>('design-experiment', SKILL_EXPERIMENT, 3, 30)
    for (const task of tasks) {
      expect(SNAPPED[task.start.diameter], task.id).toBe(task.start.mass)
    }
    expect(sorted(tasks.map((t) => t.start.mass)).length).toBeGreaterThanOrEqual(3)
  })
})
