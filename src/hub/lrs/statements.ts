/**
 * The Statement resource over SQLite: all-or-nothing batches, idempotent retries, voiding, and
 * queries paged by the stored sequence (seq), so that a page never repeats or skips a statement
 * however many arrive while a reader pages.
 */
import { randomUUID } from 'node:crypto'
import type { HubDb } from '../db'
import type { KeyRecord } from '../keys'
import { ACTOR_HOME_PAGE_FOR_KEYS, type StoredStatement } from './types'
import { agentKey, collectActivities, collectAgents, isObject, type JsonObject } from './agents'
import { checkAttachments, createAttachmentStore, type AttachmentPart } from './attachments'
import { HttpError } from './request'
import { mergeDefinitions, sameStatement, withContextActivityArrays } from './shape'
import type { StatementValidator, XapiVersion } from './validate'

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided'
/** The most statements one page of a query returns (limit=0 or above it). */
export const MAX_PAGE = 100

const isVoiding = (stmt: JsonObject) => isObject(stmt.verb) && stmt.verb.id === VOIDED_VERB && isObject(stmt.object) && stmt.object.objectType === 'StatementRef'

/**
 * `project` sees each batch's new statements inside the transaction that stores them, so what is
 * derived from the log (the class view) never lags behind or runs ahead of it.
 */
export function createStatementStore(db: HubDb, validate: StatementValidator, project?: (fresh: readonly StoredStatement[]) => void) {
  const byId = db.prepare<[string], { seq: number; body: string; voided: number; verb_id: string; stored: string }>('SELECT seq, body, voided, verb_id, stored FROM statements WHERE id = ?')
  const insert = db.prepare(
    'INSERT INTO statements (id, stored, timestamp, verb_id, actor_key, object_kind, object_key, registration, voided, voids, key_id, body) VALUES (@id, @stored, @timestamp, @verbId, @actorKey, @objectKind, @objectKey, @registration, @voided, @voids, @keyId, @body)',
  )
  const insertAgent = db.prepare('INSERT INTO statement_agents (seq, agent_key, direct) VALUES (?, ?, ?)')
  const insertActivity = db.prepare('INSERT INTO statement_activities (seq, activity_id) VALUES (?, ?)')
  const voidTarget = db.prepare('UPDATE statements SET voided = 1 WHERE id = ? AND verb_id != ?')
  const voiderOf = db.prepare<[string], { id: string }>('SELECT id FROM statements WHERE voids = ? LIMIT 1')
  const definitionGet = db.prepare<[string], { definition: string }>('SELECT definition FROM activity_definitions WHERE activity_id = ?')
  const attachmentStore = createAttachmentStore(db)
  const definitionPut = db.prepare('INSERT INTO activity_definitions (activity_id, definition, updated) VALUES (?, ?, ?) ON CONFLICT(activity_id) DO UPDATE SET definition = excluded.definition, updated = excluded.updated')

  /** The key as an xAPI Agent: the authority of everything that key stores. */
  const keyAuthority = (key: KeyRecord): JsonObject => ({ objectType: 'Agent', account: { homePage: ACTOR_HOME_PAGE_FOR_KEYS, name: key.id } })

  /**
   * Checks and stores a batch in one transaction; any invalid statement, conflicting duplicate
   * or voiding error leaves the database as it was. Returns every id (in order) and the
   * statements that were new. `attachments` are the parts of a multipart request (none for
   * application/json); they must match the attachments the statements declare.
   */
  function storeBatch(
    input: unknown[],
    key: KeyRecord,
    version: XapiVersion,
    stored: string,
    attachments: { parts: Map<string, AttachmentPart>; multipart: boolean } = { parts: new Map(), multipart: false },
  ): { ids: string[]; fresh: StoredStatement[] } {
    const problems: string[] = []
    input.forEach((stmt, index) => {
      const result = validate(stmt, version)
      if (!result.ok) for (const error of result.errors) problems.push(`statement ${index}: ${error}`)
    })
    if (problems.length) throw new HttpError(400, `Invalid statement${input.length > 1 ? 's' : ''}, nothing was stored: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`)
    checkAttachments(input as JsonObject[], attachments.parts, attachments.multipart)

    const statements = (input as JsonObject[]).map((raw) => {
      const stmt: JsonObject = withContextActivityArrays({ ...raw })
      stmt.id = typeof raw.id === 'string' ? raw.id.toLowerCase() : randomUUID()
      stmt.stored = stored
      if (stmt.timestamp === undefined) stmt.timestamp = stored
      // Only an lrs key (another LRS forwarding) is trusted to name its own authority.
      if (stmt.authority === undefined || key.role !== 'lrs') stmt.authority = keyAuthority(key)
      if (stmt.version === undefined) stmt.version = version === '2.0.0' ? '2.0.0' : '1.0.0'
      return stmt
    })
    const seen = new Map<string, number>()
    statements.forEach((stmt, index) => {
      const earlier = seen.get(stmt.id as string)
      if (earlier !== undefined) throw new HttpError(400, `statements ${earlier} and ${index} have the same id ${stmt.id}; nothing was stored`)
      seen.set(stmt.id as string, index)
    })
    const voidingInBatch = new Set(statements.filter(isVoiding).map((s) => s.id as string))

    return db.transaction(() => {
      attachmentStore.put(attachments.parts.values(), stored)
      const ids: string[] = []
      const fresh: StoredStatement[] = []
      statements.forEach((stmt, index) => {
        const id = stmt.id as string
        ids.push(id)
        const existing = byId.get(id)
        if (existing) {
          if (!sameStatement(JSON.parse(existing.body) as JsonObject, input[index] as JsonObject))
            throw new HttpError(409, `statement ${index}: a different statement with id ${id} is already stored; statements cannot be changed, send a new id`)
          return
        }
        let voids: string | null = null
        if (isVoiding(stmt)) {
          voids = String((stmt.object as JsonObject).id).toLowerCase()
          const target = byId.get(voids)
          if ((target && target.verb_id === VOIDED_VERB) || voidingInBatch.has(voids)) throw new HttpError(400, `statement ${index}: voids ${voids}, which is itself a voiding statement; a voiding statement cannot be voided`)
        }
        const object = stmt.object as JsonObject
        const objectKind = typeof object.objectType === 'string' ? object.objectType : 'Activity'
        const objectKey =
          objectKind === 'Agent' || objectKind === 'Group' ? (agentKey(object) ?? '') : objectKind === 'SubStatement' ? '' : objectKind === 'StatementRef' ? String(object.id).toLowerCase() : String(object.id)
        const context = isObject(stmt.context) ? stmt.context : null
        // A voiding statement may arrive before its target: the target is then stored voided.
        const alreadyVoided = voids === null && voiderOf.get(id) !== undefined
        const { lastInsertRowid } = insert.run({
          id,
          stored,
          timestamp: String(stmt.timestamp),
          verbId: String((stmt.verb as JsonObject).id),
          actorKey: agentKey(stmt.actor) ?? '',
          objectKind,
          objectKey,
          registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
          voided: alreadyVoided ? 1 : 0,
          voids,
          keyId: key.id,
          body: JSON.stringify(stmt),
        })
        const seq = Number(lastInsertRowid)
        for (const [agent, direct] of collectAgents(stmt)) insertAgent.run(seq, agent, direct ? 1 : 0)
        for (const [activityId, definition] of collectActivities(stmt)) {
          insertActivity.run(seq, activityId)
          if (definition) {
            const previous = definitionGet.get(activityId)
            const merged = previous ? mergeDefinitions(JSON.parse(previous.definition) as JsonObject, definition) : definition
            definitionPut.run(activityId, JSON.stringify(merged), stored)
          }
        }
        if (voids) voidTarget.run(voids, VOIDED_VERB)
        fresh.push(stmt as unknown as StoredStatement)
      })
      if (fresh.length) project?.(fresh)
      return { ids, fresh }
    })()
  }

  function getOne(id: string, voided: boolean): { statement: JsonObject; stored: string } | null {
    const row = byId.get(id.toLowerCase())
    if (!row || (row.voided === 1) !== voided) return null
    return { statement: JSON.parse(row.body) as JsonObject, stored: row.stored }
  }

  function definitionOf(activityId: string): JsonObject | null {
    const row = definitionGet.get(activityId)
    return row ? (JSON.parse(row.definition) as JsonObject) : null
  }

  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM statements')

  /**
   * One page of a query. Filters other than time also match statements that target (via
   * StatementRef, transitively) a statement that matches, as the spec requires; voided
   * statements are never returned. The page is the first `limit` of: the directly matching
   * statements (walked in seq order through an index, stopping at the limit) and the few
   * statements that refer to a match.
   */
  function query(filters: StatementFilters, page: { after: number | null; through: number | null }): { rows: { seq: number; body: string; stored: string }[]; through: number; more: boolean } {
    const through = page.through ?? maxSeq.get()?.seq ?? 0
    const joins: string[] = []
    const match: string[] = []
    const matchParams: (string | number)[] = []
    if (filters.agentKey !== undefined) {
      joins.push(filters.relatedAgents ? 'JOIN statement_agents ag ON ag.seq = s.seq AND ag.agent_key = ?' : 'JOIN statement_agents ag ON ag.seq = s.seq AND ag.agent_key = ? AND ag.direct = 1')
      matchParams.push(filters.agentKey)
    }
    if (filters.activity !== undefined && filters.relatedActivities) {
      joins.push('JOIN statement_activities ac ON ac.seq = s.seq AND ac.activity_id = ?')
      matchParams.push(filters.activity)
    }
    if (filters.verb !== undefined) {
      match.push('s.verb_id = ?')
      matchParams.push(filters.verb)
    }
    if (filters.activity !== undefined && !filters.relatedActivities) {
      match.push("s.object_kind = 'Activity' AND s.object_key = ?")
      matchParams.push(filters.activity)
    }
    if (filters.registration !== undefined) {
      match.push('s.registration = ?')
      matchParams.push(filters.registration)
    }
    const order = filters.ascending ? 'ASC' : 'DESC'
    // What a returned statement must satisfy whichever way it matched: not voided, inside this
    // reader's snapshot (seq <= through), after the previous page, and inside since/until.
    const window: string[] = ['s.voided = 0', 's.seq <= ?']
    const windowParams: (string | number)[] = [through]
    if (page.after !== null) {
      window.push(filters.ascending ? 's.seq > ?' : 's.seq < ?')
      windowParams.push(page.after)
    }
    if (filters.since !== undefined) {
      window.push('s.stored > ?')
      windowParams.push(filters.since)
    }
    if (filters.until !== undefined) {
      window.push('s.stored <= ?')
      windowParams.push(filters.until)
    }
    const columns = 's.seq AS seq, s.body AS body, s.stored AS stored'
    let sql: string
    let params: (string | number)[]
    if (joins.length === 0 && match.length === 0) {
      sql = `SELECT ${columns} FROM statements s WHERE ${window.join(' AND ')} ORDER BY s.seq ${order} LIMIT ?`
      params = [...windowParams, filters.limit + 1]
    } else {
      // Ordering by the joined index's own seq (equal to s.seq) lets SQLite walk that index in
      // order and stop at the limit instead of sorting every match.
      const orderColumn = joins[0]?.includes('statement_agents') ? 'ag.seq' : joins[0] ? 'ac.seq' : 's.seq'
      const direct = `SELECT s.seq FROM statements s ${joins.join(' ')} WHERE ${[...match, ...window].join(' AND ')} ORDER BY ${orderColumn} ${order} LIMIT ?`
      // Statements referring (transitively) to any statement that matches, voided or not.
      const targetMatch = `SELECT s.id FROM statements s ${joins.join(' ')} WHERE s.id = r.object_key${match.length ? ` AND ${match.join(' AND ')}` : ''}`
      sql = `WITH RECURSIVE refs(seq, id) AS (
               SELECT r.seq, r.id FROM statements r INDEXED BY statements_refs WHERE r.object_kind = 'StatementRef' AND EXISTS (${targetMatch})
               UNION
               SELECT r.seq, r.id FROM statements r JOIN refs m ON r.object_kind = 'StatementRef' AND r.object_key = m.id
             )
             SELECT ${columns} FROM statements s
             WHERE s.seq IN (SELECT seq FROM (${direct}) UNION SELECT seq FROM refs) AND ${window.join(' AND ')}
             ORDER BY s.seq ${order} LIMIT ?`
      params = [...matchParams, ...matchParams, ...windowParams, filters.limit + 1, ...windowParams, filters.limit + 1]
    }
    const rows = db.prepare<(string | number)[], { seq: number; body: string; stored: string }>(sql).all(...params)
    const more = rows.length > filters.limit
    return { rows: more ? rows.slice(0, filters.limit) : rows, through, more }
  }

  return { storeBatch, getOne, query, definitionOf, attachmentsOf: attachmentStore.get }
}

export interface StatementFilters {
  agentKey?: string
  verb?: string
  activity?: string
  registration?: string
  relatedActivities: boolean
  relatedAgents: boolean
  since?: string
  until?: string
  limit: number
  ascending: boolean
}

export type StatementStore = ReturnType<typeof createStatementStore>
