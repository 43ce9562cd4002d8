/**
 * Difficulty targeting with an Elo-style rating per learner and skill (Math Garden's scheme,
 * Klinkenberg et al. 2011). Ratings and level difficulties share a logit scale:
 *   P(success) = 1 / (1 + exp(-(rating - difficulty + supportBonus * support)))
 * After an outcome (1 or 0): rating += K * (outcome - P), with K = kMin + (kMax - kMin) * U.
 * U, the uncertainty, starts at 1, shrinks by `uncertaintyStep` per answer and grows by
 * `uncertaintyPerDay` per day away, so a new or returning learner's rating moves fast and a
 * well-known one's moves slowly. Task difficulties stay as the scene declares them.
 */
import type { BktParams } from '../core'
import { predictCorrect } from './bkt'
import { erf, erfc, normalQuantile } from './normal'

export interface EloOptions {
  kMin: number
  kMax: number
  uncertaintyStep: number
  uncertaintyPerDay: number
  /** Logits of success the most supportive scaffold (support 1) adds. */
  supportBonus: number
}

export const DEFAULT_ELO: EloOptions = { kMin: 0.2, kMax: 1.0, uncertaintyStep: 0.1, uncertaintyPerDay: 1 / 30, supportBonus: 1 }

const DAY_MS = 86_400_000

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p))
  return Math.log(q / (1 - q))
}

/** A first rating from the skill's BKT prior: the prior's P(correct) at the easiest level. */
export function initialRating(params: BktParams, levels: readonly { difficulty: number }[]): number {
  const easiest = levels.length > 0 ? Math.min(...levels.map((l) => l.difficulty)) : 0
  return easiest + logit(predictCorrect(params, params.prior))
}

export function predictSuccess(rating: number, difficulty: number, support = 0, options: EloOptions = DEFAULT_ELO): number {
  return logistic(rating - difficulty + options.supportBonus * support)
}

export interface RatingState {
  rating: number
  ratingUncertainty: number
  lastPracticedAt: number | null
}

/** Updates the rating in place after one outcome; returns the P(success) it expected. */
export function updateRating(state: RatingState, difficulty: number, support: number, outcome: number, now: number, options: EloOptions = DEFAULT_ELO): number {
  if (state.lastPracticedAt !== null && now > state.lastPracticedAt) {
    state.ratingUncertainty = Math.min(1, state.ratingUncertainty + ((now - state.lastPracticedAt) / DAY_MS) * options.uncertaintyPerDay)
  }
  const expected = predictSuccess(state.rating, difficulty, support, options)
  const k = options.kMin + (options.kMax - options.kMin) * state.ratingUncertainty
  state.rating += k * (outcome - expected)
  state.ratingUncertainty = Math.max(0, state.ratingUncertainty - options.uncertaintyStep)
  state.lastPracticedAt = now
  return expected
}

/**
 * The ability filter behind the level choice: a Kalman filter with a local linear trend (Harvey
 * 1989; Holt's trend smoothing in state-space form) on the levels' logit scale, with Glickman's
 * (1999) Gaussian approximation of a logistic outcome. Per learner and skill it keeps the
 * ability estimate `rating`, its learning trend `ratingTrend` (logits gained per task) and
 * their covariance. After an outcome y at difficulty d and support s, with
 * p = logistic(rating - d + supportBonus s):
 *   gain   (k0, k1) = (var, cov) / (var p (1 - p) + 1)
 *   update rating += k0 (y - p), trend += k1 (y - p), covariance shrinks accordingly
 *   then   rating += trend (the learning of the next task), var += 2 cov + trendVar + processVariance
 * The trend is what the Elo rating lacked: a student who learns as they go is a moving target,
 * and a rating without one lags them by drift / (K p (1 - p)) logits, tasks that are too easy.
 * The trend starts at `trendPrior` and is learned from each student's own answers.
 * A graded answer (placementEvidence) replaces y - p by its score and p (1 - p) by its observed
 * information: the same Gaussian step (one Newton step on the answer's log-likelihood).
 */
export interface AbilityOptions {
  /** Variance of a new skill's ability estimate, logits^2 (ratingUncertainty 1). */
  abilityVariance: number
  /** A new skill's learning trend, logits per task, and its variance. */
  trendPrior: number
  trendVariance: number
  /** Variance the ability drifts by per task beyond the trend. */
  processVariance: number
  /** Bounds of the trend, logits per task. */
  trendMin: number
  trendMax: number
  /** Share of the prior variance regained per day away. */
  uncertaintyPerDay: number
  /** A wrong answer judged against a tolerance is a near miss within this many tolerances, else a far one (placementEvidence). */
  nearMissTolerances: number
}

export const DEFAULT_ABILITY: AbilityOptions = { abilityVariance: 2, trendPrior: 0.15, trendVariance: 0.005, processVariance: 0.02, trendMin: -0.3, trendMax: 0.6, uncertaintyPerDay: 1 / 30, nearMissTolerances: 1.5 }

export interface AbilityState extends RatingState {
  ratingTrend: number
  trendVariance: number
  ratingTrendCovariance: number
  /** Sum of the trend steps taken: rating - ratingGrowth estimates where the skill started. */
  ratingGrowth: number
}

/**
 * An answer judged against a tolerance (place a block at 3.4, within 0.08), graded by how far
 * off it was. `missInTolerances` = |error| / tolerance.
 */
export interface GradedAnswer {
  correct: boolean
  missInTolerances: number
}

/** What one answer says about the ability: the slope of its log-likelihood in the logit of success, and its expected information. */
export interface AnswerEvidence {
  score: number
  information: number
}

/**
 * Graded evidence of an answer judged against a tolerance, on the filter's scale. The model: the
 * student's error is normal, e ~ N(0, sigma), with sigma set by ability so that P(|e| <= tol) is
 * the filter's P(success) p; then z = tol / sigma = Phi^-1((1 + p) / 2), and the answer falls in
 * one of three ordered categories (a graded response, as in Samejima 1969):
 *   right      |e| <= tol                           P = p
 *   near miss  tol < |e| <= c tol                   P = T(1) - T(c)
 *   far miss   |e| > c tol                          P = T(c)
 * with T(c) = P(|e| > c tol) = erfc(c z / sqrt 2), whose slope in eta = logit p is
 * T' = -c p (1 - p) exp(-(c^2 - 1) z^2 / 2) and T'' = T' ((1 - 2p) - (c^2 - 1) z z'),
 * z' = p (1 - p) / (2 phi(z)). The score is P'/P and the information the observed one,
 * (P'/P)^2 - P''/P: for a binary answer they are y - p and p (1 - p), Glickman's step. A right
 * answer's category is the binary one, so it moves the estimate exactly as before; a near miss
 * says less against the student than a binary wrong answer, a far miss more, and both narrow
 * the estimate more. At p = 0.8 with c = 1.5: near miss -0.51 (information 0.385), far miss
 * -1.58 (0.387), against -0.8 (0.16) for a wrong answer.
 */
export function placementEvidence(answer: GradedAnswer, success: number, nearMissTolerances: number): AnswerEvidence {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, success))
  const slope = p * (1 - p)
  const c = nearMissTolerances
  // The tolerance in standard deviations of the student's error, from the lower tail for accuracy near p = 1.
  const z = -normalQuantile((1 - p) / 2)
  const zSlope = slope / ((2 * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI))
  // T(c) = P(|e| > c tol), from erfc where it is small and from erf where the near miss is a small difference.
  const beyondNear = erfc((c * z) / Math.SQRT2)
  const nearProbability = p < 0.5 ? erf((c * z) / Math.SQRT2) - p : 1 - p - beyondNear
  const beyondNearSlope = -c * slope * Math.exp((-(c * c - 1) * z * z) / 2)
  const beyondNearCurve = beyondNearSlope * (1 - 2 * p - (c * c - 1) * z * zSlope)
  // Each category: its probability and its first two derivatives in eta (T(1) = 1 - p: T' = -p (1 - p), T'' = -p (1 - p)(1 - 2p)).
  const [probability, first, second] = answer.correct
    ? [p, slope, slope * (1 - 2 * p)]
    : answer.missInTolerances <= c
      ? [nearProbability, -slope - beyondNearSlope, -slope * (1 - 2 * p) - beyondNearCurve]
      : [beyondNear, beyondNearSlope, beyondNearCurve]
  const score = first / Math.max(1e-300, probability)
  // The observed information; kept from going negative where rounding leaves a category's log-likelihood flat.
  return { score, information: Math.max(0, score * score - second / Math.max(1e-300, probability)) }
}

/**
 * Updates the ability filter in place after one outcome (1 right, 0 wrong, or a graded answer);
 * returns the P(success) it expected.
 */
export function trackAbility(state: AbilityState, difficulty: number, support: number, outcome: number | GradedAnswer, now: number, options: AbilityOptions = DEFAULT_ABILITY, elo: EloOptions = DEFAULT_ELO): number {
  if (state.lastPracticedAt !== null && now > state.lastPracticedAt) {
    state.ratingUncertainty = Math.min(1, state.ratingUncertainty + ((now - state.lastPracticedAt) / DAY_MS) * options.uncertaintyPerDay)
  }
  const expected = predictSuccess(state.rating, difficulty, support, elo)
  const { score, information } = typeof outcome === 'number' ? { score: outcome - expected, information: expected * (1 - expected) } : placementEvidence(outcome, expected, options.nearMissTolerances)
  const variance = state.ratingUncertainty * options.abilityVariance
  const covariance = state.ratingTrendCovariance
  const denominator = variance * information + 1
  const k0 = variance / denominator
  const k1 = covariance / denominator
  state.rating += k0 * score
  state.ratingTrend = Math.min(options.trendMax, Math.max(options.trendMin, state.ratingTrend + k1 * score))
  const v = variance - k0 * information * variance
  const c = covariance - k0 * information * covariance
  const t = Math.max(1e-9, state.trendVariance - k1 * information * covariance)
  // The next task: the ability moves by the trend, and the estimate grows less certain.
  state.rating += state.ratingTrend
  state.ratingGrowth += state.ratingTrend
  state.ratingUncertainty = Math.min(1, Math.max(1e-6, (v + 2 * c + t + options.processVariance) / options.abilityVariance))
  state.ratingTrendCovariance = c + t
  state.trendVariance = t
  state.lastPracticedAt = now
  return expected
}

/**
 * The level whose predicted success is closest to `target`; ties go to the easier level.
 * `previousLevel` (0 = none) limits a move to `maxStep` levels per task so a lucky streak does
 * not throw a student from the first level to the last.
 */
export function chooseLevel(
  rating: number,
  levels: readonly { level: number; difficulty: number }[],
  support: number,
  target: number,
  previousLevel = 0,
  maxStep = 1,
  options: EloOptions = DEFAULT_ELO,
): { level: number; predictedSuccess: number } {
  if (levels.length === 0) throw new Error('chooseLevel: the scene has no levels')
  let best = levels[0]!
  let bestGap = Infinity
  for (const candidate of levels) {
    if (previousLevel > 0 && Math.abs(candidate.level - previousLevel) > maxStep) continue
    const gap = Math.abs(predictSuccess(rating, candidate.difficulty, support, options) - target)
    if (gap < bestGap - 1e-12 || (Math.abs(gap - bestGap) <= 1e-12 && candidate.level < best.level)) {
      best = candidate
      bestGap = gap
    }
  }
  return { level: best.level, predictedSuccess: predictSuccess(rating, best.difficulty, support, options) }
}

/**
 * The level ladder: which level a skill's next task uses. A weighted up-down staircase
 * (Kaernbach 1991): each correct first attempt adds (1 - target) to the skill's level credit,
 * each wrong one (or first hint) takes away target, so the credit drifts up when the student
 * succeeds more often than the target and down when less, and stands still at the target. The
 * level steps up when the credit reaches `climbAfter` correct answers' worth and down when it
 * falls to `dropAfter` wrong answers' worth, one level at a time, and the credit starts again.
 * At the default target 0.8 that is: up after three right in a row, down after two wrong with at
 * most one right between them; near Levitt's (1971) 3-down-1-up rule, which settles where
 * success is 0.79, while one slip does not drop a level.
 */
export interface LadderOptions {
  /** Correct answers in a row that step the level up. */
  climbAfter: number
  /** Wrong answers in a row that step the level down. */
  dropAfter: number
}

export const DEFAULT_LADDER: LadderOptions = { climbAfter: 3, dropAfter: 2 }

export interface LadderState {
  /** 1-based level of the skill's next task. */
  level: number
  levelCredit: number
}

export type LevelMove = 'up' | 'down' | null

/**
 * Applies one counted answer at the skill's current level (mutates) and returns the move.
 * `minLevel`/`maxLevel` bound the ladder; at either end a step that cannot be taken starts the
 * credit again, as a step would, so a run at the top banks nothing and a run of errors at the
 * bottom does not dig a hole three right answers cannot climb out of.
 */
export function stepLadder(state: LadderState, correct: boolean, target: number, minLevel: number, maxLevel: number, options: LadderOptions = DEFAULT_LADDER): LevelMove {
  if (!(target > 0 && target < 1)) throw new Error(`stepLadder: target must lie in (0, 1), got ${target}`)
  const up = options.climbAfter * (1 - target) - 1e-9
  // Two wrong with at most one right between them is still 'two wrong' (at low targets, where a
  // right answer weighs as much as a wrong one, half a right: one wrong alone never drops).
  const down = -options.dropAfter * target + Math.min(1 - target, target / 2) + 1e-9
  state.levelCredit += correct ? 1 - target : -target
  if (state.levelCredit >= up) {
    if (state.level < maxLevel) {
      state.level++
      state.levelCredit = 0
      return 'up'
    }
    state.levelCredit = 0
  } else if (state.levelCredit <= down) {
    if (state.level > minLevel) {
      state.level--
      state.levelCredit = 0
      return 'down'
    }
    state.levelCredit = 0
  }
  return null
}

/**
 * How far below the skill's mastery level a level sits, in [0, 1]: 0 at or above the mastery
 * level, 1 at the easiest. Evidence at easier levels is weaker evidence of mastery (see
 * scaffoldedParams), the way evidence under support is.
 */
export function levelEase(level: number, minLevel: number, masteryLevel: number): number {
  if (masteryLevel <= minLevel) return 0
  return Math.min(1, Math.max(0, (masteryLevel - level) / (masteryLevel - minLevel)))
}
