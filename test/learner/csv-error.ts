import { expect } from 'vitest'
import { CsvError, parseBktCsv } from '../../src/learner/csv'

/** The message parseBktCsv refuses `text` with; fails the test unless it is a CsvError. */
export function csvError(text: string): string {
  try {
    parseBktCsv(text)
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError)
    return (e as Error).message
  }
  throw new Error('expected a CsvError')
}
