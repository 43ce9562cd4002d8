import { describe, expect, it } from 'vitest'
import { duplicateNames, MAX_NAMES_PER_IMPORT, parseCsv, parseNameList, parseOneRosterUsers, RosterInputError } from '../../src/shared/rosterImport'

/** The error a parse throws, for its message, line and column. */
function thrown(parse: () => unknown): RosterInputError {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(RosterInputError)
    return error as RosterInputError
  }
  throw new Error('expected the input to be refused')
}

describe('pasting names, one a line', () => {
  it('takes one name per line, trims them, skips blank lines and keeps the line numbers', () => {
    expect(parseNameList('Ada Lovelace\r\n\n  Grace   Hopper \nKatherine Johnson\n')).toEqual([
      { displayName: 'Ada Lovelace', line: 1 },
      { displayName: 'Grace Hopper', line: 3 },
      { displayName: 'Katherine Johnson', line: 4 },
    ])
  })

  it('refuses a name too long for the class list, naming its line', () => {
    const error = thrown(() => parseNameList(`Ada\n${'x'.repeat(81)}`))
    expect(error.line).toBe(2)
    expect(error.message).toMatch(/^line 2: .*81 characters.*80/)
  })

  it('refuses more names than one import may add', () => {
    expect(thrown(() => parseNameList(Array.from({ length: MAX_NAMES_PER_IMPORT + 1 }, (_, i) => `Student ${i}`).join('\n'))).message).toMatch(/split the list/)
  })
})

describe('CSV records (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, a BOM and CRLF', () => {
    const text = '\uFEFFa,b,c\r\n"Smith, Jr.","say ""hi""","two\r\nlines"\r\nx,,z\r\n'
    expect(parseCsv(text)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['Smith, Jr.', 'say "hi"', 'two\r\nlines'], line: 2 },
      { fields: ['x', '', 'z'], line: 4 },
    ])
  })

  it('counts lines from 1 past blank lines and reads a last line without a line end', () => {
    expect(parseCsv('a\n\nb')).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['b'], line: 3 },
    ])
  })

  it('refuses a quote never closed, naming the line it opened on', () => {
    const error = thrown(() => parseCsv('a,b\n"open,b\nc,d\n'))
    expect(error.line).toBe(2)
    expect(error.message).toMatch(/never closed/)
  })

  it('refuses text after a closing quote and a stray quote inside a field', () => {
    expect(thrown(() => parseCsv('a,b\n"x"y,b\n')).line).toBe(2)
    expect(thrown(() => parseCsv('a,b\nc,d\nx"y,b\n')).line).toBe(3)
  })
})

describe('OneRoster users.csv', () => {
  // Column order and the extra columns as OneRoster 1.1 writes them.
  const USERS = [
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
    's1,active,2026-08-01,true,org1,student,ada,,Ada,Lovelace,,,ada@example.org,,,,09,',
    't1,active,2026-08-01,true,org1,teacher,mr,,Charles,Babbage,,,,,,,,',
    's2,active,2026-08-01,true,org1,student,gh,,"Grace ""Amazing""","Hopper, Jr.",,,,,,,10,',
    'p1,active,2026-08-01,true,org1,parent,pa,,Pat,Parent,,,,,,,,',
    's3,tobedeleted,2026-08-01,true,org1,student,gone,,Gone,Student,,,,,,,,',
    's4,active,2026-08-01,true,org1,Student,kj,,Katherine,Johnson,,,,,,,,',
  ].join('\r\n')

  it('imports students only, "givenName familyName", whatever the column order', () => {
    const { names, skipped } = parseOneRosterUsers(`\uFEFF${USERS}\r\n`)
    expect(names).toEqual([
      { displayName: 'Ada Lovelace', line: 2 },
      { displayName: 'Grace "Amazing" Hopper, Jr.', line: 4 },
      { displayName: 'Katherine Johnson', line: 7 },
    ])
    // The teacher, the parent and the row marked for deletion.
    expect(skipped).toBe(3)
  })

  it('takes a file with only the three required columns, in any case', () => {
    expect(parseOneRosterUsers('ROLE,familyname,GivenName\nstudent,Curie,Marie\n').names).toEqual([{ displayName: 'Marie Curie', line: 2 }])
  })

  it('names the missing column', () => {
    const error = thrown(() => parseOneRosterUsers('sourcedId,givenName,role\ns1,Ada,student\n'))
    expect(error.column).toBe('familyName')
    expect(error.message).toMatch(/line 1: the header has no column "familyName"/)
  })

  it('names the line whose field count does not match the header', () => {
    const error = thrown(() => parseOneRosterUsers('givenName,familyName,role\nAda,Lovelace,student\nSmith, Jr.,Bob,student\n'))
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/^line 3: 4 fields where the header has 3/)
  })

  it('names the line and column of a student with no name or too long a name', () => {
    const empty = thrown(() => parseOneRosterUsers('givenName,familyName,role\nAda,Lovelace,student\n , ,student\n'))
    expect([empty.line, empty.column]).toEqual([3, 'givenName'])
    const long = thrown(() => parseOneRosterUsers(`givenName,familyName,role\nAda,${'L'.repeat(90)},student\n`))
    expect([long.line, long.column]).toEqual([2, 'familyName'])
  })

  it('refuses an empty file', () => {
    expect(thrown(() => parseOneRosterUsers('\uFEFF')).message).toMatch(/empty/)
  })
})

describe('duplicate names', () => {
  it('finds names already on the list and repeats within the batch, ignoring case and spacing, each once', () => {
    expect(duplicateNames(['Ada Lovelace', 'Grace Hopper'], ['ada  lovelace', 'Alan Turing', 'Alan turing', 'ADA LOVELACE', 'Marie Curie'])).toEqual(['ada lovelace', 'Alan turing'])
  })

  it('finds none in a fresh list of different names', () => {
    expect(duplicateNames([], ['Ada Lovelace', 'Grace Hopper'])).toEqual([])
  })
})
