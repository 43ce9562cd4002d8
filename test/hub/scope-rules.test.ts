/**
 * The station's limits inside the routes it reaches (src/hub/scope.ts), called directly on a real
 * hub database, with hand-written statements: whose statements a station may send, which
 * statement of a batch is named in the refusal, what it may void, which documents it may touch,
 * and that teacher and --lrs-key credentials are not limited. test/hub/station-scope.test.ts
 * checks the same rules end to end over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHubDb, type HubDb } from '../../src/hub/db'
import { HttpError } from '../../src/hub/http'
import type { KeyRecord } from '../../src/hub/keys'
import { createStationScope, type StationScope } from '../../src/hub/scope'

const HOME = 'urn:benchtop:hub'
const key = (id: string, role: KeyRecord['role']): KeyRecord => ({ id, label: id, role, created: '2026-11-30T00:00:00.000Z', revoked: null })
const stationA = key('station-aaaaaaaaaaaa', 'station')
const stationB = key('station-bbbbbbbbbbbb', 'station')

let dir: string
let db: HubDb
let scope: StationScope
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-scope-rules-'))
  db = openHubDb(dir)
  scope = createStationScope(db, HOME)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
const uuid = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const answered = (pseudonym: string, extra: Record<string, unknown> = {}) => ({
  id: uuid(),
  actor: { objectType: 'Agent', account: { homePage: HOME, name: pseudonym } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
  object: { objectType: 'Activity', id: 'https://w3id.org/benchtop/xapi/scenes/measure/tasks/t1' },
  result: { success: true, response: 'placed at 6.5' },
  timestamp: '2026-11-30T10:00:00.000Z',
  ...extra,
})
const voiding = (pseudonym: string, target: string) => answered(pseudonym, { verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } }, object: { objectType: 'StatementRef', id: target }, result: undefined })

/** A statement the hub already holds, as sent by a key. */
function stored(id: string, keyId: string): void {
  db.prepare("INSERT INTO statements (id, stored, timestamp, verb_id, actor_key, object_kind, object_key, key_id, body) VALUES (?, '', '', '', '', '', '', ?, '{}')").run(id, keyId)
}

/** The refusal a call throws: status and message. */
function refusal(fn: () => void): { status: number; message: string } | null {
  try {
    fn()
    return null
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    return { status: error.status, message: error.message }
  }
}

describe('statements a station may send', () => {
  it('only for a student who signed in at that station; sign-ins are per station', () => {
    expect(scope.hasSignedIn(stationA.id, 'calm-otter-1')).toBe(false)
    scope.recordSignIn(stationA.id, 'calm-otter-1')
    scope.recordSignIn(stationA.id, 'calm-otter-1') // again: still one sign-in, no error
    expect(scope.hasSignedIn(stationA.id, 'calm-otter-1')).toBe(true)
    expect(scope.hasSignedIn(stationB.id, 'calm-otter-1')).toBe(false)
    expect(scope.hasSignedIn(stationA.id, 'calm-otter-2')).toBe(false)
    expect(refusal(() => scope.checkStatements([answered('calm-otter-1')], stationA, '2.0.0'))).toBeNull()
    expect(refusal(() => scope.checkStatements([answered('calm-otter-1')], stationB, '2.0.0'))).toEqual({
      status: 403,
      message: 'statement.actor: "calm-otter-1" has not signed in at this station; a station sends statements for its own students only',
    })
  })

  it('in a batch, the refusal names the first statement at fault by its index', () => {
    scope.recordSignIn(stationA.id, 'calm-otter-1')
    const batch = [answered('calm-otter-1'), answered('calm-otter-1'), answered('bold-heron-2')]
    expect(refusal(() => scope.checkStatements(batch, stationA, '2.0.0'))).toEqual({
      status: 403,
      message: 'statement 2.actor: "bold-heron-2" has not signed in at this station; a station sends statements for its own students only',
    })
  })

  it('a long pseudonym is cut to 60 characters in the refusal', () => {
    const long = 'x'.repeat(100)
    expect(refusal(() => scope.checkStatements([answered(long)], stationA, '2.0.0'))?.message).toContain(`"${'x'.repeat(60)}" has not signed in`)
  })

  it('a statement breaking the privacy profile is a 400 naming the field, before any scope check', () => {
    const named = answered('calm-otter-1', { actor: { objectType: 'Agent', name: 'Ada Lovelace', account: { homePage: HOME, name: 'calm-otter-1' } } })
    const found = refusal(() => scope.checkStatements([named], stationA, '2.0.0'))
    expect(found?.status).toBe(400)
    expect(found?.message).toMatch(/^Not stored: a station's statements follow the Benchtop profile \(no names, e-mail or free text\): statement\.actor\.name /)
    // In a batch the path carries the index.
    scope.recordSignIn(stationA.id, 'calm-otter-1')
    expect(refusal(() => scope.checkStatements([answered('calm-otter-1'), named], stationA, '2.0.0'))?.message).toMatch(/: statement 1\.actor\.name /)
  })

  it('a statement with many profile findings: the first five, separated by semicolons', () => {
    const chatty = answered('calm-otter-1', { result: { response: 'placed at 6.5', extensions: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`https://example.com/ext/note-${i}`, `free text number ${i}`])) } })
    const message = refusal(() => scope.checkStatements([chatty], stationA, '2.0.0'))?.message ?? ''
    const listed = message.slice(message.indexOf('): ') + 3).split('; ')
    expect(listed).toHaveLength(5)
    for (const finding of listed) expect(finding).toMatch(/^statement\./)
  })

  it('an invalid statement is left for the LRS to refuse (400 with its reason), not called out of scope', () => {
    const noVerb = answered('bold-heron-2', { verb: undefined })
    expect(refusal(() => scope.checkStatements([noVerb], stationA, '2.0.0'))).toBeNull()
  })

  it('teacher and --lrs-key credentials send for anyone', () => {
    for (const k of [key('teacher-1', 'teacher'), key('district-tool', 'lrs')]) expect(refusal(() => scope.checkStatements([answered('nobody-signed-in-1')], k, '2.0.0'))).toBeNull()
  })
})

describe('voiding', () => {
  it('a station voids only what it sent itself; a statement the hub does not hold is not its to void', () => {
    scope.recordSignIn(stationA.id, 'calm-otter-1')
    const mine = uuid()
    const theirs = uuid()
    stored(mine, stationA.id)
    stored(theirs, stationB.id)
    expect(refusal(() => scope.checkStatements([voiding('calm-otter-1', mine)], stationA, '2.0.0'))).toBeNull()
    // Ids compare without case: the hub stores them lower-case.
    expect(refusal(() => scope.checkStatements([voiding('calm-otter-1', mine.toUpperCase())], stationA, '2.0.0'))).toBeNull()
    const refused = { status: 403, message: 'statement.object.id: a station may void only statements it sent itself' }
    expect(refusal(() => scope.checkStatements([voiding('calm-otter-1', theirs)], stationA, '2.0.0'))).toEqual(refused)
    expect(refusal(() => scope.checkStatements([voiding('calm-otter-1', uuid())], stationA, '2.0.0'))).toEqual(refused)
    // An ordinary statement about an activity is not a voiding, whatever its object id.
    expect(refusal(() => scope.checkStatements([answered('calm-otter-1')], stationA, '2.0.0'))).toBeNull()
  })
})

describe('documents a station may touch', () => {
  const agent = (pseudonym: string) => `account:${HOME}|${pseudonym}`

  it('the State resource of its own students only', () => {
    scope.recordSignIn(stationA.id, 'calm-otter-1')
    expect(refusal(() => scope.checkDocument('state', agent('calm-otter-1'), stationA))).toBeNull()
    expect(refusal(() => scope.checkDocument('state', agent('calm-otter-1'), stationB))).toEqual({
      status: 403,
      message: 'A station may read and write the learner state of students signed in at it only; "calm-otter-1" has not signed in here',
    })
  })

  it('a long pseudonym is cut to 60 characters in the refusal', () => {
    expect(refusal(() => scope.checkDocument('state', agent('y'.repeat(100)), stationA))?.message).toBe(
      `A station may read and write the learner state of students signed in at it only; "${'y'.repeat(60)}" has not signed in here`,
    )
  })

  it('no other document resource, and no agent that is not one of the hub\'s students', () => {
    scope.recordSignIn(stationA.id, 'calm-otter-1')
    for (const resource of ['activity-profile', 'agent-profile']) expect(refusal(() => scope.checkDocument(resource, agent('calm-otter-1'), stationA))).toEqual({ status: 403, message: 'A station key may use the State resource only' })
    const notAStudent = { status: 403, message: 'A station may read and write the learner state of students signed in at it only; that agent is not a student of this hub' }
    expect(refusal(() => scope.checkDocument('state', undefined, stationA))).toEqual(notAStudent)
    expect(refusal(() => scope.checkDocument('state', 'mbox:mailto:ada@example.com', stationA))).toEqual(notAStudent)
    expect(refusal(() => scope.checkDocument('state', `account:https://elsewhere.example|calm-otter-1`, stationA))).toEqual(notAStudent)
  })

  it('teacher and --lrs-key credentials are not limited', () => {
    for (const k of [key('teacher-1', 'teacher'), key('district-tool', 'lrs')]) {
      expect(refusal(() => scope.checkDocument('agent-profile', undefined, k))).toBeNull()
      expect(refusal(() => scope.checkDocument('state', agent('anyone-1'), k))).toBeNull()
    }
  })
})
