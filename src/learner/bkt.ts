/**
 * Bayesian Knowledge Tracing, one skill, online. The conventions are pyBKT's:
 *   P(correct_t) = P(L_t)(1 - slip) + (1 - P(L_t)) guess        (predicted before the answer)
 *   posterior    = P(L_t | answer_t)                             (Bayes on the answer)
 *   P(L_{t+1})   = posterior (1 - forget) + (1 - posterior) learn (the learn / forget step)
 * A missing response (correct = -1) has likelihood 1 in both states: no posterior change, but
 * the learn step still happens, exactly as pyBKT's forward filter treats it.
 * Every function here is O(1) and allocates nothing, so the tutor can call it per attempt.
 */
import type { BktParams } from '../core'

/** -1 no response, 0 wrong, 1 correct: pyBKT's column values. */
export type Response = -1 | 0 | 1

/** Smallest distance from 0 and 1 that fitted parameters keep. */
export const PARAM_EPSILON = 1e-6

/** P(correct) before the answer, given P(L) before it. */
export function predictCorrect(params: BktParams, pMastery: number): number {
  return pMastery * (1 - params.slip) + (1 - pMastery) * params.guess
}

/** P(L | the answer), before the learn step. */
export function posteriorMastery(params: BktParams, pMastery: number, response: Response): number {
  if (response === -1) return pMastery
  const mastered = response === 1 ? pMastery * (1 - params.slip) : pMastery * params.slip
  const unmastered = response === 1 ? (1 - pMastery) * params.guess : (1 - pMastery) * (1 - params.guess)
  const total = mastered + unmastered
  // Only reachable with degenerate parameters (guess or slip exactly 0 or 1); keep the prior.
  return total > 0 ? mastered / total : pMastery
}

/** The learn (and forget) step from one opportunity to the next. */
export function learnStep(params: BktParams, posterior: number): number {
  return posterior * (1 - params.forget) + (1 - posterior) * params.learn
}

/** One full online update: P(L) before the answer -> P(L) before the next opportunity. */
export function bktUpdate(params: BktParams, pMastery: number, response: Response): number {
  return learnStep(params, posteriorMastery(params, pMastery, response))
}

/**
 * Checks parameters. `strict` (the default) demands the open interval and guess + slip < 1,
 * which fitted and scene parameters must satisfy; prediction also accepts the closed interval
 * (pyBKT happily predicts with forgets = 0).
 */
export function bktParamsProblem(params: unknown, strict = true): string | null {
  if (typeof params !== 'object' || params === null) return 'expected an object with prior, learn, guess, slip, forget'
  const p = params as Record<string, unknown>
  for (const key of ['prior', 'learn', 'guess', 'slip', 'forget'] as const) {
    const v = p[key]
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${key} must be a finite number, got ${JSON.stringify(v)}`
    if (v < 0 || v > 1) return `${key} must lie in [0, 1], got ${v}`
    if (strict && key !== 'forget' && (v <= 0 || v >= 1)) return `${key} must lie strictly between 0 and 1, got ${v}`
  }
  if (strict && (p.guess as number) + (p.slip as number) >= 1) {
    return `guess + slip must be below 1 (otherwise a correct answer is evidence against mastery), got ${p.guess} + ${p.slip}`
  }
  return null
}

export function assertBktParams(params: unknown, where: string, strict = true): asserts params is BktParams {
  const problem = bktParamsProblem(params, strict)
  if (problem) throw new Error(`${where}: ${problem}`)
}

/** Forces parameters into (0,1) with guess + slip < 1; used by the fit after each M-step. */
export function clampBktParams(p: BktParams, withForget: boolean): void {
  const lo = PARAM_EPSILON
  const hi = 1 - PARAM_EPSILON
  p.prior = Math.min(hi, Math.max(lo, p.prior))
  p.learn = Math.min(hi, Math.max(lo, p.learn))
  p.guess = Math.min(hi, Math.max(lo, p.guess))
  p.slip = Math.min(hi, Math.max(lo, p.slip))
  p.forget = withForget ? Math.min(hi, Math.max(0, p.forget)) : 0
  if (p.guess + p.slip > hi) {
    // Past this line the two states swap meaning; shrink both so the labels stay put.
    const scale = hi / (p.guess + p.slip)
    p.guess *= scale
    p.slip *= scale
  }
}
