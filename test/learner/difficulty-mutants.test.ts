/**
 * Difficulty targeting and the level ladder (src/learner/difficulty.ts), pinned where mutation
 * testing found the existing tests blind. Every expected number is worked by hand from the
 * formulas in the module's doc comments (logistic, Elo step, weighted up-down staircase), not
 * read back from the code.
 */
import { describe, expect, it } from 'vitest'
import { chooseLevel, initialRating, levelEase, logit, predictSuccess, stepLadder, updateRating } from '../../src/learner/difficulty'

const DAY = 86_400_000

describe('the logit scale', () => {
  it('stays finite for a certain success or failure (a prior of 0 or 1 must not give an infinite rating)', () => {
    // Clamped to 1e-9: ln((1 - 1e-9) / 1e-9) = ln(1e9) = 20.7233 to four places.
    expect(logit(1)).toBeCloseTo(20.7233, 4)
    expect(logit(0)).toBeCloseTo(-20.7233, 4)
  })

  it('starts a new learner at the easiest level plus the logit of the prior\'s P(correct)', () => {
    // prior 0.5, slip 0.1, guess 0.3: P(correct) = 0.5 * 0.9 + 0.5 * 0.3 = 0.6; logit 0.6 = ln 1.5.
    const params = { prior: 0.5, learn: 0.1, guess: 0.3, slip: 0.1, forget: 0 }
    expect(initialRating(params, [{ difficulty: 2 }, { difficulty: -1 }])).toBeCloseTo(-1 + Math.log(1.5), 12)
    // A scene that declares no levels puts the easiest at 0 logits, not at Infinity.
    expect(initialRating(params, [])).toBeCloseTo(Math.log(1.5), 12)
  })

  it('support makes success more likely, by supportBonus logits at full support', () => {
    // Rating = difficulty: 0.5 alone; with full support, logistic(+1) = 0.731059.
    expect(predictSuccess(0.3, 0.3, 0)).toBeCloseTo(0.5, 12)
    expect(predictSuccess(0.3, 0.3, 1)).toBeCloseTo(0.731059, 6)
  })
})

describe('the Elo step', () => {
  it('moves by K * (outcome - expected), K shrinking with practice and growing back after days away', () => {
    const s = { rating: 0, ratingUncertainty: 1, lastPracticedAt: null as number | null }
    // First answer, right, at difficulty 0: expected 0.5, K = kMax = 1, rating 0.5, U 0.9.
    expect(updateRating(s, 0, 0, 1, 0)).toBeCloseTo(0.5, 12)
    expect(s.rating).toBeCloseTo(0.5, 12)
    expect(s.ratingUncertainty).toBeCloseTo(0.9, 12)
    // A day and a half later, wrong: U = 0.9 + 1.5 / 30 = 0.95, K = 0.2 + 0.8 * 0.95 = 0.96,
    // expected = logistic(0.5) = 0.622459, rating = 0.5 - 0.96 * 0.622459 = -0.097561.
    expect(updateRating(s, 0, 0, 0, 1.5 * DAY)).toBeCloseTo(0.622459, 6)
    expect(s.rating).toBeCloseTo(-0.097561, 6)
    expect(s.ratingUncertainty).toBeCloseTo(0.85, 12)
    expect(s.lastPracticedAt).toBe(1.5 * DAY)
  })

  it('does not grow the uncertainty of a learner never practised before, nor when the clock runs backwards', () => {
    // U 0.5 and no earlier practice: K = 0.2 + 0.8 * 0.5 = 0.6; right at expected 0.5 gives +0.3.
    const never = { rating: 0, ratingUncertainty: 0.5, lastPracticedAt: null as number | null }
    updateRating(never, 0, 0, 1, 10 * DAY)
    expect(never.rating).toBeCloseTo(0.3, 12)
    expect(never.ratingUncertainty).toBeCloseTo(0.4, 12)
    // A station clock five days behind the last practice: no growth (and no shrinking) from it.
    const skewed = { rating: 0, ratingUncertainty: 0.5, lastPracticedAt: 10 * DAY as number | null }
    updateRating(skewed, 0, 0, 1, 5 * DAY)
    expect(skewed.rating).toBeCloseTo(0.3, 12)
  })
})

describe('chooseLevel', () => {
  // Level 1 at difficulty -1 and level 2 at +1: a rating of 0 predicts 0.731 and 0.269, equally
  // far from a target of 0.5.
  const tied = [{ level: 1, difficulty: -1 }, { level: 2, difficulty: 1 }]

  it('breaks a tie toward the easier level, in whatever order the scene lists its levels', () => {
    expect(chooseLevel(0, tied, 0, 0.5).level).toBe(1)
    expect(chooseLevel(0, [...tied].reverse(), 0, 0.5).level).toBe(1)
  })

  it('prefers a harder level that fits better even when it is listed first', () => {
    // Rating 0: level 2 (difficulty 0) predicts 0.5, level 1 (difficulty -3) 0.953; target 0.5.
    const levels = [{ level: 2, difficulty: 0 }, { level: 1, difficulty: -3 }]
    expect(chooseLevel(0, levels, 0, 0.5)).toEqual({ level: 2, predictedSuccess: 0.5 })
  })

  it('refuses a scene without levels, saying so', () => {
    expect(() => chooseLevel(0, [], 0, 0.8)).toThrow('chooseLevel: the scene has no levels')
  })
})

describe('stepLadder', () => {
  const run = (answers: boolean[], target: number, level = 3) => {
    const state = { level, levelCredit: 0 }
    return answers.map((a) => stepLadder(state, a, target, 1, 5))
  }

  it('refuses a target of 0 or below (no success rate to aim at)', () => {
    expect(() => stepLadder({ level: 2, levelCredit: 0 }, true, 0, 1, 5)).toThrow('stepLadder: target must lie in (0, 1), got 0')
    expect(() => stepLadder({ level: 2, levelCredit: 0 }, true, -0.2, 1, 5)).toThrow(/got -0.2/)
  })

  it('at a low target (0.3) one wrong answer never drops a level; two in a row do', () => {
    // Wrong weighs 0.3, right 0.7; the drop sits at -2 * 0.3 + min(0.7, 0.15) = -0.45.
    expect(run([false], 0.3)).toEqual([null])
    expect(run([false, false], 0.3)).toEqual([null, 'down'])
    // Right then wrong: +0.7 - 0.3 = 0.4, no move either way (the climb is at 3 * 0.7 = 2.1).
    expect(run([true, false, false], 0.3)).toEqual([null, null, null])
  })
})

describe('levelEase', () => {
  it('is 0 for a skill whose mastery level is the easiest level (no easier evidence exists)', () => {
    expect(levelEase(1, 1, 1)).toBe(0)
    expect(levelEase(2, 2, 1)).toBe(0)
  })
})
