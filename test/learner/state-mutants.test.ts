/**
 * Restoring saved learner state (src/learner/state.ts): what a hub or a station hands back after
 * a reload. Mutation testing found its checks largely unpinned; each case here is saved state a
 * teacher could meet (a corrupted record, an older version, a scene that changed since) and the
 * message that must name what is wrong. Oracles: the field rules written in SkillState's
 * comments and the module's doc comment, applied by hand.
 */
import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { createLearnerState, createSkillState, LEARNER_STATE_VERSION, LearnerStateError, restoreLearnerState } from '../../src/learner/state'

const [WHOLE, DECIMAL] = measure.skills.map((s) => s.id) as [string, string]
const LEARNER = 'brave-lynx-31'
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function saved(): Json {
  return JSON.parse(JSON.stringify(createLearnerState(measure, LEARNER))) as Json
}
function restoreWith(edit: (s: Json) => void): () => unknown {
  const s = saved()
  edit(s)
  return () => restoreLearnerState(s, measure)
}
const field = (name: string) => `LearnerState.skills["${WHOLE}"].${name}`

describe('a new learner', () => {
  it('starts with nothing known: P(L) at the prior, no level yet, no scaffold yet, only skills without prerequisites open', () => {
    const state = createLearnerState(measure, LEARNER)
    expect(state).toMatchObject({ version: 3, learner: LEARNER, sceneId: 'measure', goal: null, recent: [], tasksPresented: 0, placement: null })
    expect(state.skills[WHOLE]).toMatchObject({
      pMastery: measure.skills[0]!.bkt.prior, ratingUncertainty: 1, level: 0, levelCredit: 0, masteryLevelStreak: 0, scaffoldLevel: -1,
      opportunities: 0, correct: 0, consecutiveErrors: 0, correctStreak: 0, opportunitiesSinceThreeInRow: 0, struggling: false,
      hintsOnLastTask: 0, unlocked: true, mastered: false, lastPracticedAt: null,
      // The learning trend starts at the filter's prior, nothing yet learned about it.
      ratingTrend: 0.15, trendVariance: 0.005, ratingTrendCovariance: 0, ratingGrowth: 0,
    })
    expect(state.skills[DECIMAL]!.unlocked).toBe(false)
    expect(createSkillState(measure.skills[1]!, measure).unlocked).toBe(false)
  })

  it('needs a pseudonym', () => {
    expect(() => createLearnerState(measure, '')).toThrow('createLearnerState: learner must be a non-empty pseudonym')
    // From JSON a pseudonym may arrive as a number.
    expect(() => createLearnerState(measure, 42 as unknown as string)).toThrow('createLearnerState: learner must be a non-empty pseudonym')
  })
})

describe('restoring saved state', () => {
  it('keeps every field of a valid state, including a goal, recent tasks and a placement under way', () => {
    const s = saved()
    Object.assign(s.skills[WHOLE], { pMastery: 1, level: 3, levelCredit: -0.4, masteryLevelStreak: 1, scaffoldLevel: 2, lastPracticedAt: 1_700_000_000_000, struggling: true })
    s.goal = { skill: DECIMAL, targetMastery: 0.9 }
    s.recent = [{ skill: WHOLE, rapidWrong: true, hintAbuse: false }]
    s.tasksPresented = 7
    s.placement = { skill: WHOLE, level: 4, answered: 1, total: 1, placed: [], lastCorrect: true }
    expect(JSON.parse(JSON.stringify(restoreLearnerState(s, measure, LEARNER)))).toEqual(s)
  })

  it('names the top-level field that is wrong', () => {
    expect(() => restoreLearnerState([], measure)).toThrow('LearnerState: expected an object, got object')
    expect(() => restoreLearnerState('x', measure)).toThrow('LearnerState: expected an object, got string')
    expect(restoreWith((s) => { s.version = 4 })).toThrow('LearnerState.version: expected one of 1, 2, 3, got 4')
    expect(restoreWith((s) => { s.version = '2' })).toThrow('LearnerState.version: expected one of 1, 2, 3, got "2"')
    expect(restoreWith((s) => { s.learner = '' })).toThrow('LearnerState.learner: expected a pseudonym, got ""')
    expect(restoreWith((s) => { s.learner = 7 })).toThrow('LearnerState.learner: expected a pseudonym, got 7')
    expect(() => restoreLearnerState(saved(), measure, 'other-fox-11')).toThrow(`LearnerState.learner: belongs to "${LEARNER}", not "other-fox-11"`)
    expect(restoreWith((s) => { s.sceneId = 'circuits' })).toThrow('LearnerState.sceneId: is for scene "circuits", not "measure"')
    expect(restoreWith((s) => { s.skills = [] })).toThrow('LearnerState.skills: expected an object keyed by skill id')
    expect(restoreWith((s) => { s.skills[WHOLE] = 5 })).toThrow(`LearnerState.skills["${WHOLE}"]: expected an object`)
    expect(restoreWith((s) => { s.recent = {} })).toThrow('LearnerState.recent: expected an array')
    expect(restoreWith((s) => { s.recent = [{ skill: WHOLE, rapidWrong: 'no', hintAbuse: false }] })).toThrow('LearnerState.recent[0]: expected { skill, rapidWrong, hintAbuse }')
    expect(restoreWith((s) => { s.recent = [{ skill: WHOLE, rapidWrong: false, hintAbuse: false }, { skill: 3, rapidWrong: false, hintAbuse: false }] })).toThrow('LearnerState.recent[1]')
    expect(restoreWith((s) => { s.recent = [{ skill: WHOLE, rapidWrong: false, hintAbuse: 1 }] })).toThrow('LearnerState.recent[0]')
    expect(restoreWith((s) => { s.recent = [null] })).toThrow('LearnerState.recent[0]')
    expect(restoreWith((s) => { s.tasksPresented = -1 })).toThrow('LearnerState.tasksPresented: expected an integer >= 0, got -1')
    expect(restoreWith((s) => { s.tasksPresented = 1.5 })).toThrow('LearnerState.tasksPresented: expected an integer >= 0, got 1.5')
  })

  it('checks each skill field against its range, naming skill and field', () => {
    const bad: [string, unknown, string][] = [
      ['pMastery', 1.01, 'expected a number in [0, 1], got 1.01'],
      ['pMastery', -0.01, 'expected a number in [0, 1], got -0.01'],
      ['pMastery', null, 'expected a number in [0, 1], got null'],
      ['rating', 2e6, 'expected a number in [-1000000, 1000000], got 2000000'],
      ['ratingUncertainty', 1.5, 'expected a number in [0, 1], got 1.5'],
      ['level', 1.5, 'expected an integer >= 0, got 1.5'],
      ['level', -1, 'expected an integer >= 0, got -1'],
      ['levelCredit', 1001, 'expected a number in [-1000, 1000], got 1001'],
      ['masteryLevelStreak', -1, 'expected an integer >= 0, got -1'],
      ['scaffoldLevel', -2, 'expected an integer >= -1, got -2'],
      ['opportunities', '3', 'expected an integer >= 0, got "3"'],
      ['correct', -1, 'expected an integer >= 0, got -1'],
      ['consecutiveErrors', -1, 'expected an integer >= 0, got -1'],
      ['correctStreak', -1, 'expected an integer >= 0, got -1'],
      ['opportunitiesSinceThreeInRow', -1, 'expected an integer >= 0, got -1'],
      ['struggling', 'yes', 'expected true or false, got "yes"'],
      ['hintsOnLastTask', -1, 'expected an integer >= 0, got -1'],
      ['unlocked', 1, 'expected true or false, got 1'],
      ['mastered', null, 'expected true or false, got null'],
      ['lastPracticedAt', 'now', 'expected a time in ms or null, got "now"'],
    ]
    for (const [name, value, message] of bad) {
      expect(restoreWith((s) => { s.skills[WHOLE][name] = value }), `${name} = ${JSON.stringify(value)}`).toThrow(`${field(name)}: ${message}`)
    }
    // The edges themselves are valid.
    const edges = saved()
    Object.assign(edges.skills[WHOLE], { pMastery: 0, ratingUncertainty: 1, rating: -1e6, levelCredit: 1000, scaffoldLevel: -1, level: 0, lastPracticedAt: 0 })
    expect(restoreLearnerState(edges, measure).skills[WHOLE]).toMatchObject({ pMastery: 0, rating: -1e6, levelCredit: 1000, scaffoldLevel: -1, lastPracticedAt: 0 })
    // Not a number, or not finite: rejected, not stored.
    expect(restoreWith((s) => { s.skills[WHOLE].rating = Infinity })).toThrow(field('rating'))
    expect(restoreWith((s) => { s.skills[WHOLE].lastPracticedAt = Infinity })).toThrow(field('lastPracticedAt'))
  })

  it('throws a LearnerStateError, so callers can tell bad data from a bug', () => {
    const s = saved()
    s.skills[WHOLE].pMastery = 2
    let caught: unknown
    try {
      restoreLearnerState(s, measure)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(LearnerStateError)
    expect((caught as Error).name).toBe('LearnerStateError')
  })

  it('validates a goal, and forgets one on a skill the scene no longer has', () => {
    expect(restoreWith((s) => { s.goal = 'decimal' })).toThrow('LearnerState.goal: expected null or { skill, targetMastery }')
    expect(restoreWith((s) => { s.goal = { skill: 4, targetMastery: 0.9 } })).toThrow('LearnerState.goal.skill: expected a skill id, got 4')
    expect(restoreWith((s) => { s.goal = { skill: DECIMAL, targetMastery: 1.2 } })).toThrow('LearnerState.goal.targetMastery: expected a number in [0, 1], got 1.2')
    const dropped = saved()
    dropped.goal = { skill: 'gone', targetMastery: 0.9 }
    expect(restoreLearnerState(dropped, measure).goal).toBeNull()
    const missing = saved()
    delete missing.goal
    expect(restoreLearnerState(missing, measure).goal).toBeNull()
  })

  it('drops skills the scene no longer has and restores the current version', () => {
    const s = saved()
    s.skills.gone = { ...s.skills[WHOLE] }
    const restored = restoreLearnerState(s, measure)
    expect(Object.keys(restored.skills).sort()).toEqual([WHOLE, DECIMAL].sort())
    expect(restored.version).toBe(LEARNER_STATE_VERSION)
  })

  it('reads a version 1 state (no ladder) but still rejects a version 2 state missing ladder fields', () => {
    const v2 = saved()
    delete v2.skills[WHOLE].levelCredit
    expect(() => restoreLearnerState(v2, measure)).toThrow(`${field('levelCredit')}: expected a number in [-1000, 1000], got undefined`)
    const v1 = saved()
    v1.version = 1
    delete v1.skills[WHOLE].levelCredit
    delete v1.skills[WHOLE].masteryLevelStreak
    delete v1.placement
    expect(restoreLearnerState(v1, measure).skills[WHOLE]).toMatchObject({ levelCredit: 0, masteryLevelStreak: 0 })
    // A version 1 record that did carry ladder fields keeps them (they were written later).
    const v1WithLadder = saved()
    v1WithLadder.version = 1
    v1WithLadder.skills[WHOLE].levelCredit = 0.4
    expect(restoreLearnerState(v1WithLadder, measure).skills[WHOLE]!.levelCredit).toBe(0.4)
  })

  it('reads a version 2 state (no learning trend) with the trend at its prior, and keeps a saved one', () => {
    const v2 = saved()
    v2.version = 2
    for (const name of ['ratingTrend', 'trendVariance', 'ratingTrendCovariance', 'ratingGrowth']) delete v2.skills[WHOLE][name]
    expect(restoreLearnerState(v2, measure).skills[WHOLE]).toMatchObject({ ratingTrend: 0.15, trendVariance: 0.005, ratingTrendCovariance: 0, ratingGrowth: 0 })
    const v3 = saved()
    v3.skills[WHOLE].ratingTrend = 0.3
    expect(restoreLearnerState(v3, measure).skills[WHOLE]!.ratingTrend).toBe(0.3)
    delete v3.skills[WHOLE].ratingTrend
    expect(() => restoreLearnerState(v3, measure)).toThrow(`${field('ratingTrend')}: expected a number in [-10, 10], got undefined`)
  })
})

describe('restoring a placement under way', () => {
  const placement = { skill: WHOLE, level: 3, answered: 1, total: 1, placed: [], lastCorrect: null }
  const withPlacement = (edit: Record<string, unknown>) => restoreWith((s) => { s.placement = { ...placement, ...edit } })

  it('checks its level against the scene\'s levels and its counts, naming the field', () => {
    expect(withPlacement({ level: 6 })).toThrow('LearnerState.placement.level: expected a number in [1, 5], got 6')
    expect(withPlacement({ level: 0 })).toThrow('LearnerState.placement.level: expected a number in [1, 5], got 0')
    expect(withPlacement({ answered: -1 })).toThrow('LearnerState.placement.answered: expected an integer >= 0, got -1')
    expect(withPlacement({ total: 0.5 })).toThrow('LearnerState.placement.total: expected an integer >= 0, got 0.5')
    expect(withPlacement({ lastCorrect: 'yes' })).toThrow('LearnerState.placement.lastCorrect: expected true or false, got "yes"')
    expect(withPlacement({ skill: 1 })).toThrow('LearnerState.placement.skill: expected a skill id, got 1')
    expect(withPlacement({ placed: 'whole' })).toThrow('LearnerState.placement.placed: expected an array of skill ids')
    expect(withPlacement({ placed: [WHOLE, 2] })).toThrow('LearnerState.placement.placed: expected an array of skill ids')
    expect(restoreWith((s) => { s.placement = 4 })).toThrow('LearnerState.placement: expected null or { skill, level, answered, total, placed, lastCorrect }')
  })

  it('keeps a valid one at the scene\'s edge levels, and forgets one on a dropped skill', () => {
    expect((withPlacement({ level: 1, lastCorrect: false, placed: [DECIMAL] })() as { placement: unknown }).placement).toEqual({ ...placement, level: 1, lastCorrect: false, placed: [DECIMAL] })
    expect((withPlacement({ level: 5 })() as { placement: unknown }).placement).toEqual({ ...placement, level: 5 })
    expect((withPlacement({ skill: 'gone' })() as { placement: unknown }).placement).toBeNull()
  })
})
