/**
 * The circuit solver's linear algebra (scenes/circuits/model/linear.ts) on systems solved by
 * hand: a zero on the diagonal that needs a row swap, a singular system reported (never NaN),
 * and the singularity test relative to the matrix's own scale (a circuit of megohms or of
 * milliohms is as solvable as one of ohms).
 */
import { describe, expect, it } from 'vitest'
import { solveDense } from '../../../scenes/circuits/model/linear'

function solve(rows: number[][], rhs: number[]): { ok: boolean; x: number[] } {
  const n = rhs.length
  const a = Float64Array.from(rows.flat())
  const b = Float64Array.from(rhs)
  const ok = solveDense(a, b, n)
  return { ok, x: Array.from(b) }
}

describe('solveDense', () => {
  it('2x + y = 5, x + 3y = 10: x = 1, y = 3', () => {
    const { ok, x } = solve([[2, 1], [1, 3]], [5, 10])
    expect(ok).toBe(true)
    expect(x[0]).toBeCloseTo(1, 12)
    expect(x[1]).toBeCloseTo(3, 12)
  })

  it('a zero pivot needs a row swap: y = 2, x = 3', () => {
    const { ok, x } = solve([[0, 1], [1, 0]], [2, 3])
    expect(ok).toBe(true)
    expect(x).toEqual([3, 2])
  })

  it('partial pivoting takes the largest entry: a tiny first pivot does not wreck the answer', () => {
    // 1e-17 x + y = 1, x + y = 2: x = 1, y = 1 to double precision. Without the swap,
    // eliminating with 1e-17 as the pivot loses x entirely.
    const { ok, x } = solve([[1e-17, 1], [1, 1]], [1, 2])
    expect(ok).toBe(true)
    expect(x[0]).toBeCloseTo(1, 12)
    expect(x[1]).toBeCloseTo(1, 12)
    // A larger entry further down the column is chosen over a smaller nonzero one above it.
    const three = solve([[1, 2, 3], [4, 5, 6], [7, 8, 10]], [6, 15, 25])
    expect(three.ok).toBe(true)
    for (const v of three.x) expect(v).toBeCloseTo(1, 12)
  })

  it('3 x 3 with a zero block below the diagonal already: x = (1, -2, 3)', () => {
    const { ok, x } = solve([[2, 0, 1], [0, 3, 0], [4, 0, 5]], [5, -6, 19])
    expect(ok).toBe(true)
    expect(x[0]).toBeCloseTo(1, 12)
    expect(x[1]).toBeCloseTo(-2, 12)
    expect(x[2]).toBeCloseTo(3, 12)
  })

  it('a singular system is reported, whatever its scale', () => {
    expect(solve([[1, 2], [2, 4]], [3, 6]).ok).toBe(false)
    expect(solve([[1e6, 2e6], [2e6, 4e6 + 1e-8]], [1, 2]).ok).toBe(false)
    expect(solve([[0, 0], [0, 0]], [0, 0]).ok).toBe(false)
    expect(solve([[1, 0, 0], [0, 1, 0], [0, 0, 0]], [1, 1, 1]).ok).toBe(false)
  })

  it('the singularity threshold comes from the largest entry, not the first one', () => {
    // 1e-6 x + y = 1 and 1e-6 x + (1 + 2^-52) y = 2: the rows differ only in the last bit of
    // the largest entry, so after elimination the second pivot is 2^-52 (2.2e-16) against a
    // largest entry of 1: singular to working precision (the "answer" would be y = 2^52).
    // Scaled by the first entry (1e-6) instead, that pivot would pass as nonzero.
    const lastBit = 2 ** -52
    const nearlySame = solve([[1e-6, 1], [1e-6, 1 + lastBit]], [1, 2])
    expect(nearlySame.ok).toBe(false)
    // The same shape with a real difference between the rows solves: y = 1 / 1e-3, x from row 1.
    const distinct = solve([[1e-6, 1], [1e-6, 1 + 1e-3]], [1, 2])
    expect(distinct.ok).toBe(true)
    expect(distinct.x[1]).toBeCloseTo(1000, 6)
    expect(distinct.x[0]).toBeCloseTo((1 - 1000) / 1e-6, 0)
  })

  it('a small-valued system is not singular: conductances of 1e-9 siemens solve', () => {
    const { ok, x } = solve([[2e-9, -1e-9], [-1e-9, 2e-9]], [1e-9, 0])
    expect(ok).toBe(true)
    expect(x[0]).toBeCloseTo(2 / 3, 9)
    expect(x[1]).toBeCloseTo(1 / 3, 9)
  })

  it('nothing to solve: 0 unknowns is fine', () => {
    expect(solveDense(new Float64Array(0), new Float64Array(0), 0)).toBe(true)
  })
})
