import { describe, expect, it } from 'vitest'
import { parseBktCsv } from '../../src/learner/csv'
import { csvField, csvRow, csvText } from '../../src/shared/csv'

describe('CSV a spreadsheet opens safely', () => {
  it('turns what a spreadsheet would run as a formula into text (OWASP CSV injection)', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvField('+1+1')).toBe("'+1+1")
    expect(csvField('-2+3')).toBe("'-2+3")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('\t=1')).toBe("'\t=1")
    expect(csvField('\r=1')).toBe(`"'\r=1"`)
  })

  it('keeps plain numbers, negative ones included, as numbers', () => {
    expect(csvField(-2.5)).toBe('-2.5')
    expect(csvField('-12')).toBe('-12')
    expect(csvField(0.913)).toBe('0.913')
    expect(csvField(true)).toBe('true')
  })

  it('quotes a field only when it holds a comma, a quote, a line break or edge spaces (RFC 4180)', () => {
    expect(csvField('placed at 12')).toBe('placed at 12')
    expect(csvField('12,5 m')).toBe('"12,5 m"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(' padded')).toBe('" padded"')
    expect(csvField(undefined)).toBe('')
    expect(csvField(null)).toBe('')
    expect(csvRow(['a', 'b,c', 3])).toBe('a,"b,c",3')
  })

  it('reads back field for field through a real CSV reader', () => {
    const text = csvText(['user_id', 'skill_name', 'correct', 'order_id'], [['otter, calm', 'a "b"', 1, 1]])
    expect(text).toBe('user_id,skill_name,correct,order_id\n"otter, calm","a ""b""",1,1\n')
    const [row] = parseBktCsv(text)
    expect(row).toMatchObject({ userId: 'otter, calm', skill: 'a "b"', correct: 1 })
  })
})
