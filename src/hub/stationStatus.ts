/**
 * What each station last told the hub about itself (POST /api/station/heartbeat, a station key,
 * every few seconds while it is joined): who is signed in at it, which lab is open, and how many
 * statements wait in its queue. The teacher's Stations tab shows it beside the keys, so a station
 * that holds answers it cannot deliver is seen before the lesson ends.
 */
import { PSEUDONYM_PATTERN } from '../core/pseudonym'
import type { StationStatus } from '../shared/station'
import type { RouteContext } from './api'
import type { HubDb } from './db'
import { HttpError, readJson, sendJson } from './http'
import type { StationScope } from './scope'

const SCENE_ID = /^[a-z][a-z0-9-]{0,39}$/
/** More than any queue could hold (the station's IndexedDB has a cap far below). */
const MAX_WAITING = 10_000_000

/** Not a numbered migration: made where it is used, as scope.ts makes its sign-in table. */
export function ensureStationStatusTable(db: HubDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS station_status (
     station_id TEXT PRIMARY KEY,
     last_seen TEXT NOT NULL,
     waiting INTEGER NOT NULL,
     pseudonym TEXT,
     scene_id TEXT
   ) WITHOUT ROWID`)
}

/** Station id -> what it last reported; a station that never reported has no entry. */
export function stationStatuses(db: HubDb): Map<string, StationStatus> {
  ensureStationStatusTable(db)
  const rows = db.prepare('SELECT station_id AS stationId, last_seen AS lastSeen, waiting, pseudonym, scene_id AS sceneId FROM station_status').all() as (StationStatus & { stationId: string })[]
  return new Map(rows.map(({ stationId, ...status }) => [stationId, status]))
}

/** Checks a heartbeat's body; throws 400 naming the first bad field, 403 for a student not signed in here. */
export function checkHeartbeat(body: unknown, stationId: string, scope: Pick<StationScope, 'hasSignedIn'>): Omit<StationStatus, 'lastSeen'> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The body must be a JSON object: waiting, pseudonym, sceneId')
  for (const key of Object.keys(body)) if (!['waiting', 'pseudonym', 'sceneId'].includes(key)) throw new HttpError(400, `${key} is not part of a heartbeat (known: waiting, pseudonym, sceneId)`)
  const { waiting, pseudonym = null, sceneId = null } = body as { waiting?: unknown; pseudonym?: unknown; sceneId?: unknown }
  if (typeof waiting !== 'number' || !Number.isInteger(waiting) || waiting < 0 || waiting > MAX_WAITING) throw new HttpError(400, `waiting must be a whole number of statements from 0 to ${MAX_WAITING}`)
  if (pseudonym !== null) {
    if (typeof pseudonym !== 'string' || !PSEUDONYM_PATTERN.test(pseudonym)) throw new HttpError(400, 'pseudonym must be a lab name or null')
    if (!scope.hasSignedIn(stationId, pseudonym)) throw new HttpError(403, `pseudonym: "${pseudonym}" has not signed in at this station`)
  }
  if (sceneId !== null && (typeof sceneId !== 'string' || !SCENE_ID.test(sceneId))) throw new HttpError(400, 'sceneId must be a simulation id (like "projectile") or null')
  return { waiting, pseudonym: pseudonym as string | null, sceneId: sceneId as string | null }
}

export function createStationStatusApi(db: HubDb, scope: Pick<StationScope, 'hasSignedIn'>) {
  ensureStationStatusTable(db)
  const record = db.prepare(
    `INSERT INTO station_status (station_id, last_seen, waiting, pseudonym, scene_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(station_id) DO UPDATE SET last_seen = excluded.last_seen, waiting = excluded.waiting, pseudonym = excluded.pseudonym, scene_id = excluded.scene_id`,
  )
  return {
    async heartbeat(ctx: RouteContext) {
      const stationId = ctx.key!.id
      const status = checkHeartbeat(await readJson(ctx.req, ctx.bodyLimit), stationId, scope)
      const lastSeen = new Date().toISOString()
      record.run(stationId, lastSeen, status.waiting, status.pseudonym, status.sceneId)
      return sendJson(ctx.res, 200, { ...status, lastSeen } satisfies StationStatus)
    },
  }
}
