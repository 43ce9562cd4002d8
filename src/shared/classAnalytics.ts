/**
 * The class view's numbers, computed from the hub's xAPI statements (pure: tested in Node):
 * the students x skills mastery heatmap, task statistics (failure rate, median time), one
 * student's timeline, and mastery over time for the charts. No React, no DOM.
 */
import type { SummaryExtension } from '../telemetry/rate'
import { EXTENSIONS, VERBS } from '../telemetry/profile'
import { applyStatements, emptyClass, parseIsoDuration, type StatementLike, type StudentRow } from './classState'

export { parseIsoDuration }

/** The statement fields the class view reads beyond the live grid's. */
type Statement = StatementLike & {
  object?: StatementLike['object'] & { id?: string }
  context?: StatementLike['context'] & { contextActivities?: { parent?: { definition?: { name?: Record<string, string> } }[] } }
  result?: StatementLike['result'] & { duration?: string }
}

const ext = (s: Statement, name: string): unknown => s.result?.extensions?.[name]
const timeOf = (s: Statement) => Date.parse(s.timestamp ?? '') || 0
const learnerOf = (s: Statement) => s.actor?.account?.name
const skillOf = (s: Statement): string | undefined => {
  const own = s.object?.definition?.extensions?.[EXTENSIONS.skillId]
  const parent = s.context?.contextActivities?.parent?.[0]?.definition?.extensions?.[EXTENSIONS.skillId]
  const skill = own ?? parent
  return typeof skill === 'string' ? skill : undefined
}


type ActivityLike = { definition?: { name?: Record<string, string>; extensions?: Record<string, unknown> } }
const activitiesOf = (s: Statement): ActivityLike[] => [
  ...(s.object ? [s.object] : []),
  ...((s.context?.contextActivities?.parent ?? []) as ActivityLike[]),
  ...((s.context?.contextActivities?.grouping ?? []) as ActivityLike[]),
]

/** The scene activity among a statement's activities, with its scene id. */
function sceneActivityOf(s: Statement): { id: string; activity: ActivityLike } | undefined {
  for (const activity of activitiesOf(s)) {
    const id = activity.definition?.extensions?.[EXTENSIONS.sceneId]
    if (typeof id === 'string') return { id, activity }
  }
  return undefined
}

/** The lab (scene id) a statement belongs to: its scene activity, else its skill's scene prefix. */
export function labOf(statement: unknown): string | undefined {
  const s = statement as Statement
  return sceneActivityOf(s)?.id ?? skillOf(s)?.split('.')[0]
}

export interface LabInClass {
  id: string
  title: string
}

/** The lab a statement belongs to and, when its scene activity names it, the lab's title. */
export function labTitleOf(statement: unknown): { id: string; title?: string } | undefined {
  const s = statement as Statement
  const scene = sceneActivityOf(s)
  const id = scene?.id ?? labOf(s)
  if (!id) return undefined
  const title = scene?.activity.definition?.name?.en
  return title ? { id, title } : { id }
}

/** The labs this class has used, by title, named as the statements name them. */
export function labsIn(statements: readonly unknown[]): LabInClass[] {
  const titles = new Map<string, string>()
  for (const s of statements) {
    const lab = labTitleOf(s)
    if (lab) addLabTitle(titles, lab)
  }
  return sortedLabs(titles)
}

/** Keeps the latest title a lab was given (a lab seen only through a skill id keeps its id). */
export function addLabTitle(titles: Map<string, string>, lab: { id: string; title?: string }): void {
  if (lab.title || !titles.has(lab.id)) titles.set(lab.id, lab.title ?? titles.get(lab.id) ?? lab.id)
}

export function sortedLabs(titles: ReadonlyMap<string, string>): LabInClass[] {
  return [...titles].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title))
}

/** One lab's statements only. */
export function onlyLab(statements: readonly unknown[], labId: string): unknown[] {
  return statements.filter((s) => labOf(s) === labId)
}

/** Skill id -> the name the lab gave it, from the skill activities in the statements. */
export function skillNamesIn(statements: readonly unknown[]): Record<string, string> {
  const names: Record<string, string> = {}
  for (const s of statements) for (const [skill, name] of skillNamesOf(s)) names[skill] = name
  return names
}

/** The (skill id, name) pairs one statement's skill activities carry. */
export function skillNamesOf(statement: unknown): [string, string][] {
  const pairs: [string, string][] = []
  for (const activity of activitiesOf(statement as Statement)) {
    const skill = activity.definition?.extensions?.[EXTENSIONS.skillId]
    const name = activity.definition?.name?.en
    // Task activities carry the skill id too, with the task's prompt as their name.
    if (typeof skill === 'string' && name && activity.definition?.extensions?.[EXTENSIONS.taskKind] === undefined) pairs.push([skill, name])
  }
  return pairs
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export interface MasteryHeatmap {
  students: string[]
  skills: string[]
  /** P(mastered) per student and skill, as the latest answer left it; absent = not tried yet. */
  mastery: Record<string, Record<string, number>>
}

/**
 * Students x skills: the same mastery the live grid shows, laid out for a heatmap. With a lab,
 * only that lab's skills (ids are prefixed by the lab's id), but every student still has a row:
 * who has not started the lab yet is worth seeing too.
 */
export function masteryHeatmap(statements: readonly unknown[], labId?: string): MasteryHeatmap {
  return masteryHeatmapOf([...applyStatements(emptyClass(), statements).values()], labId)
}

/** The heatmap from the live grid's rows (as the hub keeps them), without the statements. */
export function masteryHeatmapOf(rows: readonly StudentRow[], labId?: string): MasteryHeatmap {
  const students = rows.map((r) => r.pseudonym).sort()
  const inLab = (skill: string) => labId === undefined || skill.startsWith(`${labId}.`)
  const skills = [...new Set(rows.flatMap((r) => Object.keys(r.mastery)))].filter(inLab).sort()
  return { students, skills, mastery: Object.fromEntries(rows.map((r) => [r.pseudonym, { ...r.mastery }])) }
}

export interface TaskStats {
  /** skill | task kind | level: tasks are generated from a seed, so each prompt is nearly unique;
   * the kind of task at a level is what many students share and what a teacher can act on. */
  key: string
  skill: string
  skillName: string
  kind: string
  level: number | null
  /** A prompt of this kind, as the latest student saw it. */
  example: string
  attempts: number
  failures: number
  failureRate: number
  /** Median time from the task appearing to the answer (result.duration); null when none carried one. */
  medianMs: number | null
}

/** What the hub serves the class view (GET /api/class-view): kept at ingest, the size of the class, not of its history. */
export interface ClassOverview {
  students: StudentRow[]
  labs: LabInClass[]
  skillNames: Record<string, string>
  tasks: TaskStats[]
}

/** What one statement adds to its task group's statistics; null for statements that are not answers. */
export interface TaskSample {
  key: string
  skill: string
  skillName: string
  kind: string
  level: number | null
  /** The prompt, when the statement names it. */
  example?: string
  at: number
  attempts: number
  failures: number
  /** Time from the task appearing to the answer; null when the statement carries none. */
  durationMs: number | null
}

/** Answers (and summarised answers from the rate budget) as task-group samples. */
export function taskSampleOf(statement: unknown): TaskSample | null {
  const s = statement as Statement
  const verb = s.verb?.id
  if (verb !== VERBS.answered.id && verb !== VERBS.summarized.id) return null
  const kind = s.object?.definition?.extensions?.[EXTENSIONS.taskKind]
  const skill = skillOf(s)
  if (typeof kind !== 'string' || !skill) return null
  const levelValue = s.context?.extensions?.[EXTENSIONS.difficultyLevel]
  const level = typeof levelValue === 'number' ? levelValue : null
  const base = {
    key: `${skill}|${kind}|${level ?? ''}`,
    skill,
    skillName: s.context?.contextActivities?.parent?.[0]?.definition?.name?.en ?? skill,
    kind,
    level,
    ...(s.object?.definition?.name?.en ? { example: s.object.definition.name.en } : {}),
    at: timeOf(s),
  }
  if (verb === VERBS.answered.id) {
    if (s.result?.success === undefined) return null
    const ms = parseIsoDuration(s.result.duration)
    return { ...base, attempts: 1, failures: s.result.success ? 0 : 1, durationMs: Number.isFinite(ms) ? ms : null }
  }
  const summary = ext(s, EXTENSIONS.summary) as Partial<SummaryExtension> | undefined
  return { ...base, attempts: (summary?.correct ?? 0) + (summary?.incorrect ?? 0), failures: summary?.incorrect ?? 0, durationMs: null }
}

/** Answers grouped by skill, task kind and level; summarised answers (rate budget) count too. */
export function taskStats(statements: readonly unknown[]): TaskStats[] {
  const groups = new Map<string, TaskStats & { durations: number[]; latest: number }>()
  for (const s of statements) {
    const sample = taskSampleOf(s)
    if (!sample) continue
    const { key, skill, skillName, kind, level } = sample
    const group =
      groups.get(key) ?? { key, skill, skillName, kind, level, example: '', attempts: 0, failures: 0, failureRate: 0, medianMs: null, durations: [], latest: -Infinity }
    groups.set(key, group)
    group.attempts += sample.attempts
    group.failures += sample.failures
    if (sample.durationMs !== null) group.durations.push(sample.durationMs)
    if (sample.at >= group.latest && sample.example) {
      group.latest = sample.at
      group.example = sample.example
    }
  }
  return [...groups.values()]
    .filter((g) => g.attempts > 0)
    .map(({ durations, latest: _latest, ...g }) => ({ ...g, failureRate: g.failures / g.attempts, medianMs: median(durations) }))
}

/** Most failures first (a rate of 1 in 1 matters less than 6 in 10), then the higher rate. */
export function mostFailedTasks(stats: readonly TaskStats[], limit = 5): TaskStats[] {
  return stats
    .filter((t) => t.failures > 0)
    .sort((a, b) => b.failures - a.failures || b.failureRate - a.failureRate || a.key.localeCompare(b.key))
    .slice(0, limit)
}

export type TimelineKind = 'started' | 'task' | 'answer' | 'hint' | 'scaffold' | 'level' | 'mastered' | 'unlocked' | 'goal' | 'alert' | 'summary' | 'ended'

export interface TimelineEntry {
  at: number
  kind: TimelineKind
  /** What happened, in words a teacher reads. */
  text: string
  skill?: string
  /** Answers: the student's response as the scene words it, and whether it was right. */
  response?: string
  correct?: boolean
  hintsUsed?: number
  masteryAfter?: number
}

const percent = (p: number) => `${Math.round(p * 100)}%`

function timelineEntry(s: Statement): TimelineEntry | null {
  const at = timeOf(s)
  const skill = skillOf(s)
  const task = s.object?.definition?.name?.en ?? 'a task'
  const base = { at, ...(skill ? { skill } : {}) }
  switch (s.verb?.id) {
    case VERBS.initialized.id:
      return { ...base, kind: 'started', text: `Opened ${s.object?.definition?.name?.en ?? 'a lab'}` }
    case VERBS.attempted.id:
      return { ...base, kind: 'task', text: `Task: ${task}` }
    case VERBS.answered.id: {
      const correct = s.result?.success
      const response = s.result?.response ?? ''
      const hintsUsed = Number(ext(s, EXTENSIONS.hintsUsed) ?? 0)
      const after = ext(s, EXTENSIONS.masteryAfter)
      const misconception = (ext(s, EXTENSIONS.misconception) as { description?: string } | undefined)?.description
      const parts = [`Answered "${response}": ${correct ? 'correct' : 'wrong'}`]
      if (hintsUsed) parts.push(`${hintsUsed} hint${hintsUsed === 1 ? '' : 's'} used`)
      if (typeof after === 'number') parts.push(`mastery now ${percent(after)}`)
      if (misconception) parts.push(misconception)
      return { ...base, kind: 'answer', text: parts.join('; '), response, correct: correct === true, hintsUsed, ...(typeof after === 'number' ? { masteryAfter: after } : {}) }
    }
    case VERBS.requestedHint.id:
      return { ...base, kind: 'hint', text: `Asked for hint ${Number(ext(s, EXTENSIONS.hintIndex) ?? 0) + 1} on: ${task}` }
    case VERBS.changedScaffold.id: {
      const [from, to] = [Number(ext(s, EXTENSIONS.from)), Number(ext(s, EXTENSIONS.to))]
      const reason = ext(s, EXTENSIONS.reason)
      // Rung 0 is the most support: a lower rung means more help.
      return { ...base, kind: 'scaffold', text: `Support ${to < from ? 'raised' : 'faded'} (rung ${from} to ${to})${reason ? `: ${String(reason)}` : ''}` }
    }
    case VERBS.changedDifficulty.id:
      return { ...base, kind: 'level', text: `Level changed from ${String(ext(s, EXTENSIONS.from))} to ${String(ext(s, EXTENSIONS.to))}` }
    case VERBS.mastered.id:
      return { ...base, kind: 'mastered', text: `Mastered ${s.object?.definition?.name?.en ?? skill ?? 'a skill'}` }
    case VERBS.unlocked.id:
      return { ...base, kind: 'unlocked', text: `Unlocked ${s.object?.definition?.name?.en ?? skill ?? 'a skill'}` }
    case VERBS.setGoal.id: {
      const target = ext(s, EXTENSIONS.targetMastery)
      return { ...base, kind: 'goal', text: `Set a goal: ${s.object?.definition?.name?.en ?? skill ?? 'a skill'}${typeof target === 'number' ? ` to ${percent(target)}` : ''}` }
    }
    case VERBS.raisedAlert.id:
      return { ...base, kind: 'alert', text: `Alert (${String(ext(s, EXTENSIONS.alertKind) ?? 'alert')}): ${String(ext(s, EXTENSIONS.reason) ?? '')}` }
    case VERBS.summarized.id: {
      const summary = (ext(s, EXTENSIONS.summary) ?? {}) as Partial<SummaryExtension>
      const at0 = Date.parse(summary.from ?? '') || at
      return { ...base, at: at0, kind: 'summary', text: `${summary.count ?? 0} quick actions in a minute (${summary.correct ?? 0} correct, ${summary.incorrect ?? 0} wrong): ${(summary.responses ?? []).join(', ')}` }
    }
    case VERBS.completed.id:
      return { ...base, kind: 'ended', text: 'Completed the lab' }
    case VERBS.suspended.id:
      return { ...base, kind: 'ended', text: 'Paused the lab' }
    case VERBS.terminated.id:
      return { ...base, kind: 'ended', text: 'Left the lab' }
    default:
      return null
  }
}

/** One student's events, oldest first (ties keep the hub's order). */
export function studentTimeline(statements: readonly unknown[], pseudonym: string): TimelineEntry[] {
  const entries: TimelineEntry[] = []
  for (const s of statements as readonly Statement[]) {
    if (learnerOf(s) !== pseudonym) continue
    const entry = timelineEntry(s)
    if (entry) entries.push(entry)
  }
  return entries.map((entry, i) => ({ entry, i })).sort((a, b) => a.entry.at - b.entry.at || a.i - b.i).map(({ entry }) => entry)
}

export interface MasteryPoint {
  at: number
  mastery: number
  /** The starting estimate before the first answer (not an answer itself). */
  prior?: true
}

/** Mastery of each skill over time for one student: where it started and after each answer. */
export function masterySeries(statements: readonly unknown[], pseudonym: string): Record<string, MasteryPoint[]> {
  const answers = (statements as readonly Statement[])
    .filter((s) => learnerOf(s) === pseudonym && s.verb?.id === VERBS.answered.id && typeof ext(s, EXTENSIONS.masteryAfter) === 'number')
    .sort((a, b) => timeOf(a) - timeOf(b))
  const series: Record<string, MasteryPoint[]> = {}
  for (const s of answers) {
    const skill = skillOf(s)
    if (!skill) continue
    const points = (series[skill] ??= [])
    const before = ext(s, EXTENSIONS.masteryBefore)
    const at = timeOf(s)
    if (!points.length && typeof before === 'number') {
      // The prior, at the moment the first task of this skill appeared.
      const ms = parseIsoDuration(s.result?.duration)
      points.push({ at: Number.isFinite(ms) ? at - ms : at, mastery: before, prior: true })
    }
    points.push({ at, mastery: ext(s, EXTENSIONS.masteryAfter) as number })
  }
  return series
}

/** A one-sentence summary of a student's mastery curves, the charts' text alternative. */
export function describeSeries(series: Record<string, MasteryPoint[]>): string {
  const skills = Object.keys(series).sort()
  if (!skills.length) return 'No answers yet.'
  return skills
    .map((skill) => {
      const points = series[skill]!
      const answers = points.filter((p) => !p.prior).length
      return `${skill}: from ${percent(points[0]!.mastery)} to ${percent(points.at(-1)!.mastery)} over ${answers} answer${answers === 1 ? '' : 's'}`
    })
    .join('; ')
}

/** A time for a teacher: "8.0 s", "1 min 05 s"; a dash when there is none. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–'
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`
}
