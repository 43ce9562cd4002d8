/**
 * Cases the mutation run of the learner files (branch mutlearn, test/MUTATION.md "Fifth round,
 * the learner files") found untested: each a hand-worked input whose answer is read off the
 * rule in the module's doc comment, not computed by the module.
 */
import { describe, expect, it } from 'vitest'
import type { BktParams } from '../../src/core'
import { assertBktParams } from '../../src/learner/bkt'
import { parseBktCsv, parseCsv } from '../../src/learner/csv'
import { csvError } from './csv-error'
import { fromPyBktFile } from '../../src/learner/paramsFile'
import type { RecentTask } from '../../src/learner/state'
import { DEFAULT_STRUGGLE, idleAlert, recordRecentTask } from '../../src/learner/struggle'

const P: BktParams = { prior: 0.5, learn: 0.3, guess: 0.2, slip: 0.1, forget: 0 }
const HEADER = 'user_id,skill_name,correct,order_id'


describe('parameter checks', () => {
  it('assertBktParams is strict unless told otherwise: learn = 0 is refused for a scene', () => {
    expect(() => assertBktParams({ ...P, learn: 0 }, 'scene measure')).toThrow('scene measure: learn must lie strictly between 0 and 1, got 0')
  })
})

describe('the params file', () => {
  it('a number or a string is not a params file', () => {
    expect(() => fromPyBktFile(3)).toThrow('expected an object { "<skill>"')
    expect(() => fromPyBktFile('prior')).toThrow('expected an object { "<skill>"')
  })

  it('renames only the field at the start of a message, not a pyBKT name inside the bad value', () => {
    expect(() => fromPyBktFile({ s: { prior: 'forget', learns: 0.3, guesses: 0.2, slips: 0.1 } })).toThrow('skill "s": prior must be a finite number, got "forget"')
  })
})

describe('CSV', () => {
  it('a quote inside an unquoted field is a literal character (6" ruler)', () => {
    expect(parseCsv('6" ruler,1\n')).toEqual([['6" ruler', '1']])
  })

  it('an LF followed by a blank line keeps the blank record', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']])
  })

  it('a row with one non-empty field is a short row, not a blank line; a one-column header lacks columns', () => {
    expect(csvError(`${HEADER}\n1001`)).toBe('row 1, column "skill_name": missing value (the row has 1 fields, the header 4)')
    expect(csvError('user_id\n1001')).toBe('row 0, column "skill_name": missing from the header (found "user_id")')
  })

  it('spaces around an integer are accepted; an empty correct cell is an error, not a wrong answer', () => {
    expect(parseBktCsv(`${HEADER}\n1,a, 1 , 7 `)).toEqual([{ userId: '1', skill: 'a', correct: 1, orderId: 7 }])
    expect(csvError(`${HEADER}\n1,a,,1`)).toBe('row 1, column "correct": expected an integer -1, 0 or 1, got ""')
  })
})

describe('struggle detectors with options other than the defaults', () => {
  const fast: RecentTask = { skill: 'k', rapidWrong: true, hintAbuse: false }
  const slow: RecentTask = { skill: 'k', rapidWrong: false, hintAbuse: false }

  it('rapid guessing counts only its own window when the hint window is longer', () => {
    const options = { ...DEFAULT_STRUGGLE, rapidGuessWindow: 2, rapidGuessCount: 2, hintAbuseWindow: 4 }
    const recent: RecentTask[] = []
    expect(recordRecentTask(recent, { ...fast }, 'K', options)).toBeNull()
    expect(recordRecentTask(recent, { ...slow }, 'K', options)).toBeNull()
    // fast, slow, fast: 1 of the last 2, though 2 of the 3 kept.
    expect(recordRecentTask(recent, { ...fast }, 'K', options)).toBeNull()
    expect(recordRecentTask(recent, { ...fast }, 'K', options)?.reason).toBe('2 of the last 2 answers were wrong and given in under 5 s (latest on K): the student may be guessing rather than working the task.')
  })

  it('hint abuse counts the last 3 of 5 kept tasks: fine, fine, abuse, fine, abuse raises it', () => {
    const abuse: RecentTask = { skill: 'k', rapidWrong: false, hintAbuse: true }
    const recent: RecentTask[] = []
    for (const t of [slow, slow, abuse, slow]) expect(recordRecentTask(recent, { ...t }, 'K')).toBeNull()
    expect(recordRecentTask(recent, { ...abuse }, 'K')?.kind).toBe('hint-abuse')
  })

  it('idle time is measured from the last action, not from zero: 30 s after an action at 1,000 s is not idle', () => {
    expect(idleAlert(1_000_000, 1_030_000, 'k', 'K')).toBeNull()
    expect(idleAlert(1_000_000, 1_180_000, 'k', 'K')?.reason).toMatch(/^No action for 3 min on/)
  })
})
