import type { Rng, SkillId } from '../../../src/core'
import { rulesFor, type ExperimentVariable } from '../levels'
import { GRAVITY_PRESETS, makeLaunch, type DragSettings, type LaunchParams } from '../model'
import { SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG } from '../skills'
import { airFor, BALLS, land, pickWorld, roundTo, startTask } from './common'
import type { CompareChoice, DesignExperimentTask, ExperimentSettings, VariableControl, World } from './types'

export const EXPERIMENT_CONTROLS: Readonly<Record<ExperimentVariable, VariableControl<ExperimentVariable>>> = {
  speed: { variable: 'speed', label: 'Launch speed', min: 2, max: 12, step: 0.5, unit: 'm/s' },
  angleDeg: { variable: 'angleDeg', label: 'Launch angle', min: 10, max: 80, step: 1, unit: 'deg' },
  height: { variable: 'height', label: 'Launch height', min: 0, max: 3, step: 0.1, unit: 'm' },
  mass: { variable: 'mass', label: 'Ball mass', min: 0.05, max: 2, step: 0.05, unit: 'kg' },
  diameter: { variable: 'diameter', label: 'Ball diameter', min: 0.05, max: 0.3, step: 0.01, unit: 'm' },
  gravity: { variable: 'gravity', label: 'Gravity', min: 1.62, max: 9.81, step: 0.01, unit: 'm/s^2', options: [GRAVITY_PRESETS.earth, GRAVITY_PRESETS.mars, GRAVITY_PRESETS.moon] },
}

/** The tested variable must differ at least this much for its effect to be worth measuring. */
export const MIN_DIFFERENCE: Readonly<Record<ExperimentVariable, number>> = {
  speed: 2, angleDeg: 10, height: 0.5, mass: 0.2, diameter: 0.05, gravity: 1,
}

export const VARIABLE_NAMES: Readonly<Record<ExperimentVariable, string>> = {
  speed: 'launch speed', angleDeg: 'launch angle', height: 'launch height', mass: 'mass', diameter: 'size', gravity: 'gravity',
}

const HYPOTHESES: Readonly<Record<ExperimentVariable, { text: string; outcome: 'range' | 'timeOfFlight' }[]>> = {
  speed: [{ text: 'A faster launch lands farther away.', outcome: 'range' }, { text: 'A faster launch stays in the air longer.', outcome: 'timeOfFlight' }],
  angleDeg: [{ text: 'A steeper launch stays in the air longer.', outcome: 'timeOfFlight' }, { text: 'A steeper launch always lands farther away.', outcome: 'range' }],
  height: [{ text: 'Launching from higher up makes the ball land farther away.', outcome: 'range' }, { text: 'Launching from higher up keeps the ball in the air longer.', outcome: 'timeOfFlight' }],
  mass: [{ text: 'A heavier ball lands farther away.', outcome: 'range' }, { text: 'A heavier ball falls faster, so it spends less time in the air.', outcome: 'timeOfFlight' }],
  diameter: [{ text: 'A bigger ball of the same mass lands closer, because air holds it back more.', outcome: 'range' }],
  gravity: [{ text: 'The ball flies farther where gravity is weaker.', outcome: 'range' }, { text: 'The ball stays in the air longer where gravity is weaker.', outcome: 'timeOfFlight' }],
}

export const EXPERIMENT_VARIABLES: readonly ExperimentVariable[] = ['speed', 'angleDeg', 'height', 'mass', 'diameter', 'gravity']

export function launchFromSettings(settings: ExperimentSettings, drag: DragSettings): LaunchParams {
  return makeLaunch({ ...settings, drag })
}

/** Which launch wins on the outcome (farther, or longer in the air); 'same' when they tie. */
export function experimentWinner(a: ExperimentSettings, b: ExperimentSettings, drag: DragSettings, outcome: 'range' | 'timeOfFlight'): { winner: CompareChoice; valueA: number; valueB: number } {
  const ra = land(launchFromSettings(a, drag), null)
  const rb = land(launchFromSettings(b, drag), null)
  const valueA = outcome === 'range' ? ra.range : ra.timeOfFlight
  const valueB = outcome === 'range' ? rb.range : rb.timeOfFlight
  const gap = Math.abs(valueA - valueB) / Math.max(Math.abs(valueA), Math.abs(valueB), 1e-9)
  return { winner: gap < 1e-6 ? 'same' : valueA > valueB ? 'A' : 'B', valueA, valueB }
}

export function generateDesignExperiment(skill: SkillId, level: number, rng: Rng): DesignExperimentTask {
  if (skill !== SKILL_EXPERIMENT && skill !== SKILL_GRAVITY_DRAG) throw new Error(`projectile: design tasks do not exercise skill '${skill}'`)
  const rules = rulesFor(level)
  const { base, own } = startTask('design-experiment', skill, level, rules, rng)
  const physical: ExperimentVariable[] = rules.designVariables.filter((v) => v === 'mass' || v === 'gravity' || v === 'diameter')
  const testVariable = own.pick(skill === SKILL_GRAVITY_DRAG ? physical : rules.designVariables)
  const hypothesis = own.pick(HYPOTHESES[testVariable])
  // Size only matters through air resistance; at the top level air is always on.
  const dragOn = testVariable === 'diameter' || own.chance(rules.dragChance)
  // Gravity is set from the presets here, so an invented planet would have no button.
  const world: World = pickWorld({ ...rules, gravities: rules.gravities.filter((g) => g !== 'custom') }, own, dragOn)
  const ball = own.pick(BALLS)
  const snap = (v: ExperimentVariable, x: number): number => roundTo(x, EXPERIMENT_CONTROLS[v].step)
  const start: ExperimentSettings = {
    speed: snap('speed', own.range(4, 10)),
    angleDeg: own.int(25, 60),
    height: rules.launchHeight.max > 0 ? snap('height', own.range(0.5, 2)) : 0,
    mass: snap('mass', Math.max(0.05, ball.mass)),
    diameter: ball.diameter,
    gravity: world.gravity,
  }
  let settable = rules.designVariables.slice()
  if (rules.constrained && settable.length > 3) {
    // A locked variable the student cannot touch: the one fewer thing to keep equal is replaced by reasoning about why it is fixed.
    const lockable = settable.filter((v) => v !== testVariable)
    const locked = own.pick(lockable)
    settable = settable.filter((v) => v !== locked)
  }
  if (!settable.includes(testVariable)) settable.push(testVariable)
  const controls = EXPERIMENT_VARIABLES.filter((v) => settable.includes(v)).map((v) => ({ ...EXPERIMENT_CONTROLS[v] }))
  const drag = airFor(world, dragOn)

  const control = EXPERIMENT_CONTROLS[testVariable]
  const minDifference = MIN_DIFFERENCE[testVariable]
  let changed: number
  if (control.options) {
    changed = control.options.find((g) => Math.abs(g - start[testVariable]) >= minDifference) ?? control.options[0]!
  } else {
    const up = start[testVariable] + 2 * minDifference
    changed = snap(testVariable, up <= control.max ? up : start[testVariable] - 2 * minDifference)
  }
  const referenceA = { ...start }
  const referenceB = { ...start, [testVariable]: changed }
  const asksPrediction = skill === SKILL_GRAVITY_DRAG
  const outcomeWords = hypothesis.outcome === 'range' ? 'lands farther' : 'stays in the air longer'
  const settableNames = controls.map((c) => VARIABLE_NAMES[c.variable]).join(', ')
  return {
    ...base,
    kind: 'design-experiment',
    prompt: `Hypothesis: "${hypothesis.text}" Set up launch A and launch B (${settableNames}) to test it fairly${drag.enabled ? ' with air resistance on' : ' with no air resistance'}.` +
      (asksPrediction ? ` Then say which launch ${outcomeWords}: A, B or the same.` : ''),
    world,
    testVariable,
    hypothesis: hypothesis.text,
    outcome: hypothesis.outcome,
    controls,
    start,
    drag,
    minDifference,
    asksPrediction,
    reference: {
      launchA: referenceA,
      launchB: referenceB,
      prediction: experimentWinner(referenceA, referenceB, drag, hypothesis.outcome).winner,
    },
  } satisfies DesignExperimentTask
}

