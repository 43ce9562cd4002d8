import type { Rng, SkillId } from '../../../src/core'
import { rulesFor, type LevelRules } from '../levels'
import { makeLaunch, NO_DRAG, type LaunchParams } from '../model'
import { SKILL_ANGLE_RANGE, SKILL_GRAVITY_DRAG, SKILL_TIME_OF_FLIGHT } from '../skills'
import { airFor, BALLS, describeConditions, fmt, land, launchHeightFor, pickWorld, retry, roundTo, startTask } from './common'
import type { CompareChoice, CompareLaunchesTask, CompareQuestion, CompareScenario, LaunchOutcome, World } from './types'

/** Outcomes closer than this (relative) count as the same: they differ only by rounding. */
const SAME = 1e-6
/** A difference the student is asked to call must be at least this big (relative), so the launch shows it. */
const VISIBLE = 0.02

function scenariosFor(skill: SkillId, level: number, rules: LevelRules): CompareScenario[] {
  const raised = rules.launchHeight.max > 0
  switch (skill) {
    case SKILL_GRAVITY_DRAG:
      return rules.dragChance > 0 ? ['mass', 'gravity', 'drag'] : ['mass', 'gravity']
    case SKILL_ANGLE_RANGE:
      return raised || rules.dragChance > 0 ? ['complementary-angles', 'forty-five-vs-other'] : ['complementary-angles', 'steeper-angle']
    case SKILL_TIME_OF_FLIGHT:
      return level >= 2 ? ['drop-vs-horizontal', 'steeper-angle', 'gravity'] : ['steeper-angle', 'gravity']
    default:
      throw new Error(`projectile: compare tasks do not exercise skill '${skill}'`)
  }
}

export const COMPARE_SKILLS: readonly SkillId[] = [SKILL_GRAVITY_DRAG, SKILL_ANGLE_RANGE, SKILL_TIME_OF_FLIGHT]

const QUESTION_TEXT: Readonly<Record<CompareQuestion, string>> = {
  farther: 'Which one lands farther from the launcher?',
  'lands-first': 'Which one hits the ground first?',
  higher: 'Which one goes higher?',
}

export function outcomeOf(params: LaunchParams): LaunchOutcome {
  const result = land(params, null)
  return { range: result.range, timeOfFlight: result.timeOfFlight, apexHeight: result.apexHeight }
}

/** 'A', 'B' or 'same' for a question, and whether a difference is big enough to ask about. */
export function judge(question: CompareQuestion, a: LaunchOutcome, b: LaunchOutcome): { answer: CompareChoice; visible: boolean } {
  const [x, y, biggerWins] = question === 'farther' ? [a.range, b.range, true] : question === 'higher' ? [a.apexHeight, b.apexHeight, true] : [a.timeOfFlight, b.timeOfFlight, false]
  const scale = Math.max(Math.abs(x), Math.abs(y), 1e-9)
  const gap = Math.abs(x - y) / scale
  if (gap < SAME) return { answer: 'same', visible: true }
  const aWins = biggerWins ? x > y : x < y
  return { answer: aWins ? 'A' : 'B', visible: gap >= VISIBLE }
}

interface Pair {
  question: CompareQuestion
  first: LaunchParams
  second: LaunchParams
  firstLabel: string
  secondLabel: string
  firstWorld: World
  secondWorld: World
  story: string
}

function buildPair(scenario: CompareScenario, rules: LevelRules, own: Rng): Pair | null {
  // Drop-versus-throw and the gravity comparison are clean only in a vacuum; the drag comparison needs air.
  const dragOn = scenario === 'drag' || (scenario !== 'gravity' && scenario !== 'drop-vs-horizontal' && own.chance(rules.dragChance))
  const world = pickWorld(rules, own, dragOn)
  const ball = own.pick(BALLS)
  const height = launchHeightFor(rules, own)
  const speed = roundTo(own.range(6, 14) * Math.sqrt(world.gravity / 9.81), 0.5) || 1
  const angleDeg = own.int(20, 65)
  const common = makeLaunch({ speed, angleDeg, height, mass: ball.mass, diameter: ball.diameter, gravity: world.gravity, drag: airFor(world, dragOn) })
  const same = (p: Partial<LaunchParams>): LaunchParams => ({ ...common, ...p, drag: { ...common.drag, ...p.drag } })
  const pair = (question: CompareQuestion, first: LaunchParams, second: LaunchParams, firstLabel: string, secondLabel: string, story: string): Pair =>
    ({ question, first, second, firstLabel, secondLabel, firstWorld: world, secondWorld: world, story })
  switch (scenario) {
    case 'mass': {
      const light = roundTo(own.range(0.1, 0.4), 0.05)
      const heavy = roundTo(light * own.pick([4, 5, 10]), 0.05)
      return pair(own.pick(['farther', 'lands-first'] as const), same({ mass: light }), same({ mass: heavy }), `a ${fmt(light)} kg ball`, `a ${fmt(heavy)} kg ball`,
        `Two balls of the same size (${fmt(common.diameter * 100, 1)} cm across) but different mass are launched the same way: ${fmt(speed, 1)} m/s at ${angleDeg} degrees ${describeConditions(common, world)}.`)
    }
    case 'gravity': {
      const others = rules.gravities.filter((g) => g !== world.preset)
      const other = pickWorld({ ...rules, gravities: others.length > 0 ? others : ['moon'] }, own, false)
      const noAir = same({ drag: { ...NO_DRAG } })
      const p: Pair = pair(own.pick(['farther', 'lands-first', 'higher'] as const), noAir, { ...noAir, gravity: other.gravity }, `on ${world.name}`, `on ${other.name}`,
        `The same ball is launched the same way, ${fmt(speed, 1)} m/s at ${angleDeg} degrees from ${height > 0 ? `${fmt(height)} m up` : 'the ground'} with no air resistance, once on ${world.name} and once on ${other.name}.`)
      p.secondWorld = other
      return p
    }
    case 'drag': {
      return pair(own.pick(['farther', 'higher'] as const), common, same({ drag: { ...NO_DRAG } }), 'with air resistance', 'in a vacuum',
        `The same ${fmt(ball.mass, 3)} kg ball is launched at ${fmt(speed, 1)} m/s and ${angleDeg} degrees, once through air and once in a vacuum chamber.`)
    }
    case 'complementary-angles': {
      const low = own.int(15, 40)
      return pair('farther', same({ angleDeg: low }), same({ angleDeg: 90 - low }), `at ${low} degrees`, `at ${90 - low} degrees`,
        `Two launches at the same speed, ${fmt(speed, 1)} m/s, ${describeConditions(common, world)}: one at ${low} degrees, one at ${90 - low} degrees.`)
    }
    case 'forty-five-vs-other': {
      // Set up where 45 degrees is clearly not best: a launch from well above the landing
      // (slow enough that the height matters) or through air, against the best whole angle.
      const raisedLaunch = same({ height: Math.max(height, 1.5), speed: roundTo(own.range(4, 8) * Math.sqrt(world.gravity / 9.81), 0.5) })
      const rangeAt = (angle: number): number => land({ ...raisedLaunch, angleDeg: angle }, null).range
      let best = 30
      for (let angle = 20; angle <= 44; angle++) if (rangeAt(angle) > rangeAt(best)) best = angle
      const fortyFive = { ...raisedLaunch, angleDeg: 45 }
      return pair('farther', fortyFive, { ...raisedLaunch, angleDeg: best }, 'at 45 degrees', `at ${best} degrees`,
        `Two launches at the same speed, ${fmt(raisedLaunch.speed, 1)} m/s, ${describeConditions(raisedLaunch, world)}: one at 45 degrees, one at ${best} degrees.`)
    }
    case 'steeper-angle': {
      const low = own.int(15, 40)
      const high = low + own.int(15, 35)
      return pair(own.pick(['lands-first', 'higher'] as const), same({ angleDeg: low }), same({ angleDeg: high }), `at ${low} degrees`, `at ${high} degrees`,
        `Two launches at the same speed, ${fmt(speed, 1)} m/s, ${describeConditions(common, world)}: one at ${low} degrees, one at ${high} degrees.`)
    }
    case 'drop-vs-horizontal': {
      const dropHeight = Math.max(1, height)
      const noAir = same({ height: dropHeight, drag: { ...NO_DRAG }, angleDeg: 0 })
      return pair('lands-first', { ...noAir, speed: 0 }, noAir, 'dropped', `launched level at ${fmt(speed, 1)} m/s`,
        `From ${fmt(dropHeight)} m up on ${world.name}, with no air resistance, one ball is simply dropped while an identical ball is launched level at ${fmt(speed, 1)} m/s at the same moment.`)
    }
    case 'speed':
      return null
  }
}

export function generateCompareLaunches(skill: SkillId, level: number, rng: Rng): CompareLaunchesTask {
  const rules = rulesFor(level)
  const scenarios = scenariosFor(skill, level, rules)
  const { base, own } = startTask('compare-launches', skill, level, rules, rng)
  const scenario = own.pick(scenarios)
  return retry('compare-launches', () => {
    const built = buildPair(scenario, rules, own)
    if (!built) return null
    // Either launch may be A, so 'A' is not a safe guess.
    const swap = own.chance(0.5)
    const launchA = swap ? built.second : built.first
    const launchB = swap ? built.first : built.second
    const outcomes = { A: outcomeOf(launchA), B: outcomeOf(launchB) }
    if (Math.max(outcomes.A.range, outcomes.B.range) > 150) return null
    const { answer, visible } = judge(built.question, outcomes.A, outcomes.B)
    if (!visible) return null
    const labelA = swap ? built.secondLabel : built.firstLabel
    const labelB = swap ? built.firstLabel : built.secondLabel
    return {
      ...base,
      kind: 'compare-launches',
      prompt: `${built.story} Launch A is ${labelA}; launch B is ${labelB}. ${QUESTION_TEXT[built.question]} Choose A, B or "the same".`,
      world: built.firstWorld,
      question: built.question,
      scenario,
      launchA,
      launchB,
      labelA,
      labelB,
      worldA: swap ? built.secondWorld : built.firstWorld,
      worldB: swap ? built.firstWorld : built.secondWorld,
      answer,
      outcomes,
    } satisfies CompareLaunchesTask
  })
}
