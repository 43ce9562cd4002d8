/**
 * Writing CSV that a spreadsheet opens safely (pure; the dashboard's exports use it).
 * RFC 4180 quoting, and OWASP's advice on formula injection: a cell a spreadsheet would read as
 * a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so a
 * student's response such as `=HYPERLINK(...)` arrives as text. Plain numbers, negative ones
 * included, are left as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

export function csvField(value: unknown): string {
  if (value === undefined || value === null) return ''
  let text = String(value)
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvField).join(',')
}

/** Header and rows as one CSV text, CRLF-free (LF line ends, as the BKT tool and spreadsheets read). */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [csvRow(header), ...rows.map(csvRow)].join('\n') + '\n'
}
