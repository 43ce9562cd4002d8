import type { SceneViewModule, SimulationPlugin } from '../../src/core'
import { assessPlace, missedPlaceAttempt, wrongPlaceAttempt } from './assess'
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
  missedAttempt: missedPlaceAttempt,
  // General to specific, stopping before the number: the last step onto the mark is the student's.
  hints(task) {
    const whole = Math.trunc(task.target)
    const hints = [
      'The track starts at 0 on the left end and goes up by one at each long mark.',
      task.labelEvery > 1 ? `Only some long marks have a number; count on from the nearest numbered mark, one long mark at a time.` : 'Count the spaces from 0, not the marks: the first long mark after 0 is 1.',
    ]
    if (task.target !== whole) {
      hints.push('A number with a decimal part lies between two long marks: find the long mark for its whole-number part first.')
      const tenths = Math.round((task.target - whole) * 10)
      // In words, so the hint cannot read as the target itself (0.5 would, for a target of 0.5).
      hints.push(`Then go ${tenths === 5 ? 'half' : `${tenths} tenths`} of the way from there to the next long mark.`)
    } else {
      hints.push('A whole number sits exactly on a long mark, not between two.')
    }
    return hints
  },
  solution: (task) => `The block goes exactly on ${formatNumber(task.target)}: ${Math.trunc(task.target) === task.target ? `the long mark ${formatNumber(task.target)} spaces from 0` : `${formatNumber(task.target - Math.trunc(task.target))} of the way from ${Math.trunc(task.target)} to ${Math.trunc(task.target) + 1}`}.`,
  describe(task, state) {
    const position = (state as { position?: number } | undefined)?.position
    const where = typeof position === 'number' ? ` The block is now at ${formatNumber(position)}.` : ''
    return `${task.prompt} The track runs from 0 on the left to ${TRACK_LENGTH} on the right.${where}`
  },
  formatResponse: (_task, attempt) => `placed at ${formatNumber(attempt.position)}`,
  loadView: () => import('./view/MeasureView') as Promise<SceneViewModule<PlaceTask, PlaceAttempt>>,
}

export default measurePlugin
