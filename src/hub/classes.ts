/**
 * Classes (periods): one hub, one certificate, many classes, each with its own roster, join
 * code, stations (a station belongs to the class whose join code it used, until the teacher
 * moves it) and controls. The teacher's requests name the class with `?class=ID`; without it they
 * are about the first class, so a script written for a one-class hub keeps working. A station's
 * requests are always about its own class.
 */
import { randomInt } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { ClassSummary } from '../shared/teacher'
import type { HubDb } from './db'
import { HttpError, readJson, sendJson } from './http'
import type { KeyRecord } from './keys'
import type { RouteContext } from './api'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const makeJoinCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export const MAX_CLASS_NAME = 60

export interface ClassRecord {
  id: number
  name: string
  created: string
}

export function listClasses(db: HubDb): ClassRecord[] {
  return db.prepare('SELECT id, name, created FROM classes ORDER BY id').all() as ClassRecord[]
}

/** The class a one-class script means: the first one. */
export function defaultClassId(db: HubDb): number {
  return (db.prepare('SELECT MIN(id) AS id FROM classes').get() as { id: number }).id
}

/**
 * Which class a student's statements count in: their roster's, or the first class for a student
 * on no roster (removed since, or written by an --lrs-key tool). `firstClass` spares a lookup per call.
 */
export function createStudentClassLookup(db: HubDb) {
  const onRoster = db.prepare<[string], { class_id: number }>('SELECT class_id FROM roster WHERE pseudonym = ?')
  return (pseudonym: string, firstClass = defaultClassId(db)): number => onRoster.get(pseudonym)?.class_id ?? firstClass
}

export function requireClass(db: HubDb, id: number): ClassRecord {
  const row = db.prepare('SELECT id, name, created FROM classes WHERE id = ?').get(id) as ClassRecord | undefined
  if (!row) throw new HttpError(404, `No class has the id ${id}: GET /api/classes lists them`)
  return row
}

function checkedName(db: HubDb, value: unknown, except?: number): string {
  if (typeof value !== 'string') throw new HttpError(400, 'name (a string) is required')
  const name = value.trim()
  if (!name || name.length > MAX_CLASS_NAME) throw new HttpError(400, `name must be 1 to ${MAX_CLASS_NAME} characters`)
  const clash = db.prepare('SELECT id FROM classes WHERE name = ? COLLATE NOCASE').get(name) as { id: number } | undefined
  if (clash && clash.id !== except) throw new HttpError(409, `There is already a class named "${name}"`)
  return name
}

export function addClass(db: HubDb, name: unknown): ClassRecord {
  const checked = checkedName(db, name)
  const created = new Date().toISOString()
  return db.transaction(() => {
    const id = Number(db.prepare('INSERT INTO classes (name, created) VALUES (?, ?)').run(checked, created).lastInsertRowid)
    db.prepare('INSERT INTO class_controls (class_id, updated) VALUES (?, ?)').run(id, created)
    return { id, name: checked, created }
  })()
}

export function renameClass(db: HubDb, id: number, name: unknown): ClassRecord {
  requireClass(db, id)
  const checked = checkedName(db, name, id)
  db.prepare('UPDATE classes SET name = ? WHERE id = ?').run(checked, id)
  return requireClass(db, id)
}

/** The class of a station key (null: no such station). */
export function classOfStation(db: HubDb, stationId: string): number | null {
  const row = db.prepare("SELECT class_id FROM keys WHERE id = ? AND role = 'station'").get(stationId) as { class_id: number | null } | undefined
  return row ? (row.class_id ?? defaultClassId(db)) : null
}

export function setStationClass(db: HubDb, stationId: string, classId: number): void {
  requireClass(db, classId)
  db.transaction(() => {
    const moved = db.prepare("UPDATE keys SET class_id = ? WHERE id = ? AND role = 'station' AND class_id IS NOT ?").run(classId, stationId, classId).changes
    // The lab it was told to open belongs to the old class's plan.
    if (moved) db.prepare('DELETE FROM station_assignments WHERE station_id = ?').run(stationId)
  })()
}

/** Pseudonyms on one class's roster. */
export function classPseudonyms(db: HubDb, classId: number): Set<string> {
  return new Set((db.prepare('SELECT pseudonym FROM roster WHERE class_id = ?').all(classId) as { pseudonym: string }[]).map((r) => r.pseudonym))
}

/**
 * The class a request is about: a station's own; the teacher's `?class=ID`, or the first class.
 * An id that is no class is a 404 naming it, never a silent fall-back.
 */
export function classOfRequest(db: HubDb, req: IncomingMessage, key: KeyRecord | null): number {
  if (key?.role === 'station') return classOfStation(db, key.id) ?? defaultClassId(db)
  const asked = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('class')
  if (asked === null || asked === '') return defaultClassId(db)
  if (!/^\d{1,9}$/.test(asked)) throw new HttpError(400, `class must be a class id (a whole number), got "${asked.slice(0, 40)}"`)
  return requireClass(db, Number(asked)).id
}

/** Each class's join code: in memory, new every run (as the one code was), and when rotated. */
export function createJoinCodes(db: HubDb) {
  const codes = new Map<number, string>()
  const fresh = () => {
    const taken = new Set(codes.values())
    let code = makeJoinCode()
    while (taken.has(code)) code = makeJoinCode()
    return code
  }
  const of = (classId: number) => {
    let code = codes.get(classId)
    if (!code) {
      code = fresh()
      codes.set(classId, code)
    }
    return code
  }
  for (const c of listClasses(db)) of(c.id)
  return {
    of,
    /** The class a join code opens, or null. */
    classOf(code: string): number | null {
      for (const [classId, c] of codes) if (c === code) return classId
      return null
    },
    rotate(classId: number): string {
      const before = codes.get(classId)
      let next = fresh()
      while (next === before) next = fresh()
      codes.set(classId, next)
      return next
    },
  }
}

export type JoinCodes = ReturnType<typeof createJoinCodes>

export function summaries(db: HubDb, joinCodes: Pick<JoinCodes, 'of'>): ClassSummary[] {
  const students = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM roster WHERE class_id = ?')
  const stations = db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM keys WHERE role = 'station' AND revoked IS NULL AND class_id = ?")
  return listClasses(db).map((c) => ({ id: c.id, name: c.name, joinCode: joinCodes.of(c.id), students: students.get(c.id)!.n, stations: stations.get(c.id)!.n }))
}

/** The classes' own routes (routes.ts: teacher only). */
export function createClassesApi(db: HubDb, joinCodes: JoinCodes) {
  const classIdParam = (ctx: RouteContext) => {
    const raw = ctx.params.classId ?? ''
    if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, `"${raw.slice(0, 40)}" is not a class id`)
    return Number(raw)
  }
  return {
    classes(ctx: RouteContext) {
      return sendJson(ctx.res, 200, { classes: summaries(db, joinCodes) })
    },
    async 'class-add'(ctx: RouteContext) {
      const body = (await readJson(ctx.req, ctx.bodyLimit)) as { name?: unknown }
      const made = addClass(db, body?.name)
      return sendJson(ctx.res, 201, summaries(db, joinCodes).find((c) => c.id === made.id))
    },
    async 'class-rename'(ctx: RouteContext) {
      const id = classIdParam(ctx)
      const body = (await readJson(ctx.req, ctx.bodyLimit)) as { name?: unknown }
      renameClass(db, id, body?.name)
      return sendJson(ctx.res, 200, summaries(db, joinCodes).find((c) => c.id === id))
    },
    async 'station-move'(ctx: RouteContext) {
      const stationId = ctx.params.id!
      const body = (await readJson(ctx.req, ctx.bodyLimit)) as { classId?: unknown }
      if (typeof body?.classId !== 'number' || !Number.isInteger(body.classId)) throw new HttpError(400, 'classId (a class id, a whole number) is required')
      if (classOfStation(db, stationId) === null) throw new HttpError(404, `No station has the id "${stationId.slice(0, 80)}"`)
      setStationClass(db, stationId, body.classId)
      return sendJson(ctx.res, 200, { id: stationId, classId: body.classId })
    },
  }
}
