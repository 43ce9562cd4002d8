/**
 * The class list beyond adding one student (api.ts): adding many at once (a pasted list or an
 * imported OneRoster users.csv, parsed on the teacher's screen by src/shared/rosterImport.ts),
 * renaming, and the teacher's choice, per class, whether stations offer the pick-from-list sign-in.
 *
 * Every name of a batch is checked before any is stored: one bad name refuses the whole batch
 * (400 naming it), so an import is never half done.
 */
import { PSEUDONYM_PATTERN } from '../core/pseudonym'
import { MAX_NAME_LENGTH, MAX_NAMES_PER_IMPORT } from '../shared/rosterImport'
import type { RosterSettings } from '../shared/station'
import { addStudent, type RosterEntry, type RouteContext } from './api'
import { classOfRequest, defaultClassId } from './classes'
import type { HubDb } from './db'
import { HttpError, readJson, sendJson } from './http'

/** Not a numbered migration: made where it is used, as scope.ts makes its sign-in table. */
export function ensureRosterSettingsTable(db: HubDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS class_roster_settings (
     class_id INTEGER PRIMARY KEY,
     list_sign_in INTEGER NOT NULL DEFAULT 1,
     updated TEXT NOT NULL
   )`)
}

/** Each class has its own choice (the first class when none is named). */
export function readRosterSettings(db: HubDb, classId = defaultClassId(db)): RosterSettings {
  const row = db.prepare('SELECT list_sign_in FROM class_roster_settings WHERE class_id = ?').get(classId) as { list_sign_in: number } | undefined
  // No row yet: the pick-from-list shortcut is on, as it was before it was a setting.
  return { listSignIn: row ? row.list_sign_in === 1 : true }
}

function checkedName(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new HttpError(400, `${where} must be a name (a string)`)
  const name = value.replace(/\s+/g, ' ').trim()
  if (!name || name.length > MAX_NAME_LENGTH) throw new HttpError(400, `${where} must be 1 to ${MAX_NAME_LENGTH} characters, got ${name.length}`)
  return name
}

/** Adds every name or none (one transaction). */
export function addStudents(db: HubDb, names: unknown, classId = defaultClassId(db)): RosterEntry[] {
  if (!Array.isArray(names) || names.length === 0) throw new HttpError(400, 'names must be a list of 1 or more names')
  if (names.length > MAX_NAMES_PER_IMPORT) throw new HttpError(400, `names has ${names.length} entries; at most ${MAX_NAMES_PER_IMPORT} at once`)
  const checked = names.map((name, i) => checkedName(name, `names[${i}]`))
  return db.transaction(() => checked.map((name) => addStudent(db, name, classId)))()
}

export function renameStudent(db: HubDb, pseudonym: string, displayName: unknown): RosterEntry {
  if (!PSEUDONYM_PATTERN.test(pseudonym)) throw new HttpError(400, `"${pseudonym.slice(0, 80)}" is not a lab name`)
  const name = checkedName(displayName, 'displayName')
  if (db.prepare('UPDATE roster SET display_name = ? WHERE pseudonym = ?').run(name, pseudonym).changes !== 1) throw new HttpError(404, `No student has the lab name "${pseudonym}"`)
  return db.prepare('SELECT pseudonym, display_name AS displayName, code, created FROM roster WHERE pseudonym = ?').get(pseudonym) as RosterEntry
}

function changeRosterSettings(db: HubDb, classId: number, body: unknown): RosterSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The body must be a JSON object of roster settings')
  for (const key of Object.keys(body)) if (key !== 'listSignIn') throw new HttpError(400, `${key} is not a roster setting (known: listSignIn)`)
  const { listSignIn } = body as { listSignIn?: unknown }
  if (typeof listSignIn !== 'boolean') throw new HttpError(400, 'listSignIn must be true or false')
  db.prepare(
    'INSERT INTO class_roster_settings (class_id, list_sign_in, updated) VALUES (?, ?, ?) ON CONFLICT(class_id) DO UPDATE SET list_sign_in = excluded.list_sign_in, updated = excluded.updated',
  ).run(classId, listSignIn ? 1 : 0, new Date().toISOString())
  return readRosterSettings(db, classId)
}

/** The handlers of routes.ts's roster-add-many, roster-rename and roster-settings routes. */
export function createRosterApi(db: HubDb) {
  ensureRosterSettingsTable(db)
  return {
    settings: (classId: number) => readRosterSettings(db, classId),
    handlers: {
      async 'roster-add-many'(ctx: RouteContext) {
        const body = (await readJson(ctx.req, ctx.bodyLimit)) as { names?: unknown } | null
        return sendJson(ctx.res, 201, { added: addStudents(db, body?.names, classOfRequest(db, ctx.req, ctx.key)) })
      },
      async 'roster-rename'(ctx: RouteContext) {
        const body = (await readJson(ctx.req, ctx.bodyLimit)) as { displayName?: unknown } | null
        return sendJson(ctx.res, 200, renameStudent(db, ctx.params.pseudonym!, body?.displayName))
      },
      'roster-settings-read'(ctx: RouteContext) {
        return sendJson(ctx.res, 200, readRosterSettings(db, classOfRequest(db, ctx.req, ctx.key)))
      },
      async 'roster-settings-change'(ctx: RouteContext) {
        const classId = classOfRequest(db, ctx.req, ctx.key)
        return sendJson(ctx.res, 200, changeRosterSettings(db, classId, await readJson(ctx.req, ctx.bodyLimit)))
      },
    },
  }
}
