/**
 * A small RFC 4180 CSV reader for logged BKT rows (pyBKT column names), with errors that name
 * the row and column. Handles a UTF-8 BOM, CRLF or LF line ends, quoted fields with commas,
 * doubled quotes and line breaks inside. Row numbers count data rows from 1 (the header is
 * row 0), which is what a teacher sees as "the 17th answer" in the file.
 */
import type { Response } from './bkt'
import type { BktRow } from './data'

export class CsvError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    detail: string,
  ) {
    super(`row ${row}, column "${column}": ${detail}`)
    this.name = 'CsvError'
  }
}

/** Splits text into records of fields. Throws CsvError on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  const n = text.length
  let quotedStartRecord = -1
  while (i < n) {
    const ch = text[i]!
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote, "" is a literal quote.
      quotedStartRecord = records.length
      i++
      let closed = false
      while (i < n) {
        const q = text[i]!
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          closed = true
          break
        }
        field += q
        i++
      }
      if (!closed) throw new CsvError(quotedStartRecord, '?', 'a quoted field is never closed')
      // Anything between the closing quote and the next separator is kept, as spreadsheets do.
      continue
    }
    if (ch === ',') {
      record.push(field)
      field = ''
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      continue
    }
    field += ch
    i++
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

export const REQUIRED_COLUMNS = ['user_id', 'skill_name', 'correct', 'order_id'] as const

const INTEGER = /^[+-]?\d+$/
/** pandas writes integers from float columns as "3.0"; accept an integral decimal too. */
const INTEGRAL_DECIMAL = /^[+-]?\d+\.0*$/

function parseInteger(raw: string): number | null {
  const s = raw.trim()
  if (!INTEGER.test(s) && !INTEGRAL_DECIMAL.test(s)) return null
  const v = Number(s)
  return Number.isSafeInteger(v) ? v : null
}

/** Parses a pyBKT-style CSV into rows; every problem is a CsvError naming row and column. */
export function parseBktCsv(text: string): BktRow[] {
  const records = parseCsv(text)
  // Blank lines (a trailing newline, an empty line between rows) carry no row.
  const isBlank = (r: string[]) => r.length === 1 && r[0]!.trim() === ''
  const header = records[0]
  if (!header || isBlank(header)) throw new CsvError(0, 'user_id', 'the file is empty (expected a header with user_id, skill_name, correct, order_id)')
  const names = header.map((h) => h.trim())
  const at: Record<string, number> = {}
  for (const column of REQUIRED_COLUMNS) {
    const index = names.indexOf(column)
    if (index < 0) throw new CsvError(0, column, `missing from the header (found ${names.map((x) => JSON.stringify(x)).join(', ')})`)
    at[column] = index
  }
  const rows: BktRow[] = []
  let rowNumber = 0
  for (let k = 1; k < records.length; k++) {
    const record = records[k]!
    if (isBlank(record)) continue
    rowNumber++
    const value = (column: (typeof REQUIRED_COLUMNS)[number]): string => {
      const v = record[at[column]!]
      if (v === undefined) throw new CsvError(rowNumber, column, `missing value (the row has ${record.length} fields, the header ${names.length})`)
      return v
    }
    const userId = value('user_id').trim()
    if (userId === '') throw new CsvError(rowNumber, 'user_id', 'empty')
    const skill = value('skill_name').trim()
    if (skill === '') throw new CsvError(rowNumber, 'skill_name', 'empty')
    const correctRaw = value('correct')
    const correct = parseInteger(correctRaw)
    if (correct === null || (correct !== -1 && correct !== 0 && correct !== 1)) {
      throw new CsvError(rowNumber, 'correct', `expected an integer -1, 0 or 1, got ${JSON.stringify(correctRaw)}`)
    }
    const orderRaw = value('order_id')
    const orderId = parseInteger(orderRaw)
    if (orderId === null) throw new CsvError(rowNumber, 'order_id', `expected an integer, got ${JSON.stringify(orderRaw)}`)
    rows.push({ userId, skill, correct: correct as Response, orderId })
  }
  return rows
}
