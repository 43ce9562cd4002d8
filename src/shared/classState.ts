/**
 * The teacher's live picture, reduced from the hub's xAPI statements (pure: tested in Node).
 * One row per student: where they are, what they are doing, mastery per skill, and alerts.
 */
import { csvText } from '../shared/csv'
import { EXTENSIONS, VERBS } from '../telemetry/profile'

export type StudentStatus = 'active' | 'idle' | 'stuck' | 'done'

export interface StudentRow {
  pseudonym: string
  stationId: string | null
  sceneId: string | null
  task: string | null
  level: number | null
  mastery: Record<string, number>
  /** When each skill's mastery was last set: a late-delivered older answer must not overwrite it. */
  masteryAt: Record<string, number>
  /** When the task shown was presented or answered (+0.5 ms for presented, which comes after an answer at the same instant). */
  taskAt: number
  /**
   * When the station, lab and level shown were last set, each from the latest statement that
   * carries it (+0.5 ms for a task presented, as taskAt): a statement without a lab, such as a
   * lab's completion, must not freeze them when it arrives before older ones that have it.
   */
  whereAt: { station: number; scene: number; level: number }
  alerts: { kind: string; reason: string; at: number }[]
  lastSeen: number
  firstSeen: number
  attempts: number
  correct: number
  completed: boolean
  /** Time spent answering tasks in the headset (the answers' durations with an XR input mode), ms. */
  vrMs: number
}

/** The parts of an xAPI statement the class view reads; anything else is ignored. */
export interface StatementLike {
  actor?: { account?: { name?: string } }
  verb?: { id?: string }
  object?: { id?: string; definition?: { name?: Record<string, string>; extensions?: Record<string, unknown> } }
  context?: {
    registration?: string
    extensions?: Record<string, unknown>
    contextActivities?: { parent?: { definition?: { extensions?: Record<string, unknown> } }[]; grouping?: { definition?: { extensions?: Record<string, unknown> } }[] }
  }
  result?: { success?: boolean; response?: string; duration?: string; extensions?: Record<string, unknown> }
  timestamp?: string
}

const STUCK_ALERTS = new Set(['wheel-spinning', 'rapid-guessing', 'hint-abuse'])
export const IDLE_AFTER_MS = 120_000

export function emptyClass(): Map<string, StudentRow> {
  return new Map()
}

/** Folds statements into the rows; the result does not depend on the order they arrive in (later timestamps win). */
export function applyStatements(rows: Map<string, StudentRow>, statements: readonly unknown[]): Map<string, StudentRow> {
  for (const s of statements as readonly StatementLike[]) {
    const pseudonym = s.actor?.account?.name
    if (!pseudonym) continue
    const at = Date.parse(s.timestamp ?? '') || 0
    const row =
      rows.get(pseudonym) ??
      ({ pseudonym, stationId: null, sceneId: null, task: null, level: null, mastery: {}, masteryAt: {}, taskAt: -Infinity, whereAt: { station: -1, scene: -1, level: -1 }, alerts: [], lastSeen: at, firstSeen: at, attempts: 0, correct: 0, completed: false, vrMs: 0 } satisfies StudentRow)
    rows.set(pseudonym, row)
    const ctx = s.context?.extensions ?? {}
    row.firstSeen = Math.min(row.firstSeen, at)
    row.lastSeen = Math.max(row.lastSeen, at)
    const verb = s.verb?.id
    // Rows stored before whereAt existed are rebuilt (classProjection's version), so it is always there.
    const whereAt = at + (verb === VERBS.attempted.id ? 0.5 : 0)
    const station = ctx[EXTENSIONS.stationId]
    if (typeof station === 'string' && whereAt >= row.whereAt.station) {
      row.stationId = station
      row.whereAt.station = whereAt
    }
    const scene = s.context?.contextActivities?.grouping?.[0]?.definition?.extensions?.[EXTENSIONS.sceneId]
    if (typeof scene === 'string' && whereAt >= row.whereAt.scene) {
      row.sceneId = scene
      row.whereAt.scene = whereAt
    }
    const level = ctx[EXTENSIONS.difficultyLevel]
    if (typeof level === 'number' && whereAt >= row.whereAt.level) {
      row.level = level
      row.whereAt.level = whereAt
    }
    const skill = (s.object?.definition?.extensions?.[EXTENSIONS.skillId] ?? s.context?.contextActivities?.parent?.[0]?.definition?.extensions?.[EXTENSIONS.skillId]) as string | undefined
    if (verb === VERBS.answered.id || verb === VERBS.attempted.id) {
      const taskName = s.object?.definition?.name?.en
      // At the same instant, the task presented is newer than the one just answered.
      const taskAt = at + (verb === VERBS.attempted.id ? 0.5 : 0)
      if (taskName && taskAt >= row.taskAt) {
        row.task = taskName
        row.taskAt = taskAt
      }
      if (s.result?.success !== undefined && verb === VERBS.answered.id) {
        row.attempts++
        if (s.result.success) row.correct++
        const mode = ctx[EXTENSIONS.inputMode]
        const spent = parseIsoDuration(s.result.duration)
        if (typeof mode === 'string' && mode.startsWith('xr-') && Number.isFinite(spent)) row.vrMs += spent
      }
      const after = s.result?.extensions?.[EXTENSIONS.masteryAfter]
      if (skill && typeof after === 'number') setMastery(row, skill, after, at)
    }
    if (verb === VERBS.mastered.id && skill) setMastery(row, skill, Number(s.result?.extensions?.[EXTENSIONS.mastery] ?? 0.95), at)
    if (verb === VERBS.raisedAlert.id) {
      const alert = { kind: String(s.result?.extensions?.[EXTENSIONS.alertKind] ?? 'alert'), reason: String(s.result?.extensions?.[EXTENSIONS.reason] ?? s.result?.response ?? ''), at }
      // Kept in time order however they arrive: the grid shows the latest ones.
      const after = row.alerts.findIndex((a) => a.at > at)
      row.alerts.splice(after < 0 ? row.alerts.length : after, 0, alert)
    }
    if (verb === VERBS.completed.id) row.completed = true
  }
  return rows
}

/** The latest word on a skill's mastery wins; at the same instant (an answer and the mastery it declared), the higher. */
function setMastery(row: StudentRow, skill: string, value: number, at: number): void {
  const since = row.masteryAt[skill] ?? -Infinity
  if (at < since) return
  row.mastery[skill] = at === since ? Math.max(row.mastery[skill] ?? 0, value) : value
  row.masteryAt[skill] = at
}

/** ISO 8601 duration (as xAPI carries it: PT1M23.46S, P1DT2H) in milliseconds; NaN when unreadable. */
export function parseIsoDuration(text: string | undefined): number {
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text ?? '')
  if (!match || text === 'P' || text?.endsWith('T')) return Number.NaN
  const [, d = '0', h = '0', m = '0', s = '0'] = match
  return Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000)
}

export function statusOf(row: StudentRow, now: number): StudentStatus {
  if (row.completed) return 'done'
  if (row.alerts.some((a) => STUCK_ALERTS.has(a.kind) && a.at >= row.lastSeen - 5 * 60_000)) return 'stuck'
  if (now - row.lastSeen > IDLE_AFTER_MS || row.alerts.at(-1)?.kind === 'idle') return 'idle'
  return 'active'
}

export const ATTEMPTS_CSV_HEADER = ['timestamp', 'pseudonym', 'station', 'scene', 'skill', 'task', 'level', 'response', 'correct', 'mastery_after'] as const

/**
 * Attempts for a spreadsheet, one row per answer. No real names (the pseudonym stands for the
 * student; names leave the hub only in the explicit class-list export) and stations by the label
 * the teacher gave them, not their key id.
 */
export function attemptsCsv(statements: readonly unknown[], stationLabels: Readonly<Record<string, string>> = {}): string {
  return csvText(ATTEMPTS_CSV_HEADER, attemptRows(statements, stationLabels))
}

/** The attempts CSV's rows without its header, for a file written a page at a time. */
export function attemptRows(statements: readonly unknown[], stationLabels: Readonly<Record<string, string>> = {}): unknown[][] {
  const rows: unknown[][] = []
  for (const s of statements as readonly StatementLike[]) {
    if (s.verb?.id !== VERBS.answered.id) continue
    const ctx = s.context?.extensions ?? {}
    const station = ctx[EXTENSIONS.stationId]
    rows.push([
      s.timestamp,
      s.actor?.account?.name,
      typeof station === 'string' ? (stationLabels[station] ?? station) : '',
      s.context?.contextActivities?.grouping?.[0]?.definition?.extensions?.[EXTENSIONS.sceneId],
      s.object?.definition?.extensions?.[EXTENSIONS.skillId],
      s.object?.definition?.name?.en,
      ctx[EXTENSIONS.difficultyLevel],
      s.result?.response,
      s.result?.success,
      s.result?.extensions?.[EXTENSIONS.masteryAfter],
    ])
  }
  return rows
}

/** The class list, the one export with real names: name, lab name and sign-in code per student. */
export function classListCsv(roster: readonly { displayName: string; pseudonym: string; code: string }[]): string {
  return csvText(
    ['name', 'lab_name', 'code'],
    roster.map((r) => [r.displayName, r.pseudonym, r.code]),
  )
}

export const BKT_CSV_HEADER = ['user_id', 'skill_name', 'correct', 'order_id'] as const

/** Statements the learner CSV reads: answers with a result, and hints. */
export const isFirstAttemptEvidence = (s: StatementLike) => (s.verb?.id === VERBS.answered.id && s.result?.success !== undefined) || s.verb?.id === VERBS.requestedHint.id

/**
 * Reads statements in time order and yields one learner-CSV row per task, from its first attempt
 * only, as the learner model counts evidence: a hint asked before any answer is a wrong first
 * attempt (OATutor's convention), later tries of the same task are not evidence.
 */
export function firstAttemptRows() {
  const seen = new Set<string>()
  let order = 0
  return (statement: unknown): [string, string, 0 | 1, number] | null => {
    const s = statement as StatementLike
    if (!isFirstAttemptEvidence(s)) return null
    const user = s.actor?.account?.name
    const skill = s.object?.definition?.extensions?.[EXTENSIONS.skillId]
    if (typeof user !== 'string' || typeof skill !== 'string') return null
    const task = `${user}\u0000${s.context?.registration ?? ''}\u0000${s.object?.id ?? ''}`
    if (seen.has(task)) return null
    seen.add(task)
    return [user, skill, s.verb?.id === VERBS.answered.id && s.result!.success === true ? 1 : 0, ++order]
  }
}

/** The learner CSV that `npm run bkt -- fit` reads: pyBKT's columns, one row per task's first attempt. */
export function bktCsv(statements: readonly unknown[]): string {
  const inTimeOrder = (statements as readonly StatementLike[])
    .filter(isFirstAttemptEvidence)
    .map((s) => ({ s, at: Date.parse(s.timestamp ?? '') }))
    .sort((a, b) => a.at - b.at)
  const next = firstAttemptRows()
  const rows = inTimeOrder.map(({ s }) => next(s)).filter((row) => row !== null)
  return csvText(BKT_CSV_HEADER, rows)
}
