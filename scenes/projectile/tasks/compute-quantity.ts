import type { NumberAnswerRules, Rng, SkillId } from '../../../src/core'
import { FIELD_LENGTH, rulesFor } from '../levels'
import {
  analyticLanding, apexHeight, apexTime, launchVelocity, makeLaunch, positionAt, velocityAt,
  type AnalyticLanding, type LaunchParams, type Platform,
} from '../model'
import { SKILL_COMPONENTS, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from '../skills'
import { BALLS, describeLaunch, describePlatform, fmt, launchHeightFor, pickWorld, platformUnderLanding, retry, roundTo, speedForDistance, startTask } from './common'
import type { ComputeQuantityTask, Dimension, QuantityId } from './types'

export const QUANTITY_LABELS: Readonly<Record<QuantityId, string>> = {
  vx0: 'horizontal part of the launch velocity',
  vy0: 'vertical part of the launch velocity',
  'speed-at-apex': 'speed at the highest point',
  'vx-at': 'horizontal velocity',
  'time-of-flight': 'time of flight',
  'time-to-apex': 'time to reach the highest point',
  'vy-at': 'vertical velocity',
  range: 'landing distance',
  'x-at': 'horizontal distance travelled',
  'apex-height': 'greatest height above the ground',
}

export const QUANTITY_DIMENSIONS: Readonly<Record<QuantityId, Dimension>> = {
  vx0: 'speed', vy0: 'speed', 'speed-at-apex': 'speed', 'vx-at': 'speed', 'vy-at': 'speed',
  'time-of-flight': 'time', 'time-to-apex': 'time',
  range: 'length', 'x-at': 'length', 'apex-height': 'length',
}

/** Each unit's size in SI (m, s, m/s). */
export const UNIT_FACTORS: Readonly<Record<Dimension, Readonly<Record<string, number>>>> = {
  length: { m: 1, cm: 0.01, km: 1000, mm: 0.001 },
  time: { s: 1, ms: 0.001, min: 60 },
  speed: { 'm/s': 1, 'km/h': 1 / 3.6, 'cm/s': 0.01 },
}
export const SI_UNIT: Readonly<Record<Dimension, string>> = { length: 'm', time: 's', speed: 'm/s' }

/** Which quantities exercise which skill, and from which level. */
const QUANTITIES_BY_SKILL: Readonly<Record<string, readonly { quantity: QuantityId; fromLevel: number }[]>> = {
  [SKILL_COMPONENTS]: [
    { quantity: 'vx0', fromLevel: 1 }, { quantity: 'vy0', fromLevel: 1 },
    { quantity: 'speed-at-apex', fromLevel: 2 }, { quantity: 'vx-at', fromLevel: 3 },
  ],
  [SKILL_TIME_OF_FLIGHT]: [
    { quantity: 'time-of-flight', fromLevel: 1 }, { quantity: 'time-to-apex', fromLevel: 1 }, { quantity: 'vy-at', fromLevel: 3 },
  ],
  [SKILL_RANGE]: [
    { quantity: 'range', fromLevel: 1 }, { quantity: 'x-at', fromLevel: 2 }, { quantity: 'apex-height', fromLevel: 2 }, { quantity: 'vx-at', fromLevel: 4 },
  ],
}

export const COMPUTE_SKILLS: readonly SkillId[] = Object.keys(QUANTITIES_BY_SKILL)

/** True value of a quantity in SI, from the closed-form no-drag motion (compute tasks never have drag). */
export function quantityValue(quantity: QuantityId, launch: LaunchParams, at: number | null, landing: AnalyticLanding): number {
  const v = launchVelocity(launch.speed, launch.angleDeg, { x: 0, y: 0 })
  const t = at ?? 0
  switch (quantity) {
    case 'vx0': return v.x
    case 'vy0': return v.y
    case 'speed-at-apex': return v.x
    case 'vx-at': return velocityAt(launch, t, { x: 0, y: 0 }).x
    case 'vy-at': return velocityAt(launch, t, { x: 0, y: 0 }).y
    case 'time-of-flight': return landing.t
    case 'time-to-apex': return apexTime(launch)
    case 'range': return landing.x
    case 'x-at': return positionAt(launch, t, { x: 0, y: 0 }).x
    case 'apex-height': return apexHeight(launch)
  }
}

const QUESTION: Readonly<Record<QuantityId, (at: string) => string>> = {
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

export function generateComputeQuantity(skill: SkillId, level: number, rng: Rng): ComputeQuantityTask {
  const rules = rulesFor(level)
  const options = QUANTITIES_BY_SKILL[skill]
  if (!options) throw new Error(`projectile: compute tasks do not exercise skill '${skill}'`)
  const { base, own } = startTask('compute-quantity', skill, level, rules, rng)
  const quantity = own.pick(options.filter((o) => o.fromLevel <= level)).quantity
  return retry('compute-quantity', () => {
    const world = pickWorld(rules, own, false)
    const ball = own.pick(BALLS)
    const angleDeg = own.int(15, 75)
    // No bounds check: these draws give 3.1 m/s (6 m at 45 degrees on the Moon) to 31.3 m/s (35 m
    // at 15 degrees where g = 14), and task-generators.test.ts holds every level to 2-35 m/s.
    const speed = speedForDistance(own.range(6, FIELD_LENGTH - 10), angleDeg, world.gravity)
    const launch = makeLaunch({ speed, angleDeg, height: launchHeightFor(rules, own), mass: ball.mass, diameter: ball.diameter, gravity: world.gravity })
    const aboutLanding = quantity === 'time-of-flight' || quantity === 'range'
    let platform: Platform | null = null
    if (aboutLanding && rules.platforms && own.chance(0.5)) {
      platform = platformUnderLanding(launch, roundTo(own.range(0.5, 3), 0.1), own)
      if (!platform) return null
    }
    const landing = analyticLanding(launch, platform, { x: 0, y: 0, t: 0, surface: 'ground' })
    if (landing.x > FIELD_LENGTH || landing.surface === 'platform-wall') return null
    const timed = quantity === 'vx-at' || quantity === 'vy-at' || quantity === 'x-at'
    const at = timed ? roundTo(own.range(0.15, 0.85) * landing.t, 0.1) : null
    if (at !== null && !(at > 0 && at < landing.t)) return null
    const value = quantityValue(quantity, launch, at, landing)
    // A vertical velocity near zero leaves no room for a relative tolerance to mean anything.
    if (quantity === 'vy-at' && Math.abs(value) < 1) return null
    const dimension = QUANTITY_DIMENSIONS[quantity]
    const atText = at === null ? '' : `${fmt(at, 1)} s`
    return {
      ...base,
      kind: 'compute-quantity',
      prompt: `A ball is launched at ${describeLaunch(launch, world)}.${describePlatform(platform)} ${QUESTION[quantity](atText)} Answer with a unit.`,
      world,
      quantity,
      quantityLabel: QUANTITY_LABELS[quantity],
      at,
      launch,
      platform,
      dimension,
      answer: { value, unit: SI_UNIT[dimension] },
      tolerance: { relative: rules.numericTolerance, absolute: dimension === 'time' ? 0.01 : 0.02 },
      acceptedUnits: Object.keys(UNIT_FACTORS[dimension]),
    } satisfies ComputeQuantityTask
  })
}

/**
 * How a typed answer is read, on the page and on the in-world keypad: a time or a distance cannot
 * be negative; a vertical velocity can (the ball is on its way down).
 */
export function answerRules(task: Pick<ComputeQuantityTask, 'quantity' | 'dimension'>): NumberAnswerRules {
  return { quantity: task.dimension === 'length' ? 'distance' : task.dimension, nonNegative: task.quantity !== 'vy-at' }
}
