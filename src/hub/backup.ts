/**
 * Daily backups of the class database, and going back to one. A backup is SQLite's online
 * backup (the hub keeps running and writing), written under a temporary name, checked with
 * quick_check, then renamed: a file named benchtop-YYYY-MM-DD.sqlite is always a whole one.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { quickCheck } from './integrity'

export const BACKUPS_KEPT = 7
const BACKUP_NAME = /^benchtop-(\d{4}-\d{2}-\d{2})\.sqlite$/
/** How often a running hub looks whether today's backup is taken (it takes one a day). */
const CHECK_EVERY_MS = 60 * 60 * 1000

export interface BackupFile {
  date: string
  path: string
}

export const backupsDir = (dataDir: string) => join(dataDir, 'backups')

/** The laptop's own calendar day: the teacher thinks in local days. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

/** Backups in the data folder, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupsDir(dataDir)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((name) => ({ match: BACKUP_NAME.exec(name), name }))
    .filter((entry) => entry.match)
    .map((entry) => ({ date: entry.match![1]!, path: join(dir, entry.name) }))
    .sort((a, b) => b.date.localeCompare(a.date))
}

export const latestBackup = (dataDir: string): BackupFile | undefined => listBackups(dataDir)[0]

/** Keeps the newest BACKUPS_KEPT (the last seven days the hub ran, so a holiday does not empty the folder). */
export function pruneBackups(dataDir: string): string[] {
  const removed = listBackups(dataDir).slice(BACKUPS_KEPT)
  for (const old of removed) rmSync(old.path, { force: true })
  // A backup cut short (the hub killed mid-copy) never got its name; its leftovers go too.
  for (const name of readdirSync(backupsDir(dataDir))) if (/\.sqlite\.partial(-wal|-shm)?$/.test(name)) rmSync(join(backupsDir(dataDir), name), { force: true })
  return removed.map((b) => b.path)
}

/** Takes today's backup now (replacing an earlier one of today), then prunes. */
export async function backupNow(db: Database.Database, dataDir: string, at = new Date()): Promise<string> {
  const dir = backupsDir(dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  const path = join(dir, `benchtop-${localDay(at)}.sqlite`)
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  try {
    await db.backup(partial)
    chmodSync(partial, 0o600)
    const copy = new Database(partial)
    const problems = quickCheck(copy)
    copy.close()
    if (problems.length) throw new Error(`the backup failed its check: ${problems.slice(0, 3).join('; ')}`)
    renameSync(partial, path)
  } finally {
    rmSync(partial, { force: true })
  }
  pruneBackups(dataDir)
  return path
}

export interface BackupSchedule {
  /** The start-up backup (resolves to its path, or null when today's was already there). */
  readonly first: Promise<string | null>
  /** Stops the schedule and waits for a backup in progress (the database must stay open until then). */
  stop(): Promise<void>
}

/** One backup at start-up unless today's exists, then one each new day while the hub runs. */
export function startBackups(
  db: Database.Database,
  dataDir: string,
  options: { now?: () => Date; onError?: (error: unknown) => void; checkEveryMs?: number } = {},
): BackupSchedule {
  const now = options.now ?? (() => new Date())
  const onError = options.onError ?? ((error: unknown) => console.error(`hub: the daily backup into ${backupsDir(dataDir)} failed: ${(error as Error).message}`))
  let running: Promise<string | null> = Promise.resolve(null)
  let stopped = false
  const takeIfDue = (): Promise<string | null> => {
    const today = localDay(now())
    if (stopped || latestBackup(dataDir)?.date === today) return Promise.resolve(null)
    running = backupNow(db, dataDir, now()).catch((error: unknown) => {
      onError(error)
      return null
    })
    return running
  }
  const first = takeIfDue()
  const timer = setInterval(() => void running.then(takeIfDue), options.checkEveryMs ?? CHECK_EVERY_MS)
  timer.unref()
  return {
    first,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

/** The backup a --restore argument means: a path, or the name of a file in the backups folder. */
export function findBackup(dataDir: string, given: string): string {
  if (existsSync(given)) return resolve(given)
  const inFolder = join(backupsDir(dataDir), basename(given))
  if (existsSync(inFolder)) return inFolder
  const known = listBackups(dataDir).map((b) => b.path)
  throw new Error(`there is no backup "${given}"${known.length ? `; the backups are:\n  ${known.join('\n  ')}` : ` (and none in ${backupsDir(dataDir)})`}`)
}

/**
 * Puts a backup in place of the live database. The backup is checked first (a copy of it, so the
 * backup itself is never touched); the live file, with its WAL, is copied aside, never deleted.
 * Refused while a hub still has the database open.
 */
export function restoreBackup(dataDir: string, given: string, at = new Date()): { restored: string; keptAside: string[] } {
  const source = findBackup(dataDir, given)
  const live = join(dataDir, 'benchtop.sqlite')
  const incoming = `${live}.restoring`
  rmSync(incoming, { force: true })
  copyFileSync(source, incoming)
  chmodSync(incoming, 0o600)
  try {
    const copy = new Database(incoming)
    let problems = quickCheck(copy)
    if (!problems.length) {
      const tables = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('statements', 'roster')").all()
      if (tables.length !== 2) problems = ['it is not a Benchtop class database (no statements or roster table)']
    }
    // Back to one file: the copy's WAL is folded in so that only benchtop.sqlite moves into place.
    if (!problems.length) copy.pragma('wal_checkpoint(TRUNCATE)')
    copy.close()
    if (problems.length) throw new Error(`the backup ${source} is damaged too (${problems.slice(0, 3).join('; ')}); nothing was changed. Try an older one.`)
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${incoming}${suffix}`, { force: true })
    throw error
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${incoming}${suffix}`, { force: true })
  // The replaced database is copied aside byte for byte before anything touches it.
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  const keptAside: string[] = []
  for (const suffix of ['', '-wal']) {
    if (!existsSync(`${live}${suffix}`)) continue
    const aside = join(dataDir, `benchtop-before-restore-${stamp}.sqlite${suffix}`)
    copyFileSync(`${live}${suffix}`, aside)
    chmodSync(aside, 0o600)
    keptAside.push(aside)
  }
  if (hubStillRunning(live)) {
    for (const path of [incoming, ...keptAside]) rmSync(path, { force: true })
    throw new Error(`a hub is still running on ${dataDir}; stop it (Ctrl+C in its terminal) and run the restore again. Nothing was changed.`)
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true })
  renameSync(incoming, live)
  return { restored: source, keptAside }
}

/** A running hub keeps its database open; SQLite then refuses anyone else an exclusive lock. */
function hubStillRunning(live: string): boolean {
  if (!existsSync(live)) return false
  let probe: Database.Database | undefined
  try {
    probe = new Database(live, { fileMustExist: true })
    probe.pragma('busy_timeout = 0')
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.exec('BEGIN EXCLUSIVE; COMMIT')
    return false
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '')
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
  } finally {
    probe?.close()
  }
}
