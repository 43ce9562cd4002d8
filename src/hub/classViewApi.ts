/**
 * What the teacher's class view reads: the overview the hub keeps at ingest (live grid rows,
 * labs, skill names, task statistics), one student's statements on demand (timeline, chart), and
 * the exports, streamed a page at a time so that no request holds a year of statements at once.
 */
import type { ServerResponse } from 'node:http'
import { PSEUDONYM_PATTERN } from '../core/pseudonym'
import { csvRow } from '../shared/csv'
import { ATTEMPTS_CSV_HEADER, attemptRows, BKT_CSV_HEADER, firstAttemptRows } from '../shared/classState'
import { VERBS } from '../telemetry/profile'
import type { ClassProjection } from './classProjection'
import type { HubDb } from './db'
import { HttpError, sendJson } from './http'
import { listKeys } from './keys'
import { ACTOR_HOME_PAGE_FOR_KEYS as ACTOR_HOME_PAGE } from './lrs'

const EXPORT_PAGE = 1_000
/** How the store keys a student's statements: `account:<homePage>|<pseudonym>` (no quote in it, so it is safe inline in SQL). */
const ACTOR_KEY_PREFIX = `account:${ACTOR_HOME_PAGE}|`

/**
 * Whose statements an export holds: one class's students (by actor). The first class also holds
 * students on no roster (statements from before a student was removed, or from an --lrs-key tool).
 */
export interface ExportScope {
  classId: number
  isFirst: boolean
}

export function createClassViewApi(db: HubDb, projection: ClassProjection) {
  const studentStatements = db.prepare<[string], { body: string }>('SELECT body FROM statements WHERE actor_key = ? AND voided = 0 ORDER BY seq')

  /** Writes `rows` of one query a page at a time, waiting for the socket to drain between pages. */
  async function stream(res: ServerResponse, type: string, filename: string, pages: Iterable<string>): Promise<void> {
    res.writeHead(200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' })
    for (const chunk of pages) {
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve))
      if (res.destroyed) return
    }
    res.end()
  }

  /** Statement bodies in `order`, optionally of some verbs only, a page at a time (keyset paging on seq). */
  function* bodies(verbs: readonly string[] | null, byTimestamp: boolean, scope?: ExportScope): Generator<string[]> {
    const verbFilter = verbs ? `AND verb_id IN (${verbs.map(() => '?').join(', ')})` : ''
    const actors = `SELECT '${ACTOR_KEY_PREFIX}' || pseudonym FROM roster WHERE class_id`
    const classFilter = !scope ? '' : scope.isFirst ? `AND actor_key NOT IN (${actors} != ${scope.classId})` : `AND actor_key IN (${actors} = ${scope.classId})`
    if (byTimestamp) {
      // The learner CSV needs time order; (timestamp, seq) is the key of its pages.
      const page = db.prepare(
        `SELECT seq, timestamp, body FROM statements WHERE voided = 0 ${verbFilter} ${classFilter} AND (timestamp > ? OR (timestamp = ? AND seq > ?)) ORDER BY timestamp, seq LIMIT ${EXPORT_PAGE}`,
      )
      let at = ''
      let seq = 0
      for (;;) {
        const rows = page.all(...(verbs ?? []), at, at, seq) as { seq: number; timestamp: string; body: string }[]
        if (!rows.length) return
        yield rows.map((r) => r.body)
        ;({ timestamp: at, seq } = rows.at(-1)!)
      }
    }
    const page = db.prepare(`SELECT seq, body FROM statements WHERE voided = 0 ${verbFilter} ${classFilter} AND seq > ? ORDER BY seq LIMIT ${EXPORT_PAGE}`)
    let after = 0
    for (;;) {
      const rows = page.all(...(verbs ?? []), after) as { seq: number; body: string }[]
      if (!rows.length) return
      yield rows.map((r) => r.body)
      after = rows.at(-1)!.seq
    }
  }

  function* statementsJson(scope?: ExportScope): Generator<string> {
    let first = true
    yield '['
    for (const page of bodies(null, false, scope)) {
      yield (first ? '' : ',') + page.join(',')
      first = false
    }
    yield ']\n'
  }

  function* attemptsCsv(scope?: ExportScope): Generator<string> {
    const labels = Object.fromEntries(listKeys(db).map((k) => [k.id, k.label]))
    yield `${csvRow(ATTEMPTS_CSV_HEADER)}\n`
    for (const page of bodies([VERBS.answered.id], false, scope)) {
      const rows = attemptRows(page.map((b) => JSON.parse(b) as unknown), labels)
      if (rows.length) yield rows.map((r) => `${csvRow(r)}\n`).join('')
    }
  }

  function* learnersCsv(scope?: ExportScope): Generator<string> {
    const next = firstAttemptRows()
    yield `${csvRow(BKT_CSV_HEADER)}\n`
    for (const page of bodies([VERBS.answered.id, VERBS.requestedHint.id], true, scope)) {
      const rows = page.map((b) => next(JSON.parse(b) as unknown)).filter((r) => r !== null)
      if (rows.length) yield rows.map((r) => `${csvRow(r)}\n`).join('')
    }
  }

  // Who may call these is decided by the route table (routes.ts: the teacher only).
  return {
    /** The class's students only (those `only` keeps); labs and task statistics are the hub's. */
    overview(res: ServerResponse, classId: number, only?: (pseudonym: string) => boolean): void {
      const overview = projection.overview(classId)
      sendJson(res, 200, only ? { ...overview, students: overview.students.filter((s) => only(s.pseudonym)) } : overview)
    },
    student(res: ServerResponse, pseudonym: string): void {
      if (!PSEUDONYM_PATTERN.test(pseudonym)) throw new HttpError(400, `"${pseudonym.slice(0, 80)}" is not a pseudonym`)
      const statements = studentStatements.all(`account:${ACTOR_HOME_PAGE}|${pseudonym}`).map((r) => JSON.parse(r.body) as unknown)
      sendJson(res, 200, { pseudonym, statements })
    },
    /** A class's exports (`scope`), or the whole hub's. */
    async exportFile(res: ServerResponse, file: string, scope?: ExportScope): Promise<void> {
      if (file === 'statements.json') await stream(res, 'application/json; charset=utf-8', 'benchtop-statements.json', statementsJson(scope))
      else if (file === 'attempts.csv') await stream(res, 'text/csv; charset=utf-8', 'benchtop-attempts.csv', attemptsCsv(scope))
      else if (file === 'learners.csv') await stream(res, 'text/csv; charset=utf-8', 'benchtop-learners.csv', learnersCsv(scope))
      else throw new HttpError(404, `No export "${file.slice(0, 80)}": there are statements.json, attempts.csv and learners.csv`)
    },
  }
}
