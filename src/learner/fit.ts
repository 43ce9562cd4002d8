/**
 * EM (Baum-Welch) for BKT: prior, learn, guess, slip and optionally forget, per skill.
 * Scaled forward-backward (each forward message normalised, the scale factors give the
 * log-likelihood), several seeded restarts, iterated until the log-likelihood changes by less
 * than `tolerance` (a real-valued test: pyBKT's C++ path compares integer-truncated values and
 * stops early, see test/fixtures/bkt/README.md). Pure: typed arrays in, numbers out; the
 * same code runs in Node, in a Web Worker (fit.worker.ts) and on the hub.
 */
import type { BktParams } from '../core'
import { createRng, hashSeed } from '../core'
import { clampBktParams } from './bkt'
import { groupRows, type BktRow, type SkillSequences } from './data'

export interface FitOptions {
  /** Fit a forget probability too (pyBKT's forgets=True). Default false: forget = 0. */
  forgets?: boolean
  /** Random starting points per skill; the best log-likelihood wins. Default 5, as pyBKT. */
  restarts?: number
  /** Seed of the restarts' starting points. Default 42. */
  seed?: number
  /** Stop when |LL_k - LL_(k-1)| < tolerance. Default 1e-10 (the reference MLE used the same). */
  tolerance?: number
  /** Upper bound on EM iterations per restart. Default 5000. */
  maxIterations?: number
}

export interface SkillFit {
  params: BktParams
  /** Log-likelihood of the skill's observed responses under `params`. */
  logLikelihood: number
  /** Iterations of the winning restart. */
  iterations: number
  /** Whether the winning restart met the tolerance before maxIterations. */
  converged: boolean
  /** Observed (non -1) responses. */
  observations: number
}

/** The sequence arrays the fit needs; SkillSequences satisfies it. */
export interface SequenceArrays {
  responses: Int8Array
  starts: Int32Array
  lengths: Int32Array
}

const DEFAULTS = { forgets: false, restarts: 5, seed: 42, tolerance: 1e-10, maxIterations: 5000 }

/** Reusable per-skill buffers, so that iterations allocate nothing. */
interface Workspace {
  filtered: Float64Array
  scale: Float64Array
}

/** Expected counts from one E-step. */
interface Counts {
  logLikelihood: number
  priorMastered: number
  sequences: number
  learnNum: number
  learnDen: number
  forgetNum: number
  forgetDen: number
  guessNum: number
  guessDen: number
  slipNum: number
  slipDen: number
}

function emptyCounts(): Counts {
  return { logLikelihood: 0, priorMastered: 0, sequences: 0, learnNum: 0, learnDen: 0, forgetNum: 0, forgetDen: 0, guessNum: 0, guessDen: 0, slipNum: 0, slipDen: 0 }
}

/** Log-likelihood of the observed responses: the forward pass alone. */
export function logLikelihood(data: SequenceArrays, p: BktParams): number {
  const { responses, starts, lengths } = data
  let ll = 0
  for (let s = 0; s < starts.length; s++) {
    const start = starts[s]!
    const end = start + lengths[s]!
    let p1 = p.prior
    for (let t = start; t < end; t++) {
      const r = responses[t]!
      let f1 = p1
      if (r !== -1) {
        const e1 = r === 1 ? 1 - p.slip : p.slip
        const e0 = r === 1 ? p.guess : 1 - p.guess
        const a1 = p1 * e1
        const c = a1 + (1 - p1) * e0
        ll += Math.log(c)
        f1 = a1 / c
      }
      p1 = f1 * (1 - p.forget) + (1 - f1) * p.learn
    }
  }
  return ll
}

/** One E-step: scaled forward pass storing P(L_t | r_1..t), then the backward pass accumulating counts. */
function expectation(data: SequenceArrays, p: BktParams, work: Workspace, counts: Counts): void {
  const { responses, starts, lengths } = data
  const { filtered, scale } = work
  const { prior, learn, forget, guess, slip } = p
  let ll = 0
  let priorMastered = 0
  let learnNum = 0, learnDen = 0, forgetNum = 0, forgetDen = 0
  let guessNum = 0, guessDen = 0, slipNum = 0, slipDen = 0
  for (let s = 0; s < starts.length; s++) {
    const start = starts[s]!
    const end = start + lengths[s]!
    // Forward: filtered[t] = P(L_t | r_start..t), scale[t] = P(r_t | r_start..t-1).
    let p1 = prior
    for (let t = start; t < end; t++) {
      const r = responses[t]!
      if (r === -1) {
        filtered[t] = p1
        scale[t] = 1
      } else {
        const e1 = r === 1 ? 1 - slip : slip
        const e0 = r === 1 ? guess : 1 - guess
        const a1 = p1 * e1
        const c = a1 + (1 - p1) * e0
        ll += Math.log(c)
        filtered[t] = a1 / c
        scale[t] = c
      }
      const f1 = filtered[t]!
      p1 = f1 * (1 - forget) + (1 - f1) * learn
    }
    // Backward with scaled betas b0, b1; gamma_t = filtered_t * b_t.
    let b0 = 1
    let b1 = 1
    for (let t = end - 1; t >= start; t--) {
      const f1 = filtered[t]!
      const g0 = (1 - f1) * b0
      const g1 = f1 * b1
      const r = responses[t]!
      let e0 = 1
      let e1 = 1
      if (r !== -1) {
        guessDen += g0
        slipDen += g1
        if (r === 1) {
          guessNum += g0
          e0 = guess
          e1 = 1 - slip
        } else {
          slipNum += g1
          e0 = 1 - guess
          e1 = slip
        }
      }
      if (t === start) {
        priorMastered += g1
        break
      }
      // Transition counts for (t-1 -> t).
      const w0 = (e0 * b0) / scale[t]!
      const w1 = (e1 * b1) / scale[t]!
      const prev1 = filtered[t - 1]!
      const prev0 = 1 - prev1
      const x00 = prev0 * (1 - learn) * w0
      const x01 = prev0 * learn * w1
      const x10 = prev1 * forget * w0
      const x11 = prev1 * (1 - forget) * w1
      learnNum += x01
      learnDen += x00 + x01
      forgetNum += x10
      forgetDen += x10 + x11
      b0 = (1 - learn) * w0 + learn * w1
      b1 = forget * w0 + (1 - forget) * w1
    }
  }
  counts.logLikelihood = ll
  counts.priorMastered = priorMastered
  counts.sequences = starts.length
  counts.learnNum = learnNum
  counts.learnDen = learnDen
  counts.forgetNum = forgetNum
  counts.forgetDen = forgetDen
  counts.guessNum = guessNum
  counts.guessDen = guessDen
  counts.slipNum = slipNum
  counts.slipDen = slipDen
}

/** M-step in place; a parameter without data behind it (empty denominator) keeps its value. */
function maximisation(c: Counts, p: BktParams, withForget: boolean): void {
  if (c.sequences > 0) p.prior = c.priorMastered / c.sequences
  if (c.learnDen > 0) p.learn = c.learnNum / c.learnDen
  if (withForget && c.forgetDen > 0) p.forget = c.forgetNum / c.forgetDen
  if (c.guessDen > 0) p.guess = c.guessNum / c.guessDen
  if (c.slipDen > 0) p.slip = c.slipNum / c.slipDen
  clampBktParams(p, withForget)
}

/** pyBKT's random_model_uni ranges, except forget (see README: U(0,1) starts rarely win). */
function randomStart(rng: { range(a: number, b: number): number }, withForget: boolean): BktParams {
  const p: BktParams = {
    prior: rng.range(0, 1),
    learn: rng.range(0, 0.4),
    guess: rng.range(0, 0.4),
    slip: rng.range(0, 0.3),
    forget: withForget ? rng.range(0, 0.2) : 0,
  }
  clampBktParams(p, withForget)
  return p
}

/** Runs EM from `start` (mutated into the result). */
export function emFromStart(data: SequenceArrays, start: BktParams, options: FitOptions = {}, work?: Workspace): SkillFit {
  const o = { ...DEFAULTS, ...options }
  const n = data.responses.length
  const ws = work ?? { filtered: new Float64Array(n), scale: new Float64Array(n) }
  const counts = emptyCounts()
  const p = start
  let previous = -Infinity
  let iterations = 0
  let converged = false
  while (iterations < o.maxIterations) {
    expectation(data, p, ws, counts)
    iterations++
    const change = counts.logLikelihood - previous
    if (Math.abs(change) < o.tolerance) {
      converged = true
      break
    }
    previous = counts.logLikelihood
    maximisation(counts, p, o.forgets)
  }
  let observations = 0
  for (let i = 0; i < n; i++) if (data.responses[i] !== -1) observations++
  // Converged, the loop ended right after an E-step, so counts.logLikelihood belongs to p as
  // returned; stopped at maxIterations, an M-step has moved p since (or nothing ran): score p.
  const ll = converged ? counts.logLikelihood : logLikelihood(data, p)
  return { params: p, logLikelihood: ll, iterations, converged, observations }
}

/** Fits one skill's sequences from `restarts` seeded starts and keeps the best. */
export function fitSkill(data: SequenceArrays, options: FitOptions = {}, skillName = ''): SkillFit {
  const o = { ...DEFAULTS, ...options }
  if (!(o.restarts >= 1)) throw new Error(`fitSkill: restarts must be at least 1, got ${o.restarts}`)
  const rng = createRng(hashSeed(o.seed, skillName))
  const n = data.responses.length
  const work: Workspace = { filtered: new Float64Array(n), scale: new Float64Array(n) }
  let best: SkillFit | null = null
  for (let r = 0; r < o.restarts; r++) {
    const fit = emFromStart(data, randomStart(rng, o.forgets), o, work)
    if (best === null || fit.logLikelihood > best.logLikelihood) best = fit
  }
  return best!
}

/** Fits every skill present in the rows. Skills come out in code-point order. */
export function fitRows(rows: readonly BktRow[], options: FitOptions = {}): Record<string, SkillFit> {
  return fitSequences(groupRows(rows), options)
}

export function fitSequences(groups: readonly SkillSequences[], options: FitOptions = {}): Record<string, SkillFit> {
  const result: Record<string, SkillFit> = {}
  for (const group of groups) result[group.skill] = fitSkill(group, options, group.skill)
  return result
}
