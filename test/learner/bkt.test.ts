import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BktParams } from '../../src/core'
import { bktParamsProblem, bktUpdate, learnStep, posteriorMastery, predictCorrect, type Response } from '../../src/learner/bkt'

/** Valid parameters: all in (0,1), guess + slip < 1, forget small or 0. */
const params = fc
  .record({
    prior: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    learn: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    guess: fc.double({ min: 0.001, max: 0.6, noNaN: true }),
    slip: fc.double({ min: 0.001, max: 0.39, noNaN: true }),
    forget: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
  })
  .filter((p) => p.guess + p.slip < 1)
const response = fc.constantFrom<Response>(-1, 0, 1)

describe('online BKT update', () => {
  it('matches the worked example of the reference README', () => {
    const p: BktParams = { prior: 0.4, learn: 0.08, guess: 0.25, slip: 0.08, forget: 0 }
    expect(predictCorrect(p, 0.4)).toBeCloseTo(0.518, 12)
    expect(posteriorMastery(p, 0.4, 1)).toBeCloseTo(0.368 / 0.518, 12)
    expect(bktUpdate(p, 0.4, 1)).toBeCloseTo(0.73359073359073357, 14)
  })

  it('keeps every probability in [0,1] and finite, for any parameters and answers', () => {
    fc.assert(
      fc.property(params, fc.array(response, { maxLength: 60 }), (p, answers) => {
        let pL = p.prior
        for (const r of answers) {
          const pc = predictCorrect(p, pL)
          expect(pc).toBeGreaterThanOrEqual(0)
          expect(pc).toBeLessThanOrEqual(1)
          pL = bktUpdate(p, pL, r)
          expect(Number.isFinite(pL)).toBe(true)
          expect(pL).toBeGreaterThanOrEqual(0)
          expect(pL).toBeLessThanOrEqual(1)
        }
      }),
    )
  })

  it('a correct answer never lowers the posterior and a wrong one never raises it (guess + slip < 1)', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0, max: 1, noNaN: true }), (p, pL) => {
        expect(posteriorMastery(p, pL, 1)).toBeGreaterThanOrEqual(pL - 1e-12)
        expect(posteriorMastery(p, pL, 0)).toBeLessThanOrEqual(pL + 1e-12)
        expect(posteriorMastery(p, pL, -1)).toBe(pL)
      }),
    )
  })

  it('without forgetting, the learn step never lowers P(L); no response still learns', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0, max: 1, noNaN: true }), (p, pL) => {
        const q = { ...p, forget: 0 }
        expect(learnStep(q, pL)).toBeGreaterThanOrEqual(pL - 1e-12)
        expect(bktUpdate(q, pL, -1)).toBe(learnStep(q, pL))
      }),
    )
  })

  it('is monotone in the prior when learn + forget <= 1: more mastery before, more after, for the same answer', () => {
    // The learn step is learn + P(L)(1 - learn - forget): increasing in P(L) exactly when learn + forget <= 1.
    const learnable = params.filter((p) => p.learn + p.forget <= 1)
    fc.assert(
      fc.property(learnable, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), response, (p, a, b, r) => {
        const [lo, hi] = a < b ? [a, b] : [b, a]
        expect(bktUpdate(p, lo, r)).toBeLessThanOrEqual(bktUpdate(p, hi, r) + 1e-12)
      }),
    )
  })

  it('validates parameters with readable reasons', () => {
    expect(bktParamsProblem({ prior: 0.2, learn: 0.1, guess: 0.6, slip: 0.5, forget: 0 })).toMatch(/guess \+ slip/)
    expect(bktParamsProblem({ prior: 0, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 })).toMatch(/prior must lie strictly/)
    expect(bktParamsProblem({ prior: 0, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 }, false)).toBeNull()
    expect(bktParamsProblem({ prior: 0.2, learn: 'x', guess: 0.2, slip: 0.1, forget: 0 })).toMatch(/learn must be a finite number/)
  })
})
