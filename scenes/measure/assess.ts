import type { Assessment, Misconception, Rng } from '../../src/core'
import { formatNumber, type PlaceAttempt, type PlaceTask } from './tasks/place'
import { TRACK_LENGTH } from './levels'
import { SKILL_DECIMAL, SKILL_WHOLE } from './skills'

export const MISCONCEPTIONS = {
  countsMarks: {
    id: 'measure.counts-marks-not-spaces',
    description: 'Counts the marks starting from 1 instead of the spaces starting from 0, so lands one unit off.',
  },
  ignoresDecimal: {
    id: 'measure.ignores-decimal-part',
    description: 'Places the block at the whole number and ignores the part after the decimal point.',
  },
} satisfies Record<string, Misconception>

export function assessPlace(task: PlaceTask, attempt: PlaceAttempt): Assessment {
  const position = attempt?.position
  if (typeof position !== 'number' || !Number.isFinite(position)) {
    throw new Error(`measure: attempt.position must be a finite number, got ${String(position)}`)
  }
  const error = position - task.target
  const off = Math.abs(error)
  const correct = off <= task.tolerance + 1e-9
  const evidence = [{ skill: task.skill, correct }]
  // Decimal placement also shows (or fails to show) whole-number reading.
  if (task.skill === SKILL_DECIMAL) evidence.push({ skill: SKILL_WHOLE, correct: Math.abs(Math.trunc(position) - Math.trunc(task.target)) === 0 || correct })
  const missInTolerances = off / task.tolerance
  if (correct) {
    return { correct, score: 1, evidence, feedback: `Yes: the block is at ${formatNumber(position)}, on ${formatNumber(task.target)}.`, missInTolerances }
  }
  const score = Math.max(0, 1 - off / 2)
  let misconception: Misconception | undefined
  if (task.skill === SKILL_DECIMAL && Math.abs(position - Math.trunc(task.target)) <= task.tolerance) {
    misconception = MISCONCEPTIONS.ignoresDecimal
  } else if (Math.abs(off - 1) <= task.tolerance) {
    misconception = MISCONCEPTIONS.countsMarks
  }
  const direction = error > 0 ? 'too far right' : 'too far left'
  // Where the block belongs stays out of the feedback: the student may try again.
  const feedback = misconception === MISCONCEPTIONS.ignoresDecimal
    ? 'The block is on a whole number, but this number has a decimal part: it lies between two long marks. Next step: go part of the way on toward the next long mark.'
    : misconception === MISCONCEPTIONS.countsMarks
      ? `Off by one whole unit (${direction}): that comes from counting the marks instead of the spaces. Next step: count the spaces from 0.`
      : `Not yet: the block is at ${formatNumber(position)}, ${direction}. Next step: find the long mark for the whole-number part first, then move on from there.`
  // A misconception's answer is a wrong idea, not an imprecise placing: it is not graded by distance.
  return misconception ? { correct, score, evidence, feedback, misconception } : { correct, score, evidence, feedback, missInTolerances }
}

export function wrongPlaceAttempt(task: PlaceTask, rng: Rng): PlaceAttempt {
  if (task.skill === SKILL_DECIMAL && rng.chance(0.5)) return { position: Math.trunc(task.target) }
  const step = task.target >= 5 ? -1 : 1
  return { position: task.target + step }
}

/** A placement this many tolerances off the target, to the left or right at random, on the track. */
export function missedPlaceAttempt(task: PlaceTask, missInTolerances: number, rng: Rng): PlaceAttempt {
  const side = rng.chance(0.5) ? 1 : -1
  return { position: Math.min(TRACK_LENGTH, Math.max(0, task.target + side * missInTolerances * task.tolerance)) }
}
