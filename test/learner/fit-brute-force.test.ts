/**
 * The EM fit (src/learner/fit.ts) against a second method: on sequences short enough to list
 * every path of hidden states (learned or not at each answer), the posterior of each path is its
 * joint probability over their sum, and the expected counts and the M-step follow from the
 * definitions of BKT's parameters. fit.ts computes the same with a scaled forward-backward pass;
 * nothing here shares its code.
 */
import { describe, expect, it } from 'vitest'
import { createRng, hashSeed, type BktParams } from '../../src/core'
import { clampBktParams } from '../../src/learner/bkt'
import { emFromStart, fitSkill, logLikelihood } from '../../src/learner/fit'

/** 1 right, 0 wrong, -1 a task the student skipped (no evidence, time still passes). */
type Sequence = readonly (1 | 0 | -1)[]

function arrays(sequences: readonly Sequence[]) {
  const starts: number[] = []
  const lengths: number[] = []
  const responses: number[] = []
  for (const s of sequences) {
    starts.push(responses.length)
    lengths.push(s.length)
    responses.push(...s)
  }
  return { responses: Int8Array.from(responses), starts: Int32Array.from(starts), lengths: Int32Array.from(lengths) }
}

/** Every hidden path of one sequence with its joint probability P(path, answers). */
function paths(seq: Sequence, p: BktParams): { states: number[]; joint: number }[] {
  const out: { states: number[]; joint: number }[] = []
  for (let bits = 0; bits < 2 ** seq.length; bits++) {
    const states = seq.map((_, t) => (bits >> t) & 1)
    let joint = states[0] ? p.prior : 1 - p.prior
    states.forEach((learned, t) => {
      if (t > 0) {
        const before = states[t - 1]!
        joint *= before ? (learned ? 1 - p.forget : p.forget) : learned ? p.learn : 1 - p.learn
      }
      const answer = seq[t]!
      if (answer === -1) return
      const pCorrect = learned ? 1 - p.slip : p.guess
      joint *= answer === 1 ? pCorrect : 1 - pCorrect
    })
    out.push({ states, joint })
  }
  return out
}

/** Total log-likelihood: log of the sum over paths, per sequence. */
function bruteLogLikelihood(sequences: readonly Sequence[], p: BktParams): number {
  return sequences.reduce((sum, seq) => sum + Math.log(paths(seq, p).reduce((a, x) => a + x.joint, 0)), 0)
}

/** One EM step by the definitions: expected counts under the posterior over paths, then ratios. */
function bruteEmStep(sequences: readonly Sequence[], p: BktParams, forgets: boolean): BktParams {
  let prior = 0, learnNum = 0, learnDen = 0, forgetNum = 0, forgetDen = 0
  let guessNum = 0, guessDen = 0, slipNum = 0, slipDen = 0
  for (const seq of sequences) {
    const all = paths(seq, p)
    const evidence = all.reduce((a, x) => a + x.joint, 0)
    for (const { states, joint } of all) {
      const w = joint / evidence
      prior += w * states[0]!
      states.forEach((learned, t) => {
        if (t > 0) {
          if (states[t - 1]) {
            forgetDen += w
            if (!learned) forgetNum += w
          } else {
            learnDen += w
            if (learned) learnNum += w
          }
        }
        const answer = seq[t]!
        if (answer === -1) return
        if (learned) {
          slipDen += w
          if (answer === 0) slipNum += w
        } else {
          guessDen += w
          if (answer === 1) guessNum += w
        }
      })
    }
  }
  return {
    prior: prior / sequences.length,
    learn: learnNum / learnDen,
    guess: guessNum / guessDen,
    slip: slipNum / slipDen,
    forget: forgets ? forgetNum / forgetDen : 0,
  }
}

const SEQUENCES: Sequence[] = [
  [0, 1, 1, -1, 1],
  [1, 0, 1, 1],
  [0, 0, 1],
  [0, -1, 0, 1, 1, 1],
]
const START: BktParams = { prior: 0.4, learn: 0.2, guess: 0.25, slip: 0.15, forget: 0.05 }

function expectParamsClose(actual: BktParams, expected: BktParams): void {
  for (const key of ['prior', 'learn', 'guess', 'slip', 'forget'] as const) expect(actual[key], key).toBeCloseTo(expected[key], 12)
}

describe('EM against path enumeration', () => {
  it('the log-likelihood is the log of the summed path probabilities', () => {
    const data = arrays(SEQUENCES)
    expect(logLikelihood(data, START)).toBeCloseTo(bruteLogLikelihood(SEQUENCES, START), 12)
    // Sequence by sequence too (one alone, no cross-talk between sequences).
    for (const seq of SEQUENCES) expect(logLikelihood(arrays([seq]), START)).toBeCloseTo(bruteLogLikelihood([seq], START), 12)
  })

  for (const forgets of [false, true]) {
    it(`one, two and three EM steps match the expected counts by enumeration (forgets ${forgets})`, () => {
      const data = arrays(SEQUENCES)
      let expected: BktParams = { ...START, forget: forgets ? START.forget : 0 }
      for (const steps of [1, 2, 3]) {
        expected = bruteEmStep(SEQUENCES, expected, forgets)
        const fit = emFromStart(data, { ...START, forget: forgets ? START.forget : 0 }, { forgets, maxIterations: steps })
        expect(fit).toMatchObject({ iterations: steps, converged: false, observations: 16 })
        expectParamsClose(fit.params, expected)
        expect(fit.logLikelihood).toBeCloseTo(bruteLogLikelihood(SEQUENCES, expected), 12)
      }
    })
  }

  it('without forgets a forget in the start is dropped, and never refitted', () => {
    const fit = emFromStart(arrays(SEQUENCES), { ...START }, { maxIterations: 1 })
    // The start's forget 0.05 is used by the E-step (it is the model asked for), then set to 0.
    expectParamsClose(fit.params, { ...bruteEmStep(SEQUENCES, START, true), forget: 0 })
  })

  it('run to convergence, the fit is a fixed point of the EM step and beats the start', () => {
    const fit = emFromStart(arrays(SEQUENCES), { ...START, forget: 0 }, { tolerance: 1e-13 })
    expect(fit.converged).toBe(true)
    expect(fit.iterations).toBeGreaterThan(3)
    expect(fit.iterations).toBeLessThan(5000)
    const again = bruteEmStep(SEQUENCES, fit.params, false)
    for (const key of ['prior', 'learn', 'guess', 'slip'] as const) expect(again[key], key).toBeCloseTo(fit.params[key], 5)
    expect(fit.logLikelihood).toBeCloseTo(bruteLogLikelihood(SEQUENCES, fit.params), 10)
    expect(fit.logLikelihood).toBeGreaterThan(bruteLogLikelihood(SEQUENCES, START))
  })

  it('a parameter with no evidence keeps its start: one-answer sequences have no transitions to learn from', () => {
    const single: Sequence[] = [[1], [0], [1]]
    const fit = emFromStart(arrays(single), { ...START, forget: 0.1 }, { forgets: true, maxIterations: 1 })
    const step = bruteEmStep(single, { ...START, forget: 0.1 }, true)
    expect(fit.params.learn).toBe(START.learn)
    expect(fit.params.forget).toBe(0.1)
    expect(fit.params.prior).toBeCloseTo(step.prior, 12)
    expect(fit.params.guess).toBeCloseTo(step.guess, 12)
    expect(fit.params.slip).toBeCloseTo(step.slip, 12)
  })

  it('no sequences: nothing to fit, the start comes back unchanged', () => {
    const fit = emFromStart(arrays([]), { ...START }, { forgets: true })
    expect(fit).toMatchObject({ params: START, logLikelihood: 0, converged: true, observations: 0 })
  })

  it('fitSkill runs exactly `restarts` EM runs from pyBKT\'s random starts and keeps the best', () => {
    // The starts as the module documents them: pyBKT's random_model_uni ranges, drawn from the
    // seed and the skill's name (prior U(0,1), learn U(0,0.4), guess U(0,0.4), slip U(0,0.3)).
    const data = arrays(SEQUENCES)
    const runs = (restarts: number, seed: number, skill: string) => {
      const rng = createRng(hashSeed(seed, skill))
      return Array.from({ length: restarts }, () => {
        const start: BktParams = { prior: rng.range(0, 1), learn: rng.range(0, 0.4), guess: rng.range(0, 0.4), slip: rng.range(0, 0.3), forget: 0 }
        clampBktParams(start, false)
        return emFromStart(data, start)
      })
    }
    for (const [restarts, seed] of [[1, 3], [2, 3], [4, 11], [6, 42]] as const) {
      const all = runs(restarts, seed, 'fractions')
      const best = all.reduce((a, b) => (b.logLikelihood > a.logLikelihood ? b : a))
      expect(fitSkill(data, { restarts, seed }, 'fractions'), `${restarts} restarts, seed ${seed}`).toEqual(best)
    }
    // Without a skill name, the starts come from the seed and the empty name.
    expect(fitSkill(data, { restarts: 2, seed: 5 })).toEqual(fitSkill(data, { restarts: 2, seed: 5 }, ''))
    const unnamed = runs(2, 5, '')
    expect(fitSkill(data, { restarts: 2, seed: 5 })).toEqual(unnamed[0]!.logLikelihood >= unnamed[1]!.logLikelihood ? unnamed[0] : unnamed[1])
  })

  it('fitSkill keeps the restart with the highest likelihood, which is the likelihood of its parameters', () => {
    const data = arrays(SEQUENCES)
    const best = fitSkill(data, { restarts: 6, seed: 3 }, 'fractions')
    expect(best.logLikelihood).toBeCloseTo(bruteLogLikelihood(SEQUENCES, best.params), 10)
    // No restart of the six does better than the one kept.
    for (let restarts = 1; restarts <= 6; restarts++) expect(fitSkill(data, { restarts, seed: 3 }, 'fractions').logLikelihood).toBeLessThanOrEqual(best.logLikelihood + 1e-12)
  })
})
