/**
 * Task and attempt shapes. Tasks are plain JSON: they carry everything the view needs to set
 * up the launcher and field and everything the assessor needs, so a task logged to the hub
 * can be replayed and re-assessed.
 */
import type { TaskBase } from '../../../src/core'
import type { ExperimentVariable, ReadoutId } from '../levels'
import type { DragSettings, GravityPresetId, LandingSurface, LaunchParams, Platform } from '../model'

export const UNITS = { distance: 'm', time: 's', speed: 'm/s', angle: 'deg', mass: 'kg', gravity: 'm/s^2' } as const

export interface World {
  preset: GravityPresetId | 'custom'
  /** 'Earth', 'the Moon', 'Mars', or the invented planet's name. */
  name: string
  /** m/s^2 */
  gravity: number
}

/** Something the student sets with a slider, a stepper or by typing. */
export interface VariableControl<V extends string = string> {
  variable: V
  label: string
  min: number
  max: number
  step: number
  unit: string
  /** When present, only these values may be chosen (gravity presets). */
  options?: number[]
}

interface ProjectileTaskCommon extends TaskBase {
  sceneId: 'projectile'
  world: World
  /** Live readouts the level switches off, whatever the scaffold rung. */
  hiddenReadouts: ReadoutId[]
  units: typeof UNITS
}

export type LaunchControlVariable = 'angleDeg' | 'speed'

export interface TargetSpec {
  /** Centre of the target when the launch is fired, m from the launcher. */
  x: number
  /** Height of the surface it sits on, m (the platform's top, or 0). */
  y: number
  /** A landing within this distance of the centre is a hit, m. */
  radius: number
  /** m/s along the field (+ away from the launcher); 0 for a still target. It starts moving at launch. */
  velocity: number
  onPlatform: boolean
}

/** Set the angle and/or the speed so the launch lands on the target. The launch is the attempt. */
export interface HitTargetTask extends ProjectileTaskCommon {
  kind: 'hit-target'
  /** The launcher; for controlled variables these are the starting slider values. */
  launch: LaunchParams
  /** What the student may set; the other launch values are fixed. */
  controls: VariableControl<LaunchControlVariable>[]
  platform: Platform | null
  target: TargetSpec
  /** One launch that hits (the task was built from it). */
  reference: { angleDeg: number; speed: number }
}

export interface HitTargetAttempt {
  kind: 'hit-target'
  angleDeg: number
  speed: number
}

/** Place a marker where the launch will come down, then launch to check. */
export interface PredictLandingTask extends ProjectileTaskCommon {
  kind: 'predict-landing'
  launch: LaunchParams
  platform: Platform | null
  /** Where the marker can go along the field, m. */
  marker: { min: number; max: number; step: number }
  /** Accepted distance from the true landing point, m. */
  tolerance: number
  answer: { x: number; y: number; timeOfFlight: number; surface: LandingSurface }
}

export interface PredictLandingAttempt {
  kind: 'predict-landing'
  /** Marker position, m from the launcher. */
  markerX: number
}

export type QuantityId =
  | 'vx0' | 'vy0' | 'speed-at-apex' | 'vx-at'
  | 'time-of-flight' | 'time-to-apex' | 'vy-at'
  | 'range' | 'x-at' | 'apex-height'

export type Dimension = 'length' | 'time' | 'speed'

/** Work out a number (no air resistance) and type it with its unit. */
export interface ComputeQuantityTask extends ProjectileTaskCommon {
  kind: 'compute-quantity'
  quantity: QuantityId
  /** Plain words for the quantity: 'time of flight'. */
  quantityLabel: string
  /** Time after launch the question is about, s; null when it is not about a moment. */
  at: number | null
  launch: LaunchParams
  /** Where it lands when the question is about the landing. */
  platform: Platform | null
  dimension: Dimension
  /** In SI: m, s or m/s. */
  answer: { value: number; unit: string }
  /** Accepted when |value - answer| <= max(absolute, relative |answer|) in SI. */
  tolerance: { relative: number; absolute: number }
  /** Units the answer may be given in; converted before comparing. */
  acceptedUnits: string[]
}

export interface ComputeQuantityAttempt {
  kind: 'compute-quantity'
  value: number
  unit: string
}

export type CompareQuestion = 'farther' | 'lands-first' | 'higher'
export type CompareScenario =
  | 'mass' | 'gravity' | 'drag' | 'speed'
  | 'complementary-angles' | 'forty-five-vs-other' | 'drop-vs-horizontal' | 'steeper-angle'
export type CompareChoice = 'A' | 'B' | 'same'

export interface LaunchOutcome {
  range: number
  timeOfFlight: number
  apexHeight: number
}

/** Two launches that differ in one thing: which goes farther, lands first or goes higher? */
export interface CompareLaunchesTask extends ProjectileTaskCommon {
  kind: 'compare-launches'
  question: CompareQuestion
  scenario: CompareScenario
  launchA: LaunchParams
  launchB: LaunchParams
  /** Short labels saying how they differ: 'a 0.2 kg ball', 'a 2 kg ball'. */
  labelA: string
  labelB: string
  /** The world each launch happens in (they differ only in the gravity scenario). */
  worldA: World
  worldB: World
  answer: CompareChoice
  outcomes: { A: LaunchOutcome; B: LaunchOutcome }
}

export interface CompareLaunchesAttempt {
  kind: 'compare-launches'
  choice: CompareChoice
}

export type ExperimentSettings = Record<ExperimentVariable, number>

/** Set up two launches that test a hypothesis fairly, and (when asked) predict the outcome. */
export interface DesignExperimentTask extends ProjectileTaskCommon {
  kind: 'design-experiment'
  testVariable: ExperimentVariable
  hypothesis: string
  /** What the two launches are compared on. */
  outcome: 'range' | 'timeOfFlight'
  /** The variables the student may set, each for launch A and launch B. */
  controls: VariableControl<ExperimentVariable>[]
  /** Both launches start with these values; variables without a control stay at them. */
  start: ExperimentSettings
  drag: DragSettings
  /** The tested variable must differ by at least this for the effect to show. */
  minDifference: number
  /** Whether the student must also say which launch will win ('A', 'B' or 'same'). */
  asksPrediction: boolean
  reference: { launchA: ExperimentSettings; launchB: ExperimentSettings; prediction: CompareChoice }
}

export interface DesignExperimentAttempt {
  kind: 'design-experiment'
  launchA: ExperimentSettings
  launchB: ExperimentSettings
  /** Which launch will go farther (or stay up longer); null when not asked. */
  prediction: CompareChoice | null
}

export type ProjectileTask = HitTargetTask | PredictLandingTask | ComputeQuantityTask | CompareLaunchesTask | DesignExperimentTask
export type ProjectileAttempt = HitTargetAttempt | PredictLandingAttempt | ComputeQuantityAttempt | CompareLaunchesAttempt | DesignExperimentAttempt
export type ProjectileTaskKind = ProjectileTask['kind']
