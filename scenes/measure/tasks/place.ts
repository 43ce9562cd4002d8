import { hashSeed, type Rng, type SkillId, type TaskBase } from '../../../src/core'
import { levelRules, TRACK_LENGTH } from '../levels'
import { SKILL_DECIMAL, SKILL_WHOLE } from '../skills'

export interface PlaceTask extends TaskBase {
  kind: 'place'
  /** Where the block must go, in track units from 0 to 10. */
  target: number
  tolerance: number
  labelEvery: number
  /** Where the block starts. */
  start: number
}

export interface PlaceAttempt {
  position: number
}

const round = (x: number, step: number): number => Math.round(x / step) * step

export function generatePlaceTask(skill: SkillId, level: number, rng: Rng): PlaceTask {
  const rules = levelRules[level]
  if (!rules) throw new Error(`measure: no level ${level} (levels are 1 to 5)`)
  if (skill !== SKILL_WHOLE && skill !== SKILL_DECIMAL) throw new Error(`measure: unknown skill '${skill}'`)
  const seed = rng.int(0, 2 ** 31 - 1)
  const own = rng.fork()
  let target: number
  if (skill === SKILL_WHOLE) {
    target = own.int(1, TRACK_LENGTH - 1)
  } else {
    // A non-whole multiple of the level's step, away from the ends.
    const steps = Math.round(1 / rules.decimalStep)
    const whole = own.int(0, TRACK_LENGTH - 1)
    const frac = own.int(1, steps - 1) / steps
    target = Number((whole + frac).toFixed(2))
  }
  let start = round(own.range(0, TRACK_LENGTH), 0.5)
  if (Math.abs(start - target) < 2) start = target < TRACK_LENGTH / 2 ? TRACK_LENGTH - 0.5 : 0.5
  return {
    id: `measure/${skill}/${level}/${hashSeed(seed).toString(36)}`,
    sceneId: 'measure',
    skill,
    level,
    seed,
    kind: 'place',
    prompt: `Move the block to ${formatNumber(target)} on the track.`,
    target,
    tolerance: rules.tolerance,
    labelEvery: rules.labelEvery,
    start,
  }
}

export function formatNumber(x: number): string {
  return Number(x.toFixed(2)).toString()
}
