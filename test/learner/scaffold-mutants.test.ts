/**
 * The scaffold policy (src/learner/scaffold.ts), pinned at the edges of its table where mutation
 * testing found the existing tests blind. Oracles: the table in the module's doc comment and
 * README ("P(L) 0.40 - 0.60: a third of the way down the ladder", "2+ wrong in a row: one rung
 * more support", "fading: at most one rung less support"), worked by hand on a 4-rung ladder.
 */
import { describe, expect, it } from 'vitest'
import { chooseScaffold, scaffoldedParams } from '../../src/learner/scaffold'

const base = { mastery: 0.1, consecutiveErrors: 0, hintsOnLastTask: 0, struggling: false, previousRung: -1, ladderLength: 4, assessmentMode: false }

describe('chooseScaffold at the edges of its table', () => {
  it('puts a band edge in the band above it (0.40 is the second band, 0.80 the last)', () => {
    expect(chooseScaffold({ ...base, mastery: 0.4 }).rung).toBe(1)
    expect(chooseScaffold({ ...base, mastery: 0.6 }).rung).toBe(2)
    expect(chooseScaffold({ ...base, mastery: 0.8 }).rung).toBe(3)
    expect(chooseScaffold({ ...base, mastery: 0.3999 }).rung).toBe(0)
  })

  it('takes one wrong answer or one hint in its stride; two of either add a rung of support', () => {
    const high = { ...base, mastery: 0.9 }
    expect(chooseScaffold({ ...high, consecutiveErrors: 1 }).rung).toBe(3)
    expect(chooseScaffold({ ...high, hintsOnLastTask: 1 }).rung).toBe(3)
    expect(chooseScaffold({ ...high, hintsOnLastTask: 2 }).rung).toBe(2)
  })

  it('never goes below the most support however much goes wrong', () => {
    expect(chooseScaffold({ ...base, mastery: 0.1, consecutiveErrors: 4, hintsOnLastTask: 3 }).rung).toBe(0)
  })

  it('tells the teacher every reason, in order', () => {
    expect(chooseScaffold({ ...base, mastery: 0.9, consecutiveErrors: 2, hintsOnLastTask: 3 }).reason).toBe('mastery 0.90, 2 wrong in a row, 3 hints on the last task')
    expect(chooseScaffold({ ...base, mastery: 0.5 }).reason).toBe('mastery 0.50')
    expect(chooseScaffold({ ...base, struggling: true, assessmentMode: false })).toEqual({ rung: 0, reason: 'wheel-spinning: back to the most support' })
    expect(chooseScaffold({ ...base, assessmentMode: true, struggling: true })).toEqual({ rung: 3, reason: 'assessment mode: least support' })
  })

  it('fades one rung at a time: a one-rung fade is no cap; a first task is not capped at all', () => {
    // Mastery 0.7 is rung 2; from rung 1 that is one rung less support, allowed as it is.
    expect(chooseScaffold({ ...base, mastery: 0.7, previousRung: 1 })).toEqual({ rung: 2, reason: 'mastery 0.70' })
    // From rung 1 to the table's rung 3 is two rungs: capped at 2.
    expect(chooseScaffold({ ...base, mastery: 0.9, previousRung: 1 })).toEqual({ rung: 2, reason: 'mastery 0.90, fading one rung at a time' })
    expect(chooseScaffold({ ...base, mastery: 0.9, previousRung: -1 }).rung).toBe(3)
    // More support is never capped: from rung 3 straight back to rung 0.
    expect(chooseScaffold({ ...base, mastery: 0.1, previousRung: 3 }).rung).toBe(0)
  })

  it('works on a one-rung ladder and refuses a scene without one', () => {
    expect(chooseScaffold({ ...base, mastery: 0.9, ladderLength: 1 }).rung).toBe(0)
    expect(() => chooseScaffold({ ...base, ladderLength: 0 })).toThrow('chooseScaffold: the scene has no scaffold ladder')
  })
})

describe('scaffoldedParams', () => {
  const p = { prior: 0.3, learn: 0.2, guess: 0.15, slip: 0.1, forget: 0.05 }

  it('keeps every parameter but the guess', () => {
    const out = { prior: 0, learn: 0, guess: 0, slip: 0, forget: 0 }
    scaffoldedParams(p, 0.5, out)
    expect(out).toEqual({ prior: 0.3, learn: 0.2, slip: 0.1, forget: 0.05, guess: expect.any(Number) })
    // Half support closes a quarter of the gap: 0.15 + 0.75 * 0.25.
    expect(out.guess).toBeCloseTo(0.3375, 12)
  })

  it('clamps support and ease to [0, 1] so the guess never passes 1 - slip', () => {
    const out = { ...p }
    // Support 2 counts as 1: half the gap. Ease -1 counts as 0.
    expect(scaffoldedParams(p, 2, out, -1).guess).toBeCloseTo(0.15 + 0.75 * 0.5, 12)
    // Support -1 counts as 0; ease 3 as 1: half the gap.
    expect(scaffoldedParams(p, -1, out, 3).guess).toBeCloseTo(0.15 + 0.75 * 0.5, 12)
    // Half support at a level half-way below mastery: 1 - 0.75 * 0.75 of the gap.
    expect(scaffoldedParams(p, 0.5, out, 0.5).guess).toBeCloseTo(0.15 + 0.75 * (1 - 0.75 * 0.75), 12)
  })
})
