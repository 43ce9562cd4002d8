/**
 * Is the class database whole? Checked at every start: a hub that ran on a damaged file would
 * answer reads with 500 while it went on writing into it, and a zero-byte file (a bad copy, a
 * full disk at the wrong moment) would silently start an empty class.
 */
import { existsSync, statSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { latestBackup } from './backup'

/** A database the hub refuses to run on; the message says which file and what to do. */
export class DamagedDatabaseError extends Error {}

/** SQLite's own check of every page's structure (not index contents: that is integrity_check, too slow for a start). */
export function quickCheck(db: Database.Database): string[] {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[]
    const problems = rows.map((r) => r.quick_check).filter((text) => text !== 'ok')
    return problems
  } catch (error) {
    return [(error as Error).message]
  }
}

/** Is this SQLite error one that says the file itself is damaged or not a database? */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))
}

/** What the teacher reads when the hub will not start on `file`. */
export function damagedMessage(file: string, dataDir: string, what: string): string {
  const backup = latestBackup(dataDir)
  const restore = backup
    ? `To go back to the newest backup (${backup.date}), run (with your usual options):\n  npm start -- --data ${dataDir} --restore ${backup.path}\n` +
      `The damaged file is kept beside it (renamed), not deleted.`
    : `There is no backup in ${dataDir}/backups. Keep the damaged file for recovery (the sqlite3 tool's .recover can save most of it); ` +
      `to start an empty class instead, move ${file} elsewhere and start again.`
  return `the class database ${file} is damaged (${what}); the hub will not run on it, so nothing more is written into it.\n${restore}`
}

/**
 * A zero-byte database with no write-ahead log beside it holds nothing: SQLite would take it for
 * a new, empty class. A real one always has its header page, in the file or in its WAL.
 */
export function refuseEmptyDatabase(file: string, dataDir: string): void {
  if (!existsSync(file) || statSync(file).size > 0) return
  const wal = `${file}-wal`
  if (existsSync(wal) && statSync(wal).size > 0) return
  throw new DamagedDatabaseError(damagedMessage(file, dataDir, 'the file is empty: zero bytes, where a class database always has at least its header'))
}
