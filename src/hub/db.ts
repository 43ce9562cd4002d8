/**
 * The hub's only state: one SQLite file in the data folder, in WAL mode so that a statement
 * acknowledged to a station survives the hub being killed (SIGKILL, power button on a laptop
 * that then boots again keeps what fsync wrote).
 */
import Database from 'better-sqlite3'
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DamagedDatabaseError, damagedMessage, isCorruption, quickCheck, refuseEmptyDatabase } from './integrity'

export type HubDb = Database.Database

/** The schema, one step per hub version (user_version counts the steps applied). Exported for the migration tests. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE statements (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     stored TEXT NOT NULL,
     timestamp TEXT NOT NULL,
     verb_id TEXT NOT NULL,
     actor_key TEXT NOT NULL,
     object_kind TEXT NOT NULL,
     object_key TEXT NOT NULL,
     registration TEXT,
     voided INTEGER NOT NULL DEFAULT 0,
     voids TEXT,
     key_id TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX statements_actor ON statements(actor_key, seq);
   CREATE INDEX statements_verb ON statements(verb_id, seq);
   CREATE INDEX statements_object ON statements(object_key, seq);
   CREATE INDEX statements_registration ON statements(registration, seq);
   CREATE INDEX statements_stored ON statements(stored);
   CREATE TABLE statement_agents (seq INTEGER NOT NULL, agent_key TEXT NOT NULL, PRIMARY KEY (agent_key, seq)) WITHOUT ROWID;
   CREATE TABLE statement_activities (seq INTEGER NOT NULL, activity_id TEXT NOT NULL, PRIMARY KEY (activity_id, seq)) WITHOUT ROWID;
   CREATE TABLE keys (
     id TEXT PRIMARY KEY,
     label TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('teacher', 'station', 'lrs')),
     secret_hash TEXT NOT NULL,
     created TEXT NOT NULL,
     revoked TEXT
   );
   CREATE TABLE documents (
     resource TEXT NOT NULL,
     activity_id TEXT NOT NULL DEFAULT '',
     agent_key TEXT NOT NULL DEFAULT '',
     registration TEXT NOT NULL DEFAULT '',
     doc_id TEXT NOT NULL,
     content_type TEXT NOT NULL,
     content BLOB NOT NULL,
     etag TEXT NOT NULL,
     updated TEXT NOT NULL,
     key_id TEXT NOT NULL,
     PRIMARY KEY (resource, activity_id, agent_key, registration, doc_id)
   );
   CREATE TABLE roster (
     pseudonym TEXT PRIMARY KEY,
     display_name TEXT NOT NULL,
     code TEXT NOT NULL UNIQUE,
     created TEXT NOT NULL
   );`,
  // LRS (src/hub/lrs): the "agent" filter matches actor/object (and their group members) only,
  // "related_agents" also authority, instructor, team and sub-statements: one row per agent and
  // statement, flagged direct when it is the first kind. Voiding looks statements up by target.
  // Activity definitions are kept merged for GET /activities and format=canonical.
  `ALTER TABLE statement_agents ADD COLUMN direct INTEGER NOT NULL DEFAULT 1;
   CREATE INDEX statements_voids ON statements(voids) WHERE voids IS NOT NULL;
   CREATE TABLE activity_definitions (
     activity_id TEXT PRIMARY KEY,
     definition TEXT NOT NULL,
     updated TEXT NOT NULL
   );`,
  // LRS queries: statements that refer to other statements (StatementRef objects) also match
  // a filter their target matches; this keeps finding them cheap.
  `CREATE INDEX statements_refs ON statements(object_key) WHERE object_kind = 'StatementRef';`,
  // The teacher's station controls (src/hub/controls.ts): one class-wide row, and the simulation
  // assigned to each station (no row: the station offers every lab).
  `CREATE TABLE class_controls (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     target_success REAL NOT NULL DEFAULT 0.8,
     assessment_mode INTEGER NOT NULL DEFAULT 0,
     segment_minutes REAL NOT NULL DEFAULT 20,
     vr_segment_minutes REAL NOT NULL DEFAULT 10,
     rotation_started_at TEXT,
     paused INTEGER NOT NULL DEFAULT 0,
     updated TEXT NOT NULL
   );
   INSERT INTO class_controls (id, updated) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
   CREATE TABLE station_assignments (
     station_id TEXT PRIMARY KEY REFERENCES keys(id) ON DELETE CASCADE,
     scene_id TEXT NOT NULL,
     updated TEXT NOT NULL
   );`,
  // LRS statement attachments (src/hub/lrs/attachments.ts): the bodies that arrive as parts of
  // multipart/mixed requests, stored once per SHA-2 however many statements declare them.
  `CREATE TABLE attachments (
     sha2 TEXT PRIMARY KEY,
     content_type TEXT NOT NULL,
     length INTEGER NOT NULL,
     content BLOB NOT NULL,
     stored TEXT NOT NULL
   );`,
  // Placement for students new to a lab (src/tutor): on unless the teacher switches it off.
  `ALTER TABLE class_controls ADD COLUMN placement INTEGER NOT NULL DEFAULT 1;`,
  // The teacher's own sign-in (src/hub/auth.ts): one passphrase (scrypt, salted) and browser
  // sessions kept as hashes, so a session outlives a hub restart and a copied file holds no cookie.
  `CREATE TABLE teacher_account (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     passphrase_hash TEXT NOT NULL,
     salt TEXT NOT NULL,
     updated TEXT NOT NULL
   );
   CREATE TABLE teacher_sessions (
     token_hash TEXT PRIMARY KEY,
     created TEXT NOT NULL,
     last_used TEXT NOT NULL,
     expires TEXT NOT NULL
   );`,
  // Classes (periods, src/hub/classes.ts): one hub, many classes, each with its own roster,
  // stations and controls. What an older hub held becomes "Class 1". Controls were one row
  // (id = 1): now one row per class, keyed by the class.
  `CREATE TABLE classes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     created TEXT NOT NULL
   );
   INSERT INTO classes (id, name, created) VALUES (1, 'Class 1', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
   ALTER TABLE roster ADD COLUMN class_id INTEGER NOT NULL DEFAULT 1;
   CREATE INDEX roster_class ON roster(class_id, display_name);
   ALTER TABLE keys ADD COLUMN class_id INTEGER;
   UPDATE keys SET class_id = 1 WHERE role = 'station';
   CREATE TABLE class_controls_by_class (
     class_id INTEGER PRIMARY KEY REFERENCES classes(id) ON DELETE CASCADE,
     target_success REAL NOT NULL DEFAULT 0.8,
     assessment_mode INTEGER NOT NULL DEFAULT 0,
     segment_minutes REAL NOT NULL DEFAULT 20,
     vr_segment_minutes REAL NOT NULL DEFAULT 10,
     rotation_started_at TEXT,
     paused INTEGER NOT NULL DEFAULT 0,
     placement INTEGER NOT NULL DEFAULT 1,
     updated TEXT NOT NULL
   );
   INSERT INTO class_controls_by_class (class_id, target_success, assessment_mode, segment_minutes, vr_segment_minutes, rotation_started_at, paused, placement, updated)
     SELECT 1, target_success, assessment_mode, segment_minutes, vr_segment_minutes, rotation_started_at, paused, placement, updated FROM class_controls WHERE id = 1;
   DROP TABLE class_controls;
   ALTER TABLE class_controls_by_class RENAME TO class_controls;`,
]

export const DB_FILE = 'benchtop.sqlite'

/** The data folder holds names and keys: the teacher's account only (0700), made if missing. */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    chmodSync(dataDir, 0o700)
  } catch (error) {
    throw new Error(`cannot use the data folder ${dataDir}: ${(error as Error).message}. Check that it is a folder this account can write, or choose another with --data DIR`)
  }
}

/** The database and its WAL and shared-memory files: readable by the owner only. */
function ownerOnly(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600)
}

export function openHubDb(dataDir: string): HubDb {
  prepareDataDir(dataDir)
  const file = join(dataDir, DB_FILE)
  refuseEmptyDatabase(file, dataDir)
  let db: HubDb
  try {
    db = new Database(file)
  } catch (error) {
    throw new Error(`cannot open the class database ${file}: ${(error as Error).message}. Check that ${dataDir} is writable by this account, or choose another folder with --data DIR`)
  }
  // Before anything is written: SQLite gives the WAL and -shm files the database file's mode.
  ownerOnly(file)
  try {
    db.pragma('journal_mode = WAL')
    // NORMAL in WAL mode: a committed transaction survives the process dying; only an OS crash
    // can lose the last few. Stations keep their own queue until the hub acknowledges.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Deleted rows are overwritten with zeros, so a deleted student's name is gone from the file.
    db.pragma('secure_delete = ON')
    const problems = quickCheck(db)
    if (problems.length) throw new DamagedDatabaseError(damagedMessage(file, dataDir, `quick_check: ${problems.slice(0, 3).join('; ')}`))
    const version = db.pragma('user_version', { simple: true }) as number
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]!)
        db.pragma(`user_version = ${v + 1}`)
      })()
    }
  } catch (error) {
    db.close()
    if (error instanceof DamagedDatabaseError) throw error
    if (isCorruption(error)) throw new DamagedDatabaseError(damagedMessage(file, dataDir, (error as Error).message))
    const code = String((error as { code?: unknown }).code ?? '')
    // The WAL and -shm files are made beside the database: a folder that is not writable fails here.
    if (/^SQLITE_(CANTOPEN|READONLY|PERM|IOERR)/.test(code))
      throw new Error(`cannot write the class database ${file} (${code}: ${(error as Error).message}). Check that ${dataDir} and the files in it are writable by this account, or choose another folder with --data DIR`)
    throw error
  }
  ownerOnly(file)
  return db
}
