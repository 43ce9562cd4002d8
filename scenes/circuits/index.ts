import type { SceneViewModule, SimulationPlugin } from '../../src/core'
import { assessCircuit } from './assess'
import { describe, formatResponse, hints, solution } from './guidance'
import { levels } from './levels'
import { referenceSolution, wrongAttempt } from './reference'
import { scaffolds } from './scaffolds'
import { skills } from './skills'
import { generateTask } from './tasks/generate'
import type { CircuitAttempt, CircuitTask } from './tasks/types'

export type * from './tasks/types'

/** Circuit Lab: build, fix and measure DC circuits on a workbench of snap-in parts. */
export const circuitsPlugin: SimulationPlugin<CircuitTask, CircuitAttempt> = {
  id: 'circuits',
  version: '1.0.0',
  title: 'Circuit Lab',
  subject: 'Physics: electric circuits',
  summary: 'Build circuits from batteries, bulbs, resistors, switches and wires on a workbench; light bulbs, reach a target current, predict brightness, fix broken circuits and measure with an ammeter and a voltmeter.',
  skills,
  levels,
  scaffolds,
  generate: generateTask,
  assess: assessCircuit,
  referenceSolution,
  wrongAttempt,
  hints,
  solution,
  describe,
  formatResponse,
  loadView: () => import('./view/CircuitView') as Promise<SceneViewModule<CircuitTask, CircuitAttempt>>,
}

export default circuitsPlugin
