/**
 * Compare-launches and design-experiment tasks against the physics a teacher would state, not
 * the generator's own simulation: in a vacuum mass changes nothing and the outcomes are the
 * textbook closed forms; weaker gravity flies farther, higher and longer; air shortens and lowers;
 * complementary angles tie only on level ground without air; a steeper launch goes higher and
 * stays up longer; a dropped and a level-launched ball land together.
 */
import { describe, expect, it } from 'vitest'
import { judge } from '../../../scenes/projectile/tasks/compare-launches'
import { EXPERIMENT_CONTROLS, experimentWinner, MIN_DIFFERENCE } from '../../../scenes/projectile/tasks/design-experiment'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import { SKILL_ANGLE_RANGE, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_TIME_OF_FLIGHT } from '../../../scenes/projectile/skills'
import type { CompareLaunchesTask, DesignExperimentTask } from '../../../scenes/projectile/tasks/types'
import type { LaunchParams } from '../../../scenes/projectile/model'
import { createRng } from '../../../src/core'

const rad = (deg: number): number => (deg * Math.PI) / 180
/** Textbook outcomes without air, from height h to the ground. */
function vacuum(p: LaunchParams): { range: number; timeOfFlight: number; apexHeight: number } {
  const vx = p.speed * Math.cos(rad(p.angleDeg))
  const vy = p.speed * Math.sin(rad(p.angleDeg))
  const t = (vy + Math.sqrt(vy * vy + 2 * p.gravity * p.height)) / p.gravity
  return { range: vx * t, timeOfFlight: t, apexHeight: p.height + Math.max(0, vy) ** 2 / (2 * p.gravity) }
}
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12)

// Made inside each test: Stryker switches a mutant on per test, so tasks made while the file loads never see it.
function compareTasks(): CompareLaunchesTask[] {
  const tasks: CompareLaunchesTask[] = []
  for (const skill of [SKILL_GRAVITY_DRAG, SKILL_ANGLE_RANGE, SKILL_TIME_OF_FLIGHT]) {
    for (const level of [1, 2, 3, 4, 5]) {
      for (let seed = 1; seed <= 14; seed++) tasks.push(generateOfKind('compare-launches', skill, level, createRng(seed)) as CompareLaunchesTask)
    }
  }
  return tasks
}
const which = (task: CompareLaunchesTask, pick: (p: LaunchParams) => number, want: 'larger' | 'smaller'): 'A' | 'B' => {
  const a = pick(task.launchA)
  const b = pick(task.launchB)
  return (want === 'larger' ? a > b : a < b) ? 'A' : 'B'
}

describe('compare-launches answers follow the physics', () => {
  it('every scenario appears', () => {
    const tasks = compareTasks()
    expect(new Set(tasks.map((t) => t.scenario))).toEqual(new Set(['mass', 'gravity', 'drag', 'complementary-angles', 'forty-five-vs-other', 'steeper-angle', 'drop-vs-horizontal']))
  })

  it('without air the outcomes are the textbook closed forms', () => {
    const tasks = compareTasks()
    let checked = 0
    for (const task of tasks) {
      for (const side of ['A', 'B'] as const) {
        const launch = side === 'A' ? task.launchA : task.launchB
        if (launch.drag.enabled) continue
        const expected = vacuum(launch)
        const got = task.outcomes[side]
        expect(rel(got.range + 1, expected.range + 1), task.id).toBeLessThan(1e-9)
        expect(rel(got.timeOfFlight, expected.timeOfFlight), task.id).toBeLessThan(1e-9)
        expect(rel(got.apexHeight, expected.apexHeight), task.id).toBeLessThan(1e-9)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('the answer is the rule for each scenario', () => {
    const tasks = compareTasks()
    let ruled = 0
    for (const task of tasks) {
      const air = task.launchA.drag.enabled || task.launchB.drag.enabled
      // Which of two same-size balls lands first through air has no rule of thumb: left out.
      if (task.scenario === 'mass' && air && task.question === 'lands-first') continue
      ruled++
      let expected: string
      switch (task.scenario) {
        case 'mass':
          // In a vacuum mass does nothing; through air the heavier ball of the same size goes farther.
          expected = !air ? 'same' : which(task, (p) => p.mass, 'larger')
          break
        case 'gravity':
          expected = task.question === 'lands-first' ? which(task, (p) => p.gravity, 'larger') : which(task, (p) => p.gravity, 'smaller')
          break
        case 'drag':
          expected = task.launchA.drag.enabled ? 'B' : 'A'
          break
        case 'complementary-angles':
          expected = !air && task.launchA.height === 0 ? 'same' : which(task, (p) => p.angleDeg, 'smaller')
          break
        case 'forty-five-vs-other':
          expected = task.launchA.angleDeg === 45 ? 'B' : 'A'
          break
        case 'steeper-angle':
          expected = task.question === 'higher' ? which(task, (p) => p.angleDeg, 'larger') : which(task, (p) => p.angleDeg, 'smaller')
          break
        case 'drop-vs-horizontal':
          expected = 'same'
          break
        default:
          throw new Error(`unexpected scenario ${task.scenario}`)
      }
      expect(task.answer, `${task.id} ${task.scenario} ${task.question}`).toBe(expected)
    }
    expect(ruled).toBeGreaterThan(tasks.length - 10)
  })

  it('the two launches differ only in the thing compared', () => {
    const tasks = compareTasks()
    for (const task of tasks) {
      const differing = (Object.keys(task.launchA) as (keyof LaunchParams)[]).filter((k) => JSON.stringify(task.launchA[k]) !== JSON.stringify(task.launchB[k]))
      const allowed: Record<string, string[]> = {
        mass: ['mass'], gravity: ['gravity'], drag: ['drag'], 'complementary-angles': ['angleDeg'], 'forty-five-vs-other': ['angleDeg'],
        'steeper-angle': ['angleDeg'], 'drop-vs-horizontal': ['speed'],
      }
      expect(differing, task.id).toEqual(allowed[task.scenario])
    }
  })

  it('judging: ties within a millionth are the same; a difference under 2% is too small to ask about', () => {
    const o = (range: number, timeOfFlight: number, apexHeight: number) => ({ range, timeOfFlight, apexHeight })
    expect(judge('farther', o(10, 1, 1), o(10 * (1 + 5e-7), 1, 1))).toEqual({ answer: 'same', visible: true })
    expect(judge('farther', o(10, 1, 1), o(10.1, 1, 1))).toEqual({ answer: 'B', visible: false })
    expect(judge('farther', o(10.5, 1, 1), o(10, 1, 1))).toEqual({ answer: 'A', visible: true })
    expect(judge('higher', o(1, 1, 3), o(1, 1, 2))).toEqual({ answer: 'A', visible: true })
    // Landing first is the shorter time.
    expect(judge('lands-first', o(1, 2, 1), o(1, 1, 1))).toEqual({ answer: 'B', visible: true })
    expect(judge('lands-first', o(1, 1, 1), o(1, 2, 1))).toEqual({ answer: 'A', visible: true })
    // Exactly 2% is big enough.
    expect(judge('farther', o(100, 1, 1), o(98, 1, 1)).visible).toBe(true)
  })
})

describe('design-experiment tasks', () => {
  // Made inside each test: Stryker switches a mutant on per test, so tasks made while the file loads never see it.
  function designTasks(): DesignExperimentTask[] {
    const designs: DesignExperimentTask[] = []
    for (const skill of [SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG]) {
      for (const level of [1, 2, 3, 4, 5]) {
        for (let seed = 1; seed <= 10; seed++) designs.push(generateOfKind('design-experiment', skill, level, createRng(seed)) as DesignExperimentTask)
      }
    }
    return designs
  }

  it('the reference design changes only the tested variable, by at least the minimum, within its slider', () => {
    const designs = designTasks()
    for (const task of designs) {
      const { launchA, launchB } = task.reference
      const changed = (Object.keys(launchA) as (keyof typeof launchA)[]).filter((k) => launchA[k] !== launchB[k])
      expect(changed, task.id).toEqual([task.testVariable])
      expect(Math.abs(launchA[task.testVariable] - launchB[task.testVariable])).toBeGreaterThanOrEqual(MIN_DIFFERENCE[task.testVariable] - 1e-9)
      const control = EXPERIMENT_CONTROLS[task.testVariable]
      for (const value of [launchA[task.testVariable], launchB[task.testVariable]]) {
        expect(value).toBeGreaterThanOrEqual(control.min - 1e-9)
        expect(value).toBeLessThanOrEqual(control.max + 1e-9)
      }
      expect(task.controls.map((c) => c.variable)).toContain(task.testVariable)
      expect(task.asksPrediction).toBe(task.skill === SKILL_GRAVITY_DRAG)
    }
  })

  it('the predicted winner follows the physics: in a vacuum mass ties; weaker gravity, more speed or more height win', () => {
    const designs = designTasks()
    let checked = 0
    for (const task of designs) {
      const { launchA: a, launchB: b, prediction } = task.reference
      const v = task.testVariable
      if (v === 'mass' && !task.drag.enabled) {
        expect(prediction, task.id).toBe('same')
        checked++
      } else if (v === 'gravity') {
        expect(prediction, task.id).toBe(a.gravity < b.gravity ? 'A' : 'B')
        checked++
      } else if (v === 'height' || (v === 'speed' && task.outcome === 'range')) {
        expect(prediction, task.id).toBe(a[v] > b[v] ? 'A' : 'B')
        checked++
      } else if (v === 'diameter') {
        // Same mass, bigger ball, more drag: the smaller one lands farther.
        expect(prediction, task.id).toBe(a.diameter < b.diameter ? 'A' : 'B')
        checked++
      }
    }
    expect(checked).toBeGreaterThan(30)
  })

  it('gravity choices are the three presets; a gravity test switches between them', () => {
    const designs = designTasks()
    expect(EXPERIMENT_CONTROLS.gravity.options).toEqual([9.81, 3.71, 1.62])
    for (const task of designs.filter((t) => t.testVariable === 'gravity')) {
      expect([9.81, 3.71, 1.62]).toContain(task.reference.launchB.gravity)
      expect([9.81, 3.71, 1.62]).toContain(task.reference.launchA.gravity)
    }
  })

  it('experimentWinner without air: textbook ranges and times decide', () => {
    const base = { speed: 8, angleDeg: 40, height: 1, mass: 0.2, diameter: 0.07, gravity: 9.81 }
    const none = { enabled: false, cd: 0.47, airDensity: 1.225 }
    const faster = { ...base, speed: 10 }
    const r = experimentWinner(base, faster, none, 'range')
    expect(r.winner).toBe('B')
    expect(r.valueA).toBeCloseTo(vacuum({ ...base, drag: none }).range, 9)
    expect(r.valueB).toBeCloseTo(vacuum({ ...faster, drag: none }).range, 9)
    const t = experimentWinner({ ...base, gravity: 3.71 }, base, none, 'timeOfFlight')
    expect(t.winner).toBe('A')
    expect(t.valueA).toBeCloseTo(vacuum({ ...base, gravity: 3.71, drag: none }).timeOfFlight, 9)
    expect(experimentWinner(base, { ...base, mass: 2 }, none, 'range').winner).toBe('same')
  })
})
