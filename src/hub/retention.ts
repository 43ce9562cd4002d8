/**
 * Forgetting: one student on the teacher's request, or everything older than a number of days.
 * Deleted rows are zeroed in the file (secure_delete, set in db.ts) and the write-ahead log is
 * emptied after, so a deleted name is gone from the disk, backups included.
 */
import { ensureSignInTable } from './scope'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { listBackups } from './backup'
import type { HubDb } from './db'
import { HttpError } from './http'
import { dropUnreferencedAttachments } from './lrs/attachments'

export interface DeletedCounts {
  statements: number
  documents: number
  roster: number
  attachments: number
}

/**
 * Rows whose agent key is an account with this name, under any home page: a hub pseudonym is
 * the student's wherever a statement puts it.
 */
const NAMES = "agent_key LIKE 'account:%' AND substr(agent_key, -length(@tail)) = @tail"

/** Statements naming the pseudonym anywhere: actor, object, group member, context agent or group, instructor, team, authority, or inside a sub-statement. */
export function statementsNaming(db: Database.Database, pseudonym: string): number[] {
  return (db.prepare(`SELECT DISTINCT seq FROM statement_agents WHERE ${NAMES} ORDER BY seq`).all({ tail: `|${pseudonym}` }) as { seq: number }[]).map((r) => r.seq)
}

function deleteFrom(db: Database.Database, pseudonym: string): DeletedCounts {
  return db.transaction(() => {
    const seqs = statementsNaming(db, pseudonym)
    const dropRelations = db.prepare('DELETE FROM statement_agents WHERE seq = ?')
    const dropActivities = db.prepare('DELETE FROM statement_activities WHERE seq = ?')
    const dropStatement = db.prepare('DELETE FROM statements WHERE seq = ?')
    let statements = 0
    for (const seq of seqs) {
      dropRelations.run(seq)
      dropActivities.run(seq)
      statements += dropStatement.run(seq).changes
    }
    const documents = db.prepare(`DELETE FROM documents WHERE ${NAMES}`).run({ tail: `|${pseudonym}` }).changes
    const roster = db.prepare('DELETE FROM roster WHERE pseudonym = ?').run(pseudonym).changes
    // Where they signed in goes too (scope.ts keeps it to let stations write for them).
    ensureSignInTable(db)
    db.prepare('DELETE FROM station_signins WHERE pseudonym = ?').run(pseudonym)
    return { statements, documents, roster, attachments: dropUnreferencedAttachments(db) }
  })()
}

/** Empties the WAL into the file: its old page images still hold what was just deleted. */
function flushWal(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
}

/** The same deletion in every daily backup, so what was deleted does not come back with a restore. */
function scrubBackups(db: HubDb, what: string, scrub: (copy: Database.Database) => unknown): { scrubbed: number; failed: string[] } {
  if (db.memory) return { scrubbed: 0, failed: [] }
  let scrubbed = 0
  const failed: string[] = []
  for (const backup of listBackups(dirname(db.name))) {
    try {
      const copy = new Database(backup.path, { fileMustExist: true })
      try {
        copy.pragma('secure_delete = ON')
        scrub(copy)
        flushWal(copy)
      } finally {
        copy.close()
      }
      scrubbed++
    } catch (error) {
      console.error(`hub: could not delete ${what} from the backup ${backup.path}: ${(error as Error).message}`)
      failed.push(backup.path)
    }
  }
  return { scrubbed, failed }
}

/** Everything the hub holds about one pseudonym: statements naming it, learner state, roster row, and the same in each backup. */
export function deletePseudonym(db: HubDb, pseudonym: string): DeletedCounts & { backups: number; backupsFailed: string[] } {
  const counts = deleteFrom(db, pseudonym)
  flushWal(db)
  const { scrubbed, failed } = scrubBackups(db, pseudonym, (copy) => deleteFrom(copy, pseudonym))
  return { ...counts, backups: scrubbed, backupsFailed: failed }
}

/** The longest retention a purge takes: a century covers any school's policy. */
export const MAX_PURGE_DAYS = 36_500

function purgeFrom(db: Database.Database, cutoff: string): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM statement_agents WHERE seq IN (SELECT seq FROM statements WHERE stored < ?)').run(cutoff)
    db.prepare('DELETE FROM statement_activities WHERE seq IN (SELECT seq FROM statements WHERE stored < ?)').run(cutoff)
    db.prepare('DELETE FROM documents WHERE updated < ?').run(cutoff)
    const deleted = db.prepare('DELETE FROM statements WHERE stored < ?').run(cutoff).changes
    dropUnreferencedAttachments(db)
    return deleted
  })()
}

/** Deletes statements stored (and documents updated) more than `days` ago, here and in the backups. */
export function purgeOlderThan(db: HubDb, days: number): number {
  const cutoffMs = Date.now() - days * 24 * 3600 * 1000
  if (!Number.isFinite(cutoffMs) || Math.abs(days) > MAX_PURGE_DAYS) throw new HttpError(400, `olderThanDays must be at most ${MAX_PURGE_DAYS} days`)
  const cutoff = new Date(cutoffMs).toISOString()
  const statements = purgeFrom(db, cutoff)
  flushWal(db)
  scrubBackups(db, `what was stored before ${cutoff}`, (copy) => purgeFrom(copy, cutoff))
  return statements
}
