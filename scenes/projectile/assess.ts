/**
 * Assessment: (task, attempt) -> correct, partial credit, per-skill evidence, specific
 * feedback and, where the attempt matches one, a recognised misconception. Launch attempts are
 * flown through the same fixed-step model the view shows, so what the student saw is what
 * gets marked.
 */
import type { Assessment, Misconception, SkillEvidence } from '../../src/core'
import { MISCONCEPTION_SKILL, MISCONCEPTIONS, STUDENT_WORDS } from './misconceptions'
import { DEG, NO_DRAG, analyticLanding, type LaunchParams } from './model'
import { compareHint, compareReason, computeMethod, OUTCOME_WORDS } from './methods'
import { SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG } from './skills'
import { fmt, land } from './tasks/common'
import { SI_UNIT, UNIT_FACTORS } from './tasks/compute-quantity'
import { EXPERIMENT_VARIABLES, experimentWinner, VARIABLE_NAMES } from './tasks/design-experiment'
import type {
  CompareChoice, CompareLaunchesAttempt, CompareLaunchesTask, ComputeQuantityAttempt, ComputeQuantityTask,
  DesignExperimentAttempt, DesignExperimentTask, ExperimentSettings, HitTargetAttempt, HitTargetTask,
  PredictLandingAttempt, PredictLandingTask, ProjectileAttempt, ProjectileTask,
} from './tasks/types'

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`projectile: attempt ${what} must be a finite number, got ${String(value)}`)
  return value
}

function evidenceFor(task: ProjectileTask, correct: boolean, misconception?: Misconception): SkillEvidence[] {
  const evidence: SkillEvidence[] = [{ skill: task.skill, correct }]
  const also = misconception ? MISCONCEPTION_SKILL[misconception.id] : undefined
  if (also && also !== task.skill) evidence.push({ skill: also, correct: false })
  return evidence
}

function result(task: ProjectileTask, correct: boolean, score: number, feedback: string, misconception?: Misconception): Assessment {
  const assessment: Assessment = { correct, score: correct ? 1 : Math.max(0, Math.min(0.95, score)), evidence: evidenceFor(task, correct, misconception), feedback }
  if (misconception && !correct) assessment.misconception = misconception
  return assessment
}

// ---------------------------------------------------------------- hit a target

/** The launch an attempt makes: the student's values for the controlled variables, the task's for the rest. */
export function launchOfHit(task: HitTargetTask, attempt: Pick<HitTargetAttempt, 'angleDeg' | 'speed'>): LaunchParams {
  const controls = task.controls.map((c) => c.variable)
  return {
    ...task.launch,
    angleDeg: controls.includes('angleDeg') ? finite(attempt.angleDeg, 'angleDeg') : task.reference.angleDeg,
    speed: controls.includes('speed') ? finite(attempt.speed, 'speed') : task.reference.speed,
  }
}

interface HitOutcome {
  hit: boolean
  /** Landing x minus the target's x at landing time, m. */
  miss: number
  landingX: number
  landingY: number
  targetX: number
  timeOfFlight: number
  surface: string
}

export function flyHit(task: HitTargetTask, params: LaunchParams): HitOutcome {
  const flown = land(params, task.platform)
  const targetX = task.target.x + task.target.velocity * flown.timeOfFlight
  const surfaceOk = task.target.onPlatform ? flown.surface === 'platform-top' : flown.surface === 'ground'
  const miss = flown.range - targetX
  return { hit: surfaceOk && Math.abs(miss) <= task.target.radius + 1e-9, miss, landingX: flown.range, landingY: flown.landingY, targetX, timeOfFlight: flown.timeOfFlight, surface: flown.surface }
}

export function assessHit(task: HitTargetTask, attempt: HitTargetAttempt): Assessment {
  const params = launchOfHit(task, attempt)
  const outcome = flyHit(task, params)
  const { target } = task
  if (outcome.hit) {
    const moving = target.velocity !== 0 ? ` The target had rolled to ${fmt(outcome.targetX, 1)} m in the ${fmt(outcome.timeOfFlight)} s flight, and you met it there.` : ''
    return result(task, true, 1, `Hit! ${fmt(params.angleDeg, 1)} degrees at ${fmt(params.speed, 1)} m/s landed ${fmt(Math.abs(outcome.miss))} m from the centre.${moving}`)
  }
  let misconception: Misconception | undefined
  let why = ''
  const near = (x: number, y: number): boolean => Math.abs(x - target.x) <= target.radius && Math.abs(y - target.y) < 1e-6
  if (target.velocity !== 0 && near(outcome.landingX, outcome.landingY)) {
    misconception = MISCONCEPTIONS.aimsWhereTargetIsNow
    why = ` You landed where the target was at launch, but it kept rolling for the ${fmt(outcome.timeOfFlight)} s the ball was flying and was ${fmt(Math.abs(outcome.miss), 1)} m away by then. Aim at where it will be.`
  } else if (params.drag.enabled && flyHit(task, { ...params, drag: { ...NO_DRAG } }).hit) {
    misconception = MISCONCEPTIONS.ignoresAirResistance
    why = ' Without air that launch would have hit; air resistance shortens the flight, so launch a little harder or at a better angle.'
  } else if (target.onPlatform) {
    const flat = land(params, null)
    if (Math.abs(flat.range - target.x) <= target.radius) {
      misconception = MISCONCEPTIONS.ignoresHeightDifference
      why = ` That launch would hit a target on the ground at ${fmt(target.x, 1)} m, but this one sits ${fmt(target.y, 1)} m up: the ball reaches that height at a different point.`
    }
  }
  let what: string
  if (outcome.surface === 'platform-wall') {
    what = `The ball hit the front of the platform ${fmt(outcome.landingY, 1)} m up; it needs to be higher when it gets there.`
  } else if (target.onPlatform && outcome.surface === 'ground') {
    what = outcome.landingX > (task.platform?.xEnd ?? 0) ? `The ball flew over the platform and landed on the ground at ${fmt(outcome.landingX, 1)} m.` : `The ball landed on the ground at ${fmt(outcome.landingX, 1)} m, before the platform.`
  } else {
    what = `The ball landed at ${fmt(outcome.landingX, 1)} m, ${fmt(Math.abs(outcome.miss), 1)} m ${outcome.miss < 0 ? 'short of' : 'past'} the target${target.velocity !== 0 ? ` (which had rolled to ${fmt(outcome.targetX, 1)} m)` : ''}.`
  }
  const score = outcome.surface === 'platform-wall' ? 0.1 : 0.5 * Math.max(0, 1 - Math.abs(outcome.miss) / (5 * target.radius))
  return result(task, false, score, `${what}${why}`, misconception)
}

// ---------------------------------------------------------------- predict the landing

/** Where a launch would land on level ground: the same launch from ground level. */
function levelGroundRange(params: LaunchParams): number {
  return land({ ...params, height: 0 }, null).range
}

export function assessPredict(task: PredictLandingTask, attempt: PredictLandingAttempt): Assessment {
  const marker = finite(attempt.markerX, 'markerX')
  const { answer, tolerance, launch } = task
  const error = marker - answer.x
  if (Math.abs(error) <= tolerance + 1e-9) {
    return result(task, true, 1, `Good prediction: the ball came down at ${fmt(answer.x, 1)} m after ${fmt(answer.timeOfFlight)} s, ${fmt(Math.abs(error))} m from your marker.`)
  }
  const close = (x: number): boolean => Math.abs(marker - x) <= tolerance && Math.abs(x - answer.x) > tolerance
  let misconception: Misconception | undefined
  let why = ''
  if (launch.drag.enabled && close(land({ ...launch, drag: { ...NO_DRAG } }, task.platform).range)) {
    misconception = MISCONCEPTIONS.ignoresAirResistance
    why = ' Your marker is where it would land with no air; air resistance takes away speed all the way, so it lands shorter.'
  } else if ((launch.height > 0 || task.platform) && close(levelGroundRange(launch))) {
    misconception = MISCONCEPTIONS.ignoresHeightDifference
    why = ` Your marker is where it would land on level ground; here it ${answer.y > launch.height ? 'must come down only to' : 'falls further, to'} ${fmt(answer.y, 1)} m from a ${fmt(launch.height, 1)} m launch, which changes the time in the air.`
  } else if (!launch.drag.enabled && close(answer.x / 2)) {
    misconception = MISCONCEPTIONS.horizontalSpeedSlows
    why = ' With no air, nothing slows the ball sideways: it keeps its launch sideways speed for the whole flight. Your marker fits a ball whose sideways speed runs down to zero.'
  }
  const score = 0.5 * Math.max(0, 1 - Math.abs(error) / (4 * tolerance))
  // Where it lands is the answer: the feedback says which way the marker is off, not by how much.
  const next = launch.drag.enabled
    ? ' Next step: find where it would land with no air, then allow for the air slowing it all the way.'
    : ' Next step: work out the time in the air from the vertical motion alone, then multiply by the sideways speed.'
  return result(task, false, score, `Your marker at ${fmt(marker, 1)} m is ${error < 0 ? 'short of' : 'past'} where the ball comes down.${why}${next}`, misconception)
}

// ---------------------------------------------------------------- compute a quantity

const UNIT_ALIASES: Readonly<Record<string, string>> = {
  meter: 'm', meters: 'm', metre: 'm', metres: 'm', sec: 's', secs: 's', second: 's', seconds: 's',
  'm s^-1': 'm/s', 'm/sec': 'm/s', mps: 'm/s', 'm.s-1': 'm/s', kph: 'km/h', 'km/hr': 'km/h',
}

export function normaliseUnit(unit: string): string {
  const trimmed = unit.trim().replace(/\s+/g, ' ')
  return UNIT_ALIASES[trimmed.toLowerCase()] ?? trimmed.toLowerCase()
}

/** Misconception signatures: the value a student holding the misconception would compute. */
export function computeSignatures(task: ComputeQuantityTask): { misconception: Misconception; value: number }[] {
  const { launch } = task
  const v = launch.speed
  const g = launch.gravity
  const vx = v * Math.cos(launch.angleDeg * DEG)
  const vy = v * Math.sin(launch.angleDeg * DEG)
  const t = task.at ?? 0
  const landingHeight = task.platform ? task.platform.height : 0
  const heightsDiffer = Math.abs(launch.height - landingHeight) > 1e-9
  const flightTime = analyticLanding(launch, task.platform, { x: 0, y: 0, t: 0, surface: 'ground' }).t
  const M = MISCONCEPTIONS
  const list: { misconception: Misconception; value: number }[] = []
  switch (task.quantity) {
    case 'vx0': list.push({ misconception: M.swapsSinCos, value: vy }, { misconception: M.wholeSpeedAsComponent, value: v }); break
    case 'vy0': list.push({ misconception: M.swapsSinCos, value: vx }, { misconception: M.wholeSpeedAsComponent, value: v }); break
    case 'speed-at-apex': list.push({ misconception: M.zeroVelocityAtTop, value: 0 }); break
    case 'vx-at': list.push({ misconception: M.horizontalSpeedSlows, value: vx * Math.max(0, 1 - t / flightTime) }); break
    case 'vy-at': list.push({ misconception: M.wholeSpeedAsComponent, value: v - g * t }); break
    case 'time-of-flight':
      list.push({ misconception: M.timeToTopAsFlightTime, value: vy / g })
      if (heightsDiffer) list.push({ misconception: M.ignoresHeightDifference, value: (2 * vy) / g })
      list.push({ misconception: M.wholeSpeedAsComponent, value: (2 * v) / g })
      break
    case 'time-to-apex': list.push({ misconception: M.wholeSpeedAsComponent, value: v / g }); break
    case 'range':
      if (heightsDiffer) list.push({ misconception: M.ignoresHeightDifference, value: (2 * vx * vy) / g })
      list.push({ misconception: M.wholeSpeedAsComponent, value: v * flightTime })
      list.push({ misconception: M.timeToTopAsFlightTime, value: (vx * vy) / g })
      list.push({ misconception: M.horizontalSpeedSlows, value: (vx * flightTime) / 2 })
      break
    case 'x-at': list.push({ misconception: M.wholeSpeedAsComponent, value: v * t }); break
    case 'apex-height':
      list.push({ misconception: M.wholeSpeedAsComponent, value: launch.height + (v * v) / (2 * g) })
      if (launch.height > 0) list.push({ misconception: M.ignoresHeightDifference, value: (vy * vy) / (2 * g) })
      break
  }
  return list
}

export function computeTolerance(task: ComputeQuantityTask): number {
  return Math.max(task.tolerance.absolute, task.tolerance.relative * Math.abs(task.answer.value))
}

export function assessCompute(task: ComputeQuantityTask, attempt: ComputeQuantityAttempt): Assessment {
  const value = finite(attempt.value, 'value')
  const unit = normaliseUnit(typeof attempt.unit === 'string' ? attempt.unit : '')
  const answer = task.answer.value
  const answerText = `${fmt(answer)} ${task.answer.unit}`
  const factor = UNIT_FACTORS[task.dimension][unit]
  if (factor === undefined) {
    const kind = task.dimension === 'length' ? 'a distance' : task.dimension === 'time' ? 'a time' : 'a speed'
    const feedback = unit === ''
      ? `A number needs its unit: the ${task.quantityLabel} is ${kind}, for example in ${SI_UNIT[task.dimension]}.`
      : `The ${task.quantityLabel} is ${kind}, so '${attempt.unit}' cannot be its unit; use ${SI_UNIT[task.dimension]} (or ${task.acceptedUnits.filter((u) => u !== SI_UNIT[task.dimension]).join(', ')}).`
    return result(task, false, 0.1, feedback)
  }
  const si = value * factor
  const tolerance = computeTolerance(task)
  const shown = `${fmt(value, 3)} ${unit}`
  if (Math.abs(si - answer) <= tolerance) {
    return result(task, true, 1, `Correct: the ${task.quantityLabel} is ${answerText}${unit !== SI_UNIT[task.dimension] ? ` (your ${shown} is the same)` : ''}.`)
  }
  let match = computeSignatures(task).find((s) => Math.abs(si - s.value) <= tolerance && Math.abs(s.value - answer) > tolerance)
  // Any positive horizontal velocity below the launch value says the student thinks it runs down.
  if (!match && task.quantity === 'vx-at' && si > 0 && si < answer - tolerance) match = { misconception: MISCONCEPTIONS.horizontalSpeedSlows, value: si }
  const explain: Record<string, string> = {
    [MISCONCEPTIONS.swapsSinCos.id]: ' The horizontal part is v cos(angle), the side next to the angle; the vertical part is v sin(angle).',
    [MISCONCEPTIONS.wholeSpeedAsComponent.id]: ' You used the whole launch speed; only one part of it belongs here: v cos(angle) sideways, v sin(angle) up.',
    [MISCONCEPTIONS.zeroVelocityAtTop.id]: ' At the top only the vertical part is zero; the ball still moves sideways as fast as at launch.',
    [MISCONCEPTIONS.horizontalSpeedSlows.id]: ' With no air, nothing pushes the ball sideways, so its horizontal velocity stays what it was at launch for the whole flight.',
    [MISCONCEPTIONS.timeToTopAsFlightTime.id]: ' That is only the time to the top; the ball still has to come back down.',
    [MISCONCEPTIONS.ignoresHeightDifference.id]: ' That is the level-ground answer; here the launch and the landing are at different heights, which changes the time in the air.',
  }
  const why = match ? explain[match.misconception.id] ?? '' : ''
  const sign = Math.abs(si + answer) <= tolerance && Math.abs(answer) > tolerance ? ' Check the sign: upward is positive, so a ball on its way down has a negative vertical velocity.' : ''
  const relative = Math.abs(si - answer) / Math.max(Math.abs(answer), 1e-9)
  // The right value stays out of the feedback: the student may try again.
  return result(task, false, 0.5 * Math.max(0, 1 - relative), `Not quite: you answered ${shown}.${why}${sign} Next step: ${computeMethod(task)}`, match?.misconception)
}

// ---------------------------------------------------------------- compare two launches

export function assessCompare(task: CompareLaunchesTask, attempt: CompareLaunchesAttempt): Assessment {
  const choice = attempt?.choice
  if (choice !== 'A' && choice !== 'B' && choice !== 'same') throw new Error(`projectile: attempt choice must be 'A', 'B' or 'same', got ${String(choice)}`)
  const { A, B } = task.outcomes
  const numbers = `A (${task.labelA}) lands at ${fmt(A.range, 1)} m after ${fmt(A.timeOfFlight)} s, top ${fmt(A.apexHeight, 1)} m; B (${task.labelB}) lands at ${fmt(B.range, 1)} m after ${fmt(B.timeOfFlight)} s, top ${fmt(B.apexHeight, 1)} m.`
  const verdict = task.answer === 'same' ? 'They tie.' : `${task.answer} ${OUTCOME_WORDS[task.question]}.`
  if (choice === task.answer) return result(task, true, 1, `Right. ${verdict} ${compareReason(task)} ${numbers}`)

  let misconception: Misconception | undefined
  const other = (c: CompareChoice): CompareLaunchesTask['launchA'] => (c === 'A' ? task.launchA : task.launchB)
  if (task.scenario === 'mass' && !task.launchA.drag.enabled && choice !== 'same') {
    const heavier: CompareChoice = task.launchA.mass > task.launchB.mass ? 'A' : 'B'
    if (choice === heavier) misconception = MISCONCEPTIONS.heavierFallsFaster
  } else if (task.scenario === 'forty-five-vs-other' && choice !== 'same' && other(choice).angleDeg === 45) {
    misconception = MISCONCEPTIONS.fortyFiveAlwaysBest
  } else if (task.scenario === 'complementary-angles' && choice === 'same') {
    misconception = MISCONCEPTIONS.fortyFiveAlwaysBest
  } else if (task.scenario === 'drop-vs-horizontal') {
    misconception = MISCONCEPTIONS.horizontalMotionChangesFall
  } else if (task.scenario === 'drag' && choice === 'same') {
    misconception = MISCONCEPTIONS.ignoresAirResistance
  }
  // Neither the verdict nor the flown numbers: they are the answer, and the student may try again.
  const idea = misconception ? ` That answer fits the idea that ${STUDENT_WORDS[misconception.id]}, which does not hold here.` : ''
  return result(task, false, choice === 'same' || task.answer === 'same' ? 0.25 : 0, `Not this time.${idea} Next step: ${compareHint(task)}`, misconception)
}

// ---------------------------------------------------------------- design an experiment

function checkSettings(settings: ExperimentSettings | undefined, which: string): ExperimentSettings {
  if (!settings || typeof settings !== 'object') throw new Error(`projectile: attempt ${which} must be an object of launch settings`)
  for (const v of EXPERIMENT_VARIABLES) finite(settings[v], `${which}.${v}`)
  return settings
}

export function changedVariables(a: ExperimentSettings, b: ExperimentSettings): string[] {
  return EXPERIMENT_VARIABLES.filter((v) => Math.abs(a[v] - b[v]) > 1e-9 * Math.max(1, Math.abs(a[v])))
}

export function assessDesign(task: DesignExperimentTask, attempt: DesignExperimentAttempt): Assessment {
  const a = checkSettings(attempt?.launchA, 'launchA')
  const b = checkSettings(attempt?.launchB, 'launchB')
  const tested = task.testVariable
  const name = VARIABLE_NAMES[tested]
  const changed = changedVariables(a, b)
  const others = changed.filter((v) => v !== tested)
  const contrast = Math.abs(a[tested] - b[tested]) >= task.minDifference - 1e-9
  const fair = contrast && others.length === 0
  const run = experimentWinner(a, b, task.drag, task.outcome)
  const unit = task.outcome === 'range' ? 'm' : 's'
  const measured = `Launch A ${task.outcome === 'range' ? 'went' : 'flew for'} ${fmt(run.valueA)} ${unit}, launch B ${fmt(run.valueB)} ${unit}.`
  const prediction = attempt.prediction ?? null
  const predictionOk = !task.asksPrediction || prediction === run.winner

  let misconception: Misconception | undefined
  let cvs: string
  if (fair) {
    cvs = `A fair test: only the ${name} differs, so any difference comes from it.`
  } else if (!contrast && others.length === 0) {
    misconception = MISCONCEPTIONS.nonContrastiveExperiment
    cvs = changed.length === 0
      ? `Both launches are the same, so they cannot show what the ${name} does: change the ${name} (by at least ${fmt(task.minDifference)}) between A and B.`
      : `The ${name} differs by too little to show an effect; make it differ by at least ${fmt(task.minDifference)}.`
  } else if (!contrast) {
    misconception = MISCONCEPTIONS.nonContrastiveExperiment
    cvs = `The hypothesis is about the ${name}, but you changed the ${others.map((v) => VARIABLE_NAMES[v as keyof typeof VARIABLE_NAMES]).join(' and ')} instead.`
  } else {
    misconception = MISCONCEPTIONS.confoundedExperiment
    cvs = `You changed the ${name} and also the ${others.map((v) => VARIABLE_NAMES[v as keyof typeof VARIABLE_NAMES]).join(' and ')}, so a difference could come from either: keep everything but the ${name} the same.`
  }
  let predictionText = ''
  // A prediction is judged on a fair test only: an unfair one has no answer to predict.
  if (task.asksPrediction && fair) {
    const actual = run.winner === 'same' ? 'they tie' : `${run.winner} wins`
    // A wrong prediction is not told what happens: that is the answer to predict again.
    predictionText = predictionOk ? ` Your prediction was right: ${actual}.` : ` Your prediction (${prediction === null ? 'none' : prediction === 'same' ? 'the same' : prediction}) is not what happens: think about what the ${name} changes in the flight, and predict again.`
    if (!predictionOk && !misconception && tested === 'mass' && !task.drag.enabled && prediction !== 'same' && prediction !== null) {
      const heavier: CompareChoice = a.mass > b.mass ? 'A' : 'B'
      if (prediction === heavier) {
        misconception = MISCONCEPTIONS.heavierFallsFaster
        predictionText += ` It fits the idea that ${STUDENT_WORDS[misconception.id]}.`
      }
    }
  }
  const correct = fair && predictionOk
  const cvsScore = fair ? 1 : contrast ? 0.5 : 0
  const score = task.asksPrediction ? 0.7 * cvsScore + 0.3 * (predictionOk ? 1 : 0) : cvsScore
  const evidence: SkillEvidence[] = [{ skill: task.skill, correct }]
  if (task.skill !== SKILL_EXPERIMENT) evidence.push({ skill: SKILL_EXPERIMENT, correct: fair })
  if (task.skill === SKILL_EXPERIMENT && task.asksPrediction) evidence.push({ skill: SKILL_GRAVITY_DRAG, correct: predictionOk })
  // After the prediction's own evidence, so an idea it shows is not counted against that skill twice.
  const also = misconception ? MISCONCEPTION_SKILL[misconception.id] : undefined
  if (also && !evidence.some((e) => e.skill === also)) evidence.push({ skill: also, correct: false })
  const assessment: Assessment = { correct, score: correct ? 1 : Math.min(0.95, score), evidence, feedback: `${cvs}${predictionOk ? ` ${measured}` : ''}${predictionText}` }
  if (misconception && !correct) assessment.misconception = misconception
  return assessment
}

// ---------------------------------------------------------------- dispatch

export function assessProjectile(task: ProjectileTask, attempt: ProjectileAttempt): Assessment {
  if (!attempt || attempt.kind !== task.kind) throw new Error(`projectile: a ${task.kind} task needs a ${task.kind} attempt, got ${String(attempt?.kind)}`)
  switch (task.kind) {
    case 'hit-target': return assessHit(task, attempt as HitTargetAttempt)
    case 'predict-landing': return assessPredict(task, attempt as PredictLandingAttempt)
    case 'compute-quantity': return assessCompute(task, attempt as ComputeQuantityAttempt)
    case 'compare-launches': return assessCompare(task, attempt as CompareLaunchesAttempt)
    case 'design-experiment': return assessDesign(task, attempt as DesignExperimentAttempt)
  }
}

export function referenceSolution(task: ProjectileTask): ProjectileAttempt {
  switch (task.kind) {
    case 'hit-target': return { kind: 'hit-target', angleDeg: task.reference.angleDeg, speed: task.reference.speed }
    case 'predict-landing': return { kind: 'predict-landing', markerX: task.answer.x }
    case 'compute-quantity': return { kind: 'compute-quantity', value: task.answer.value, unit: task.answer.unit }
    case 'compare-launches': return { kind: 'compare-launches', choice: task.answer }
    case 'design-experiment':
      return { kind: 'design-experiment', launchA: { ...task.reference.launchA }, launchB: { ...task.reference.launchB }, prediction: task.asksPrediction ? task.reference.prediction : null }
  }
}

export { wrongAttempt } from './wrong'
