/**
 * Measure & Place against hand-worked cases: the placement tolerance each level promises (its
 * description says how far off the block may be), the targets each skill draws, and the
 * assessor's verdict, score and feedback on placements worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { assessPlace, MISCONCEPTIONS, missedPlaceAttempt, wrongPlaceAttempt } from '../../../scenes/measure/assess'
import { SKILL_DECIMAL, SKILL_WHOLE } from '../../../scenes/measure/skills'
import { formatNumber, generatePlaceTask, type PlaceTask } from '../../../scenes/measure/tasks/place'
import { createRng } from '../../../src/core'

/** From the level descriptions a student and teacher read: "the block may be 0.3 off", ... */
const TOLERANCE_BY_LEVEL: Record<number, number> = { 1: 0.3, 2: 0.25, 3: 0.08, 4: 0.06, 5: 0.04 }
/** Labelled marks: every one, every other, every other, 0/5/10, the ends only. */
const LABEL_EVERY_BY_LEVEL: Record<number, number> = { 1: 1, 2: 2, 3: 2, 4: 5, 5: 10 }

const SEEDS = Array.from({ length: 80 }, (_, i) => i + 1)
const tasksFor = (skill: string, level: number): PlaceTask[] => SEEDS.map((seed) => generatePlaceTask(skill, level, createRng(seed)))

const handTask = (skill: string, target: number, tolerance: number): PlaceTask => ({
  id: 'hand', sceneId: 'measure', skill, level: 3, seed: 1, kind: 'place', prompt: '', target, tolerance, labelEvery: 2, start: 9.5,
})

describe('placement tolerance per level', () => {
  for (const level of [1, 2, 3, 4, 5]) {
    it(`level ${level} accepts a block up to ${TOLERANCE_BY_LEVEL[level]} off and no further`, () => {
      const tolerance = TOLERANCE_BY_LEVEL[level]!
      for (const skill of [SKILL_WHOLE, SKILL_DECIMAL]) {
        for (const task of tasksFor(skill, level).slice(0, 10)) {
          expect(task.tolerance).toBe(tolerance)
          expect(task.labelEvery).toBe(LABEL_EVERY_BY_LEVEL[level])
          for (const side of [-1, 1]) {
            expect(assessPlace(task, { position: task.target + side * 0.98 * tolerance }).correct).toBe(true)
            expect(assessPlace(task, { position: task.target + side * 1.02 * tolerance }).correct).toBe(false)
          }
        }
      }
    })
  }

  it('exactly on the edge of the band counts', () => {
    expect(assessPlace(handTask(SKILL_WHOLE, 4, 0.25), { position: 4.25 }).correct).toBe(true)
    expect(assessPlace(handTask(SKILL_WHOLE, 4, 0.25), { position: 3.75 }).correct).toBe(true)
  })
})

describe('targets and start positions', () => {
  it('whole-number targets are every whole mark from 1 to 9, never the ends', () => {
    const targets = new Set(tasksFor(SKILL_WHOLE, 1).map((t) => t.target))
    expect([...targets].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('halves at levels 1 and 2: every x.5 from 0.5 to 9.5', () => {
    for (const level of [1, 2]) {
      const targets = new Set([...tasksFor(SKILL_DECIMAL, level), ...SEEDS.map((s) => generatePlaceTask(SKILL_DECIMAL, level, createRng(1000 + s)))].map((t) => t.target))
      expect([...targets].sort((a, b) => a - b)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5])
    }
  })

  it('tenths from level 3: a whole part 0 to 9 and a tenth 1 to 9, never a whole number', () => {
    for (const level of [3, 4, 5]) {
      const tasks = tasksFor(SKILL_DECIMAL, level)
      const wholes = new Set(tasks.map((t) => Math.floor(t.target)))
      const tenths = new Set(tasks.map((t) => Math.round((t.target % 1) * 10)))
      expect([...wholes].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
      expect([...tenths].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
      for (const t of tasks) expect(t.target * 10).toBeCloseTo(Math.round(t.target * 10), 9)
    }
  })

  it('the block starts on a half mark of the track, at least 2 away from the target', () => {
    for (const level of [1, 3, 5]) {
      for (const skill of [SKILL_WHOLE, SKILL_DECIMAL]) {
        for (const task of tasksFor(skill, level)) {
          expect(task.start * 2).toBe(Math.round(task.start * 2))
          expect(task.start).toBeGreaterThanOrEqual(0)
          expect(task.start).toBeLessThanOrEqual(10)
          expect(Math.abs(task.start - task.target)).toBeGreaterThanOrEqual(2)
        }
      }
    }
  })

  it('starts are spread over the whole track, and one exactly 2 away stays put', () => {
    const starts = new Set<number>()
    let exactlyTwo = 0
    for (const level of [1, 3, 5]) {
      for (const skill of [SKILL_WHOLE, SKILL_DECIMAL]) {
        for (const task of tasksFor(skill, level)) {
          starts.add(task.start)
          if (Math.abs(task.start - task.target) === 2) exactlyTwo++
        }
      }
    }
    // 21 half marks from 0 to 10: a start generator stuck near one end would show few.
    expect(starts.size).toBeGreaterThanOrEqual(17)
    expect(Math.min(...starts)).toBeLessThanOrEqual(1)
    expect(Math.max(...starts)).toBeGreaterThanOrEqual(9)
    expect(exactlyTwo).toBeGreaterThan(0)
  })

  it('a logged task replays: seed 42 at tenths is still the task it was', () => {
    // A reference output: a task id in the logs must name the same task after an update.
    expect(generatePlaceTask(SKILL_DECIMAL, 3, createRng(42))).toEqual({
      id: 'measure/measure.decimals/3/tks706', sceneId: 'measure', skill: 'measure.decimals', level: 3, seed: 1426383235,
      kind: 'place', prompt: 'Move the block to 3.2 on the track.', target: 3.2, tolerance: 0.08, labelEvery: 2, start: 5.5,
    })
  })

  it('the same seed gives the same task; the id names scene, skill and level', () => {
    const a = generatePlaceTask(SKILL_DECIMAL, 3, createRng(42))
    expect(generatePlaceTask(SKILL_DECIMAL, 3, createRng(42))).toEqual(a)
    expect(a.id).toMatch(/^measure\/measure\.decimals\/3\/[0-9a-z]+$/)
    expect(a).toMatchObject({ sceneId: 'measure', skill: SKILL_DECIMAL, level: 3, kind: 'place' })
    expect(a.prompt).toBe(`Move the block to ${formatNumber(a.target)} on the track.`)
    const ids = new Set(tasksFor(SKILL_DECIMAL, 3).map((t) => t.id))
    expect(ids.size).toBe(SEEDS.length)
  })

  it('refuses an unknown level or skill, naming it', () => {
    expect(() => generatePlaceTask(SKILL_WHOLE, 6, createRng(1))).toThrow("measure: no level 6 (levels are 1 to 5)")
    expect(() => generatePlaceTask('measure.fractions', 1, createRng(1))).toThrow("measure: unknown skill 'measure.fractions'")
  })
})

describe('assessing a placement', () => {
  it('on the target: correct, full score, and says where', () => {
    const result = assessPlace(handTask(SKILL_DECIMAL, 3.7, 0.08), { position: 3.72 })
    expect(result).toEqual({
      correct: true,
      score: 1,
      evidence: [{ skill: SKILL_DECIMAL, correct: true }, { skill: SKILL_WHOLE, correct: true }],
      feedback: 'Yes: the block is at 3.72, on 3.7.',
      missInTolerances: expect.closeTo(0.02 / 0.08, 12),
    })
  })

  it('says how far off an answer was in tolerances, except where the miss is a misconception', () => {
    // 1.5 off with a band of 0.3: five tolerances.
    expect(assessPlace(handTask(SKILL_WHOLE, 4, 0.3), { position: 5.5 }).missInTolerances).toBeCloseTo(5, 12)
    // 0.1 off with a band of 0.08: a near miss, 1.25 tolerances.
    expect(assessPlace(handTask(SKILL_DECIMAL, 3.7, 0.08), { position: 3.6 }).missInTolerances).toBeCloseTo(1.25, 12)
    // Counting marks (one unit off) and ignoring the decimal part are wrong ideas, not imprecise placing.
    expect(assessPlace(handTask(SKILL_WHOLE, 6, 0.3), { position: 5 })).not.toHaveProperty('missInTolerances')
    expect(assessPlace(handTask(SKILL_DECIMAL, 3.7, 0.08), { position: 3 })).not.toHaveProperty('missInTolerances')
  })

  it('a simulated student\'s placement lands the given number of tolerances off, on either side, on the track', () => {
    const task = handTask(SKILL_DECIMAL, 3.7, 0.08)
    const sides = new Set<number>()
    for (let seed = 1; seed <= 20; seed++) {
      const attempt = missedPlaceAttempt(task, 1.25, createRng(seed))
      expect(Math.abs(attempt.position - 3.7)).toBeCloseTo(0.1, 12)
      sides.add(Math.sign(attempt.position - 3.7))
    }
    expect([...sides].sort()).toEqual([-1, 1])
    // 100 tolerances (8 units) off 3.7 is off the track either way: the block stops at an end.
    expect([0, 10]).toContain(missedPlaceAttempt(task, 100, createRng(3)).position)
  })

  it('1.5 too far right: score 1 - 1.5 / 2 = 0.25, and says which way and a next step, never the target', () => {
    const result = assessPlace(handTask(SKILL_WHOLE, 4, 0.3), { position: 5.5 })
    expect(result.correct).toBe(false)
    expect(result.score).toBeCloseTo(0.25, 12)
    expect(result.evidence).toEqual([{ skill: SKILL_WHOLE, correct: false }])
    expect(result.misconception).toBeUndefined()
    expect(result.feedback).toBe('Not yet: the block is at 5.5, too far right. Next step: find the long mark for the whole-number part first, then move on from there.')
    expect(assessPlace(handTask(SKILL_WHOLE, 4, 0.3), { position: 2.6 }).feedback).toBe('Not yet: the block is at 2.6, too far left. Next step: find the long mark for the whole-number part first, then move on from there.')
  })

  it('the band has a rounding allowance of 1e-9 and no more', () => {
    expect(assessPlace(handTask(SKILL_WHOLE, 0, 0.25), { position: 0.25 + 1e-9 }).correct).toBe(true)
    expect(assessPlace(handTask(SKILL_WHOLE, 0, 0.25), { position: 0.25 + 1e-8 }).correct).toBe(false)
  })

  it('the misconception bands include their edges', () => {
    // Exactly one tolerance from one whole unit off (1.25 from 0, band 0.25): still counting marks.
    expect(assessPlace(handTask(SKILL_WHOLE, 0, 0.25), { position: 1.25 }).misconception?.id).toBe('measure.counts-marks-not-spaces')
    // Exactly one tolerance from the whole number (0.08 from 0 for 0.7): still ignoring the decimal.
    expect(assessPlace(handTask(SKILL_DECIMAL, 0.7, 0.08), { position: 0.08 }).misconception?.id).toBe('measure.ignores-decimal-part')
  })

  it('more than 2 off scores 0, never below', () => {
    expect(assessPlace(handTask(SKILL_WHOLE, 8, 0.3), { position: 1 }).score).toBe(0)
  })

  it('one whole unit off is counting the marks, not the spaces', () => {
    const left = assessPlace(handTask(SKILL_WHOLE, 6, 0.3), { position: 5 })
    expect(left.misconception).toBe(MISCONCEPTIONS.countsMarks)
    expect(left.misconception?.id).toBe('measure.counts-marks-not-spaces')
    expect(left.score).toBeCloseTo(0.5, 12)
    expect(left.feedback).toBe('Off by one whole unit (too far left): that comes from counting the marks instead of the spaces. Next step: count the spaces from 0.')
    const right = assessPlace(handTask(SKILL_WHOLE, 6, 0.3), { position: 7.2 })
    expect(right.misconception?.id).toBe('measure.counts-marks-not-spaces')
    expect(right.feedback).toBe('Off by one whole unit (too far right): that comes from counting the marks instead of the spaces. Next step: count the spaces from 0.')
    // 1.4 off is outside the 0.3 band around one unit: no misconception claimed.
    expect(assessPlace(handTask(SKILL_WHOLE, 6, 0.3), { position: 7.4 }).misconception).toBeUndefined()
  })

  it('a decimal placed on its whole number ignores the decimal part, and still shows whole-number reading', () => {
    const result = assessPlace(handTask(SKILL_DECIMAL, 3.7, 0.08), { position: 3 })
    expect(result.correct).toBe(false)
    expect(result.misconception?.id).toBe('measure.ignores-decimal-part')
    expect(result.feedback).toBe('The block is on a whole number, but this number has a decimal part: it lies between two long marks. Next step: go part of the way on toward the next long mark.')
    expect(result.evidence).toEqual([{ skill: SKILL_DECIMAL, correct: false }, { skill: SKILL_WHOLE, correct: true }])
    // Only for decimal tasks: a whole-number task 0.5 off is just off.
    expect(assessPlace(handTask(SKILL_WHOLE, 3.5, 0.08), { position: 3 }).misconception).toBeUndefined()
  })

  it('a decimal a whole unit off shows the whole-number reading wrong too', () => {
    const result = assessPlace(handTask(SKILL_DECIMAL, 3.7, 0.08), { position: 4.7 })
    expect(result.misconception?.id).toBe('measure.counts-marks-not-spaces')
    expect(result.evidence).toEqual([{ skill: SKILL_DECIMAL, correct: false }, { skill: SKILL_WHOLE, correct: false }])
  })

  it('refuses a position that is not a finite number, naming the field', () => {
    const task = handTask(SKILL_WHOLE, 4, 0.3)
    expect(() => assessPlace(task, { position: Number.NaN })).toThrow('measure: attempt.position must be a finite number, got NaN')
    expect(() => assessPlace(task, { position: '4' as unknown as number })).toThrow('got 4')
    expect(() => assessPlace(task, undefined as unknown as { position: number })).toThrow('got undefined')
  })

  it('the simulated wrong attempts are the classic mistakes, and wrong', () => {
    const rng = createRng(3)
    expect(wrongPlaceAttempt(handTask(SKILL_WHOLE, 7, 0.3), rng)).toEqual({ position: 6 })
    expect(wrongPlaceAttempt(handTask(SKILL_WHOLE, 5, 0.3), rng)).toEqual({ position: 4 })
    expect(wrongPlaceAttempt(handTask(SKILL_WHOLE, 3, 0.3), rng)).toEqual({ position: 4 })
    const decimals = new Set(Array.from({ length: 20 }, () => wrongPlaceAttempt(handTask(SKILL_DECIMAL, 6.4, 0.08), rng).position))
    expect([...decimals].sort()).toEqual([5.4, 6].sort())
  })

  it('numbers read as a student writes them', () => {
    expect(formatNumber(3.14159)).toBe('3.14')
    expect(formatNumber(2.5)).toBe('2.5')
    expect(formatNumber(4)).toBe('4')
  })
})
