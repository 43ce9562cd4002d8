/**
 * What each projectile task generator puts in front of a student, level by level, checked
 * against the level table and the wording a teacher would write (scenes/projectile/levels.ts,
 * README), not against the generator's own tables: which questions and scenarios appear at
 * which level, the prompt's question, the labels of two launches, the units accepted, the
 * sliders and where they start. Mutation testing found most of these unchecked.
 */
import { describe, expect, it } from 'vitest'
import { SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import { answerRules } from '../../../scenes/projectile/tasks/compute-quantity'
import type {
  CompareLaunchesTask, ComputeQuantityTask, DesignExperimentTask, HitTargetTask, PredictLandingTask, ProjectileTaskKind,
} from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1)
function all<T>(kind: ProjectileTaskKind, skill: string, level: number, seeds = SEEDS): T[] {
  return seeds.map((seed) => generateOfKind(kind, skill, level, createRng(seed)) as T)
}
const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort()

describe('compute-quantity tasks', () => {
  // The questions as the student reads them; `at` is the moment, e.g. '0.7 s'.
  const QUESTIONS: Record<string, (at: string) => string> = {
    vx0: () => 'What is the horizontal part of its launch velocity?',
    vy0: () => 'What is the vertical part of its launch velocity?',
    'speed-at-apex': () => 'How fast is it moving at the top of its path?',
    'vx-at': (at) => `What is its horizontal velocity ${at} after launch?`,
    'vy-at': (at) => `What is its vertical velocity ${at} after launch (upward positive)?`,
    'time-of-flight': () => 'How long is it in the air?',
    'time-to-apex': () => 'How long does it take to reach the top of its path?',
    range: () => 'How far from the launcher does it land?',
    'x-at': (at) => `How far has it moved horizontally ${at} after launch?`,
    'apex-height': () => 'How high above the ground is the top of its path?',
  }
  const LABELS: Record<string, string> = {
    vx0: 'horizontal part of the launch velocity', vy0: 'vertical part of the launch velocity', 'speed-at-apex': 'speed at the highest point',
    'vx-at': 'horizontal velocity', 'time-of-flight': 'time of flight', 'time-to-apex': 'time to reach the highest point', 'vy-at': 'vertical velocity',
    range: 'landing distance', 'x-at': 'horizontal distance travelled', 'apex-height': 'greatest height above the ground',
  }
  const UNITS: Record<string, { unit: string; accepted: string[]; absolute: number }> = {
    length: { unit: 'm', accepted: ['m', 'cm', 'km', 'mm'], absolute: 0.02 },
    time: { unit: 's', accepted: ['s', 'ms', 'min'], absolute: 0.01 },
    speed: { unit: 'm/s', accepted: ['m/s', 'km/h', 'cm/s'], absolute: 0.02 },
  }
  // Which quantities each skill asks about, from which level (the README's skill table).
  const OFFERED: Record<string, [string, number][]> = {
    [SKILL_COMPONENTS]: [['vx0', 1], ['vy0', 1], ['speed-at-apex', 2], ['vx-at', 3]],
    [SKILL_TIME_OF_FLIGHT]: [['time-of-flight', 1], ['time-to-apex', 1], ['vy-at', 3]],
    [SKILL_RANGE]: [['range', 1], ['x-at', 2], ['apex-height', 2], ['vx-at', 4]],
  }
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1)

  for (const [skill, offered] of Object.entries(OFFERED)) {
    it(`${skill}: the quantities asked at each level, worded, with their units`, () => {
      for (const level of [1, 2, 3, 4, 5]) {
        const tasks = all<ComputeQuantityTask>('compute-quantity', skill, level, seeds)
        expect(sorted(tasks.map((t) => t.quantity)), `level ${level}`).toEqual(sorted(offered.filter(([, from]) => from <= level).map(([q]) => q)))
        for (const task of tasks) {
          const timed = ['vx-at', 'vy-at', 'x-at'].includes(task.quantity)
          expect(task.at !== null, task.id).toBe(timed)
          expect(task.prompt.endsWith(` ${QUESTIONS[task.quantity]!(task.at === null ? '' : `${task.at} s`)} Answer with a unit.`), task.prompt).toBe(true)
          expect(task.prompt).toMatch(/^A ball is launched at [\d.]+ m\/s at \d+ degrees from /)
          expect(task.quantityLabel).toBe(LABELS[task.quantity])
          const units = UNITS[task.dimension]!
          expect(task.answer.unit).toBe(units.unit)
          expect(task.acceptedUnits).toEqual(units.accepted)
          expect(task.tolerance.absolute).toBe(units.absolute)
          // No air in compute tasks: the closed forms are the answers.
          expect(task.launch.drag.enabled).toBe(false)
          expect(task.platform === null || ['time-of-flight', 'range'].includes(task.quantity), task.id).toBe(true)
          if (task.platform) expect(level).toBeGreaterThanOrEqual(3)
          if (task.quantity === 'vy-at') expect(Math.abs(task.answer.value)).toBeGreaterThanOrEqual(1)
          const { speed, angleDeg, height, gravity } = task.launch
          expect(speed >= 2 && speed <= 35, task.id).toBe(true)
          // The moment asked about lies inside the flight: T = (vy + sqrt(vy^2 + 2 g h)) / g to the ground.
          const vy = speed * Math.sin((angleDeg * Math.PI) / 180)
          const landingHeight = task.platform ? task.platform.height : 0
          const flight = (vy + Math.sqrt(vy * vy + 2 * gravity * (height - landingHeight))) / gravity
          if (task.at !== null) expect(task.at > 0 && task.at < flight, task.id).toBe(true)
          if (task.quantity === 'range') expect(task.answer.value).toBeLessThanOrEqual(45)
        }
        // Landing questions go onto a platform about half the time once the level has platforms.
        const landing = tasks.filter((t) => t.quantity === 'time-of-flight' || t.quantity === 'range')
        expect(landing.some((t) => t.platform !== null), `${skill} level ${level}`).toBe(level >= 3 && skill !== SKILL_COMPONENTS)
      }
    })
  }

  it('how a typed answer is read: times and distances are never negative, a vertical velocity may be', () => {
    expect(answerRules({ quantity: 'range', dimension: 'length' })).toEqual({ quantity: 'distance', nonNegative: true })
    expect(answerRules({ quantity: 'time-of-flight', dimension: 'time' })).toEqual({ quantity: 'time', nonNegative: true })
    expect(answerRules({ quantity: 'vx0', dimension: 'speed' })).toEqual({ quantity: 'speed', nonNegative: true })
    expect(answerRules({ quantity: 'vy-at', dimension: 'speed' })).toEqual({ quantity: 'speed', nonNegative: false })
  })

  it('refuses a skill it does not serve', () => {
    expect(() => generateOfKind('compute-quantity', SKILL_PREDICT, 1, createRng(1))).toThrow(/compute-quantity tasks do not exercise skill/)
  })
})

describe('compare-launches tasks', () => {
  const QUESTION: Record<string, string> = {
    farther: 'Which one lands farther from the launcher?', 'lands-first': 'Which one hits the ground first?', higher: 'Which one goes higher?',
  }
  // Scenarios per skill and level: air only from level 4, launch heights from level 2 (levels.ts).
  const SCENARIOS: Record<string, Record<number, string[]>> = {
    [SKILL_GRAVITY_DRAG]: { 1: ['gravity', 'mass'], 2: ['gravity', 'mass'], 3: ['gravity', 'mass'], 4: ['drag', 'gravity', 'mass'], 5: ['drag', 'gravity', 'mass'] },
    [SKILL_ANGLE_RANGE]: { 1: ['complementary-angles', 'steeper-angle'], 2: ['complementary-angles', 'forty-five-vs-other'], 3: ['complementary-angles', 'forty-five-vs-other'], 4: ['complementary-angles', 'forty-five-vs-other'], 5: ['complementary-angles', 'forty-five-vs-other'] },
    [SKILL_TIME_OF_FLIGHT]: { 1: ['gravity', 'steeper-angle'], 2: ['drop-vs-horizontal', 'gravity', 'steeper-angle'], 3: ['drop-vs-horizontal', 'gravity', 'steeper-angle'], 4: ['drop-vs-horizontal', 'gravity', 'steeper-angle'], 5: ['drop-vs-horizontal', 'gravity', 'steeper-angle'] },
  }
  const QUESTIONS_BY_SCENARIO: Record<string, string[]> = {
    mass: ['farther', 'lands-first'], gravity: ['farther', 'higher', 'lands-first'], drag: ['farther', 'higher'], 'complementary-angles': ['farther'],
    'forty-five-vs-other': ['farther'], 'steeper-angle': ['higher', 'lands-first'], 'drop-vs-horizontal': ['lands-first'],
  }
  const label = (task: CompareLaunchesTask, side: 'A' | 'B'): string => {
    const launch = side === 'A' ? task.launchA : task.launchB
    const world = side === 'A' ? task.worldA : task.worldB
    switch (task.scenario) {
      case 'mass': return `a ${launch.mass} kg ball`
      case 'gravity': return `on ${world.name}`
      case 'drag': return launch.drag.enabled ? 'with air resistance' : 'in a vacuum'
      case 'drop-vs-horizontal': return launch.speed === 0 ? 'dropped' : `launched level at ${launch.speed} m/s`
      default: return `at ${launch.angleDeg} degrees`
    }
  }

  for (const [skill, byLevel] of Object.entries(SCENARIOS)) {
    it(`${skill}: the scenarios at each level, their questions, labels and the prompt's last lines`, () => {
      for (const level of [1, 2, 3, 4, 5]) {
        const tasks = all<CompareLaunchesTask>('compare-launches', skill, level, Array.from({ length: 30 }, (_, i) => i + 1))
        expect(sorted(tasks.map((t) => t.scenario)), `level ${level}`).toEqual(byLevel[level])
        for (const task of tasks) {
          expect(QUESTIONS_BY_SCENARIO[task.scenario], task.id).toContain(task.question)
          expect(task.labelA).toBe(label(task, 'A'))
          expect(task.labelB).toBe(label(task, 'B'))
          expect(task.prompt.endsWith(` Launch A is ${task.labelA}; launch B is ${task.labelB}. ${QUESTION[task.question]} Choose A, B or "the same".`), task.prompt).toBe(true)
          expect(task.worldA.gravity).toBe(task.launchA.gravity)
          expect(task.worldB.gravity).toBe(task.launchB.gravity)
          // The field is 45 m long; nothing asked about lands beyond 150 m.
          expect(Math.max(task.outcomes.A.range, task.outcomes.B.range)).toBeLessThanOrEqual(150)
          if (task.scenario === 'gravity' || task.scenario === 'drop-vs-horizontal') expect(task.launchA.drag.enabled || task.launchB.drag.enabled).toBe(false)
          if (task.scenario === 'drop-vs-horizontal') {
            expect(task.launchA.height).toBeGreaterThanOrEqual(1)
            expect([task.launchA.angleDeg, task.launchB.angleDeg]).toEqual([0, 0])
          }
          if (level <= 3) expect(task.launchA.drag.enabled || task.launchB.drag.enabled, task.id).toBe(task.scenario === 'drag')
          // A difference the student is asked to call is at least 2% of the larger outcome, so the launch shows it.
          const [x, y] = task.question === 'farther' ? [task.outcomes.A.range, task.outcomes.B.range] : task.question === 'higher' ? [task.outcomes.A.apexHeight, task.outcomes.B.apexHeight] : [task.outcomes.A.timeOfFlight, task.outcomes.B.timeOfFlight]
          const gap = Math.abs(x - y) / Math.max(x, y)
          expect(gap < 1e-6 || gap >= 0.02, task.id).toBe(true)
        }
      }
    })
  }

  it('each scenario tells its story with the launches\' own numbers', () => {
    const n = (x: number, digits: number): number => Number(x.toFixed(digits))
    for (const skill of Object.keys(SCENARIOS)) {
      for (const level of [1, 2, 4, 5]) {
        for (const task of all<CompareLaunchesTask>('compare-launches', skill, level, Array.from({ length: 12 }, (_, i) => i + 1))) {
          const { launchA: a, launchB: b } = task
          const low = Math.min(a.angleDeg, b.angleDeg)
          const high = Math.max(a.angleDeg, b.angleDeg)
          const story: Record<string, string> = {
            mass: `Two balls of the same size (${n(a.diameter * 100, 1)} cm across) but different mass are launched the same way: ${a.speed} m/s at ${a.angleDeg} degrees from `,
            gravity: `The same ball is launched the same way, ${a.speed} m/s at ${a.angleDeg} degrees from ${a.height > 0 ? `${a.height} m up` : 'the ground'} with no air resistance, once on `,
            drag: `The same ${a.mass} kg ball is launched at ${a.speed} m/s and ${a.angleDeg} degrees, once through air and once in a vacuum chamber.`,
            'complementary-angles': `Two launches at the same speed, ${a.speed} m/s, `,
            'forty-five-vs-other': `Two launches at the same speed, ${a.speed} m/s, `,
            'steeper-angle': `Two launches at the same speed, ${a.speed} m/s, `,
            'drop-vs-horizontal': `From ${a.height} m up on ${task.world.name}, with no air resistance, one ball is simply dropped while an identical ball is launched level at ${Math.max(a.speed, b.speed)} m/s at the same moment.`,
          }
          expect(task.prompt.startsWith(story[task.scenario]!), task.prompt).toBe(true)
          if (['complementary-angles', 'forty-five-vs-other', 'steeper-angle'].includes(task.scenario)) {
            const order = task.scenario === 'forty-five-vs-other' ? `one at 45 degrees, one at ${low} degrees.` : `one at ${low} degrees, one at ${high} degrees.`
            expect(task.prompt).toContain(`: ${order} Launch A`)
          }
          if (task.scenario === 'complementary-angles') expect(low + high).toBe(90)
          if (task.scenario === 'steeper-angle') expect(high - low >= 15 && high - low <= 35).toBe(true)
          if (task.scenario === 'gravity') expect(task.prompt).toMatch(new RegExp(`once on (${task.worldA.name} and once on ${task.worldB.name}|${task.worldB.name} and once on ${task.worldA.name})\\.`))
        }
      }
    }
  })

  it('45 degrees against the best whole angle below it, from at least 1.5 m up or through air: the other angle goes farther', () => {
    const tasks = [2, 3, 4, 5].flatMap((level) => all<CompareLaunchesTask>('compare-launches', SKILL_ANGLE_RANGE, level)).filter((t) => t.scenario === 'forty-five-vs-other')
    expect(tasks.length).toBeGreaterThan(5)
    for (const task of tasks) {
      const other = task.launchA.angleDeg === 45 ? 'B' : 'A'
      const angle = other === 'A' ? task.launchA.angleDeg : task.launchB.angleDeg
      expect(angle).toBeGreaterThanOrEqual(20)
      expect(angle).toBeLessThanOrEqual(44)
      expect(task.launchA.height).toBeGreaterThanOrEqual(1.5)
      expect(task.answer).toBe(other)
    }
  })

  it('refuses a skill it does not serve', () => {
    expect(() => generateOfKind('compare-launches', SKILL_RANGE, 1, createRng(1))).toThrow(/compare-launches tasks do not exercise skill/)
  })
})

describe('design-experiment tasks', () => {
  const NAMES: Record<string, string> = { speed: 'launch speed', angleDeg: 'launch angle', height: 'launch height', mass: 'mass', diameter: 'size', gravity: 'gravity' }
  const VARIABLES: Record<number, string[]> = {
    1: ['speed', 'angleDeg', 'mass'], 2: ['speed', 'angleDeg', 'height', 'mass'], 3: ['speed', 'angleDeg', 'height', 'mass'],
    4: ['speed', 'angleDeg', 'height', 'mass', 'gravity'], 5: ['speed', 'angleDeg', 'height', 'mass', 'diameter', 'gravity'],
  }

  for (const skill of [SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG]) {
    it(`${skill}: the variables to set, the prompt and the starting launch`, () => {
      for (const level of [1, 2, 3, 4, 5]) {
        for (const task of all<DesignExperimentTask>('design-experiment', skill, level)) {
          const settable = task.controls.map((c) => c.variable)
          // Level 1 lets all three be set; from level 2 one variable (never the tested one) is locked.
          expect(settable.length, task.id).toBe(level === 1 ? 3 : VARIABLES[level]!.length - 1)
          expect(VARIABLES[level]).toEqual(expect.arrayContaining(settable))
          expect(settable).toContain(task.testVariable)
          if (skill === SKILL_GRAVITY_DRAG) expect(['mass', 'gravity', 'diameter']).toContain(task.testVariable)
          if (task.testVariable === 'diameter') expect(task.drag.enabled).toBe(true)
          const air = task.drag.enabled ? ' with air resistance on' : ' with no air resistance'
          const ask = skill === SKILL_GRAVITY_DRAG ? ` Then say which launch ${task.outcome === 'range' ? 'lands farther' : 'stays in the air longer'}: A, B or the same.` : ''
          expect(task.prompt).toBe(`Hypothesis: "${task.hypothesis}" Set up launch A and launch B (${settable.map((v) => NAMES[v]).join(', ')}) to test it fairly${air}.${ask}`)
          expect(task.asksPrediction).toBe(skill === SKILL_GRAVITY_DRAG)
          const { start } = task
          expect(start.speed).toBeGreaterThanOrEqual(4)
          expect(start.speed).toBeLessThanOrEqual(10)
          expect(start.speed * 2).toBe(Math.round(start.speed * 2))
          expect(Number.isInteger(start.angleDeg) && start.angleDeg >= 25 && start.angleDeg <= 60).toBe(true)
          if (level === 1) expect(start.height).toBe(0)
          else expect(start.height >= 0.5 && start.height <= 2).toBe(true)
          expect([9.81, 3.71, 1.62]).toContain(start.gravity)
          expect(task.world.gravity).toBe(start.gravity)
          expect(task.reference.launchA).toEqual(start)
        }
      }
    })
  }

  it('hypotheses about mass are about landing farther or falling faster', () => {
    const mass = [1, 2, 3].flatMap((level) => all<DesignExperimentTask>('design-experiment', SKILL_GRAVITY_DRAG, level)).filter((t) => t.testVariable === 'mass')
    expect(sorted(mass.map((t) => `${t.outcome}: ${t.hypothesis}`))).toEqual([
      'range: A heavier ball lands farther away.',
      'timeOfFlight: A heavier ball falls faster, so it spends less time in the air.',
    ])
  })

  it('refuses a skill it does not serve', () => {
    expect(() => generateOfKind('design-experiment', SKILL_RANGE, 1, createRng(1))).toThrow(/design-experiment tasks do not exercise skill/)
  })
})

describe('hit-target and predict-landing tasks', () => {
  const RADIUS: Record<number, number> = { 1: 0.8, 2: 0.65, 3: 0.55, 4: 0.45, 5: 0.4 }

  it('targets: on the ground at levels 1 and 2, a platform from level 3, rolling or raised (never still on the ground) from level 4', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      const tasks = all<HitTargetTask>('hit-target', SKILL_PREDICT, level)
      const layouts = sorted(tasks.map((t) => (t.target.velocity !== 0 ? 'moving' : t.target.onPlatform ? 'platform' : 'ground')))
      expect(layouts, `level ${level}`).toEqual(level <= 2 ? ['ground'] : level === 3 ? ['ground', 'platform'] : ['moving', 'platform'])
      for (const task of tasks) {
        expect(task.target.radius).toBe(RADIUS[level])
        expect(task.platform !== null).toBe(task.target.onPlatform)
        if (task.target.velocity !== 0) {
          const speed = Math.abs(task.target.velocity)
          expect(speed >= 1 && speed <= 3 && Math.abs(speed * 10 - Math.round(speed * 10)) < 1e-9, task.id).toBe(true)
          expect(task.target.x >= 5 && task.target.x <= 45).toBe(true)
          expect(task.prompt).toContain(`rolls ${task.target.velocity > 0 ? 'away from you' : 'toward you'} at ${speed} m/s as soon as you launch`)
        } else if (task.target.onPlatform) {
          expect(task.prompt).toContain(`the target on the platform, ${Number(task.target.x.toFixed(1))} m away and ${Number(task.target.y.toFixed(1))} m up`)
        } else {
          expect(task.prompt).toContain(`the target on the ground ${Number(task.target.x.toFixed(1))} m away`)
        }
      }
    }
  })

  it('sliders: both free at level 1, one from level 2; the angle alone for angle-range; starting away from the answer', () => {
    for (const level of [1, 2, 4]) {
      for (const skill of [SKILL_PREDICT, SKILL_ANGLE_RANGE]) {
        for (const task of all<HitTargetTask>('hit-target', skill, level)) {
          const controlled = task.controls.map((c) => c.variable)
          if (skill === SKILL_ANGLE_RANGE) expect(controlled).toEqual(['angleDeg'])
          else if (level === 1) expect(controlled).toEqual(['angleDeg', 'speed'])
          else expect(controlled.length).toBe(1)
          const setWhat = controlled.length === 2 ? 'the angle and the speed'
            : controlled[0] === 'angleDeg' ? `the angle (the speed is fixed at ${Number(task.reference.speed.toFixed(1))} m/s)` : `the speed (the angle is fixed at ${task.reference.angleDeg} degrees)`
          expect(task.prompt.startsWith(`Set ${setWhat} to hit `), task.prompt).toBe(true)
          if (controlled.includes('angleDeg')) {
            expect([20, 30, 60, 70]).toContain(task.launch.angleDeg)
            expect(Math.abs(task.launch.angleDeg - task.reference.angleDeg)).toBeGreaterThanOrEqual(8)
          } else expect(task.launch.angleDeg).toBe(task.reference.angleDeg)
          if (controlled.includes('speed')) {
            const ratio = task.launch.speed / task.reference.speed
            expect([0.6, 0.7, 1.3].some((r) => Math.abs(ratio - r) < 0.06) || task.launch.speed === 1 || task.launch.speed === 35, task.id).toBe(true)
          } else expect(task.launch.speed).toBe(task.reference.speed)
        }
      }
    }
  })

  it('predict: the marker slider, where it must land, and a level launch only from a height', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      for (const task of all<PredictLandingTask>('predict-landing', SKILL_PREDICT, level)) {
        expect(task.marker).toEqual({ min: 0, max: 50, step: 0.05 })
        expect(task.prompt).toContain(`Put the marker where it will land ${task.platform ? 'on the platform' : 'on the ground'}, then launch to check.`)
        expect(task.answer.surface).toBe(task.platform ? 'platform-top' : 'ground')
        if (task.launch.angleDeg === 0) expect(task.launch.height).toBeGreaterThan(0)
        if (task.platform) expect(level).toBeGreaterThanOrEqual(3)
        if (level === 5) expect(task.launch.drag.enabled).toBe(true)
        if (level <= 3) expect(task.launch.drag.enabled).toBe(false)
        expect(task.answer.x >= 3 && task.answer.x <= 45).toBe(true)
      }
    }
  })
})
