/**
 * Plausible wrong attempts, each showing a misconception where the task allows one: for the
 * contract test and for simulated students.
 */
import type { Rng } from '../../src/core'
import { assessCompute, assessDesign, assessHit, assessPredict, computeSignatures, computeTolerance, launchOfHit } from './assess'
import { NO_DRAG, type LaunchParams } from './model'
import { land } from './tasks/common'
import type {
  CompareChoice, CompareLaunchesTask, ComputeQuantityTask, DesignExperimentAttempt, DesignExperimentTask, ExperimentSettings,
  HitTargetAttempt, HitTargetTask, PredictLandingTask, ProjectileAttempt, ProjectileTask,
} from './tasks/types'
import { EXPERIMENT_CONTROLS } from './tasks/design-experiment'

/** Landing x of a launch on the flat plane y = planeHeight (coming down through it). */
function planeLanding(params: LaunchParams, planeHeight: number): number {
  const flown = land(params, null, planeHeight)
  return flown.surface === 'ground' ? flown.range : -Infinity
}

/**
 * The controlled value(s) that land a launch at targetX on the plane y = planeHeight in a
 * (possibly mistaken) world: bisection on speed when speed is free, else on the flatter angle.
 */
export function aimAt(task: HitTargetTask, world: LaunchParams, targetX: number, planeHeight: number): HitTargetAttempt | null {
  const controls = task.controls.map((c) => c.variable)
  const base = launchOfHit(task, task.reference)
  if (controls.includes('speed')) {
    const angleDeg = base.angleDeg
    const at = (speed: number): number => planeLanding({ ...world, angleDeg, speed }, planeHeight) - targetX
    let lo = 0.5
    let hi = 80
    if (at(hi) < 0) return null
    for (let i = 0; i < 60; i++) {
      const mid = 0.5 * (lo + hi)
      if (at(mid) < 0) lo = mid
      else hi = mid
    }
    return { kind: 'hit-target', angleDeg, speed: hi }
  }
  const speed = base.speed
  const at = (angleDeg: number): number => planeLanding({ ...world, angleDeg, speed }, planeHeight) - targetX
  // Scan up from a flat launch to the first angle that reaches, then refine between the two.
  for (let angle = 6; angle <= 85; angle++) {
    if (at(angle) >= 0) {
      let lo = angle - 1
      let hi = angle
      if (at(lo) >= 0) return { kind: 'hit-target', angleDeg: lo, speed }
      for (let i = 0; i < 50; i++) {
        const mid = 0.5 * (lo + hi)
        if (at(mid) < 0) lo = mid
        else hi = mid
      }
      return { kind: 'hit-target', angleDeg: hi, speed }
    }
  }
  return null
}

function wrongHit(task: HitTargetTask, rng: Rng): HitTargetAttempt {
  const world = launchOfHit(task, task.reference)
  const candidates: (HitTargetAttempt | null)[] = []
  if (task.target.velocity !== 0) candidates.push(aimAt(task, world, task.target.x, task.target.y))
  if (world.drag.enabled) candidates.push(aimAt(task, { ...world, drag: { ...NO_DRAG } }, task.target.x + task.target.velocity * land({ ...world, drag: { ...NO_DRAG } }, null, task.target.y).timeOfFlight, task.target.y))
  if (task.target.onPlatform) candidates.push(aimAt(task, world, task.target.x, 0))
  const { angleDeg, speed } = task.reference
  const controls = task.controls.map((c) => c.variable)
  if (controls.includes('speed')) candidates.push({ kind: 'hit-target', angleDeg, speed: speed * rng.pick([0.7, 0.8, 1.25]) }, { kind: 'hit-target', angleDeg, speed: speed * 0.5 })
  if (controls.includes('angleDeg')) candidates.push({ kind: 'hit-target', angleDeg: 45, speed }, { kind: 'hit-target', angleDeg: Math.max(5, angleDeg - 12), speed }, { kind: 'hit-target', angleDeg: 5, speed })
  for (const candidate of candidates) {
    if (candidate && !assessHit(task, candidate).correct) return candidate
  }
  return { kind: 'hit-target', angleDeg: 5, speed: 1 }
}

function wrongPredict(task: PredictLandingTask): ProjectileAttempt {
  const { launch, answer } = task
  const guesses: number[] = []
  if (launch.drag.enabled) guesses.push(land({ ...launch, drag: { ...NO_DRAG } }, task.platform).range)
  if (launch.height > 0 || task.platform) guesses.push(land({ ...launch, height: 0 }, null).range)
  if (!launch.drag.enabled) guesses.push(answer.x / 2)
  guesses.push(answer.x * 0.7, answer.x + 3 * task.tolerance + 1)
  for (const markerX of guesses) {
    const attempt = { kind: 'predict-landing' as const, markerX }
    if (!assessPredict(task, attempt).correct) return attempt
  }
  return { kind: 'predict-landing', markerX: answer.x + 10 * task.tolerance + 5 }
}

function wrongCompute(task: ComputeQuantityTask): ProjectileAttempt {
  const tolerance = computeTolerance(task)
  const answer = task.answer.value
  const values = computeSignatures(task).map((s) => s.value).filter((v) => Math.abs(v - answer) > 2 * tolerance)
  values.push(answer * 1.4 + 2 * tolerance)
  for (const value of values) {
    const attempt = { kind: 'compute-quantity' as const, value, unit: task.answer.unit }
    if (!assessCompute(task, attempt).correct) return attempt
  }
  return { kind: 'compute-quantity', value: answer * 3 + 10, unit: task.answer.unit }
}

function wrongCompare(task: CompareLaunchesTask, rng: Rng): ProjectileAttempt {
  let choice: CompareChoice | null = null
  const heavier: CompareChoice = task.launchA.mass > task.launchB.mass ? 'A' : 'B'
  if (task.scenario === 'mass' && !task.launchA.drag.enabled) choice = heavier
  else if (task.scenario === 'forty-five-vs-other') choice = task.launchA.angleDeg === 45 ? 'A' : 'B'
  else if (task.scenario === 'complementary-angles' && task.answer !== 'same') choice = 'same'
  else if (task.scenario === 'drop-vs-horizontal') choice = task.launchA.speed === 0 ? 'A' : 'B'
  else if (task.scenario === 'drag') choice = 'same'
  if (choice === null || choice === task.answer) choice = rng.pick((['A', 'B', 'same'] as const).filter((c) => c !== task.answer))
  return { kind: 'compare-launches', choice }
}

function wrongDesign(task: DesignExperimentTask, rng: Rng): ProjectileAttempt {
  const { launchA, launchB } = task.reference
  const others = task.controls.map((c) => c.variable).filter((v) => v !== task.testVariable)
  let attempt: DesignExperimentAttempt
  if (others.length > 0 && rng.chance(0.75)) {
    // The classic confounded design: change the tested variable and something else too.
    const extra = rng.pick(others)
    const control = EXPERIMENT_CONTROLS[extra]
    const current = launchB[extra]
    const bumped = control.options ? control.options.find((o) => o !== current) ?? control.min : current + 3 * control.step <= control.max ? current + 3 * control.step : current - 3 * control.step
    const confounded: ExperimentSettings = { ...launchB, [extra]: bumped }
    attempt = { kind: 'design-experiment', launchA: { ...launchA }, launchB: confounded, prediction: task.asksPrediction ? task.reference.prediction : null }
  } else {
    attempt = { kind: 'design-experiment', launchA: { ...launchA }, launchB: { ...launchA }, prediction: task.asksPrediction ? 'same' : null }
  }
  if (!assessDesign(task, attempt).correct) return attempt
  return { kind: 'design-experiment', launchA: { ...launchA }, launchB: { ...launchA }, prediction: task.asksPrediction ? 'A' : null }
}

export function wrongAttempt(task: ProjectileTask, rng: Rng): ProjectileAttempt {
  switch (task.kind) {
    case 'hit-target': return wrongHit(task, rng)
    case 'predict-landing': return wrongPredict(task)
    case 'compute-quantity': return wrongCompute(task)
    case 'compare-launches': return wrongCompare(task, rng)
    case 'design-experiment': return wrongDesign(task, rng)
  }
}
