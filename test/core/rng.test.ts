import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng, hashSeed } from '../../src/core'

describe('seeded rng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = createRng(123)
    const b = createRng(123)
    const c = createRng(124)
    const streamA = Array.from({ length: 50 }, () => a.next())
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(streamA)
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(streamA)
  })

  it('keeps next() in [0, 1) and int() within its bounds, inclusive', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const rng = createRng(seed)
        for (let i = 0; i < 20; i++) {
          const x = rng.next()
          expect(x >= 0 && x < 1).toBe(true)
          const n = rng.int(min, min + span)
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true)
        }
      }),
    )
  })

  it('is roughly uniform (chi-square over 10 bins)', () => {
    const rng = createRng(7)
    const bins = new Array(10).fill(0)
    const n = 100_000
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 10)]++
    const expected = n / 10
    const chi2 = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
    // 9 degrees of freedom: p = 0.001 at 27.9.
    expect(chi2).toBeLessThan(27.9)
  })

  it('forks independent, reproducible streams', () => {
    const parent1 = createRng(9)
    const parent2 = createRng(9)
    expect(parent1.fork().next()).toBe(parent2.fork().next())
    expect(parent1.next()).toBe(parent2.next())
  })

  it('rejects a non-finite seed and bad ranges with a clear error', () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed/)
    expect(() => createRng(1).int(5, 4)).toThrow(/max 4 < min 5/)
    expect(() => createRng(1).pick([])).toThrow(/empty/)
  })

  it('hashes parts into a stable 32-bit seed', () => {
    expect(hashSeed('measure', 1, 'a')).toBe(hashSeed('measure', 1, 'a'))
    expect(hashSeed('measure', 1, 'a')).not.toBe(hashSeed('measure', 1, 'b'))
    expect(hashSeed('x') >>> 0).toBe(hashSeed('x'))
  })
})
