import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { chooseLevel, initialRating, levelEase, predictSuccess, stepLadder, updateRating } from '../../src/learner/difficulty'
import { allMastered, pickSkill, unlockReady } from '../../src/learner/progression'
import { chooseScaffold, scaffoldedParams } from '../../src/learner/scaffold'
import { createLearnerState, LearnerStateError, restoreLearnerState } from '../../src/learner/state'
import { idleAlert, recordOpportunity, recordRecentTask } from '../../src/learner/struggle'

const levels = measure.levels
const [WHOLE, DECIMAL] = measure.skills.map((s) => s.id) as [string, string]

describe('Elo difficulty targeting', () => {
  it('chooses the level whose predicted success is closest to the target, one step at a time', () => {
    // Rating 1 logit above level 3: P = 0.73 there, 0.85 at level 2 (difficulty -0.75).
    const { level } = chooseLevel(1, levels, 0, 0.8)
    expect(level).toBe(2)
    expect(chooseLevel(1, levels, 0, 0.6).level).toBe(4)
    expect(chooseLevel(5, levels, 0, 0.8, 1).level).toBe(2)
    expect(chooseLevel(-5, levels, 0, 0.8).level).toBe(1)
  })

  it('moves more while uncertain, less once known, and regains uncertainty after days away', () => {
    const s = { rating: 0, ratingUncertainty: 1, lastPracticedAt: null as number | null }
    updateRating(s, 0, 0, 1, 0)
    const firstStep = s.rating
    for (let i = 0; i < 10; i++) updateRating(s, s.rating, 0, 1, 1000)
    const before = s.rating
    updateRating(s, s.rating, 0, 1, 2000)
    expect(s.rating - before).toBeLessThan(firstStep)
    expect(s.ratingUncertainty).toBe(0)
    updateRating(s, s.rating, 0, 1, 2000 + 30 * 86_400_000)
    expect(s.ratingUncertainty).toBeGreaterThan(0.5)
  })

  it('starts a learner where the BKT prior predicts', () => {
    const skill = measure.skills[0]!
    const r = initialRating(skill.bkt, levels)
    expect(predictSuccess(r, levels[0]!.difficulty)).toBeCloseTo(skill.bkt.prior * 0.9 + 0.7 * 0.15, 9)
  })
})

describe('level ladder (weighted up-down staircase)', () => {
  const run = (answers: boolean[], target = 0.8, level = 3) => {
    const state = { level, levelCredit: 0 }
    const moves = answers.map((a) => stepLadder(state, a, target, 1, 5))
    return { moves, state }
  }
  it('steps up after three right in a row and down after two wrong at the default target', () => {
    expect(run([true, true, true]).moves).toEqual([null, null, 'up'])
    expect(run([false, false]).moves).toEqual([null, 'down'])
    // Two wrong with one right between is still two wrong; with two rights between it is not.
    expect(run([false, true, false]).moves).toEqual([null, null, 'down'])
    expect(run([false, true, true, false]).moves).toEqual([null, null, null, null])
  })
  it('does not drift at the target rate: four right and one wrong at 0.8 leave the credit where it was', () => {
    const { state } = run([true, false, true, true, true], 0.8)
    expect(state.levelCredit).toBeCloseTo(0, 12)
    expect(state.level).toBe(3)
  })
  it('stays within the levels, and a step it cannot take banks nothing', () => {
    const top = run([true, true, true, true, true, true], 0.8, 5)
    expect(top.moves.every((m) => m === null)).toBe(true)
    expect(top.state.level).toBe(5)
    const bottom = run([false, false, false, false, true, true, true], 0.8, 1)
    expect(bottom.state.level).toBe(2)
    expect(() => stepLadder({ level: 1, levelCredit: 0 }, true, 1, 1, 5)).toThrow(/target/)
  })
  it('measures how far below the mastery level a level sits', () => {
    expect(levelEase(1, 1, 5)).toBe(1)
    expect(levelEase(3, 1, 5)).toBe(0.5)
    expect(levelEase(5, 1, 5)).toBe(0)
    expect(levelEase(4, 1, 3)).toBe(0)
  })
})

describe('scaffold policy', () => {
  const base = { mastery: 0.1, consecutiveErrors: 0, hintsOnLastTask: 0, struggling: false, previousRung: -1, ladderLength: 4, assessmentMode: false }
  it('follows the mastery table and fades one rung at a time', () => {
    expect(chooseScaffold(base).rung).toBe(0)
    expect(chooseScaffold({ ...base, mastery: 0.5 }).rung).toBe(1)
    expect(chooseScaffold({ ...base, mastery: 0.7 }).rung).toBe(2)
    expect(chooseScaffold({ ...base, mastery: 0.9 }).rung).toBe(3)
    expect(chooseScaffold({ ...base, mastery: 0.9, previousRung: 0 })).toMatchObject({ rung: 1, reason: expect.stringContaining('one rung at a time') })
  })
  it('adds support after errors, heavy hint use or wheel-spinning; assessment mode is least support', () => {
    expect(chooseScaffold({ ...base, mastery: 0.9, consecutiveErrors: 2 }).rung).toBe(2)
    expect(chooseScaffold({ ...base, mastery: 0.9, consecutiveErrors: 2, hintsOnLastTask: 3 }).rung).toBe(1)
    expect(chooseScaffold({ ...base, mastery: 0.9, struggling: true }).rung).toBe(0)
    expect(chooseScaffold({ ...base, assessmentMode: true }).rung).toBe(3)
  })
  it('treats correct answers under support as weaker evidence; none at support 0', () => {
    const p = { prior: 0.3, learn: 0.2, guess: 0.15, slip: 0.1, forget: 0 }
    const out = { ...p }
    expect(scaffoldedParams(p, 0, out)).toEqual(p)
    expect(scaffoldedParams(p, 1, out).guess).toBeCloseTo(0.15 + 0.75 * 0.5, 12)
    expect(out.guess + out.slip).toBeLessThan(1)
    // At the easiest level with no support, half the gap; with full support too, three quarters.
    expect(scaffoldedParams(p, 0, out, 1).guess).toBeCloseTo(0.15 + 0.75 * 0.5, 12)
    expect(scaffoldedParams(p, 1, out, 1).guess).toBeCloseTo(0.15 + 0.75 * 0.75, 12)
  })
})

describe('struggle detectors', () => {
  const fresh = () => createLearnerState(measure, 'calm-otter-12').skills[WHOLE]!
  it('flags wheel-spinning at ten opportunities without three in a row, once, and clears on three in a row', () => {
    const s = fresh()
    const pattern = [1, 1, 0, 1, 0, 0, 1, 1, 0, 1]
    const alerts = pattern.map((c) => recordOpportunity(s, c === 1, WHOLE, 'Whole numbers'))
    expect(alerts.slice(0, 9).every((a) => a === null)).toBe(true)
    expect(alerts[9]).toMatchObject({ kind: 'wheel-spinning', skill: WHOLE, reason: expect.stringContaining('No 3 correct in a row in 10 attempts on Whole numbers') })
    expect(s.struggling).toBe(true)
    expect(recordOpportunity(s, false, WHOLE, 'Whole numbers')).toBeNull()
    recordOpportunity(s, true, WHOLE, 'W')
    recordOpportunity(s, true, WHOLE, 'W')
    recordOpportunity(s, true, WHOLE, 'W')
    expect(s.struggling).toBe(false)
    expect(s.opportunitiesSinceThreeInRow).toBe(0)
  })
  it('flags rapid guessing and hint abuse over recent tasks, once per burst', () => {
    const recent: Parameters<typeof recordRecentTask>[0] = []
    const rapid = { skill: WHOLE, rapidWrong: true, hintAbuse: false }
    expect(recordRecentTask(recent, { ...rapid }, 'W')).toBeNull()
    expect(recordRecentTask(recent, { ...rapid }, 'W')).toBeNull()
    expect(recordRecentTask(recent, { ...rapid }, 'W')).toMatchObject({ kind: 'rapid-guessing' })
    expect(recordRecentTask(recent, { ...rapid }, 'W')).toBeNull()
    const abuse = { skill: WHOLE, rapidWrong: false, hintAbuse: true }
    expect(recordRecentTask(recent, { ...abuse }, 'W')).toBeNull()
    expect(recordRecentTask(recent, { ...abuse }, 'W')).toMatchObject({ kind: 'hint-abuse', reason: expect.stringContaining('last hint') })
  })
  it('flags idle time with a readable duration', () => {
    expect(idleAlert(0, 60_000, WHOLE, 'W')).toBeNull()
    expect(idleAlert(0, 180_000, WHOLE, 'W')).toMatchObject({ kind: 'idle', reason: expect.stringContaining('3 min') })
  })
})

describe('progression and learner state', () => {
  it('unlocks a skill when its prerequisites reach 0.95 and picks toward the goal', () => {
    const state = createLearnerState(measure, 'calm-otter-12')
    expect(state.skills[DECIMAL]!.unlocked).toBe(false)
    state.goal = { skill: DECIMAL, targetMastery: 0.95 }
    expect(pickSkill(measure.skills, state, null)).toBe(WHOLE)
    state.skills[WHOLE]!.pMastery = 0.949
    expect(unlockReady(measure.skills, state)).toEqual([])
    state.skills[WHOLE]!.pMastery = 0.95
    state.skills[WHOLE]!.mastered = true
    expect(unlockReady(measure.skills, state)).toEqual([DECIMAL])
    expect(pickSkill(measure.skills, state, WHOLE)).toBe(DECIMAL)
    expect(allMastered(measure.skills, state)).toBe(false)
  })

  it('round-trips through JSON and rejects bad state naming the field', () => {
    const state = createLearnerState(measure, 'calm-otter-12')
    const copy = JSON.parse(JSON.stringify(state))
    expect(restoreLearnerState(copy, measure, 'calm-otter-12')).toEqual(state)
    const bad = JSON.parse(JSON.stringify(state))
    bad.skills[WHOLE].pMastery = 'high'
    expect(() => restoreLearnerState(bad, measure)).toThrow(LearnerStateError)
    expect(() => restoreLearnerState(bad, measure)).toThrow(`LearnerState.skills["${WHOLE}"].pMastery: expected a number in [0, 1], got "high"`)
    expect(() => restoreLearnerState({ ...state, sceneId: 'projectile' }, measure)).toThrow(/is for scene "projectile"/)
    expect(() => restoreLearnerState(state, measure, 'other-fox-11')).toThrow(/belongs to "calm-otter-12"/)
    expect(() => restoreLearnerState(null, measure)).toThrow(/expected an object, got null/)
    // A skill the scene added since the state was saved starts fresh.
    const older = JSON.parse(JSON.stringify(state))
    delete older.skills[DECIMAL]
    expect(restoreLearnerState(older, measure).skills[DECIMAL]).toEqual(state.skills[DECIMAL])
  })
})
