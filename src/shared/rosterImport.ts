/**
 * Reading names for the class list, pure (the dashboard checks before sending, the hub checks
 * again): one name per line, or a OneRoster `users.csv` (students only). Bad input throws a
 * RosterInputError naming the line and column, so nothing is half-imported.
 */

/** The longest name the hub stores (the roster's display_name). */
export const MAX_NAME_LENGTH = 80
/** The most names one paste or import may add. */
export const MAX_NAMES_PER_IMPORT = 500

export class RosterInputError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: string,
  ) {
    super(message)
    this.name = 'RosterInputError'
  }
}

/** A name to add and the line of the input it came from (1 = the first line). */
export interface NameToAdd {
  displayName: string
  line: number
}

const collapse = (name: string) => name.replace(/\s+/g, ' ').trim()

function checkName(name: string, line: number, column?: string): string {
  const clean = collapse(name)
  const where = column ? `line ${line}, column ${column}` : `line ${line}`
  if (clean.length > MAX_NAME_LENGTH) throw new RosterInputError(`${where}: the name is ${clean.length} characters long; at most ${MAX_NAME_LENGTH} fit`, line, column)
  return clean
}

function checkCount(count: number): void {
  if (count > MAX_NAMES_PER_IMPORT) throw new RosterInputError(`${count} names at once is more than ${MAX_NAMES_PER_IMPORT}: split the list`, 0)
}

/** One name per line; blank lines are skipped. */
export function parseNameList(text: string): NameToAdd[] {
  const names: NameToAdd[] = []
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const displayName = checkName(raw, index + 1)
      if (displayName) names.push({ displayName, line: index + 1 })
    })
  checkCount(names.length)
  return names
}

/** A CSV record and the line it starts on. */
export interface CsvRecord {
  fields: string[]
  line: number
}

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; LF, CRLF or
 * CR line ends; a leading byte-order mark is dropped; blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '')
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoted = false
  let quoteLine = 0
  let fieldStarted = false
  const endRecord = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ fields, line: recordLine })
    fields = []
    field = ''
    fieldStarted = false
  }
  // Set after a quoted field closes: only a comma or a line end may follow it.
  let closedQuote = false
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"'
          i++
        } else {
          quoted = false
          closedQuote = true
        }
      } else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++
        field += ch
      }
      continue
    }
    if (ch === ',' || ch === '\r' || ch === '\n') closedQuote = false
    if (ch === '"') {
      if (field !== '' || closedQuote) throw new RosterInputError(`line ${line}: a quote inside an unquoted field; put the whole field in quotes and double the quote ("")`, line)
      quoted = true
      quoteLine = line
      fieldStarted = true
    } else if (ch === ',') {
      fields.push(field)
      field = ''
      fieldStarted = true
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      if (closedQuote) throw new RosterInputError(`line ${line}: text after a closing quote; a quoted field ends at a comma or the line's end`, line)
      field += ch
      fieldStarted = true
    }
  }
  if (quoted) throw new RosterInputError(`line ${quoteLine}: a quoted field is never closed (a missing ")`, quoteLine)
  if (field !== '' || fields.length || fieldStarted) endRecord()
  return records
}

const REQUIRED = ['givenName', 'familyName', 'role'] as const

/**
 * The students of a OneRoster 1.1/1.2 `users.csv`: the columns givenName, familyName and role
 * (any order, other columns ignored); rows whose role is not "student" are skipped, as are rows
 * whose status is "tobedeleted". Each name is "givenName familyName".
 */
export function parseOneRosterUsers(text: string): { names: NameToAdd[]; skipped: number } {
  const records = parseCsv(text)
  const header = records[0]
  if (!header) throw new RosterInputError('The file is empty: a OneRoster users.csv starts with a header line (givenName, familyName, role, …)', 1)
  const columns = header.fields.map((f) => f.trim().toLowerCase())
  const index = Object.fromEntries(
    REQUIRED.map((name) => {
      const at = columns.indexOf(name.toLowerCase())
      if (at < 0) throw new RosterInputError(`line ${header.line}: the header has no column "${name}" (a OneRoster users.csv has givenName, familyName and role)`, header.line, name)
      return [name, at]
    }),
  ) as Record<(typeof REQUIRED)[number], number>
  const statusAt = columns.indexOf('status')
  const names: NameToAdd[] = []
  let skipped = 0
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.fields.length)
      throw new RosterInputError(`line ${record.line}: ${record.fields.length} fields where the header has ${header.fields.length} (a comma in a name needs the name in quotes)`, record.line)
    const role = record.fields[index.role]!.trim().toLowerCase()
    const status = statusAt >= 0 ? record.fields[statusAt]!.trim().toLowerCase() : ''
    if (role !== 'student' || status === 'tobedeleted') {
      skipped++
      continue
    }
    const given = checkName(record.fields[index.givenName]!, record.line, 'givenName')
    const family = checkName(record.fields[index.familyName]!, record.line, 'familyName')
    if (!given && !family) throw new RosterInputError(`line ${record.line}, column givenName: a student with neither givenName nor familyName`, record.line, 'givenName')
    names.push({ displayName: checkName(`${given} ${family}`, record.line, 'givenName'), line: record.line })
  }
  checkCount(names.length)
  return { names, skipped }
}

/** Names compare without case, accents' case or extra spaces: "ada  lovelace" is "Ada Lovelace". */
export const nameKey = (name: string) => collapse(name).toLocaleLowerCase()

/**
 * The names to add that are already on the class list or appear twice among themselves, each
 * once, as first written: the teacher is asked before they are added anyway.
 */
export function duplicateNames(existing: readonly string[], adding: readonly string[]): string[] {
  const seen = new Set(existing.map(nameKey))
  const reported = new Set<string>()
  const duplicates: string[] = []
  for (const name of adding) {
    const key = nameKey(name)
    if (seen.has(key) && !reported.has(key)) {
      reported.add(key)
      duplicates.push(collapse(name))
    }
    seen.add(key)
  }
  return duplicates
}
