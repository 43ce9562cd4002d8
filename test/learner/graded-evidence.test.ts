/**
 * Graded evidence of an answer judged against a tolerance (difficulty.ts, placementEvidence) and
 * the normal distribution behind it (normal.ts), on cases worked by hand and against a numerical
 * derivative of the model's own category probabilities.
 */
import { describe, expect, it } from 'vitest'
import { logistic, placementEvidence, trackAbility, type AbilityState } from '../../src/learner/difficulty'
import { erf, erfc, normalCdf, normalQuantile } from '../../src/learner/normal'

describe('the normal distribution', () => {
  it('matches tabulated values (Abramowitz & Stegun), in the tail too', () => {
    expect(erfc(0)).toBeCloseTo(1, 7)
    expect(erfc(1) / 0.15729920705028513).toBeCloseTo(1, 6)
    expect(erfc(2) / 0.004677734981047265).toBeCloseTo(1, 6)
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 7)
    expect(erf(0.1)).toBeCloseTo(0.1124629160182849, 14)
    expect(erf(-0.5)).toBeCloseTo(-0.5204998778130465, 14)
    expect(erf(1.5)).toBeCloseTo(0.9661051464753108, 7)
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 7)
    expect(normalCdf(-2.5) / 0.006209665325776132).toBeCloseTo(1, 6)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12)
    expect(() => normalQuantile(1)).toThrow('normalQuantile: p must lie in (0, 1), got 1')
  })
})

describe('graded evidence of a placement', () => {
  // p = 0.8: z = Phi^-1(0.9) = 1.2815516, phi(z) = 0.1754983, z' = 0.16 / (2 phi(z)) = 0.4558448.
  // Beyond 1.5 tolerances: T = erfc(1.5 z / sqrt 2) = 0.0545646,
  //   T' = -1.5 * 0.16 * exp(-1.25 z^2 / 2) = -0.0859835, T'' = T' (1 - 1.6 - 1.25 z z') = 0.1143783.
  // Beyond 1: T = 0.2, T' = -0.16, T'' = -0.16 (1 - 1.6) = 0.096.
  // Near miss: P = 0.2 - 0.0545646 = 0.1454354, P' = -0.0740165, P'' = -0.0183783:
  //   score P'/P = -0.5089307, information (P'/P)^2 - P''/P = 0.3853776.
  // Far miss: score -0.0859835 / 0.0545646 = -1.5758108, information 2.4831797 - 0.1143783 / 0.0545646 = 0.3869798.
  it('a near miss and a far miss at p = 0.8, worked by hand', () => {
    const near = placementEvidence({ correct: false, missInTolerances: 1.2 }, 0.8, 1.5)
    expect(near.score).toBeCloseTo(-0.5089307, 5)
    expect(near.information).toBeCloseTo(0.3853776, 5)
    const far = placementEvidence({ correct: false, missInTolerances: 7 }, 0.8, 1.5)
    expect(far.score).toBeCloseTo(-1.5758108, 5)
    expect(far.information).toBeCloseTo(0.3869798, 5)
    // A binary wrong answer: score -0.8, information 0.16. The near miss counts less against the student, the far one more.
    expect(near.score).toBeGreaterThan(-0.8)
    expect(far.score).toBeLessThan(-0.8)
  })

  it('the near-miss edge belongs to the near miss', () => {
    expect(placementEvidence({ correct: false, missInTolerances: 1.5 }, 0.8, 1.5).score).toBeCloseTo(-0.5089307, 5)
    expect(placementEvidence({ correct: false, missInTolerances: 1.5 + 1e-9 }, 0.8, 1.5).score).toBeCloseTo(-1.5758108, 5)
  })

  it('a right answer is the binary answer, however close it was: score 1 - p, information p (1 - p)', () => {
    for (const p of [0.05, 0.3, 0.8, 0.97]) {
      for (const miss of [0, 0.5, 1]) {
        const right = placementEvidence({ correct: true, missInTolerances: miss }, p, 1.5)
        expect(right.score).toBeCloseTo(1 - p, 6)
        expect(right.information).toBeCloseTo(p * (1 - p), 6)
      }
    }
  })

  it('score and information are the slopes of the log-probability of the answer\'s category, numerically', () => {
    // The model written out directly: P(|e| <= c tol) = 2 Phi(c z) - 1, z = Phi^-1((1 + p) / 2).
    const within = (eta: number, c: number) => 2 * normalCdf(c * normalQuantile((1 + logistic(eta)) / 2)) - 1
    const logP = { near: (eta: number) => Math.log(within(eta, 1.5) - within(eta, 1)), far: (eta: number) => Math.log(1 - within(eta, 1.5)) }
    const h = 1e-3
    for (const p of [0.1, 0.5, 0.8, 0.9]) {
      const eta = Math.log(p / (1 - p))
      for (const [kind, miss] of [['near', 1.3], ['far', 3]] as const) {
        const f = logP[kind]
        const slope = (f(eta + h) - f(eta - h)) / (2 * h)
        const curvature = (f(eta + h) - 2 * f(eta) + f(eta - h)) / (h * h)
        const evidence = placementEvidence({ correct: false, missInTolerances: miss }, p, 1.5)
        expect(evidence.score).toBeCloseTo(slope, 3)
        expect(evidence.information).toBeCloseTo(-curvature, 2)
      }
    }
  })

  it('stays finite where the student is all but sure to be right or wrong', () => {
    for (const p of [0, 1e-9, 1 - 1e-9, 1]) {
      for (const answer of [{ correct: true, missInTolerances: 0 }, { correct: false, missInTolerances: 1.2 }, { correct: false, missInTolerances: 40 }]) {
        const { score, information } = placementEvidence(answer, p, 1.5)
        expect(Number.isFinite(score) && Number.isFinite(information)).toBe(true)
        expect(information).toBeGreaterThanOrEqual(0)
      }
    }
  })
})

describe('the ability filter with a graded answer', () => {
  const state = (): AbilityState => ({ rating: Math.log(4), ratingUncertainty: 0.5, lastPracticedAt: null, ratingTrend: 0.15, trendVariance: 0.005, ratingTrendCovariance: 0, ratingGrowth: 0 })

  it('a near miss at p = 0.8 and variance 1: gain 1 / (1 + 0.3853776) = 0.7218249, step -0.3673588, then the trend', () => {
    const s = state()
    const expected = trackAbility(s, 0, 0, { correct: false, missInTolerances: 1.2 }, 1000)
    expect(expected).toBeCloseTo(0.8, 12)
    expect(s.rating).toBeCloseTo(Math.log(4) - 0.3673588 + 0.15, 5)
    // Variance 1 - 0.7218249 * 0.3853776 = 0.7218249, plus the trend's 0.005 and 0.02 a task, over the prior's 2.
    expect(s.ratingUncertainty).toBeCloseTo((0.7218249 + 0.005 + 0.02) / 2, 5)
    // A binary wrong answer steps -0.8 / 1.16 = -0.6896552: the near miss takes the student down less.
    const binary = state()
    trackAbility(binary, 0, 0, 0, 1000)
    expect(binary.rating).toBeCloseTo(Math.log(4) - 0.6896552 + 0.15, 6)
    expect(s.rating).toBeGreaterThan(binary.rating)
  })

  it('a far miss takes the estimate further down than a binary wrong answer', () => {
    const far = state()
    trackAbility(far, 0, 0, { correct: false, missInTolerances: 4 }, 1000)
    // Gain 1 / (1 + 0.3869798) = 0.7209939, step 0.7209939 * -1.5758108 = -1.1361434.
    expect(far.rating).toBeCloseTo(Math.log(4) - 1.1361434 + 0.15, 5)
  })

  it('a right answer moves the filter exactly as a binary right answer does', () => {
    const graded = state()
    const binary = state()
    trackAbility(graded, 0.4, 0.3, { correct: true, missInTolerances: 0.9 }, 1000)
    trackAbility(binary, 0.4, 0.3, 1, 1000)
    expect(graded.rating).toBeCloseTo(binary.rating, 6)
    expect(graded.ratingUncertainty).toBeCloseTo(binary.ratingUncertainty, 6)
  })
})
