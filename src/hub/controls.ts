/**
 * The teacher's station controls: which simulation each station opens, the class's target
 * success rate, assessment mode, placement for new students, the rotation timer and "pause all". One record in SQLite
 * (plus one row per assigned station), so a hub restart keeps them.
 *
 * GET /api/controls: teacher and station keys (a station sees only its own assignment).
 * PUT /api/controls: the whole record (fields left out go back to their defaults); PATCH: only
 * the fields given. Teacher key only. Every field is checked before anything is written: a bad
 * one gets 400 naming it, and nothing stored changes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HubDb } from './db'
import { HttpError, readJson, sendJson } from './http'
import type { KeyRecord } from './keys'
import { classOfRequest, defaultClassId } from './classes'

export interface RotationControls {
  /** Length of one station-rotation segment. */
  segmentMinutes: number
  /** Longest stretch in the headset before the break prompt. */
  vrSegmentMinutes: number
  /** When the rotation timer started (ISO), or null when it is not running. */
  startedAt: string | null
  /**
   * When "pause all" stopped the running timer (ISO), or null: the countdown stands still at this
   * time, and resuming moves startedAt on by the pause, so no rotation time is lost.
   */
  pausedAt: string | null
}

export interface ClassControls {
  /** Station id -> scene id. A station without an entry offers every lab. */
  assignments: Record<string, string>
  /** The success rate the tutor's level choice aims at, 0.5 to 0.95. */
  targetSuccess: number
  /** Scaffolds locked at the least support, hints off. */
  assessmentMode: boolean
  /** A student new to a lab starts with a short placement that sets their starting levels. */
  placement: boolean
  rotation: RotationControls
  paused: boolean
  /** When the teacher last changed anything (ISO). */
  updated: string
}

/** What GET /api/controls answers: the controls and the hub's clock, for stations' countdowns. */
export interface ControlsResponse extends ClassControls {
  serverTime: string
}

export const TARGET_SUCCESS_RANGE = { min: 0.5, max: 0.95 } as const
/** Minutes may be fractional (a short demo); the limits keep a typo from meaning days. */
export const SEGMENT_MINUTES_RANGE = { min: 0.1, max: 240 } as const
export const VR_SEGMENT_MINUTES_RANGE = { min: 0.1, max: 120 } as const

export const DEFAULT_CONTROLS: Omit<ClassControls, 'updated'> = {
  assignments: {},
  targetSuccess: 0.8,
  assessmentMode: false,
  placement: true,
  rotation: { segmentMinutes: 20, vrSegmentMinutes: 10, startedAt: null, pausedAt: null },
  paused: false,
}

const SCENE_ID = /^[a-z][a-z0-9-]{0,39}$/

interface ControlsRow {
  target_success: number
  assessment_mode: number
  placement: number
  segment_minutes: number
  vr_segment_minutes: number
  rotation_started_at: string | null
  rotation_paused_at: string | null
  paused: number
  updated: string
}

const withPauseColumn = new WeakSet<HubDb>()

/** Not a numbered migration (made where it is used, as scope.ts does): when the timer was paused. */
export function ensureRotationPauseColumn(db: HubDb): void {
  if (withPauseColumn.has(db)) return
  const columns = db.prepare('PRAGMA table_info(class_controls)').all() as { name: string }[]
  if (!columns.some((c) => c.name === 'rotation_paused_at')) db.exec('ALTER TABLE class_controls ADD COLUMN rotation_paused_at TEXT')
  withPauseColumn.add(db)
}

/** One class's controls (the first class when none is named); each class has its own. */
export function readControls(db: HubDb, classId = defaultClassId(db)): ClassControls {
  ensureRotationPauseColumn(db)
  const row = db.prepare('SELECT * FROM class_controls WHERE class_id = ?').get(classId) as ControlsRow
  const assignments = db
    .prepare("SELECT a.station_id AS stationId, a.scene_id AS sceneId FROM station_assignments a JOIN keys k ON k.id = a.station_id WHERE k.class_id = ? ORDER BY a.station_id")
    .all(classId) as { stationId: string; sceneId: string }[]
  return {
    assignments: Object.fromEntries(assignments.map((a) => [a.stationId, a.sceneId])),
    targetSuccess: row.target_success,
    assessmentMode: row.assessment_mode === 1,
    placement: row.placement === 1,
    rotation: { segmentMinutes: row.segment_minutes, vrSegmentMinutes: row.vr_segment_minutes, startedAt: row.rotation_started_at, pausedAt: row.rotation_paused_at },
    paused: row.paused === 1,
    updated: row.updated,
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function checkKeys(body: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw new HttpError(400, `${where}${key} is not a control (known: ${allowed.join(', ')})`)
}

function minutes(value: unknown, field: string, range: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw new HttpError(400, `${field} must be a number of minutes from ${range.min} to ${range.max}`)
  }
  return value
}

/** `now` lets the teacher's screen start the timer on the hub's clock, not its own. */
function startedAt(value: unknown, now: Date): string | null {
  if (value === null) return null
  if (value === 'now') return now.toISOString()
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new HttpError(400, 'rotation.startedAt must be an ISO date-time, "now", or null (stopped)')
  }
  if (Date.parse(value) > now.getTime() + 60_000) throw new HttpError(400, 'rotation.startedAt may not lie in the future')
  return new Date(value).toISOString()
}

/**
 * The controls after applying `body` to `base`: a PATCH gives the current record as base, a PUT
 * the defaults. Throws HttpError(400) naming the first bad field; writes nothing.
 */
export function mergeControls(base: Omit<ClassControls, 'updated'>, body: unknown, stationIds: ReadonlySet<string>, now = new Date()): Omit<ClassControls, 'updated'> {
  if (!isObject(body)) throw new HttpError(400, 'The body must be a JSON object of controls')
  checkKeys(body, ['assignments', 'targetSuccess', 'assessmentMode', 'placement', 'rotation', 'paused'], '')
  const next = { ...base, assignments: { ...base.assignments }, rotation: { ...base.rotation } }
  if ('assignments' in body) {
    if (!isObject(body.assignments)) throw new HttpError(400, 'assignments must be an object of station id -> scene id (or null for any lab)')
    for (const [stationId, sceneId] of Object.entries(body.assignments)) {
      if (!stationIds.has(stationId)) throw new HttpError(400, `assignments.${stationId}: no station with that id has joined this class`)
      if (sceneId === null) delete next.assignments[stationId]
      else if (typeof sceneId === 'string' && SCENE_ID.test(sceneId)) next.assignments[stationId] = sceneId
      else throw new HttpError(400, `assignments.${stationId} must be a simulation id (like "projectile") or null`)
    }
  }
  if ('targetSuccess' in body) {
    const target = body.targetSuccess
    const { min, max } = TARGET_SUCCESS_RANGE
    if (typeof target !== 'number' || !Number.isFinite(target) || target < min || target > max) throw new HttpError(400, `targetSuccess must be a number from ${min} to ${max}`)
    next.targetSuccess = target
  }
  if ('assessmentMode' in body) {
    if (typeof body.assessmentMode !== 'boolean') throw new HttpError(400, 'assessmentMode must be true or false')
    next.assessmentMode = body.assessmentMode
  }
  if ('placement' in body) {
    if (typeof body.placement !== 'boolean') throw new HttpError(400, 'placement must be true or false')
    next.placement = body.placement
  }
  if ('paused' in body) {
    if (typeof body.paused !== 'boolean') throw new HttpError(400, 'paused must be true or false')
    next.paused = body.paused
  }
  if ('rotation' in body) {
    const rotation = body.rotation
    if (!isObject(rotation)) throw new HttpError(400, 'rotation must be an object (segmentMinutes, vrSegmentMinutes, startedAt, rotateNow)')
    checkKeys(rotation, ['segmentMinutes', 'vrSegmentMinutes', 'startedAt', 'rotateNow'], 'rotation.')
    if ('rotateNow' in rotation && rotation.rotateNow !== true) throw new HttpError(400, 'rotation.rotateNow must be true (or left out)')
    if ('rotateNow' in rotation && 'startedAt' in rotation) throw new HttpError(400, 'rotation.rotateNow and rotation.startedAt cannot be given together')
    if ('segmentMinutes' in rotation) next.rotation.segmentMinutes = minutes(rotation.segmentMinutes, 'rotation.segmentMinutes', SEGMENT_MINUTES_RANGE)
    if ('vrSegmentMinutes' in rotation) next.rotation.vrSegmentMinutes = minutes(rotation.vrSegmentMinutes, 'rotation.vrSegmentMinutes', VR_SEGMENT_MINUTES_RANGE)
    if ('startedAt' in rotation) {
      next.rotation.startedAt = startedAt(rotation.startedAt, now)
      next.rotation.pausedAt = null
    }
    if (rotation.rotateNow === true) next.rotation = rotateNow(next.rotation, now)
  }
  return pauseTimer(next, now)
}

const MINUTE_MS = 60_000

/**
 * "Rotate now": the segment running ends at once and the next one starts, counting on (a stopped
 * timer starts). While paused, the next segment starts at the moment of the pause.
 */
function rotateNow(rotation: RotationControls, now: Date): RotationControls {
  if (rotation.startedAt === null) return { ...rotation, startedAt: now.toISOString(), pausedAt: null }
  const at = rotation.pausedAt ? Date.parse(rotation.pausedAt) : now.getTime()
  const length = rotation.segmentMinutes * MINUTE_MS
  const done = Math.floor(Math.max(0, at - Date.parse(rotation.startedAt)) / length) + 1
  return { ...rotation, startedAt: new Date(at - done * length).toISOString() }
}

/**
 * Pausing stops the rotation timer: the time of the pause is kept, and on resuming the start
 * moves on by as long as the pause lasted. A timer started while paused waits for the resume.
 */
function pauseTimer(next: Omit<ClassControls, 'updated'>, now: Date): Omit<ClassControls, 'updated'> {
  const rotation = next.rotation
  if (rotation.startedAt === null) return { ...next, rotation: { ...rotation, pausedAt: null } }
  if (next.paused && rotation.pausedAt === null) return { ...next, rotation: { ...rotation, pausedAt: now.toISOString() } }
  if (!next.paused && rotation.pausedAt !== null) {
    const shifted = Date.parse(rotation.startedAt) + (now.getTime() - Date.parse(rotation.pausedAt))
    return { ...next, rotation: { ...rotation, startedAt: new Date(shifted).toISOString(), pausedAt: null } }
  }
  return next
}

function writeControls(db: HubDb, classId: number, controls: Omit<ClassControls, 'updated'>, now: Date): void {
  db.transaction(() => {
    db.prepare(
      'UPDATE class_controls SET target_success = ?, assessment_mode = ?, placement = ?, segment_minutes = ?, vr_segment_minutes = ?, rotation_started_at = ?, rotation_paused_at = ?, paused = ?, updated = ? WHERE class_id = ?',
    ).run(
      controls.targetSuccess,
      controls.assessmentMode ? 1 : 0,
      controls.placement ? 1 : 0,
      controls.rotation.segmentMinutes,
      controls.rotation.vrSegmentMinutes,
      controls.rotation.startedAt,
      controls.rotation.pausedAt,
      controls.paused ? 1 : 0,
      now.toISOString(),
      classId,
    )
    db.prepare('DELETE FROM station_assignments WHERE station_id IN (SELECT id FROM keys WHERE class_id = ?)').run(classId)
    const assign = db.prepare('INSERT INTO station_assignments (station_id, scene_id, updated) VALUES (?, ?, ?)')
    for (const [stationId, sceneId] of Object.entries(controls.assignments)) assign.run(stationId, sceneId, now.toISOString())
  })()
}

/** A station needs only its own assignment; the others are none of its business. */
function visibleTo(key: KeyRecord, controls: ClassControls): ClassControls {
  if (key.role === 'teacher') return controls
  const own = controls.assignments[key.id]
  return { ...controls, assignments: own ? { [key.id]: own } : {} }
}

/** GET /api/controls (teacher and station keys) and PUT/PATCH (teacher), as routes.ts allows. */
export function createControlsApi(db: HubDb) {
  return {
    read({ req, res, key }: { req: IncomingMessage; res: ServerResponse; key: KeyRecord }): void {
      // A station reads its own class's controls; the teacher the class named by ?class.
      const classId = classOfRequest(db, req, key)
      sendJson(res, 200, { ...visibleTo(key, readControls(db, classId)), serverTime: new Date().toISOString() } satisfies ControlsResponse)
    },
    async change({ req, res, key, bodyLimit }: { req: IncomingMessage; res: ServerResponse; key: KeyRecord | null; bodyLimit: number }): Promise<void> {
      const classId = classOfRequest(db, req, key)
      const body = await readJson(req, bodyLimit)
      const now = new Date()
      // Only this class's stations can be given a lab in its controls.
      const stationIds = new Set((db.prepare("SELECT id FROM keys WHERE role = 'station' AND revoked IS NULL AND class_id = ?").all(classId) as { id: string }[]).map((r) => r.id))
      const { updated: _updated, ...current } = readControls(db, classId)
      const next = mergeControls(req.method === 'PUT' ? DEFAULT_CONTROLS : current, body, stationIds, now)
      writeControls(db, classId, next, now)
      sendJson(res, 200, { ...readControls(db, classId), serverTime: now.toISOString() } satisfies ControlsResponse)
    },
  }
}
