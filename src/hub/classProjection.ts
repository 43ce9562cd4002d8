/**
 * The teacher's class view as a projection of the statement log, kept up to date in the same
 * transaction as each insert, so opening the class view costs the size of the class (its
 * students and task groups), not the size of its history. The rules are the dashboard's own
 * pure reducers (src/shared/classState.ts, classAnalytics.ts), applied one batch at a time;
 * they do not depend on the order statements arrive in, which is what makes that sound.
 *
 * Voiding, deleting a student and purging old data take effects away, which a fold cannot undo:
 * triggers on the statements table mark the projection stale whatever code path does it, and the
 * next read rebuilds it from the statements (rare, and paid once).
 */
import type { HubDb } from './db'
import { createStudentClassLookup, defaultClassId } from './classes'
import { applyStatements, type StudentRow } from '../shared/classState'
import { addLabTitle, labTitleOf, median, skillNamesOf, sortedLabs, taskSampleOf, type ClassOverview, type TaskStats } from '../shared/classAnalytics'

/** Bump when the projection's rules or tables change: the hub then rebuilds it from the statements. */
const PROJECTION_VERSION = 4
const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided'
/** Alerts kept per student: the grid shows the last few, the status looks at the last minutes. */
const ALERTS_KEPT = 20
const REBUILD_PAGE = 2_000

export type { ClassOverview }

interface StatementLike {
  actor?: { account?: { name?: string } }
  verb?: { id?: string }
}

export function createClassProjection(db: HubDb) {
  // Version 3 keeps task statistics per class: older tables have no class column and are rebuilt.
  const versionBefore = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'class_projection_meta'").get()
    ? (db.prepare('SELECT version FROM class_projection_meta WHERE id = 1').get() as { version: number } | undefined)?.version
    : undefined
  if (versionBefore !== undefined && versionBefore < 3) db.exec('DROP TABLE IF EXISTS class_tasks; DROP TABLE IF EXISTS class_task_durations;')
  db.exec(`
    CREATE TABLE IF NOT EXISTS class_projection_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, stale INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS class_students (pseudonym TEXT PRIMARY KEY, row TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS class_tasks (
      class_id INTEGER NOT NULL, key TEXT NOT NULL, skill TEXT NOT NULL, skill_name TEXT NOT NULL, kind TEXT NOT NULL, level INTEGER,
      example TEXT NOT NULL, latest REAL NOT NULL, attempts INTEGER NOT NULL, failures INTEGER NOT NULL, timed INTEGER NOT NULL,
      PRIMARY KEY (class_id, key));
    CREATE TABLE IF NOT EXISTS class_task_durations (class_id INTEGER NOT NULL, key TEXT NOT NULL, ms REAL NOT NULL);
    CREATE INDEX IF NOT EXISTS class_task_durations_class_key ON class_task_durations(class_id, key, ms);
    CREATE TABLE IF NOT EXISTS class_labs (id TEXT PRIMARY KEY, title TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS class_skill_names (skill TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TRIGGER IF NOT EXISTS class_projection_on_delete AFTER DELETE ON statements
      BEGIN UPDATE class_projection_meta SET stale = 1 WHERE stale = 0; END;
    -- A deleted student's row goes with their statements, in the same transaction: their
    -- pseudonym must not linger in the file until the next rebuild (actor_key is 'account:HOME|NAME').
    CREATE TRIGGER IF NOT EXISTS class_projection_forget_student AFTER DELETE ON statements
      BEGIN DELETE FROM class_students WHERE pseudonym = substr(OLD.actor_key, instr(OLD.actor_key, '|') + 1); END;
    CREATE TRIGGER IF NOT EXISTS class_projection_on_void AFTER UPDATE OF voided ON statements WHEN NEW.voided = 1
      BEGIN UPDATE class_projection_meta SET stale = 1 WHERE stale = 0; END;
    CREATE TRIGGER IF NOT EXISTS class_projection_on_voided_insert AFTER INSERT ON statements WHEN NEW.voided = 1
      BEGIN UPDATE class_projection_meta SET stale = 1 WHERE stale = 0; END;`)
  const meta = db.prepare<[], { version: number; stale: number }>('SELECT version, stale FROM class_projection_meta WHERE id = 1')
  const setMeta = db.prepare('INSERT INTO class_projection_meta (id, version, stale) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, stale = excluded.stale')
  const studentGet = db.prepare<[string], { row: string }>('SELECT row FROM class_students WHERE pseudonym = ?')
  const studentPut = db.prepare('INSERT INTO class_students (pseudonym, row) VALUES (?, ?) ON CONFLICT(pseudonym) DO UPDATE SET row = excluded.row')
  const taskGet = db.prepare<[number, string], { example: string; latest: number }>('SELECT example, latest FROM class_tasks WHERE class_id = ? AND key = ?')
  const taskInsert = db.prepare(
    'INSERT INTO class_tasks (class_id, key, skill, skill_name, kind, level, example, latest, attempts, failures, timed) VALUES (@classId, @key, @skill, @skillName, @kind, @level, @example, @latest, @attempts, @failures, @timed)',
  )
  const taskAdd = db.prepare(
    'UPDATE class_tasks SET attempts = attempts + @attempts, failures = failures + @failures, timed = timed + @timed, example = @example, latest = @latest WHERE class_id = @classId AND key = @key',
  )
  const durationAdd = db.prepare('INSERT INTO class_task_durations (class_id, key, ms) VALUES (?, ?, ?)')
  // A task's statistics count in its student's class; a student on no roster counts in the first.
  const classOfStudent = createStudentClassLookup(db)
  const classOfStatement = (s: unknown, firstClass: number) => {
    const pseudonym = (s as StatementLike).actor?.account?.name
    return pseudonym ? classOfStudent(pseudonym, firstClass) : firstClass
  }
  const labGet = db.prepare<[string], { title: string }>('SELECT title FROM class_labs WHERE id = ?')
  const labPut = db.prepare('INSERT INTO class_labs (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title')
  const skillNamePut = db.prepare('INSERT INTO class_skill_names (skill, name) VALUES (?, ?) ON CONFLICT(skill) DO UPDATE SET name = excluded.name')
  // Labs and skill names change almost never: remembered so a batch writes them only when new.
  const knownLabs = new Map<string, string>()
  const knownSkillNames = new Map<string, string>()

  /** Folds new statements into the tables; call inside the transaction that stored them. */
  function apply(statements: readonly unknown[]): void {
    // Voiding statements change nothing the class view shows; their targets' effects are taken
    // away by the rebuild the voiding trigger asks for.
    const counted = statements.filter((s) => (s as StatementLike).verb?.id !== VOIDED_VERB)
    const byStudent = new Map<string, unknown[]>()
    for (const s of counted) {
      const pseudonym = (s as StatementLike).actor?.account?.name
      if (!pseudonym) continue
      const list = byStudent.get(pseudonym) ?? []
      list.push(s)
      byStudent.set(pseudonym, list)
    }
    for (const [pseudonym, list] of byStudent) {
      const stored = studentGet.get(pseudonym)
      const rows = new Map<string, StudentRow>(stored ? [[pseudonym, JSON.parse(stored.row) as StudentRow]] : [])
      const row = applyStatements(rows, list).get(pseudonym)!
      if (row.alerts.length > ALERTS_KEPT) row.alerts = row.alerts.sort((a, b) => a.at - b.at).slice(-ALERTS_KEPT)
      studentPut.run(pseudonym, JSON.stringify(row))
    }
    const firstClass = counted.length ? defaultClassId(db) : 0
    for (const s of counted) {
      const sample = taskSampleOf(s)
      if (sample) {
        const classId = classOfStatement(s, firstClass)
        const existing = taskGet.get(classId, sample.key)
        const newer = sample.example !== undefined && (!existing || sample.at >= existing.latest)
        const example = newer ? sample.example! : (existing?.example ?? '')
        const latest = newer ? sample.at : (existing?.latest ?? -1)
        const values = { classId, key: sample.key, attempts: sample.attempts, failures: sample.failures, timed: sample.durationMs === null ? 0 : 1, example, latest }
        if (existing) taskAdd.run(values)
        else taskInsert.run({ ...values, skill: sample.skill, skillName: sample.skillName, kind: sample.kind, level: sample.level })
        if (sample.durationMs !== null) durationAdd.run(classId, sample.key, sample.durationMs)
      }
      const lab = labTitleOf(s)
      if (lab) {
        const before = knownLabs.get(lab.id) ?? labGet.get(lab.id)?.title
        const titles = new Map(before === undefined ? [] : [[lab.id, before]])
        addLabTitle(titles, lab)
        const title = titles.get(lab.id)!
        if (title !== before) labPut.run(lab.id, title)
        knownLabs.set(lab.id, title)
      }
      for (const [skill, name] of skillNamesOf(s)) {
        if (knownSkillNames.get(skill) === name) continue
        skillNamePut.run(skill, name)
        knownSkillNames.set(skill, name)
      }
    }
  }

  /** Empties the tables and folds every statement the LRS returns (not voided) back in, in pages. */
  function rebuild(): void {
    const page = db.prepare<[number], { seq: number; body: string }>(`SELECT seq, body FROM statements WHERE seq > ? AND voided = 0 ORDER BY seq LIMIT ${REBUILD_PAGE}`)
    db.transaction(() => {
      db.exec('DELETE FROM class_students; DELETE FROM class_tasks; DELETE FROM class_task_durations; DELETE FROM class_labs; DELETE FROM class_skill_names;')
      knownLabs.clear()
      knownSkillNames.clear()
      let after = 0
      for (;;) {
        const rows = page.all(after)
        if (!rows.length) break
        apply(rows.map((r) => JSON.parse(r.body) as unknown))
        after = rows.at(-1)!.seq
      }
      setMeta.run(PROJECTION_VERSION, 0)
    })()
  }

  function ensureFresh(): void {
    const state = meta.get()
    if (!state || state.version !== PROJECTION_VERSION || state.stale) rebuild()
  }

  // The median from the index on (key, ms): the middle one or two durations, read in place.
  const middleOf = db.prepare<[number, string, number, number], { ms: number }>('SELECT ms FROM class_task_durations WHERE class_id = ? AND key = ? ORDER BY ms LIMIT ? OFFSET ?')
  const medianMs = (classId: number, key: string, timed: number): number | null => {
    if (timed === 0) return null
    const middle = middleOf.all(classId, key, timed % 2 ? 1 : 2, (timed - 1) >> 1).map((d) => d.ms)
    return median(middle)
  }
  /** One class's overview (the first class when none is named); students are filtered by the caller. */
  function overview(classId = defaultClassId(db)): ClassOverview {
    ensureFresh()
    const students = (db.prepare('SELECT row FROM class_students ORDER BY pseudonym').all() as { row: string }[]).map((r) => JSON.parse(r.row) as StudentRow)
    const labs = sortedLabs(new Map((db.prepare('SELECT id, title FROM class_labs').all() as { id: string; title: string }[]).map((l) => [l.id, l.title])))
    const skillNames = Object.fromEntries((db.prepare('SELECT skill, name FROM class_skill_names').all() as { skill: string; name: string }[]).map((r) => [r.skill, r.name]))
    const tasks = (
      db.prepare('SELECT key, skill, skill_name AS skillName, kind, level, example, attempts, failures, timed FROM class_tasks WHERE class_id = ? AND attempts > 0').all(classId) as (Omit<TaskStats, 'failureRate' | 'medianMs'> & { timed: number })[]
    ).map(({ timed, ...t }) => ({ ...t, failureRate: t.failures / t.attempts, medianMs: medianMs(classId, t.key, timed) }))
    return { students, labs, skillNames, tasks }
  }

  // A hub from before the projection (or after its rules changed) builds it once at start-up.
  ensureFresh()
  return { apply, overview, rebuild }
}

export type ClassProjection = ReturnType<typeof createClassProjection>
