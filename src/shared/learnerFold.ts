/**
 * Progress that never rolls back. A student's learner state travels as a saved document, but the
 * statements are the record: a station that was offline delivers its answers late, and another
 * station may meanwhile have saved a state that lacks them. So a saved state says which answers
 * it already holds (per lab run, i.e. xAPI registration: the timestamp of the last answer or hint
 * it counted, in `folded`), and whoever reads it folds every delivered answer it lacks through the
 * learner model: BKT on the task's first attempt, a first hint counting as a wrong first attempt,
 * weighed by the support and level it was given at, as the tutor counts evidence. Pure: the hub uses it when a station loads a student, tests in Node.
 */
import type { AnyPlugin, BktParams, SkillSpec } from '../core'
import { bktUpdate } from '../learner/bkt'
import { levelEase } from '../learner/difficulty'
import { scaffoldedParams } from '../learner/scaffold'
import { createLearnerState } from '../learner/state'
import { isoTimestamp } from '../telemetry/builders'
import { activityIds, EXTENSIONS, VERBS } from '../telemetry/profile'

/** Where a station keeps a student's learner model on the hub: an xAPI State document per lab. */
export const learnerStateActivity = (sceneId: string) => `urn:benchtop:scene:${sceneId}`
export const LEARNER_STATE_ID = 'learner-model'

/** Per registration (lab run), the timestamp of the last answer or hint the state has counted. */
export type FoldedAnswers = Record<string, string>

interface AnswerLike {
  verb?: { id?: string }
  object?: { id?: string; definition?: { extensions?: Record<string, unknown> } }
  result?: { success?: boolean }
  context?: { registration?: string; extensions?: Record<string, unknown> }
  timestamp?: string
}

interface FoldableSkill {
  pMastery: number
  opportunities: number
  correct: number
}

const isEvidence = (s: AnswerLike) => (s.verb?.id === VERBS.answered.id && typeof s.result?.success === 'boolean') || s.verb?.id === VERBS.requestedHint.id

/** The watermark a station stores with a state: its run's latest answer or hint, as the statement's timestamp. */
export function foldedThrough(previous: FoldedAnswers | undefined, registration: string, lastEvidenceAt: number | undefined): FoldedAnswers {
  return lastEvidenceAt === undefined ? { ...previous } : { ...previous, [registration]: isoTimestamp(lastEvidenceAt) }
}

/**
 * The saved state (or a new learner's, when none was saved) with every answer in `statements`
 * that it does not hold folded in, oldest first. `statements` are the student's, any order, any
 * lab: only this lab's answers and hints count. Returns null when there is neither a state nor an answer.
 */
export function foldDeliveredAnswers(plugin: AnyPlugin, learner: string, saved: unknown, statements: readonly unknown[], params?: Readonly<Record<string, BktParams>>): Record<string, unknown> | null {
  const taskPrefix = activityIds.task(plugin.id, '')
  const answers = (statements as readonly AnswerLike[])
    .filter((s) => isEvidence(s) && typeof s.object?.id === 'string' && s.object.id.startsWith(taskPrefix))
    .sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''))
  if (saved === undefined && answers.length === 0) return null
  const state = structuredClone((saved ?? createLearnerState(plugin, learner)) as Record<string, unknown>)
  const skills = state.skills as Record<string, FoldableSkill> | undefined
  if (!skills || typeof skills !== 'object') return state
  const folded: FoldedAnswers = { ...((state.folded as FoldedAnswers | undefined) ?? {}) }
  const specs = new Map((plugin.skills as readonly SkillSpec[]).map((s) => [s.id, s]))
  const levels = plugin.levels.map((l) => l.level)
  const minLevel = Math.min(...levels)
  const maxLevel = Math.max(...levels)
  const evidenceParams = { ...((plugin.skills as readonly SkillSpec[])[0]?.bkt ?? { prior: 0, learn: 0, forget: 0, slip: 0, guess: 0 }) }
  const seenTasks = new Set<string>()
  for (const s of answers) {
    const registration = s.context?.registration ?? ''
    const task = `${registration}\u0000${s.object!.id}`
    // Only a task's first attempt (or a hint before it) is evidence; later tries never are.
    if (seenTasks.has(task)) continue
    seenTasks.add(task)
    const through = folded[registration]
    if (through !== undefined && (s.timestamp ?? '') <= through) continue
    const skillId = s.object?.definition?.extensions?.[EXTENSIONS.skillId]
    const spec = typeof skillId === 'string' ? specs.get(skillId) : undefined
    const skill = spec ? skills[spec.id] : undefined
    if (!spec || !skill) continue
    const correct = s.verb?.id === VERBS.answered.id && s.result?.success === true
    // As the tutor weighs evidence: an answer given with more support, or at a level well below
    // the skill's mastery level, says less (a higher chance of a lucky guess).
    const extensions = s.context?.extensions ?? {}
    const rung = extensions[EXTENSIONS.scaffoldLevel]
    const level = extensions[EXTENSIONS.difficultyLevel]
    const support = typeof rung === 'number' ? (plugin.scaffolds[rung]?.support ?? 0) : 0
    const ease = typeof level === 'number' ? levelEase(level, minLevel, spec.masteryLevel ?? maxLevel) : 0
    scaffoldedParams(params?.[spec.id] ?? spec.bkt, support, evidenceParams, ease)
    skill.pMastery = bktUpdate(evidenceParams, skill.pMastery, correct ? 1 : 0)
    skill.opportunities += 1
    if (correct) skill.correct += 1
    if (s.timestamp && (through === undefined || s.timestamp > through)) folded[registration] = s.timestamp
  }
  state.folded = folded
  return state
}
