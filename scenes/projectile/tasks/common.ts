import { hashSeed, type Rng, type SkillId } from '../../../src/core'
import { ALL_READOUTS, FIELD_LENGTH, type LevelRules, type ReadoutId } from '../levels'
import {
  AIR_DENSITY, FIXED_DT, GRAVITY_NAMES, GRAVITY_PRESETS, NO_DRAG, SPHERE_DRAG_COEFFICIENT,
  simulateToLanding, type DragSettings, type LandingResult, type LaunchParams, type Platform,
} from '../model'
import { UNITS, type ProjectileTaskKind, type World } from './types'

/** Rounds to a grid step through toFixed, so the result is the short decimal a student reads (and never -0). */
export function roundTo(x: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))
  return Number((Math.round(x / step) * step).toFixed(decimals))
}

/** A number as a student reads it: up to `digits` decimals, no trailing zeros, never '-0' (a number's text drops the sign of -0). */
export function fmt(x: number, digits = 2): string {
  return Number(x.toFixed(digits)).toString()
}

export interface TaskStart {
  base: { id: string; sceneId: 'projectile'; skill: SkillId; level: number; seed: number; kind: ProjectileTaskKind; hiddenReadouts: ReadoutId[]; units: typeof UNITS }
  /** The task's own stream: everything random in the task comes from it. */
  own: Rng
}

export function startTask(kind: ProjectileTaskKind, skill: SkillId, level: number, rules: LevelRules, rng: Rng): TaskStart {
  const seed = rng.int(0, 2 ** 31 - 1)
  const own = rng.fork()
  return {
    base: {
      id: `projectile/${skill}/${level}/${kind}/${hashSeed(seed).toString(36)}`,
      sceneId: 'projectile',
      skill,
      level,
      seed,
      kind,
      hiddenReadouts: ALL_READOUTS.filter((r) => rules.hiddenReadouts.includes(r)),
      units: UNITS,
    },
    own,
  }
}

const CUSTOM_PLANETS = ['Kepler Station', 'Planet Zorb', 'Tethys Outpost', 'Nova Prime'] as const

/** A world the level allows; when the task needs air, one that has some. */
export function pickWorld(rules: LevelRules, rng: Rng, needsAir = false): World {
  const allowed = rules.gravities.filter((g) => !needsAir || g === 'earth' || g === 'custom')
  const preset = rng.pick(allowed.length > 0 ? allowed : (['earth'] as const))
  if (preset === 'custom') {
    return { preset, name: rng.pick(CUSTOM_PLANETS), gravity: roundTo(rng.range(5, 14), 0.01) }
  }
  return { preset, name: GRAVITY_NAMES[preset], gravity: GRAVITY_PRESETS[preset] }
}

export function airFor(world: World, enabled: boolean): DragSettings {
  if (!enabled) return { ...NO_DRAG }
  // Invented planets get Earth-like air so the drag tasks stay comparable.
  const density = world.preset === 'custom' ? AIR_DENSITY.earth : AIR_DENSITY[world.preset]
  return { enabled: true, cd: SPHERE_DRAG_COEFFICIENT, airDensity: density }
}

/** Real balls, so that drag is the size a student would meet (mass kg, diameter m). */
export const BALLS: readonly { mass: number; diameter: number }[] = [
  { mass: 0.058, diameter: 0.067 }, // tennis ball
  { mass: 0.145, diameter: 0.074 }, // baseball
  { mass: 0.43, diameter: 0.22 }, // football
  { mass: 0.6, diameter: 0.24 }, // basketball
  { mass: 0.16, diameter: 0.2 }, // volleyball-sized foam ball
]

export function launchHeightFor(rules: LevelRules, rng: Rng): number {
  return rules.launchHeight.max <= 0 ? 0 : roundTo(rng.range(rules.launchHeight.min, rules.launchHeight.max), 0.1)
}

/**
 * A speed (on a 0.1 m/s grid) that sends a launch at this angle roughly `distance` metres on
 * level ground without drag; the caller simulates the real flight and checks it.
 */
export function speedForDistance(distance: number, angleDeg: number, gravity: number): number {
  const sin2 = Math.sin((2 * angleDeg * Math.PI) / 180)
  return roundTo(Math.sqrt((distance * gravity) / Math.max(0.2, sin2)), 0.1)
}

export function land(params: LaunchParams, platform: Platform | null, groundHeight = 0): LandingResult {
  return simulateToLanding(params, FIXED_DT, { platform, groundHeight })
}

/**
 * A platform under the point where the launch comes down through height `height`, or null when
 * it never gets that high or would hit the platform's front instead of landing on top.
 */
export function platformUnderLanding(params: LaunchParams, height: number, rng: Rng): Platform | null {
  const plane = land(params, null, height)
  if (plane.surface !== 'ground') return null
  const width = roundTo(rng.range(3, 6), 0.1)
  const xStart = roundTo(plane.range - width * rng.range(0.3, 0.7), 0.1)
  const platform: Platform = { xStart, xEnd: roundTo(xStart + width, 0.1), height }
  if (xStart < 2 || platform.xEnd > FIELD_LENGTH + 5) return null
  const real = land(params, platform)
  if (real.surface !== 'platform-top' || Math.abs(real.range - plane.range) > 1e-9) return null
  return platform
}

/** Generators build from random draws and reject the few that do not fit; this bounds the loop. */
export function retry<T>(what: string, make: (attempt: number) => T | null): T {
  for (let attempt = 0; attempt < 400; attempt++) {
    const made = make(attempt)
    if (made !== null) return made
  }
  throw new Error(`projectile: could not generate a ${what} task`)
}

/** Where and how a launch happens, without its speed and angle: 'from the ground on Earth (g = 9.81 m/s^2) with no air resistance'. */
export function describeConditions(p: LaunchParams, world: World): string {
  const parts = [p.height > 0 ? `from ${fmt(p.height)} m above the ground` : 'from the ground']
  parts.push(`on ${world.name} (g = ${fmt(world.gravity)} m/s^2)`)
  parts.push(p.drag.enabled ? `with air resistance (a ${fmt(p.mass, 3)} kg ball, ${fmt(p.diameter * 100, 1)} cm across)` : 'with no air resistance')
  return parts.join(' ')
}

export function describeLaunch(p: LaunchParams, world: World): string {
  return `${fmt(p.speed, 1)} m/s at ${fmt(p.angleDeg, 1)} degrees ${describeConditions(p, world)}`
}

export function describePlatform(platform: Platform | null): string {
  return platform ? ` A platform ${fmt(platform.height)} m high stands from ${fmt(platform.xStart)} m to ${fmt(platform.xEnd)} m.` : ''
}
