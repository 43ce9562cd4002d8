import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng, type BktParams } from '../../src/core'
import { bktParamsProblem, type Response } from '../../src/learner/bkt'
import type { BktRow } from '../../src/learner/data'
import { fitRows, fitSkill, logLikelihood } from '../../src/learner/fit'
import { predictRows } from '../../src/learner/predict'

/** Rows from a known BKT, as the reference generator makes them. */
function simulate(p: BktParams, students: number, length: [number, number], seed: number, skill = 's'): BktRow[] {
  const rng = createRng(seed)
  const rows: BktRow[] = []
  let order = 1
  for (let u = 0; u < students; u++) {
    let mastered = rng.chance(p.prior)
    const n = rng.int(length[0], length[1])
    for (let t = 0; t < n; t++) {
      const correct = (mastered ? rng.chance(1 - p.slip) : rng.chance(p.guess)) ? 1 : 0
      rows.push({ userId: String(u), skill, correct, orderId: order++ })
      if (!mastered && rng.chance(p.learn)) mastered = true
    }
  }
  return rows
}

const finiteParams = (p: BktParams) => [p.prior, p.learn, p.guess, p.slip, p.forget].every(Number.isFinite)

describe('EM fit', () => {
  it('recovers the generating parameters from plenty of data', () => {
    const truth = { prior: 0.3, learn: 0.12, guess: 0.2, slip: 0.1, forget: 0 }
    const fit = fitRows(simulate(truth, 400, [10, 25], 7)).s!
    expect(fit.converged).toBe(true)
    // The prior is the noisiest (one draw per student): about +-0.06 across seeds at 400 students.
    expect(Math.abs(fit.params.prior - truth.prior)).toBeLessThan(0.1)
    for (const key of ['learn', 'guess', 'slip'] as const) expect(Math.abs(fit.params[key] - truth[key])).toBeLessThan(0.03)
  })

  it('is deterministic for a seed and never lowers the log-likelihood of its starts', () => {
    const rows = simulate({ prior: 0.4, learn: 0.1, guess: 0.25, slip: 0.1, forget: 0 }, 60, [5, 15], 3)
    expect(fitRows(rows, { seed: 9 })).toEqual(fitRows(rows, { seed: 9 }))
    const one = fitRows(rows, { restarts: 1, seed: 9 }).s!
    expect(fitRows(rows, { restarts: 5, seed: 9 }).s!.logLikelihood).toBeGreaterThanOrEqual(one.logLikelihood - 1e-9)
  })

  it('reports the log-likelihood of the parameters it returns', () => {
    const rows = simulate({ prior: 0.2, learn: 0.2, guess: 0.15, slip: 0.1, forget: 0 }, 50, [5, 20], 4)
    const fit = fitRows(rows).s!
    const seq = { responses: Int8Array.from(rows.map((r) => r.correct)), starts: new Int32Array(0), lengths: new Int32Array(0) }
    // Rebuild sequences by user for the independent check.
    const starts: number[] = []
    const lengths: number[] = []
    rows.forEach((r, i) => {
      if (i === 0 || rows[i - 1]!.userId !== r.userId) {
        starts.push(i)
        lengths.push(0)
      }
      lengths[lengths.length - 1]!++
    })
    expect(logLikelihood({ ...seq, starts: Int32Array.from(starts), lengths: Int32Array.from(lengths) }, fit.params)).toBeCloseTo(fit.logLikelihood, 6)
  })

  it('fits forgets on request, keeping forget in [0,1)', () => {
    const rows = simulate({ prior: 0.3, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 }, 80, [5, 20], 5)
    const fit = fitRows(rows, { forgets: true }).s!
    expect(fit.params.forget).toBeGreaterThanOrEqual(0)
    expect(fit.params.forget).toBeLessThan(0.1)
    expect(fitRows(rows).s!.params.forget).toBe(0)
  })

  it('survives length-1 sequences, all-correct and all-wrong students and -1 rows without NaN', () => {
    const cases: BktRow[][] = [
      [{ userId: 'a', skill: 's', correct: 1, orderId: 1 }],
      [{ userId: 'a', skill: 's', correct: 0, orderId: 1 }],
      Array.from({ length: 12 }, (_, i) => ({ userId: String(i % 3), skill: 's', correct: 1 as Response, orderId: i })),
      Array.from({ length: 12 }, (_, i) => ({ userId: String(i % 3), skill: 's', correct: 0 as Response, orderId: i })),
      Array.from({ length: 6 }, (_, i) => ({ userId: 'a', skill: 's', correct: -1 as Response, orderId: i })),
      [
        { userId: 'a', skill: 's', correct: -1, orderId: 1 },
        { userId: 'a', skill: 's', correct: 1, orderId: 2 },
        { userId: 'b', skill: 's', correct: 0, orderId: 3 },
        { userId: 'c', skill: 's', correct: -1, orderId: 4 },
      ],
    ]
    for (const rows of cases) {
      const fit = fitRows(rows).s!
      expect(finiteParams(fit.params)).toBe(true)
      expect(bktParamsProblem(fit.params)).toBeNull()
      expect(Number.isFinite(fit.logLikelihood)).toBe(true)
      const predictions = predictRows(rows, { s: fit.params })
      for (const column of [predictions.pCorrect, predictions.pMastery, predictions.pMasteryAfter]) for (const v of column) expect(Number.isFinite(v)).toBe(true)
    }
  })

  it('property: any rows give valid parameters, a finite LL and the same result in any row order', () => {
    const row = fc.record({
      userId: fc.constantFrom('1', '2', '10', 'x'),
      skill: fc.constantFrom('a', 'b'),
      correct: fc.constantFrom<Response>(-1, 0, 1),
      orderId: fc.integer({ min: 0, max: 40 }),
    })
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.integer(), (rows, shuffleSeed) => {
        const fits = fitRows(rows, { restarts: 2, maxIterations: 200 })
        for (const fit of Object.values(fits)) {
          expect(bktParamsProblem(fit.params)).toBeNull()
          expect(Number.isFinite(fit.logLikelihood)).toBe(true)
        }
        const rng = createRng(shuffleSeed)
        const shuffled = [...rows]
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = rng.int(0, i)
          ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
        }
        expect(fitRows(shuffled, { restarts: 2, maxIterations: 200 })).toEqual(fits)
        // Predictions follow their rows through the shuffle.
        const params = Object.fromEntries(Object.entries(fits).map(([k, v]) => [k, v.params]))
        const a = predictRows(rows, params)
        const b = predictRows(shuffled, params)
        const key = (r: BktRow, i: number, p: typeof a) => `${r.userId}|${r.skill}|${r.orderId}|${r.correct}|${p.pMastery[i]}|${p.pMasteryAfter[i]}`
        expect(shuffled.map((r, i) => key(r, i, b)).sort()).toEqual(rows.map((r, i) => key(r, i, a)).sort())
      }),
      { numRuns: 60 },
    )
  })

  it('fitSkill takes typed arrays directly', () => {
    const fit = fitSkill({ responses: Int8Array.from([0, 1, 1, 0, 0, 1]), starts: Int32Array.from([0, 3]), lengths: Int32Array.from([3, 3]) }, { restarts: 3 })
    expect(bktParamsProblem(fit.params)).toBeNull()
  })
})
