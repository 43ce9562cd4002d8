/**
 * The learner model's pieces on cases worked by hand (numbers in the comments): BKT steps and
 * parameter checks, the forward filter, the fit's likelihood and stopping, row grouping, the
 * metrics, the params file, saved state and the struggle detectors.
 */
import { describe, expect, it } from 'vitest'
import type { BktParams, SkillSpec } from '../../src/core'
import { assertBktParams, bktParamsProblem, clampBktParams, learnStep, PARAM_EPSILON, posteriorMastery, predictCorrect } from '../../src/learner/bkt'
import { CsvError, parseBktCsv, parseCsv } from '../../src/learner/csv'
import { compareUserIds, groupRows, type BktRow } from '../../src/learner/data'
import { emFromStart, fitSkill, logLikelihood } from '../../src/learner/fit'
import { accuracy, auc, masteryPrecisionRecall, rmse } from '../../src/learner/metrics'
import { fromPyBktFile, toPyBkt } from '../../src/learner/paramsFile'
import { predictRows, UnknownSkillError } from '../../src/learner/predict'
import { createLearnerState, createSkillState, LearnerStateError, restoreLearnerState, type SceneOutline } from '../../src/learner/state'
import { DEFAULT_STRUGGLE, idleAlert, recordOpportunity, recordRecentTask } from '../../src/learner/struggle'

const P: BktParams = { prior: 0.5, learn: 0.3, guess: 0.2, slip: 0.1, forget: 0 }

describe('BKT steps', () => {
  it('a wrong answer: P(L | wrong) = 0.4 * 0.08 / (0.4 * 0.08 + 0.6 * 0.75) = 0.0663900', () => {
    const p: BktParams = { prior: 0.4, learn: 0.08, guess: 0.25, slip: 0.08, forget: 0 }
    expect(posteriorMastery(p, 0.4, 0)).toBeCloseTo(0.032 / 0.482, 12)
    expect(posteriorMastery(p, 0.4, -1)).toBe(0.4)
  })

  it('the learn step with forgetting: 0.5 * (1 - 0.1) + 0.5 * 0.2 = 0.55', () => {
    expect(learnStep({ ...P, learn: 0.2, forget: 0.1 }, 0.5)).toBeCloseTo(0.55, 12)
    expect(predictCorrect(P, 1)).toBeCloseTo(0.9, 12)
    expect(predictCorrect(P, 0)).toBeCloseTo(0.2, 12)
  })

  it('degenerate parameters (an answer impossible in both states) keep the prior', () => {
    expect(posteriorMastery({ ...P, guess: 0, slip: 1 }, 0.37, 1)).toBe(0.37)
  })

  it('names what is wrong with parameters', () => {
    expect(bktParamsProblem(null)).toBe('expected an object with prior, learn, guess, slip, forget')
    expect(bktParamsProblem('x')).toBe('expected an object with prior, learn, guess, slip, forget')
    expect(bktParamsProblem({ ...P, slip: undefined })).toBe('slip must be a finite number, got undefined')
    expect(bktParamsProblem({ ...P, guess: Infinity })).toBe('guess must be a finite number, got null')
    expect(bktParamsProblem({ ...P, learn: 1.2 })).toBe('learn must lie in [0, 1], got 1.2')
    expect(bktParamsProblem({ ...P, forget: -0.1 })).toBe('forget must lie in [0, 1], got -0.1')
    expect(bktParamsProblem({ ...P, slip: 1 })).toBe('slip must lie strictly between 0 and 1, got 1')
    // Forget may be 0 even in strict mode; guess + slip exactly 1 is already too much.
    expect(bktParamsProblem({ ...P, forget: 0 })).toBeNull()
    expect(bktParamsProblem({ ...P, guess: 0.6, slip: 0.4 })).toBe('guess + slip must be below 1 (otherwise a correct answer is evidence against mastery), got 0.6 + 0.4')
    expect(bktParamsProblem({ ...P, guess: 0.6, slip: 0.4 }, false)).toBeNull()
    expect(bktParamsProblem({ ...P, learn: 1 }, false)).toBeNull()
    expect(() => assertBktParams({ ...P, prior: 2 }, 'skill a')).toThrow('skill a: prior must lie in [0, 1], got 2')
    expect(() => assertBktParams({ ...P, prior: 0 }, 'skill a', false)).not.toThrow()
  })

  it('clamps fitted parameters into the open interval, shrinking guess and slip together', () => {
    const p: BktParams = { prior: 0, learn: 1, guess: 0.7, slip: 0.5, forget: 0.4 }
    clampBktParams(p, false)
    expect(p.prior).toBe(PARAM_EPSILON)
    expect(p.learn).toBe(1 - PARAM_EPSILON)
    expect(p.forget).toBe(0)
    // 0.7 + 0.5 = 1.2 is scaled to 1 - 1e-6, keeping the 7 : 5 ratio.
    expect(p.guess + p.slip).toBeCloseTo(1 - PARAM_EPSILON, 12)
    expect(p.guess / p.slip).toBeCloseTo(0.7 / 0.5, 12)
    const q: BktParams = { prior: 0.5, learn: 0.2, guess: 0.2, slip: 0.1, forget: 1.5 }
    clampBktParams(q, true)
    expect(q.forget).toBe(1 - PARAM_EPSILON)
    const r: BktParams = { prior: 0.5, learn: 0.2, guess: -1, slip: 0.1, forget: -0.5 }
    clampBktParams(r, true)
    expect(r.guess).toBe(PARAM_EPSILON)
    expect(r.forget).toBe(0)
    expect(r.slip).toBe(0.1)
  })
})

describe('the forward filter (predict)', () => {
  it('two answers by one student, worked by hand', () => {
    // P(c1) = 0.5 * 0.9 + 0.5 * 0.2 = 0.55; P(L | c1) = 0.45 / 0.55 = 0.818182; after learning 0.872727;
    // P(c2) = 0.872727 * 0.9 + 0.127273 * 0.2 = 0.810909.
    const rows: BktRow[] = [
      { userId: 'u', skill: 's', correct: 0, orderId: 2 },
      { userId: 'u', skill: 's', correct: 1, orderId: 1 },
    ]
    const out = predictRows(rows, { s: P })
    expect(out.pMastery[1]).toBeCloseTo(0.5, 12)
    expect(out.pCorrect[1]).toBeCloseTo(0.55, 12)
    expect(out.pMasteryAfter[1]).toBeCloseTo(0.8727272727, 9)
    expect(out.pMastery[0]).toBeCloseTo(0.8727272727, 9)
    expect(out.pCorrect[0]).toBeCloseTo(0.8727272727 * 0.9 + 0.1272727273 * 0.2, 9)
    // Wrong: 0.0872727 / (0.0872727 + 0.1018182) = 0.461538, then learning: 0.461538 + 0.538462 * 0.3 = 0.623077.
    expect(out.pMasteryAfter[0]).toBeCloseTo(0.6230769231, 9)
  })

  it('each student starts again from the prior', () => {
    const rows: BktRow[] = [
      { userId: 'a', skill: 's', correct: 1, orderId: 1 },
      { userId: 'b', skill: 's', correct: 1, orderId: 1 },
    ]
    const out = predictRows(rows, { s: P })
    expect([...out.pMastery]).toEqual([0.5, 0.5])
  })

  it('an unknown skill names itself and its first row in the caller\'s order, even one named like an Object method', () => {
    const rows: BktRow[] = [
      { userId: 'u', skill: 's', correct: 1, orderId: 1 },
      { userId: 'v', skill: 'toString', correct: 1, orderId: 9 },
      { userId: 'u', skill: 'toString', correct: 0, orderId: 3 },
    ]
    let error: unknown
    try {
      predictRows(rows, { s: P })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UnknownSkillError)
    expect(error).toMatchObject({ skill: 'toString', rowIndex: 1, name: 'UnknownSkillError', message: 'no parameters for skill "toString"' })
  })
})

describe('the fit', () => {
  const data = { responses: Int8Array.from([1, 0]), starts: Int32Array.from([0]), lengths: Int32Array.from([2]) }

  it('log-likelihood of [correct, wrong]: ln 0.55 + ln 0.189091 = -2.263364', () => {
    expect(logLikelihood(data, P)).toBeCloseTo(-2.2633643798, 9)
    // With forgetting 0.1 and a skipped row between: [1, -1, 0] gives -1.953338 (worked the same way).
    const skipped = { responses: Int8Array.from([1, -1, 0]), starts: Int32Array.from([0]), lengths: Int32Array.from([3]) }
    expect(logLikelihood(skipped, { ...P, forget: 0.1 })).toBeCloseTo(-1.9533376649, 9)
  })

  it('stops at maxIterations unconverged, counts only answered rows, and never lowers the likelihood', () => {
    const many = { responses: Int8Array.from([0, 0, 1, 1, -1, 1, 0, 1, 1, 1]), starts: Int32Array.from([0, 5]), lengths: Int32Array.from([5, 5]) }
    const one = emFromStart(many, { ...P }, { maxIterations: 1 })
    expect(one).toMatchObject({ iterations: 1, converged: false, observations: 9 })
    const full = emFromStart(many, { ...P }, { maxIterations: 5000 })
    expect(full.converged).toBe(true)
    expect(full.iterations).toBeGreaterThan(2)
    expect(full.logLikelihood).toBeGreaterThan(one.logLikelihood)
    expect(full.logLikelihood).toBeCloseTo(logLikelihood(many, full.params), 12)
    // A loose tolerance stops sooner.
    expect(emFromStart(many, { ...P }, { tolerance: 1 }).iterations).toBeLessThan(full.iterations)
  })

  // An unconverged fit (maxIterations reached) must still report the likelihood of the
  // parameters it returns: the dashboard compares fits by it and fitSkill keeps the best.
  it('stopped at maxIterations, the log-likelihood is that of the returned parameters', () => {
    // No iteration: the start itself, -2.263364 as worked above.
    const none = emFromStart(data, { ...P }, { maxIterations: 0 })
    expect(none).toMatchObject({ iterations: 0, converged: false, params: P })
    expect(none.logLikelihood).toBeCloseTo(-2.2633643798, 9)
    const many = { responses: Int8Array.from([0, 0, 1, 1, -1, 1, 0, 1, 1, 1]), starts: Int32Array.from([0, 5]), lengths: Int32Array.from([5, 5]) }
    for (const maxIterations of [1, 2, 3]) {
      const fit = emFromStart(many, { ...P }, { maxIterations })
      expect(fit.converged).toBe(false)
      expect(fit.params).not.toEqual(P)
      expect(fit.logLikelihood).toBeCloseTo(logLikelihood(many, fit.params), 12)
    }
  })

  it('fitSkill refuses fewer than one restart and is reproducible per skill name', () => {
    expect(() => fitSkill(data, { restarts: 0 })).toThrow('fitSkill: restarts must be at least 1, got 0')
    const a = fitSkill(data, { restarts: 2 }, 'x')
    expect(fitSkill(data, { restarts: 2 }, 'x')).toEqual(a)
    expect(a.params.forget).toBe(0)
    expect(fitSkill(data, { restarts: 2, forgets: true }, 'x').params.forget).toBeGreaterThanOrEqual(0)
  })
})

describe('grouping rows', () => {
  it('orders user ids as numbers when both are numbers, numbers before names, names by code point', () => {
    expect(compareUserIds('2', '10')).toBeLessThan(0)
    expect(compareUserIds('10', '2')).toBeGreaterThan(0)
    expect(compareUserIds('-3', '1.5')).toBeLessThan(0)
    expect(compareUserIds('7', 'ann')).toBeLessThan(0)
    expect(compareUserIds('ann', '7')).toBeGreaterThan(0)
    expect(compareUserIds('Bob', 'ann')).toBeLessThan(0)
    expect(compareUserIds('ann', 'ann')).toBe(0)
    // Same number written two ways: text order breaks the tie.
    expect(compareUserIds('1.0', '1')).toBeGreaterThan(0)
    expect(compareUserIds('1e3', '2')).toBeGreaterThan(0) // '1e3' is a name, not a number
  })

  it('skills in code-point order, students in id order, each in order_id order, ties by response', () => {
    const rows: BktRow[] = [
      { userId: '10', skill: 'b', correct: 1, orderId: 5 },
      { userId: '2', skill: 'b', correct: 0, orderId: 7 },
      { userId: '2', skill: 'b', correct: 1, orderId: 6 },
      { userId: '2', skill: 'B', correct: -1, orderId: 1 },
      { userId: '10', skill: 'b', correct: 0, orderId: 5 },
    ]
    const groups = groupRows(rows)
    expect(groups.map((g) => g.skill)).toEqual(['B', 'b'])
    const b = groups[1]!
    expect([...b.rowIndex]).toEqual([2, 1, 4, 0])
    expect([...b.responses]).toEqual([1, 0, 0, 1])
    expect([...b.starts]).toEqual([0, 2])
    expect([...b.lengths]).toEqual([2, 2])
    expect([...groups[0]!.responses]).toEqual([-1])
  })
})

describe('metrics, worked by hand', () => {
  it('RMSE skips unanswered rows: sqrt((0.2^2 + 0.3^2) / 2) = 0.254951', () => {
    expect(rmse([0.8, 0.3, 0.5], [1, 0, -1])).toBeCloseTo(0.2549509757, 9)
    expect(rmse([0.5], [-1])).toBeNaN()
  })

  it('AUC is the share of (positive, negative) pairs ranked right, ties half', () => {
    // Pairs (0.35 vs 0.1) right, (0.35 vs 0.4) wrong, (0.8 vs both) right: 3 of 4.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12)
    expect(auc([0.5, 0.5, 0.9], [1, 0, -1])).toBeCloseTo(0.5, 12)
    // A tie inside a run: (0.6+ vs 0.2-) 1, (0.6+ vs 0.6-) 1/2, (0.9+ vs both) 2: 3.5 of 4.
    expect(auc([0.2, 0.6, 0.6, 0.9], [0, 0, 1, 1])).toBeCloseTo(0.875, 12)
    expect(auc([0.3, 0.7], [1, 1])).toBeNaN()
    expect(auc([0.3, 0.7], [0, 0])).toBeNaN()
  })

  it('accuracy counts p >= threshold as a correct prediction', () => {
    expect(accuracy([0.5, 0.49, 0.9, 0.2], [1, 0, 0, -1])).toBeCloseTo(2 / 3, 12)
    expect(accuracy([0.96, 0.9], [1, 1])).toBe(1)
    expect(accuracy([0.96, 0.9], [1, 1], 0.95)).toBe(0.5)
    expect(accuracy([], [])).toBeNaN()
  })

  it('mastery precision and recall at the threshold, inclusive', () => {
    // Declared: 0.96, 0.95, 0.99 (3); of those mastered: 2. Mastered in truth: 3.
    expect(masteryPrecisionRecall([0.96, 0.95, 0.5, 0.99], [1, 0, 1, 1])).toEqual({ precision: 2 / 3, recall: 2 / 3, declared: 3 })
    expect(masteryPrecisionRecall([0.5], [0], 0.9)).toEqual({ precision: NaN, recall: NaN, declared: 0 })
  })
})

describe('the params file (pyBKT names)', () => {
  it('writes and reads pyBKT names; forgets defaults to 0', () => {
    expect(toPyBkt({ ...P, forget: 0.05 })).toEqual({ prior: 0.5, learns: 0.3, guesses: 0.2, slips: 0.1, forgets: 0.05 })
    expect(fromPyBktFile({ s: { prior: 0.5, learns: 0.3, guesses: 0.2, slips: 0.1 } })).toEqual({ s: P })
  })

  it('names the skill and the pyBKT field of every problem', () => {
    expect(() => fromPyBktFile([])).toThrow('expected an object { "<skill>": { "prior", "learns", "guesses", "slips", "forgets" } }')
    expect(() => fromPyBktFile(null)).toThrow('expected an object')
    expect(() => fromPyBktFile({ s: 3 })).toThrow('skill "s": expected an object with prior, learns, guesses, slips, forgets')
    expect(() => fromPyBktFile({ s: null })).toThrow('skill "s": expected an object')
    for (const field of ['prior', 'learns', 'guesses', 'slips']) {
      const entry: Record<string, number> = { prior: 0.5, learns: 0.3, guesses: 0.2, slips: 0.1 }
      delete entry[field]
      expect(() => fromPyBktFile({ s: entry })).toThrow(`skill "s": "${field}" is missing`)
    }
    expect(() => fromPyBktFile({ s: { prior: 0.5, learns: 1.5, guesses: 0.2, slips: 0.1 } })).toThrow('skill "s": learns must lie in [0, 1], got 1.5')
    expect(() => fromPyBktFile({ s: { prior: 0.5, learns: 0.3, guesses: -1, slips: 0.1 } })).toThrow('skill "s": guesses must lie in [0, 1], got -1')
    expect(() => fromPyBktFile({ s: { prior: 0.5, learns: 0.3, guesses: 0.2, slips: 'x' } })).toThrow('skill "s": slips must be a finite number')
    expect(() => fromPyBktFile({ s: { prior: 0.5, learns: 0.3, guesses: 0.2, slips: 0.1, forgets: 2 } })).toThrow('skill "s": forgets must lie in [0, 1], got 2')
    expect(() => fromPyBktFile({ s: { prior: 7, learns: 0.3, guesses: 0.2, slips: 0.1 } })).toThrow('skill "s": prior must lie in [0, 1], got 7')
    // Prediction accepts the closed interval, as pyBKT does.
    expect(fromPyBktFile({ s: { prior: 0, learns: 1, guesses: 0.2, slips: 0.1, forgets: 0 } }).s!.learn).toBe(1)
  })
})

describe('CSV edge cases', () => {
  it('keeps text after a closing quote, reads a last line without a newline, and LF, CR and CRLF ends', () => {
    expect(parseCsv('"ab"c,d')).toEqual([['abc', 'd']])
    expect(parseCsv('a\rb\nc\r\nd')).toEqual([['a'], ['b'], ['c'], ['d']])
    expect(parseCsv('')).toEqual([])
    expect(parseCsv('a,')).toEqual([['a', '']])
    expect(parseCsv('x\n"q"')).toEqual([['x'], ['q']])
  })

  it('an unterminated quote names the record it started in', () => {
    let error: unknown
    try {
      parseCsv('a\nb\n"open')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CsvError)
    expect(error).toMatchObject({ row: 2, column: '?', name: 'CsvError' })
  })

  it('accepts +1, 1.0 and 1.00 as integers; refuses 1.5, 2 and integers past 2^53', () => {
    const H = 'user_id,skill_name,correct,order_id'
    expect(parseBktCsv(`${H}\nu,s,+1,1.00\nu,s,-1,2`).map((r) => [r.correct, r.orderId])).toEqual([[1, 1], [-1, 2]])
    expect(() => parseBktCsv(`${H}\nu,s,1,1.5`)).toThrow('row 1, column "order_id": expected an integer, got "1.5"')
    expect(() => parseBktCsv(`${H}\nu,s,1,9007199254740993`)).toThrow('column "order_id"')
    expect(() => parseBktCsv(`${H}\nu,,1,1`)).toThrow('row 1, column "skill_name": empty')
    expect(() => parseBktCsv(`${H}\nu,s,1`)).toThrow('row 1, column "order_id": missing value (the row has 3 fields, the header 4)')
    expect(() => parseBktCsv('user_id,correct,order_id\n')).toThrow('row 0, column "skill_name": missing from the header (found "user_id", "correct", "order_id")')
    expect(() => parseBktCsv('\n')).toThrow('the file is empty')
    // A blank line does not count as a row: the bad one is row 2.
    expect(() => parseBktCsv(`${H}\nu,s,1,1\n   \nu,s,5,2`)).toThrow('row 2, column "correct"')
    expect(parseBktCsv(` user_id , skill_name ,correct,order_id\n u1 , s1 ,1,1`)).toEqual([{ userId: 'u1', skill: 's1', correct: 1, orderId: 1 }])
  })
})

describe('saved learner state', () => {
  const skill = (id: string, prerequisites: string[] = []): SkillSpec => ({ id, name: id, description: id, prerequisites, bkt: { prior: 0.2, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 } })
  const scene: SceneOutline = { id: 'lab', skills: [skill('lab.a'), skill('lab.b', ['lab.a'])], levels: [{ level: 1, difficulty: -1 }, { level: 2, difficulty: 1 }] }

  it('starts each skill at its prior, unlocked only without prerequisites', () => {
    const state = createLearnerState(scene, 'calm-otter-1')
    expect(state).toMatchObject({ version: 3, learner: 'calm-otter-1', sceneId: 'lab', goal: null, recent: [], tasksPresented: 0 })
    expect(state.skills['lab.a']).toMatchObject({ pMastery: 0.2, ratingUncertainty: 1, level: 0, scaffoldLevel: -1, opportunities: 0, correct: 0, consecutiveErrors: 0, correctStreak: 0, opportunitiesSinceThreeInRow: 0, struggling: false, hintsOnLastTask: 0, unlocked: true, mastered: false, lastPracticedAt: null })
    expect(createSkillState(scene.skills[1]!, scene).unlocked).toBe(false)
    expect(() => createLearnerState(scene, '')).toThrow('createLearnerState: learner must be a non-empty pseudonym')
  })

  const saved = () => JSON.parse(JSON.stringify({ ...createLearnerState(scene, 'calm-otter-1'), goal: { skill: 'lab.b', targetMastery: 0.9 }, recent: [{ skill: 'lab.a', rapidWrong: true, hintAbuse: false }], tasksPresented: 4 })) as Record<string, unknown> & { skills: Record<string, Record<string, unknown>> }

  it('restores a saved state exactly, dropping extra fields', () => {
    const s = saved()
    ;(s.recent as Record<string, unknown>[])[0]!.extra = 'x'
    const restored = restoreLearnerState(s, scene)
    expect(restored.goal).toEqual({ skill: 'lab.b', targetMastery: 0.9 })
    expect(restored.recent).toEqual([{ skill: 'lab.a', rapidWrong: true, hintAbuse: false }])
    expect(restored.tasksPresented).toBe(4)
    expect(restored.skills['lab.a']).toEqual(createLearnerState(scene, 'x').skills['lab.a'])
  })

  it('names the offending field of a damaged save', () => {
    const bad = (edit: (s: ReturnType<typeof saved>) => void): string => {
      const s = saved()
      edit(s)
      try {
        restoreLearnerState(s, scene)
      } catch (e) {
        expect(e).toBeInstanceOf(LearnerStateError)
        return (e as Error).message
      }
      throw new Error('expected a LearnerStateError')
    }
    expect(bad((s) => { s.version = 4 })).toBe('LearnerState.version: expected one of 1, 2, 3, got 4')
    expect(bad((s) => { s.learner = '' })).toBe('LearnerState.learner: expected a pseudonym, got ""')
    expect(bad((s) => { s.skills = [] as never })).toBe('LearnerState.skills: expected an object keyed by skill id')
    expect(bad((s) => { s.skills['lab.a'] = 5 as never })).toBe('LearnerState.skills["lab.a"]: expected an object')
    expect(bad((s) => { s.skills['lab.a']!.scaffoldLevel = -2 })).toBe('LearnerState.skills["lab.a"].scaffoldLevel: expected an integer >= -1, got -2')
    expect(bad((s) => { s.skills['lab.a']!.level = 1.5 })).toBe('LearnerState.skills["lab.a"].level: expected an integer >= 0, got 1.5')
    expect(bad((s) => { s.skills['lab.a']!.rating = 2e6 })).toBe('LearnerState.skills["lab.a"].rating: expected a number in [-1000000, 1000000], got 2000000')
    expect(bad((s) => { s.skills['lab.a']!.ratingUncertainty = -0.1 })).toBe('LearnerState.skills["lab.a"].ratingUncertainty: expected a number in [0, 1], got -0.1')
    expect(bad((s) => { s.skills['lab.a']!.struggling = 'no' })).toBe('LearnerState.skills["lab.a"].struggling: expected true or false, got "no"')
    expect(bad((s) => { s.skills['lab.a']!.lastPracticedAt = 'today' })).toBe('LearnerState.skills["lab.a"].lastPracticedAt: expected a time in ms or null, got "today"')
    expect(bad((s) => { s.goal = 3 })).toBe('LearnerState.goal: expected null or { skill, targetMastery }')
    expect(bad((s) => { s.goal = { skill: 4, targetMastery: 0.5 } })).toBe('LearnerState.goal.skill: expected a skill id, got 4')
    expect(bad((s) => { s.goal = { skill: 'lab.a', targetMastery: 1.5 } })).toBe('LearnerState.goal.targetMastery: expected a number in [0, 1], got 1.5')
    expect(bad((s) => { s.recent = {} })).toBe('LearnerState.recent: expected an array')
    expect(bad((s) => { s.recent = [{ skill: 'lab.a', rapidWrong: false, hintAbuse: false }, { skill: 'lab.a', rapidWrong: 1, hintAbuse: false }] })).toBe('LearnerState.recent[1]: expected { skill, rapidWrong, hintAbuse }')
    expect(bad((s) => { s.tasksPresented = -1 })).toBe('LearnerState.tasksPresented: expected an integer >= 0, got -1')
    expect(() => restoreLearnerState([], scene)).toThrow('LearnerState: expected an object, got object')
    expect(() => restoreLearnerState('x', scene)).toThrow('LearnerState: expected an object, got string')
  })

  it('a save with a skill the scene no longer has, or a goal on it, loses only that', () => {
    const s = saved()
    s.skills['lab.gone'] = { junk: true }
    s.goal = { skill: 'lab.gone', targetMastery: 0.9 }
    const restored = restoreLearnerState(s, scene)
    expect(Object.keys(restored.skills).sort()).toEqual(['lab.a', 'lab.b'])
    expect(restored.goal).toBeNull()
    expect(restoreLearnerState({ ...saved(), goal: null }, scene).goal).toBeNull()
    expect(restoreLearnerState({ ...saved(), goal: undefined }, scene).goal).toBeNull()
  })
})

describe('struggle detectors', () => {
  const fresh = () => createSkillState({ id: 'k', name: 'k', description: '', prerequisites: [], bkt: { prior: 0.2, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 } }, { id: 'x', skills: [], levels: [{ level: 1, difficulty: 0 }] })

  it('wheel-spinning fires once, on the 10th opportunity without three correct in a row', () => {
    const s = fresh()
    const pattern = [1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0]
    const alerts = pattern.map((c) => recordOpportunity(s, c === 1, 'k', 'Knots'))
    expect(alerts.map((a) => a?.kind ?? null)).toEqual([null, null, null, null, null, null, null, null, null, 'wheel-spinning', null])
    expect(alerts[9]!.reason).toBe('No 3 correct in a row in 10 attempts on Knots; more practice alone may not help: the student may need a different explanation.')
    expect(s).toMatchObject({ opportunities: 11, correct: 6, consecutiveErrors: 1, correctStreak: 0, struggling: true, opportunitiesSinceThreeInRow: 11 })
  })

  it('three in a row ends the struggle and restarts the window', () => {
    const s = fresh()
    for (let i = 0; i < 10; i++) recordOpportunity(s, false, 'k', 'K')
    expect(s.struggling).toBe(true)
    expect(s.consecutiveErrors).toBe(10)
    recordOpportunity(s, true, 'k', 'K')
    recordOpportunity(s, true, 'k', 'K')
    expect(s.struggling).toBe(true)
    expect(recordOpportunity(s, true, 'k', 'K')).toBeNull()
    expect(s).toMatchObject({ struggling: false, opportunitiesSinceThreeInRow: 0, correctStreak: 3, consecutiveErrors: 0 })
  })

  it('rapid guessing: 3 of the last 5 answers wrong and fast, then a fresh window', () => {
    const recent: Parameters<typeof recordRecentTask>[0] = []
    const fast = { skill: 'k', rapidWrong: true, hintAbuse: false }
    const slow = { skill: 'k', rapidWrong: false, hintAbuse: false }
    expect(recordRecentTask(recent, { ...fast }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...slow }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...fast }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...slow }, 'K')).toBeNull()
    const alert = recordRecentTask(recent, { ...fast }, 'Knots')
    expect(alert).toEqual({ kind: 'rapid-guessing', skill: 'k', reason: '3 of the last 5 answers were wrong and given in under 5 s (latest on Knots): the student may be guessing rather than working the task.' })
    expect(recent.every((t) => !t.rapidWrong)).toBe(true)
    // The window holds 5: a 6th task pushes the oldest out.
    recordRecentTask(recent, { ...slow }, 'K')
    expect(recent).toHaveLength(5)
    // A slow task never raises the alert, however many fast ones are in the window.
    const r2: Parameters<typeof recordRecentTask>[0] = [{ ...fast }, { ...fast }, { ...fast }]
    expect(recordRecentTask(r2, { ...slow }, 'K')).toBeNull()
    // Fast ones that left the window do not count: fast, then 4 slow, then 2 fast is 2 in the last 5.
    const r3: Parameters<typeof recordRecentTask>[0] = []
    for (const t of [fast, slow, slow, slow, slow, fast]) recordRecentTask(r3, { ...t }, 'K')
    expect(recordRecentTask(r3, { ...fast }, 'K')).toBeNull()
  })

  it('hint abuse: 2 of the last 3 tasks clicked through to the last hint', () => {
    const recent: Parameters<typeof recordRecentTask>[0] = []
    const abuse = { skill: 'k', rapidWrong: false, hintAbuse: true }
    const fine = { skill: 'k', rapidWrong: false, hintAbuse: false }
    expect(recordRecentTask(recent, { ...abuse }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...fine }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...fine }, 'K')).toBeNull()
    // The first abuse is now 3 back and out of the window.
    expect(recordRecentTask(recent, { ...abuse }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...abuse }, 'Knots')).toEqual({ kind: 'hint-abuse', skill: 'k', reason: 'On 2 of the last 3 tasks the student clicked straight through to the last hint (latest on Knots): the hints are being used to get the answer, not to learn.' })
    expect(recent.every((t) => !t.hintAbuse)).toBe(true)
  })

  it('idle from exactly the threshold, in seconds under a minute and rounded minutes above', () => {
    expect(idleAlert(0, 119_999, 'k', 'K')).toBeNull()
    expect(idleAlert(0, 120_000, 'k', 'Knots')).toEqual({ kind: 'idle', skill: 'k', reason: 'No action for 2 min on a Knots task: the student may be stuck, distracted or away from the station.' })
    expect(idleAlert(1_000, 151_000, 'k', 'K')!.reason).toMatch(/^No action for 3 min/)
    const short = { ...DEFAULT_STRUGGLE, idleMs: 20_000 }
    expect(idleAlert(0, 25_000, 'k', 'K', short)!.reason).toMatch(/^No action for 25 s on/)
    expect(idleAlert(0, 29_999, 'k', 'K', short)!.reason).toMatch(/^No action for 30 s on/)
    expect(idleAlert(0, 30_000, 'k', 'K', short)!.reason).toMatch(/^No action for 1 min on/)
  })
})
