/**
 * What a station key may touch inside the routes the table (routes.ts) lets it reach: statements
 * whose actor is a student who signed in at that station, only private ones (the profile), voiding
 * only its own statements, and the learner state of its students only.
 *
 * Sign-ins are recorded in SQLite per station key, for the key's life, not per sitting: a
 * statement queued offline for a student who has since signed out, or sent after the hub
 * restarted, is still that station's to deliver. A student who moves from station A to B is then
 * reachable from both until the teacher revokes a key; station B never reaches a student who did
 * not sign in at B.
 */
import type { HubDb } from './db'
import { HttpError } from './http'
import type { KeyRecord } from './keys'
import { isObject, type JsonObject } from './lrs/agents'
import { ACTOR_HOME_PAGE_FOR_KEYS } from './lrs/types'
import { checkStationStatement } from '../shared/privacy'
import { validateStatement, type XapiVersion } from '../shared/xapi'

const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided'

export interface StationScope {
  recordSignIn(stationId: string, pseudonym: string): void
  hasSignedIn(stationId: string, pseudonym: string): boolean
  /** Throws 400 (profile) or 403 (scope) for the first statement a station key may not send. */
  checkStatements(batch: unknown[], key: KeyRecord, version: XapiVersion): void
  /** Throws 403 unless a station key's document request is about one of its students' state. */
  checkDocument(resource: string, agent: string | undefined, key: KeyRecord): void
}

/** Not a numbered migration: made where it is used, as forward.ts makes its cursor. */
export function ensureSignInTable(db: HubDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS station_signins (
     station_id TEXT NOT NULL,
     pseudonym TEXT NOT NULL,
     first_signed_in TEXT NOT NULL,
     last_signed_in TEXT NOT NULL,
     PRIMARY KEY (station_id, pseudonym)
   ) WITHOUT ROWID`)
}

export function createStationScope(db: HubDb, homePage = ACTOR_HOME_PAGE_FOR_KEYS): StationScope {
  ensureSignInTable(db)
  const record = db.prepare(
    'INSERT INTO station_signins (station_id, pseudonym, first_signed_in, last_signed_in) VALUES (?, ?, ?, ?) ON CONFLICT(station_id, pseudonym) DO UPDATE SET last_signed_in = excluded.last_signed_in',
  )
  const lookup = db.prepare<[string, string], { n: number }>('SELECT 1 AS n FROM station_signins WHERE station_id = ? AND pseudonym = ?')
  const writerOf = db.prepare<[string], { key_id: string }>('SELECT key_id FROM statements WHERE id = ?')
  const accountPrefix = `account:${homePage}|`

  const hasSignedIn = (stationId: string, pseudonym: string) => lookup.get(stationId, pseudonym) !== undefined

  return {
    recordSignIn(stationId, pseudonym) {
      const now = new Date().toISOString()
      record.run(stationId, pseudonym, now, now)
    },
    hasSignedIn,
    checkStatements(batch, key, version) {
      if (key.role !== 'station') return
      const where = (index: number) => (batch.length > 1 ? `statement ${index}` : 'statement')
      batch.forEach((statement, index) => {
        const findings = checkStationStatement(statement, homePage, where(index))
        if (findings.length)
          throw new HttpError(400, `Not stored: a station's statements follow the Benchtop profile (no names, e-mail or free text): ${findings.slice(0, 5).map((f) => `${f.path} ${f.reason}`).join('; ')}`)
      })
      batch.forEach((raw, index) => {
        // An invalid statement is the LRS's to refuse (400 naming what is wrong), not a scope matter.
        if (!validateStatement(raw, version).ok) return
        const statement = raw as JsonObject
        const pseudonym = String(((statement.actor as JsonObject).account as JsonObject).name)
        if (!hasSignedIn(key.id, pseudonym))
          throw new HttpError(403, `${where(index)}.actor: "${pseudonym.slice(0, 60)}" has not signed in at this station; a station sends statements for its own students only`)
        const object = statement.object
        if (isObject(statement.verb) && statement.verb.id === VOIDED_VERB && isObject(object) && typeof object.id === 'string') {
          const target = writerOf.get(object.id.toLowerCase())
          if (!target || target.key_id !== key.id) throw new HttpError(403, `${where(index)}.object.id: a station may void only statements it sent itself`)
        }
      })
    },
    checkDocument(resource, agent, key) {
      if (key.role !== 'station') return
      if (resource !== 'state') throw new HttpError(403, 'A station key may use the State resource only')
      const pseudonym = agent?.startsWith(accountPrefix) ? agent.slice(accountPrefix.length) : null
      if (pseudonym === null || !hasSignedIn(key.id, pseudonym))
        throw new HttpError(403, `A station may read and write the learner state of students signed in at it only; ${pseudonym ? `"${pseudonym.slice(0, 60)}" has not signed in here` : 'that agent is not a student of this hub'}`)
    },
  }
}
