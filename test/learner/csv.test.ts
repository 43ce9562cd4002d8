import { describe, expect, it } from 'vitest'
import { parseBktCsv, parseCsv } from '../../src/learner/csv'
import { csvError } from './csv-error'

const HEADER = 'user_id,skill_name,correct,order_id'

describe('CSV reader', () => {
  it('handles a BOM, CRLF, quoted fields with commas, quotes and line breaks, and blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",3\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', '3'],
    ])
    const rows = parseBktCsv(`\ufeff${HEADER}\r\n"1001","skill, A",1,1\r\n\r\n1001,B,-1,2\r\n1002,B,0.0,3`)
    expect(rows).toEqual([
      { userId: '1001', skill: 'skill, A', correct: 1, orderId: 1 },
      { userId: '1001', skill: 'B', correct: -1, orderId: 2 },
      { userId: '1002', skill: 'B', correct: 0, orderId: 3 },
    ])
  })

  it('finds columns by name in any order, extra columns ignored', () => {
    expect(parseBktCsv('order_id,extra,correct,skill_name,user_id\n5,zz,1,s,u')).toEqual([{ userId: 'u', skill: 's', correct: 1, orderId: 5 }])
  })

  const error = csvError

  it('names the row and column of every problem', () => {
    expect(error(`${HEADER}\n1,a,1,1\n1,a,x,2`)).toBe('row 2, column "correct": expected an integer -1, 0 or 1, got "x"')
    expect(error(`${HEADER}\n1,a,2,1`)).toBe('row 1, column "correct": expected an integer -1, 0 or 1, got "2"')
    expect(error(`${HEADER}\n1,a,1,first`)).toBe('row 1, column "order_id": expected an integer, got "first"')
    expect(error('user_id,skill_name,order_id\n1,a,1')).toMatch(/^row 0, column "correct": missing from the header/)
    expect(error('')).toMatch(/^row 0, column "user_id": the file is empty/)
    expect(error(`${HEADER}\n1,a,1`)).toMatch(/^row 1, column "order_id": missing value/)
    expect(error(`${HEADER}\n,a,1,1`)).toBe('row 1, column "user_id": empty')
    expect(error(`${HEADER}\n1,"a,1,1`)).toMatch(/never closed/)
  })
})
