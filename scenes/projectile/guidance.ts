/**
 * Words for the student and the screen reader: hints (general to specific, stopping before the
 * answer), the worked step (the method on a parallel example with other numbers) and formula
 * card scaffolds, the solution (only on request, which ends the task), the live description and
 * the short form of an answer for the teacher.
 */
import { createRng, firstAvoiding, numbersIn, type Rng } from '../../src/core'
import { compareHint, compareReason, computeMethod, OUTCOME_WORDS } from './methods'
import { hintCount } from './scaffolds'
import { DEG, GRAVITY_PRESETS, makeLaunch, NO_DRAG, type LaunchParams } from './model'
import { fmt, land, roundTo } from './tasks/common'
import { VARIABLE_NAMES } from './tasks/design-experiment'
import type { CompareScenario, ProjectileAttempt, ProjectileTask, QuantityId } from './tasks/types'

const parts = (p: LaunchParams): { vx: number; vy: number } => ({ vx: p.speed * Math.cos(p.angleDeg * DEG), vy: p.speed * Math.sin(p.angleDeg * DEG) })

// ------------------------------------------------------------------ what help must not show

/** The task's answer as numbers: what a hint or worked example must never show. */
export function answerNumbers(task: ProjectileTask): number[] {
  switch (task.kind) {
    case 'hit-target': return task.controls.map((c) => task.reference[c.variable])
    case 'predict-landing': return [task.answer.x]
    case 'compute-quantity': return [task.answer.value]
    case 'compare-launches': return [task.outcomes.A.range, task.outcomes.B.range, task.outcomes.A.timeOfFlight, task.outcomes.B.timeOfFlight, task.outcomes.A.apexHeight, task.outcomes.B.apexHeight]
    case 'design-experiment': return [task.reference.launchB[task.testVariable]]
  }
}

/** Gravities the task is set in: a worked example on the same world shares them. */
function gravities(task: ProjectileTask): number[] {
  return task.kind === 'compare-launches' ? [task.worldA.gravity, task.worldB.gravity] : [task.world.gravity]
}

/** What a parallel example must avoid: the answer, and every number the task gives but g. */
function avoidFor(task: ProjectileTask): number[] {
  const g = gravities(task)
  const given = numbersIn(task.prompt).map((n) => n.value).filter((v) => !g.some((x) => Math.abs(x - v) < 1e-9))
  return [...answerNumbers(task), ...given]
}

/** Nice example values, in an order drawn from the task's seed, skipping the task's own. */
function choices(values: readonly number[], rng: Rng, not: readonly number[]): number[] {
  const pool = values.filter((v) => !not.some((n) => Math.abs(n - v) < 1e-9))
  const out: number[] = []
  while (pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!)
  return out
}

const f = (x: number): string => fmt(x, 2)

// ------------------------------------------------------------------ worked calculations

/** A no-air launch to work through: from `height` up, landing at `landing` (0 for the ground). */
interface Worked { speed: number; angleDeg: number; height: number; landing: number; gravity: number; at: number | null }

function flightTime(w: Worked): number {
  const vy = w.speed * Math.sin(w.angleDeg * DEG)
  return (vy + Math.sqrt(vy * vy + 2 * w.gravity * (w.height - w.landing))) / w.gravity
}

function launchWords(w: Worked): string {
  const from = w.height > 0 ? ` from ${f(w.height)} m up` : ''
  const onto = w.landing > 0 ? `, landing on a platform ${f(w.landing)} m high` : ''
  return `${f(w.speed)} m/s at ${f(w.angleDeg)} degrees${from}${onto}, g = ${f(w.gravity)} m/s^2`
}

function timeWorking(w: Worked): string {
  const vy = w.speed * Math.sin(w.angleDeg * DEG)
  const t = flightTime(w)
  if (w.height === 0 && w.landing === 0) return `Vertical part ${f(w.speed)} x sin ${f(w.angleDeg)} = ${f(vy)} m/s: up for ${f(vy)} / ${f(w.gravity)} = ${f(vy / w.gravity)} s and as long down, ${f(t)} s in all.`
  const drop = w.height - w.landing
  return `Vertical part ${f(w.speed)} x sin ${f(w.angleDeg)} = ${f(vy)} m/s. Solve ${f(w.height)} + ${f(vy)} t - (1/2) x ${f(w.gravity)} x t^2 = ${f(w.landing)}; the later root is t = (${f(vy)} + sqrt(${f(vy)}^2 + 2 x ${f(w.gravity)} x ${drop < 0 ? `(${f(drop)})` : f(drop)})) / ${f(w.gravity)} = ${f(t)} s.`
}

/** The whole calculation of a quantity for a launch, step by step. */
export function quantityWorking(quantity: QuantityId, w: Worked): string {
  const { vx, vy } = parts({ speed: w.speed, angleDeg: w.angleDeg } as LaunchParams)
  const at = w.at ?? 0
  const xPart = `${f(w.speed)} x cos ${f(w.angleDeg)} = ${f(vx)} m/s`
  switch (quantity) {
    case 'vx0': return `Horizontal part = ${xPart}.`
    case 'vy0': return `Vertical part = ${f(w.speed)} x sin ${f(w.angleDeg)} = ${f(vy)} m/s.`
    case 'speed-at-apex': return `At the top the vertical part is 0, so the speed there is the horizontal part: ${xPart}.`
    case 'vx-at': return `With no air the horizontal velocity never changes, so ${f(at)} s after launch it is still ${xPart}.`
    case 'vy-at': {
      const v = vy - w.gravity * at
      return `vy = ${f(w.speed)} x sin ${f(w.angleDeg)} - ${f(w.gravity)} x ${f(at)} = ${f(vy)} - ${f(w.gravity * at)} = ${v < 0 ? '-' : ''}${f(Math.abs(v))} m/s${v < 0 ? ' (negative: on the way down)' : ''}.`
    }
    case 'time-to-apex': return `Vertical part ${f(w.speed)} x sin ${f(w.angleDeg)} = ${f(vy)} m/s; it drops to 0 after ${f(vy)} / ${f(w.gravity)} = ${f(vy / w.gravity)} s.`
    case 'time-of-flight': return timeWorking(w)
    case 'range': return `${timeWorking(w)} Horizontal part ${xPart}, so it lands ${f(vx)} x ${f(flightTime(w))} = ${f(vx * flightTime(w))} m away.`
    case 'x-at': return `Horizontal part ${xPart}; after ${f(at)} s, x = ${f(vx)} x ${f(at)} = ${f(vx * at)} m.`
    case 'apex-height': {
      const rise = (vy * vy) / (2 * w.gravity)
      return `Vertical part ${f(w.speed)} x sin ${f(w.angleDeg)} = ${f(vy)} m/s; it rises ${f(vy)}^2 / (2 x ${f(w.gravity)}) = ${f(rise)} m${w.height > 0 ? `, plus the ${f(w.height)} m launch height: ${f(w.height + rise)} m` : ''}.`
    }
  }
}

const EXAMPLE_SPEEDS = [6, 8, 9, 11, 12, 14, 15, 16, 18, 21, 24] as const
const EXAMPLE_ANGLES = [20, 25, 35, 40, 50, 55, 65] as const
const EXAMPLE_HEIGHTS = [0.8, 1.5, 2.5, 3, 4] as const
const EXAMPLE_PLATFORMS = [0.6, 1.2, 1.5, 2.5] as const

/** A launch like the task's (same kind of start and landing, same world) with other numbers. */
function parallelLaunch(task: ProjectileTask & { launch: LaunchParams }, rng: Rng, attempt: number): Worked | null {
  const p = task.launch
  const speeds = choices(EXAMPLE_SPEEDS, rng, [p.speed])
  const angles = p.angleDeg === 0 ? [0] : choices(EXAMPLE_ANGLES, rng, [p.angleDeg])
  const heights = p.height > 0 ? choices(EXAMPLE_HEIGHTS, rng, [p.height]) : [0]
  const platform = 'platform' in task ? task.platform : null
  const landings = platform ? choices(EXAMPLE_PLATFORMS, rng, [platform.height]) : [0]
  const w: Worked = {
    speed: speeds[attempt % speeds.length]!,
    angleDeg: angles[attempt % angles.length]!,
    height: heights[attempt % heights.length]!,
    landing: landings[attempt % landings.length]!,
    gravity: p.gravity,
    at: null,
  }
  const vy = w.speed * Math.sin(w.angleDeg * DEG)
  // A platform the example would never reach up to is no example.
  if (w.landing > 0 && w.height + (vy * vy) / (2 * w.gravity) < w.landing + 0.5) return null
  if (task.kind === 'compute-quantity' && task.at !== null) w.at = Number((flightTime(w) * [0.3, 0.6, 0.8][attempt % 3]!).toFixed(1))
  if (w.at !== null && !(w.at > 0)) return null
  return w
}

function exampleRng(task: ProjectileTask): Rng {
  return createRng(task.seed ^ 0x5eed)
}

function computeExample(task: Extract<ProjectileTask, { kind: 'compute-quantity' }>): string {
  const rng = exampleRng(task)
  return firstAvoiding((attempt) => {
    const w = parallelLaunch(task, rng, attempt)
    return w ? `For example, ${launchWords(w)}${w.at !== null ? `, ${f(w.at)} s after launch` : ''}. ${quantityWorking(task.quantity, w)}` : null
  }, avoidFor(task))
}

function predictExample(task: Extract<ProjectileTask, { kind: 'predict-landing' }>): string {
  const rng = exampleRng(task)
  const air = task.launch.drag.enabled ? ' With air resistance the same launch lands shorter than this.' : ''
  return firstAvoiding((attempt) => {
    const w = parallelLaunch(task, rng, attempt)
    return w ? `For example, ${launchWords(w)}. ${quantityWorking('range', w)}${air}` : null
  }, avoidFor(task))
}

/** The launch speed that brings a no-air ball to height `landing` at distance `distance`. */
function speedToReach(w: Worked, distance: number): number | null {
  const c = Math.cos(w.angleDeg * DEG)
  const lift = w.height + distance * Math.tan(w.angleDeg * DEG) - w.landing
  return lift > 0 ? (distance / c) * Math.sqrt(w.gravity / (2 * lift)) : null
}

const EXAMPLE_DISTANCES = [9, 12, 14, 16, 18, 22, 26, 30] as const

function hitExample(task: Extract<ProjectileTask, { kind: 'hit-target' }>): string {
  const rng = exampleRng(task)
  const setsSpeed = task.controls.some((c) => c.variable === 'speed')
  const distances = choices(EXAMPLE_DISTANCES, rng, [roundTo(task.target.x, 1)])
  const rolls = choices([0.8, 1.2, 1.5, 2.5, 3.5], rng, [Math.abs(task.target.velocity)])
  const air = task.launch.drag.enabled ? ' With air resistance, launch a little harder than that.' : ''
  const launch = { ...task.launch, angleDeg: task.reference.angleDeg, speed: task.reference.speed }
  return firstAvoiding((attempt) => {
    const w = parallelLaunch({ ...task, launch }, rng, attempt)
    if (!w) return null
    const distance = distances[attempt % distances.length]!
    const where = `${f(distance)} m away${w.landing > 0 ? ` on a platform ${f(w.landing)} m high` : ''}${w.height > 0 ? ` from a launcher ${f(w.height)} m up` : ''}`
    let method: string
    if (setsSpeed) {
      const v = speedToReach(w, distance)
      if (v === null || v > 35) return null
      const level = w.height === 0 && w.landing === 0
      method = level
        ? `To land ${where} at ${f(w.angleDeg)} degrees on level ground: range = v^2 sin(2 x angle) / g, so v = sqrt(${f(distance)} x ${f(w.gravity)} / sin ${f(2 * w.angleDeg)}) = ${f(v)} m/s.`
        : `To land ${where} at ${f(w.angleDeg)} degrees: the ball must be at height ${f(w.landing)} m when x = ${f(distance)} m, so v = ${f(distance)} / cos ${f(w.angleDeg)} x sqrt(${f(w.gravity)} / (2 x (${f(w.height)} + ${f(distance)} x tan ${f(w.angleDeg)} - ${f(w.landing)}))) = ${f(v)} m/s.`
    } else {
      // The angle alone: bracket the target between two trial angles.
      const lo = w.angleDeg < 45 ? w.angleDeg - 10 : w.angleDeg
      const hi = lo + 10
      const reach = (angleDeg: number): number => land(makeLaunch({ speed: w.speed, angleDeg, height: w.height, gravity: w.gravity }), null, w.landing).range
      const [r1, r2] = [reach(lo), reach(hi)]
      if (!(Math.abs(r2 - r1) > 0.3)) return null
      const mid = (r1 + r2) / 2
      method = `At ${f(w.speed)} m/s${w.height > 0 ? ` from ${f(w.height)} m up` : ''}, ${f(lo)} degrees ${w.landing > 0 ? `comes down to the ${f(w.landing)} m platform height` : 'lands'} at ${f(r1)} m and ${f(hi)} degrees at ${f(r2)} m; a target at ${f(mid)} m lies between, so the angle to try lies between ${f(lo)} and ${f(hi)} degrees. Launch, see where it lands, and narrow it down.`
    }
    const roll = rolls[attempt % rolls.length]!
    const moving = task.target.velocity !== 0
      ? (() => {
          const t = flightTime({ ...w, speed: setsSpeed ? speedToReach(w, distance) ?? w.speed : w.speed })
          return ` A target rolling at ${f(roll)} m/s moves ${f(roll)} x ${f(t)} = ${f(roll * t)} m during that ${f(t)} s flight, so aim that far along from where it starts.`
        })()
      : ''
    return `For example, ${method.charAt(0).toLowerCase()}${method.slice(1)}${moving}${air}`
  }, avoidFor(task))
}

/**
 * The comparison a worked example makes: another difference than the task's, so the example
 * shows how to compare two launches (split, work out, compare) without settling the task's own
 * question, whose answer is a rule (mass makes no difference without air) that a parallel
 * example of the same kind would state.
 */
const EXAMPLE_COMPARISON: Readonly<Record<CompareScenario, 'angles' | 'speeds' | 'gravities' | 'heights'>> = {
  mass: 'angles',
  gravity: 'angles',
  drag: 'speeds',
  'complementary-angles': 'speeds',
  'forty-five-vs-other': 'speeds',
  'steeper-angle': 'gravities',
  'drop-vs-horizontal': 'heights',
  speed: 'angles',
}

/** Two example launches differing in another way than the task's, worked through and flown. */
function compareExample(task: Extract<ProjectileTask, { kind: 'compare-launches' }>): string {
  const rng = exampleRng(task)
  const base = { ...task.launchA, drag: { ...NO_DRAG } }
  const speeds = choices(EXAMPLE_SPEEDS.filter((s) => s <= 16), rng, [task.launchA.speed, task.launchB.speed])
  const angles = choices(EXAMPLE_ANGLES, rng, [task.launchA.angleDeg, task.launchB.angleDeg])
  const heights = choices(EXAMPLE_HEIGHTS, rng, [task.launchA.height, task.launchB.height])
  const kind = EXAMPLE_COMPARISON[task.scenario]
  return firstAvoiding((attempt) => {
    const pick = <T,>(list: readonly T[], k = 0): T => list[(attempt + k) % list.length]!
    const common = { ...base, speed: pick(speeds), angleDeg: pick(angles), height: base.height > 0 ? pick(heights) : 0 }
    let first: LaunchParams
    let second: LaunchParams
    let words: [string, string]
    let same: string
    switch (kind) {
      case 'angles': {
        const [a, b] = [pick(angles), pick(angles, 1)].sort((x, y) => x - y) as [number, number]
        first = { ...common, angleDeg: a }
        second = { ...common, angleDeg: b }
        words = [`${f(a)} degrees`, `${f(b)} degrees`]
        same = `${f(common.speed)} m/s${common.height > 0 ? ` from ${f(common.height)} m up` : ''}`
        break
      }
      case 'speeds': {
        const [a, b] = [pick(speeds), pick(speeds, 1)].sort((x, y) => x - y) as [number, number]
        first = { ...common, speed: a }
        second = { ...common, speed: b }
        words = [`${f(a)} m/s`, `${f(b)} m/s`]
        same = `${f(common.angleDeg)} degrees${common.height > 0 ? ` from ${f(common.height)} m up` : ''}`
        break
      }
      case 'gravities': {
        const worlds = [GRAVITY_PRESETS.earth, GRAVITY_PRESETS.mars, GRAVITY_PRESETS.moon]
        const [a, b] = [worlds[attempt % 3]!, worlds[(attempt + 1) % 3]!]
        first = { ...common, gravity: a }
        second = { ...common, gravity: b }
        words = [`g = ${f(a)} m/s^2`, `g = ${f(b)} m/s^2`]
        same = `${f(common.speed)} m/s at ${f(common.angleDeg)} degrees`
        break
      }
      case 'heights': {
        const [a, b] = [pick(heights), pick(heights, 1)].sort((x, y) => x - y) as [number, number]
        first = { ...common, height: a, angleDeg: 0, speed: 0 }
        second = { ...common, height: b, angleDeg: 0, speed: 0 }
        words = [`dropped from ${f(a)} m`, `dropped from ${f(b)} m`]
        same = 'no launch speed'
        break
      }
    }
    const told = (p: LaunchParams, name: string): string => {
      const { vx, vy } = parts(p)
      const o = land(p, null)
      return `${name} (${p.speed === 0 ? 'no launch speed' : `vx = ${f(vx)} m/s, vy = ${f(vy)} m/s`}) comes down at ${f(o.range)} m after ${f(o.timeOfFlight)} s, ${f(o.apexHeight)} m at the top`
    }
    return `For example, two launches with ${same}, no air: ${words[0]} against ${words[1]}. Split each launch, then work out (or fly) what is asked: ${told(first, 'the first')}; ${told(second, 'the second')}.`
  }, avoidFor(task))
}

const EXPERIMENT_UNITS = { speed: 'm/s', angleDeg: 'degrees', height: 'm', mass: 'kg', diameter: 'm', gravity: 'm/s^2' } as const

const EXAMPLE_DESIGN: Readonly<Record<'speed' | 'angleDeg' | 'height', { values: [number, number]; same: string }>> = {
  speed: { values: [5, 9], same: 'the same angle, height and ball' },
  angleDeg: { values: [30, 50], same: 'the same speed, height and ball' },
  height: { values: [0.5, 1.5], same: 'the same speed, angle and ball' },
}

function designExample(task: Extract<ProjectileTask, { kind: 'design-experiment' }>): string {
  const variable = (['angleDeg', 'speed', 'height'] as const).find((v) => v !== task.testVariable)!
  const { values, same } = EXAMPLE_DESIGN[variable]
  const unit = variable === 'angleDeg' ? 'degrees' : variable === 'speed' ? 'm/s' : 'm'
  return `For example, to test whether the ${VARIABLE_NAMES[variable]} changes how far a ball goes: give launch A and launch B ${same}, and only a different ${VARIABLE_NAMES[variable]}, ${f(values[0])} ${unit} against ${f(values[1])} ${unit}. Anything else that differs would spoil the comparison.`
}

// ------------------------------------------------------------------ hints

function allHints(task: ProjectileTask): string[] {
  switch (task.kind) {
    case 'hit-target': {
      const specific = task.target.velocity !== 0
        ? 'The target keeps moving while the ball flies: work out the flight time, then where the target will be by then, and aim there.'
        : task.target.onPlatform
          ? `The ball must come down to ${fmt(task.target.y, 1)} m, the top of the platform, not to the ground, and it must clear the platform's front edge.`
          : task.launch.drag.enabled
            ? 'Air resistance shortens every flight: first find a launch that would hit with no air, then launch a little harder.'
            : 'If it lands short, launch faster or at an angle nearer the one that goes farthest; if it goes past, the other way.'
      const setsSpeed = task.controls.some((c) => c.variable === 'speed')
      const setsAngle = task.controls.some((c) => c.variable === 'angleDeg')
      const fixed = setsSpeed && !setsAngle ? `the angle fixed at ${fmt(task.launch.angleDeg, 1)} degrees` : 'an angle you pick'
      const last = setsSpeed
        ? `Here: with ${fixed}, the ball must be ${fmt(task.target.y, 1)} m up when x = ${task.target.velocity !== 0 ? 'where the target will be' : `${fmt(task.target.x, 1)} m`}. Put those into the two equations and solve for v.`
        : `Here the speed is fixed at ${fmt(task.launch.speed, 1)} m/s: try two angles, see where each lands, and move between them toward the target.`
      return [
        'Split the launch into a sideways part that stays the same all flight and an up-and-down part that gravity changes.',
        specific,
        'With no air: x = v cos(angle) t and y = h + v sin(angle) t - (1/2) g t^2. The ball lands when y reaches the target height.',
        last,
      ]
    }
    case 'predict-landing': {
      const p = task.launch
      const onto = task.platform ? `${fmt(task.platform.height)} m, the top of the platform` : 'the ground'
      return [
        'Work out how long the ball is in the air from its vertical motion alone.',
        p.drag.enabled
          ? 'With air, the ball slows down all the way, so it lands short of the no-air answer.'
          : 'With no air, the sideways speed stays the same for the whole flight: distance = sideways speed x time.',
        `Here: solve ${fmt(p.height)} + ${fmt(p.speed, 1)} x sin ${fmt(p.angleDeg, 1)} x t - (1/2) x ${fmt(p.gravity)} x t^2 = ${task.platform ? fmt(task.platform.height) : '0'} (landing on ${onto}) for the later t, then multiply by ${fmt(p.speed, 1)} x cos ${fmt(p.angleDeg, 1)}.`,
      ]
    }
    case 'compute-quantity':
      return [
        'Split the launch velocity into horizontal and vertical parts first.',
        computeMethod(task),
        computeSetup(task),
      ]
    case 'compare-launches':
      return [
        'Look at what is different between the two launches, and ask what that changes: the horizontal part, the vertical part, or the pull of gravity.',
        compareHint(task),
        task.question === 'farther'
          ? 'Work out each landing distance: the time in the air (from the vertical part, the height and g) times the horizontal part; with air, ask which ball the air slows more.'
          : task.question === 'lands-first'
            ? 'Work out each time in the air from the vertical part, the height and g.'
            : 'Work out each rise: the vertical part squared over 2 g.',
      ]
    case 'design-experiment': {
      const name = VARIABLE_NAMES[task.testVariable]
      return [
        'A fair test changes one thing and keeps everything else the same.',
        `The hypothesis is about the ${name}: that is the only thing that should differ between launch A and launch B.`,
        `Set both launches the same, then change only the ${name} by at least ${fmt(task.minDifference)}.`,
      ]
    }
  }
}

/** This task's numbers put into the formula, not worked out: the last step is the student's. */
function computeSetup(task: Extract<ProjectileTask, { kind: 'compute-quantity' }>): string {
  const { speed, angleDeg, height, gravity } = task.launch
  const v = fmt(speed, 1)
  const a = fmt(angleDeg, 1)
  const at = task.at === null ? '' : fmt(task.at, 1)
  const landing = task.platform ? fmt(task.platform.height) : '0'
  switch (task.quantity) {
    case 'vx0':
    case 'speed-at-apex':
    case 'vx-at': return `Here: ${v} x cos ${a}.`
    case 'vy0': return `Here: ${v} x sin ${a}.`
    case 'vy-at': return `Here: ${v} x sin ${a} - ${fmt(gravity)} x ${at}.`
    case 'time-to-apex': return `Here: (${v} x sin ${a}) / ${fmt(gravity)}.`
    case 'time-of-flight': return `Here: solve ${fmt(height)} + (${v} x sin ${a}) t - (1/2) x ${fmt(gravity)} x t^2 = ${landing} for the later t.`
    case 'range': return `Here: solve ${fmt(height)} + (${v} x sin ${a}) t - (1/2) x ${fmt(gravity)} x t^2 = ${landing} for the later t, then multiply by ${v} x cos ${a}.`
    case 'x-at': return `Here: (${v} x cos ${a}) x ${at}.`
    case 'apex-height': return `Here: ${fmt(height)} + (${v} x sin ${a})^2 / (2 x ${fmt(gravity)}).`
  }
}

/** The method worked through on a parallel example with other numbers: the worked-step scaffold. */
export function workedStep(task: ProjectileTask): string {
  switch (task.kind) {
    case 'hit-target': return hitExample(task)
    case 'predict-landing': return predictExample(task)
    case 'compute-quantity': return computeExample(task)
    case 'compare-launches': return compareExample(task)
    case 'design-experiment': return designExample(task)
  }
}

/** The answer, worked on the task's own numbers: shown only when the student asks to see it, which ends the task. */
export function solution(task: ProjectileTask): string {
  switch (task.kind) {
    case 'hit-target': return `One launch that hits: ${fmt(task.reference.angleDeg, 1)} degrees at ${fmt(task.reference.speed, 1)} m/s.`
    case 'predict-landing': {
      const w: Worked = { speed: task.launch.speed, angleDeg: task.launch.angleDeg, height: task.launch.height, landing: task.platform?.height ?? 0, gravity: task.launch.gravity, at: null }
      const working = task.launch.drag.enabled ? ' (Air resistance makes it shorter than the no-air calculation.)' : ` ${quantityWorking('range', w)}`
      return `It lands at ${fmt(task.answer.x, 1)} m, after ${fmt(task.answer.timeOfFlight)} s in the air.${working}`
    }
    case 'compute-quantity': {
      const w: Worked = { speed: task.launch.speed, angleDeg: task.launch.angleDeg, height: task.launch.height, landing: task.platform?.height ?? 0, gravity: task.launch.gravity, at: task.at }
      return `The ${task.quantityLabel} is ${fmt(task.answer.value)} ${task.answer.unit}. ${quantityWorking(task.quantity, w)}`
    }
    case 'compare-launches': {
      const { A, B } = task.outcomes
      const verdict = task.answer === 'same' ? 'They tie.' : `Launch ${task.answer} ${OUTCOME_WORDS[task.question]}.`
      return `${verdict} ${compareReason(task)} A (${task.labelA}) lands at ${fmt(A.range, 1)} m after ${fmt(A.timeOfFlight)} s, top ${fmt(A.apexHeight, 1)} m; B (${task.labelB}) lands at ${fmt(B.range, 1)} m after ${fmt(B.timeOfFlight)} s, top ${fmt(B.apexHeight, 1)} m.`
    }
    case 'design-experiment': {
      const name = VARIABLE_NAMES[task.testVariable]
      const { launchA, launchB, prediction } = task.reference
      const win = task.asksPrediction ? ` Then ${prediction === 'same' ? 'they tie' : `launch ${prediction} ${task.outcome === 'range' ? 'lands farther' : 'stays up longer'}`}.` : ''
      const unit = EXPERIMENT_UNITS[task.testVariable]
      return `Keep everything the same and change only the ${name}: for example ${fmt(launchA[task.testVariable], 3)} ${unit} on launch A and ${fmt(launchB[task.testVariable], 3)} ${unit} on launch B.${win}`
    }
  }
}

/** The formulas that apply to this task: the formula-card scaffold. */
export function formulaCard(task: ProjectileTask): string[] {
  const lines = [
    'vx = v cos(angle), vy = v sin(angle)',
    'x = vx t (with no air, vx never changes)',
    'y = h + vy t - (1/2) g t^2, and vertical velocity = vy - g t',
  ]
  const flat = 'launch' in task && task.launch.height === 0 && !('platform' in task && task.platform)
  if (flat) lines.push('Level ground, no air: time = 2 vy / g, range = v^2 sin(2 angle) / g')
  else lines.push('Landing at height L: solve h + vy t - (1/2) g t^2 = L and take the later t')
  if (task.kind === 'design-experiment') lines.push('Fair test: change only the variable under test')
  return lines
}

export function hints(task: ProjectileTask, scaffoldLevel: number): string[] {
  const all = allHints(task)
  return all.slice(0, hintCount(all.length, scaffoldLevel))
}

/** What the view knows right now, all optional. */
export interface ProjectileDescribeState {
  angleDeg?: number
  speed?: number
  markerX?: number
  /** The last launch flown for this task. */
  lastLaunch?: { range: number; timeOfFlight: number; apexHeight: number; hit?: boolean }
}

export function describe(task: ProjectileTask, state?: unknown): string {
  const s = (state ?? {}) as ProjectileDescribeState
  const sentences = [task.prompt]
  if (task.kind === 'hit-target') {
    const free = task.controls.map((c) => `${c.label.toLowerCase()} from ${fmt(c.min)} to ${fmt(c.max)} ${c.unit}`).join(' and ')
    sentences.push(`You can set the ${free}.`)
    if (typeof s.angleDeg === 'number' || typeof s.speed === 'number') {
      sentences.push(`Now set to ${fmt(s.angleDeg ?? task.launch.angleDeg, 1)} degrees at ${fmt(s.speed ?? task.launch.speed, 1)} m/s.`)
    }
  }
  if (task.kind === 'predict-landing' && typeof s.markerX === 'number') sentences.push(`The marker is at ${fmt(s.markerX, 1)} m.`)
  if (task.hiddenReadouts.length > 0) sentences.push(`At this level these readouts are off: ${task.hiddenReadouts.join(', ')}.`)
  if (s.lastLaunch) {
    const hit = s.lastLaunch.hit === undefined ? '' : s.lastLaunch.hit ? ' It hit the target.' : ' It missed the target.'
    sentences.push(`Last launch: landed at ${fmt(s.lastLaunch.range, 1)} m after ${fmt(s.lastLaunch.timeOfFlight)} s, highest point ${fmt(s.lastLaunch.apexHeight, 1)} m.${hit}`)
  }
  return sentences.join(' ')
}

export function formatResponse(task: ProjectileTask, attempt: ProjectileAttempt): string {
  switch (attempt.kind) {
    case 'hit-target': {
      const angle = task.kind === 'hit-target' && !task.controls.some((c) => c.variable === 'angleDeg') ? task.reference.angleDeg : attempt.angleDeg
      const speed = task.kind === 'hit-target' && !task.controls.some((c) => c.variable === 'speed') ? task.reference.speed : attempt.speed
      return `angle ${fmt(angle, 1)} deg, speed ${Number(speed).toFixed(1)} m/s`
    }
    case 'predict-landing': return `marker at ${fmt(attempt.markerX)} m`
    case 'compute-quantity': return `${fmt(attempt.value, 3)} ${attempt.unit}`
    case 'compare-launches': return attempt.choice === 'same' ? 'chose: the same' : `chose launch ${attempt.choice}`
    case 'design-experiment': {
      const show = (v: number): string => fmt(v, 3)
      const diff = (['speed', 'angleDeg', 'height', 'mass', 'diameter', 'gravity'] as const)
        .filter((v) => attempt.launchA[v] !== attempt.launchB[v])
        .map((v) => `${VARIABLE_NAMES[v]} ${show(attempt.launchA[v])} vs ${show(attempt.launchB[v])}`)
      const prediction = attempt.prediction ? `; predicted ${attempt.prediction === 'same' ? 'the same' : attempt.prediction}` : ''
      return `${diff.length === 0 ? 'A and B identical' : `changed ${diff.join(', ')}`}${prediction}`
    }
  }
}
