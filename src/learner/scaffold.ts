/**
 * Scaffold policy: which rung of the scene's ladder (0 = most support) the next task gets.
 * The table (README.md repeats it):
 *
 *   P(L) before the task      base rung, as a share of the way down the ladder
 *   < 0.40                    0    (most support)
 *   0.40 - 0.60               1/3
 *   0.60 - 0.80               2/3
 *   >= 0.80                   1    (least support)
 *
 *   then:  2+ wrong in a row on the skill          one rung more support
 *          2+ hints on the skill's last task        one rung more support
 *          wheel-spinning flagged                   most support
 *          fading: at most one rung less support than the skill's previous task
 *          assessment mode                          always least support
 *
 * Support also changes what a correct answer proves: scaffoldedParams() raises the guess
 * probability with the rung's support, so a correct answer with the guide line showing is
 * weaker evidence of mastery than one on the student's own.
 */
import type { BktParams } from '../core'

export interface ScaffoldInput {
  mastery: number
  consecutiveErrors: number
  hintsOnLastTask: number
  struggling: boolean
  /** The skill's previous rung; -1 when it had no task yet. */
  previousRung: number
  ladderLength: number
  assessmentMode: boolean
}

export interface ScaffoldChoice {
  rung: number
  /** Why, in a teacher's words, for the scaffold-changed event. */
  reason: string
}

export const MASTERY_BANDS = [0.4, 0.6, 0.8] as const

export function chooseScaffold(input: ScaffoldInput): ScaffoldChoice {
  const last = input.ladderLength - 1
  if (last < 0) throw new Error('chooseScaffold: the scene has no scaffold ladder')
  if (input.assessmentMode) return { rung: last, reason: 'assessment mode: least support' }
  if (input.struggling) return { rung: 0, reason: 'wheel-spinning: back to the most support' }
  const band = MASTERY_BANDS.filter((edge) => input.mastery >= edge).length
  let rung = Math.round((band / MASTERY_BANDS.length) * last)
  const reasons = [`mastery ${input.mastery.toFixed(2)}`]
  if (input.consecutiveErrors >= 2) {
    rung -= 1
    reasons.push(`${input.consecutiveErrors} wrong in a row`)
  }
  if (input.hintsOnLastTask >= 2) {
    rung -= 1
    reasons.push(`${input.hintsOnLastTask} hints on the last task`)
  }
  rung = Math.max(0, Math.min(last, rung))
  if (input.previousRung >= 0 && rung > input.previousRung + 1) {
    rung = input.previousRung + 1
    reasons.push('fading one rung at a time')
  }
  return { rung, reason: reasons.join(', ') }
}

/** Share of the gap between guessing and knowing that full support closes for an unmastered student. */
export const SUPPORT_GUESS_SHARE = 0.5
/** Share of that gap the easiest level closes, for a skill mastered at a harder level. */
export const LEVEL_GUESS_SHARE = 0.5

/**
 * The BKT parameters for evidence gathered at scaffold support `support` in [0,1] and at a level
 * `ease` in [0,1] below the skill's mastery level (levelEase), written into `out` (no
 * allocation). P(L) is the chance the student has mastered the skill at its mastery level: an
 * unmastered student succeeds more often with support and at easier levels, so each closes
 * part of the gap between guessing and knowing, and together 1 - (1 - a)(1 - b) of it. Support 0
 * at the mastery level gives the parameters unchanged, so that evidence is pyBKT's update exactly.
 */
export function scaffoldedParams(params: BktParams, support: number, out: BktParams, ease = 0): BktParams {
  out.prior = params.prior
  out.learn = params.learn
  out.forget = params.forget
  out.slip = params.slip
  const bySupport = SUPPORT_GUESS_SHARE * Math.min(1, Math.max(0, support))
  const byLevel = LEVEL_GUESS_SHARE * Math.min(1, Math.max(0, ease))
  out.guess = params.guess + (1 - params.guess - params.slip) * (1 - (1 - bySupport) * (1 - byLevel))
  return out
}
