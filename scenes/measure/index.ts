import type { SceneViewModule, SimulationPlugin } from '../../src/core'
import { assessPlace, wrongPlaceAttempt } from './assess'
import { levels, TRACK_LENGTH } from './levels'
import { scaffolds } from './scaffolds'
import { skills } from './skills'
import { formatNumber, generatePlaceTask, type PlaceAttempt, type PlaceTask } from './tasks/place'

export type { PlaceAttempt, PlaceTask }

/** The example scene: the smallest complete plug-in, used to prove the shell, XR input and the tutor loop. */
export const measurePlugin: SimulationPlugin<PlaceTask, PlaceAttempt> = {
  id: 'measure',
  version: '1.0.0',
  title: 'Measure & Place',
  subject: 'Number and measurement',
  summary: 'Slide a block along a marked track to a given number: whole numbers, halves and tenths.',
  skills,
  levels,
  scaffolds,
  generate: generatePlaceTask,
  assess: assessPlace,
  referenceSolution: (task) => ({ position: task.target }),
  wrongAttempt: wrongPlaceAttempt,
  hints(task) {
    const whole = Math.trunc(task.target)
    const hints = [
      'The track starts at 0 on the left end and goes up by one at each long mark.',
      `Find the long mark for ${whole} first.`,
    ]
    if (task.target !== whole) {
      hints.push(`Then go ${formatNumber(task.target - whole)} of the way to the next long mark.`)
    }
    hints.push(`The block belongs exactly at ${formatNumber(task.target)}.`)
    return hints
  },
  describe(task, state) {
    const position = (state as { position?: number } | undefined)?.position
    const where = typeof position === 'number' ? ` The block is now at ${formatNumber(position)}.` : ''
    return `${task.prompt} The track runs from 0 on the left to ${TRACK_LENGTH} on the right.${where}`
  },
  formatResponse: (_task, attempt) => `placed at ${formatNumber(attempt.position)}`,
  loadView: () => import('./view/MeasureView') as Promise<SceneViewModule<PlaceTask, PlaceAttempt>>,
}

export default measurePlugin
