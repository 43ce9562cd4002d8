/**
 * The learner model of one learner in one scene, as a plain JSON-serialisable object: stored on
 * the classroom hub per pseudonym and restored at another station. restoreLearnerState()
 * validates everything it reads and names the offending field.
 */
import type { SkillId, SkillSpec } from '../core'
import { DEFAULT_ABILITY, initialRating } from './difficulty'

export const LEARNER_STATE_VERSION = 3
/** Versions restoreLearnerState reads: 1 had no level ladder (levelCredit, masteryLevelStreak), 2 no learning trend. */
const READABLE_VERSIONS: readonly number[] = [1, 2, 3]

export interface SkillState {
  /** P(L): probability the skill is mastered, before the next opportunity. */
  pMastery: number
  /** Ability estimate on the logit scale of the scene's level difficulties (difficulty.ts, trackAbility). */
  rating: number
  /** In [0,1]: the estimate's variance as a share of a new skill's. 1 = nothing known yet. */
  ratingUncertainty: number
  /** Estimated learning per task, logits. */
  ratingTrend: number
  trendVariance: number
  ratingTrendCovariance: number
  /** Sum of the trend steps so far: rating - ratingGrowth estimates where the skill started. */
  ratingGrowth: number
  /** The level of the skill's next task on the level ladder (1-based); 0 before the first task. */
  level: number
  /** Progress toward the next level step (difficulty.ts, stepLadder). */
  levelCredit: number
  /** Correct first attempts in a row at the skill's mastery level with little support: the evidence mastery needs. */
  masteryLevelStreak: number
  /** Last scaffold rung presented; -1 before the first task. */
  scaffoldLevel: number
  /** BKT updates so far: first attempts, and first hints standing in for them. */
  opportunities: number
  /** Correct first attempts. */
  correct: number
  consecutiveErrors: number
  correctStreak: number
  /** Opportunities since the last run of three correct (wheel-spinning window). */
  opportunitiesSinceThreeInRow: number
  /** Wheel-spinning was flagged and not yet resolved by three in a row: the tutor changes tactic. */
  struggling: boolean
  /** Hints used on the last task of this skill. */
  hintsOnLastTask: number
  unlocked: boolean
  /** Mastery was declared (skill-mastered emitted). */
  mastered: boolean
  /** Clock time of the last opportunity; null before any. */
  lastPracticedAt: number | null
}

export interface RecentTask {
  skill: SkillId
  /** Wrong and faster than the rapid-guess threshold. */
  rapidWrong: boolean
  /** Went to the last hint, each hint faster than the hint-abuse threshold. */
  hintAbuse: boolean
}

/** A placement under way (the tutor's): kept with the state so a reload or a policy change carries on. */
export interface PlacementState {
  skill: SkillId
  /** Level of the next placement task. */
  level: number
  /** Answers so far on this skill. */
  answered: number
  /** Answers so far in the whole placement. */
  total: number
  /** Skills already placed, in order. */
  placed: SkillId[]
  /** The last answer, for the why line: null before the first. */
  lastCorrect: boolean | null
}

export interface LearnerState {
  version: typeof LEARNER_STATE_VERSION
  learner: string
  sceneId: string
  skills: Record<SkillId, SkillState>
  goal: { skill: SkillId; targetMastery: number } | null
  /** The last few tasks, newest last, for the rapid-guessing and hint-abuse windows. */
  recent: RecentTask[]
  tasksPresented: number
  /** The placement under way, or null (none, finished or skipped). */
  placement: PlacementState | null
}

/** What the learner model needs to know about a scene. */
export interface SceneOutline {
  id: string
  skills: readonly SkillSpec[]
  levels: readonly { level: number; difficulty: number }[]
}

const freshTrend = () => ({ ratingTrend: DEFAULT_ABILITY.trendPrior, trendVariance: DEFAULT_ABILITY.trendVariance, ratingTrendCovariance: 0, ratingGrowth: 0 })

export function createSkillState(spec: SkillSpec, scene: SceneOutline): SkillState {
  return {
    pMastery: spec.bkt.prior,
    rating: initialRating(spec.bkt, scene.levels),
    ratingUncertainty: 1,
    ...freshTrend(),
    level: 0,
    levelCredit: 0,
    masteryLevelStreak: 0,
    scaffoldLevel: -1,
    opportunities: 0,
    correct: 0,
    consecutiveErrors: 0,
    correctStreak: 0,
    opportunitiesSinceThreeInRow: 0,
    struggling: false,
    hintsOnLastTask: 0,
    unlocked: spec.prerequisites.length === 0,
    mastered: false,
    lastPracticedAt: null,
  }
}

export function createLearnerState(scene: SceneOutline, learner: string): LearnerState {
  if (typeof learner !== 'string' || learner === '') throw new Error('createLearnerState: learner must be a non-empty pseudonym')
  const skills: Record<SkillId, SkillState> = {}
  for (const spec of scene.skills) skills[spec.id] = createSkillState(spec, scene)
  return { version: LEARNER_STATE_VERSION, learner, sceneId: scene.id, skills, goal: null, recent: [], tasksPresented: 0, placement: null }
}

export class LearnerStateError extends Error {
  constructor(path: string, detail: string) {
    super(`LearnerState${path}: ${detail}`)
    this.name = 'LearnerStateError'
  }
}

type Check = (value: unknown) => string | null
const num = (min: number, max: number): Check => (v) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `expected a number in [${min}, ${max}], got ${JSON.stringify(v)}`)
const int = (min: number): Check => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? null : `expected an integer >= ${min}, got ${JSON.stringify(v)}`)
const bool: Check = (v) => (typeof v === 'boolean' ? null : `expected true or false, got ${JSON.stringify(v)}`)
const timeOrNull: Check = (v) => (v === null || (typeof v === 'number' && Number.isFinite(v)) ? null : `expected a time in ms or null, got ${JSON.stringify(v)}`)

const SKILL_FIELDS: Record<keyof SkillState, Check> = {
  pMastery: num(0, 1),
  rating: num(-1e6, 1e6),
  ratingUncertainty: num(0, 1),
  ratingTrend: num(-10, 10),
  trendVariance: num(0, 100),
  ratingTrendCovariance: num(-100, 100),
  ratingGrowth: num(-1e6, 1e6),
  level: int(0),
  levelCredit: num(-1e3, 1e3),
  masteryLevelStreak: int(0),
  scaffoldLevel: int(-1),
  opportunities: int(0),
  correct: int(0),
  consecutiveErrors: int(0),
  correctStreak: int(0),
  opportunitiesSinceThreeInRow: int(0),
  struggling: bool,
  hintsOnLastTask: int(0),
  unlocked: bool,
  mastered: bool,
  lastPracticedAt: timeOrNull,
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Validates saved state (from JSON) against the scene. Skills the scene added since are
 * started fresh; skills it no longer has are dropped. Throws LearnerStateError naming the field.
 */
export function restoreLearnerState(saved: unknown, scene: SceneOutline, learner?: string): LearnerState {
  if (!isObject(saved)) throw new LearnerStateError('', `expected an object, got ${saved === null ? 'null' : typeof saved}`)
  if (typeof saved.version !== 'number' || !READABLE_VERSIONS.includes(saved.version)) throw new LearnerStateError('.version', `expected one of ${READABLE_VERSIONS.join(', ')}, got ${JSON.stringify(saved.version)}`)
  const fromVersion = saved.version
  if (typeof saved.learner !== 'string' || saved.learner === '') throw new LearnerStateError('.learner', `expected a pseudonym, got ${JSON.stringify(saved.learner)}`)
  if (learner !== undefined && saved.learner !== learner) throw new LearnerStateError('.learner', `belongs to ${JSON.stringify(saved.learner)}, not ${JSON.stringify(learner)}`)
  if (saved.sceneId !== scene.id) throw new LearnerStateError('.sceneId', `is for scene ${JSON.stringify(saved.sceneId)}, not ${JSON.stringify(scene.id)}`)
  if (!isObject(saved.skills)) throw new LearnerStateError('.skills', 'expected an object keyed by skill id')
  const skills: Record<SkillId, SkillState> = {}
  for (const spec of scene.skills) {
    const raw = saved.skills[spec.id]
    if (raw === undefined) {
      skills[spec.id] = createSkillState(spec, scene)
      continue
    }
    if (!isObject(raw)) throw new LearnerStateError(`.skills[${JSON.stringify(spec.id)}]`, 'expected an object')
    const restored = {} as Record<string, unknown>
    // Version 1 had no ladder: the ladder starts where its last level was, with no credit yet.
    // Versions 1 and 2 had no learning trend: it starts at the prior.
    const migrated = fromVersion === 1 ? { levelCredit: 0, masteryLevelStreak: 0, ...freshTrend(), ...raw } : fromVersion === 2 ? { ...freshTrend(), ...raw } : raw
    for (const [field, check] of Object.entries(SKILL_FIELDS)) {
      const problem = check(migrated[field])
      if (problem) throw new LearnerStateError(`.skills[${JSON.stringify(spec.id)}].${field}`, problem)
      restored[field] = migrated[field]
    }
    skills[spec.id] = restored as unknown as SkillState
  }
  let goal: LearnerState['goal'] = null
  if (saved.goal !== null && saved.goal !== undefined) {
    if (!isObject(saved.goal)) throw new LearnerStateError('.goal', 'expected null or { skill, targetMastery }')
    const { skill, targetMastery } = saved.goal
    if (typeof skill !== 'string') throw new LearnerStateError('.goal.skill', `expected a skill id, got ${JSON.stringify(skill)}`)
    const problem = num(0, 1)(targetMastery)
    if (problem) throw new LearnerStateError('.goal.targetMastery', problem)
    // A goal on a skill the scene dropped is forgotten rather than fatal.
    goal = skills[skill] ? { skill, targetMastery: targetMastery as number } : null
  }
  if (!Array.isArray(saved.recent)) throw new LearnerStateError('.recent', 'expected an array')
  const recent: RecentTask[] = saved.recent.map((r, i) => {
    if (!isObject(r) || typeof r.skill !== 'string' || typeof r.rapidWrong !== 'boolean' || typeof r.hintAbuse !== 'boolean') {
      throw new LearnerStateError(`.recent[${i}]`, 'expected { skill, rapidWrong, hintAbuse }')
    }
    return { skill: r.skill, rapidWrong: r.rapidWrong, hintAbuse: r.hintAbuse }
  })
  const tasksProblem = int(0)(saved.tasksPresented)
  if (tasksProblem) throw new LearnerStateError('.tasksPresented', tasksProblem)
  return { version: LEARNER_STATE_VERSION, learner: saved.learner, sceneId: scene.id, skills, goal, recent, tasksPresented: saved.tasksPresented as number, placement: restorePlacement(saved.placement, skills, scene) }
}

/** A placement under way in saved state; one on a skill the scene dropped is forgotten. Version 1 had none. */
function restorePlacement(raw: unknown, skills: Record<SkillId, SkillState>, scene: SceneOutline): PlacementState | null {
  if (raw === undefined || raw === null) return null
  const where = '.placement'
  if (!isObject(raw)) throw new LearnerStateError(where, 'expected null or { skill, level, answered, total, placed, lastCorrect }')
  const levels = scene.levels.map((l) => l.level)
  const checks: [string, string | null][] = [
    ['level', num(Math.min(...levels), Math.max(...levels))(raw.level)],
    ['answered', int(0)(raw.answered)],
    ['total', int(0)(raw.total)],
    ['lastCorrect', raw.lastCorrect === null ? null : bool(raw.lastCorrect)],
  ]
  for (const [field, problem] of checks) if (problem) throw new LearnerStateError(`${where}.${field}`, problem)
  if (typeof raw.skill !== 'string') throw new LearnerStateError(`${where}.skill`, `expected a skill id, got ${JSON.stringify(raw.skill)}`)
  if (!Array.isArray(raw.placed) || !raw.placed.every((s) => typeof s === 'string')) throw new LearnerStateError(`${where}.placed`, 'expected an array of skill ids')
  if (!skills[raw.skill]) return null
  return { skill: raw.skill, level: raw.level as number, answered: raw.answered as number, total: raw.total as number, placed: raw.placed as SkillId[], lastCorrect: raw.lastCorrect as boolean | null }
}
