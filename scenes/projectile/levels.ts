import type { LevelSpec } from '../../src/core'
import type { GravityPresetId } from './model'

/** Live readouts the view can show during a flight. */
export type ReadoutId = 't' | 'x' | 'y' | 'vx' | 'vy'
export const ALL_READOUTS: readonly ReadoutId[] = ['t', 'x', 'y', 'vx', 'vy']

/** Launch variables a design-experiment task lets the student set. */
export type ExperimentVariable = 'speed' | 'angleDeg' | 'height' | 'mass' | 'diameter' | 'gravity'

/** What each level puts into the tasks it generates. */
export interface LevelRules {
  /** Range of launch heights, m; 0..0 launches from the ground. */
  launchHeight: { min: number; max: number }
  /** Targets and landing spots on raised platforms. */
  platforms: boolean
  /** Targets that roll along the ground once the launch is fired. */
  movingTargets: boolean
  /** Probability that a hit, predict or compare task has air drag on. */
  dragChance: number
  /** Worlds a task may be set in; 'custom' is a made-up planet with its own g. */
  gravities: readonly (GravityPresetId | 'custom')[]
  /** Readouts switched off whatever the scaffold, so students must reason instead of read. */
  hiddenReadouts: readonly ReadoutId[]
  /** Hit tasks lock one of angle and speed; design tasks lock one variable. */
  constrained: boolean
  /** Radius of the target, m: a hit must land within it. */
  targetRadius: number
  /** A predicted landing spot is accepted within max(absolute, relative x distance). */
  markerTolerance: { relative: number; absolute: number }
  /** Relative tolerance on computed quantities. */
  numericTolerance: number
  /** Variables the student sets in a design-experiment task. */
  designVariables: readonly ExperimentVariable[]
}

export const levelRules: Readonly<Record<number, LevelRules>> = {
  1: {
    launchHeight: { min: 0, max: 0 }, platforms: false, movingTargets: false, dragChance: 0, gravities: ['earth'],
    hiddenReadouts: [], constrained: false, targetRadius: 0.8, markerTolerance: { relative: 0.08, absolute: 0.6 },
    numericTolerance: 0.03, designVariables: ['speed', 'angleDeg', 'mass'],
  },
  2: {
    launchHeight: { min: 0.5, max: 2 }, platforms: false, movingTargets: false, dragChance: 0, gravities: ['earth', 'moon'],
    hiddenReadouts: [], constrained: true, targetRadius: 0.65, markerTolerance: { relative: 0.06, absolute: 0.5 },
    numericTolerance: 0.025, designVariables: ['speed', 'angleDeg', 'height', 'mass'],
  },
  3: {
    launchHeight: { min: 0.5, max: 3 }, platforms: true, movingTargets: false, dragChance: 0, gravities: ['earth', 'moon', 'mars'],
    hiddenReadouts: ['vx', 'vy'], constrained: true, targetRadius: 0.55, markerTolerance: { relative: 0.05, absolute: 0.4 },
    numericTolerance: 0.02, designVariables: ['speed', 'angleDeg', 'height', 'mass'],
  },
  4: {
    launchHeight: { min: 0.5, max: 3 }, platforms: true, movingTargets: true, dragChance: 0.5, gravities: ['earth', 'moon', 'mars'],
    hiddenReadouts: ['y', 'vx', 'vy'], constrained: true, targetRadius: 0.45, markerTolerance: { relative: 0.04, absolute: 0.35 },
    numericTolerance: 0.015, designVariables: ['speed', 'angleDeg', 'height', 'mass', 'gravity'],
  },
  5: {
    launchHeight: { min: 0.5, max: 4 }, platforms: true, movingTargets: true, dragChance: 1, gravities: ['earth', 'mars', 'custom'],
    hiddenReadouts: ['x', 'y', 'vx', 'vy'], constrained: true, targetRadius: 0.4, markerTolerance: { relative: 0.03, absolute: 0.3 },
    numericTolerance: 0.01, designVariables: ['speed', 'angleDeg', 'height', 'mass', 'diameter', 'gravity'],
  },
}

export const levels: LevelSpec[] = [
  { level: 1, name: 'Level ground', description: 'Launches from the ground to targets on the ground, on Earth, no air resistance; angle and speed both free; every readout on; targets 0.8 m wide either side.', difficulty: -1.5 },
  { level: 2, name: 'From a height', description: 'Launches from a table or ledge, on Earth or the Moon; hit tasks lock either the angle or the speed; targets 0.65 m.', difficulty: -0.75 },
  { level: 3, name: 'Platforms', description: 'Targets and landing spots on platforms at other heights, on Earth, the Moon or Mars; the velocity readouts are off; targets 0.55 m.', difficulty: 0 },
  { level: 4, name: 'Moving targets and air', description: 'Targets that roll away or toward the launcher, air resistance in about half the tasks, only time and distance read out; targets 0.45 m.', difficulty: 0.75 },
  { level: 5, name: 'Expert range', description: 'Air resistance always on, platforms or moving targets, an invented planet, only the clock read out; targets 0.4 m and tight answers (1%).', difficulty: 1.5 },
]

export function rulesFor(level: number): LevelRules {
  const rules = levelRules[level]
  if (!rules) throw new Error(`projectile: no level ${level} (levels are 1 to ${levels.length})`)
  return rules
}

/** Longest landing distance a task uses, m: what fits the field the view draws. */
export const FIELD_LENGTH = 45
