/**
 * The tutor loop, pure: pick skill + level + scaffold -> generate a task (scene plug-in) ->
 * assess an attempt -> update the learner model -> emit TutorEvents for telemetry.
 * Deterministic given the injected rng and clock: the same calls give the same events.
 */
import type { AnyPlugin, Assessment, BktParams, Clock, InteractionSummary, Rng, SkillId, SkillSpec, StruggleAlert, TaskBase, TaskRef, TutorEvent } from '../core'
import { assertBktParams, bktUpdate } from '../learner/bkt'
import { chooseLevel, DEFAULT_ABILITY, DEFAULT_ELO, DEFAULT_LADDER, levelEase, logit, stepLadder, predictSuccess, trackAbility, type AbilityOptions, type EloOptions } from '../learner/difficulty'
import { allMastered, MASTERY_THRESHOLD, nextTowardGoal, pickSkill, unlockReady } from '../learner/progression'
import { chooseScaffold, scaffoldedParams } from '../learner/scaffold'
import { createLearnerState, restoreLearnerState, type LearnerState, type PlacementState, type SkillState } from '../learner/state'
import { DEFAULT_STRUGGLE, idleAlert, recordOpportunity, recordRecentTask, type StruggleOptions } from '../learner/struggle'

export interface TutorPolicy {
  /** Success rate the level choice aims at. Default 0.8; per class. */
  targetSuccess?: number
  /** P(L) at which prerequisites unlock a skill and mastery can be declared. Default 0.95. */
  masteryThreshold?: number
  /**
   * Correct first attempts in a row at the mastery level, on the student's own, also needed
   * before declaring mastery. Default 4: see README, "Mastery means the hard version".
   */
  masteryStreak?: number
  /** Most scaffold support under which an answer at the mastery level counts toward declaring mastery. Default 0: on the student's own. */
  masteryMaxSupport?: number
  /** Locks scaffolds at the least support, turns hints and the solution off, and takes one answer per task. */
  assessmentMode?: boolean
  /**
   * A new learner (no saved state) starts with a short placement: up to three tasks on each of
   * up to two skills, one level up or down by each answer. Default true; per class. False also
   * ends a placement under way.
   */
  placement?: boolean
  /** The ability filter behind the level choice (difficulty.ts, trackAbility). */
  ability?: Partial<AbilityOptions>
  /** Baseline for comparisons: these (skill, level) steps in order, cycling, at one fixed rung. */
  fixedSequence?: { steps: readonly { skill: SkillId; level: number }[]; scaffoldLevel: number }
  struggle?: Partial<StruggleOptions>
  elo?: Partial<EloOptions>
}

export interface TutorOptions {
  plugin: AnyPlugin
  /** The learner's opaque pseudonym. */
  learner: string
  rng: Rng
  clock: Clock
  /** Saved LearnerState (validated); a fresh learner when absent. */
  state?: unknown
  /** Per-skill BKT parameters overriding the scene's (for instance from a class fit). */
  params?: Readonly<Record<SkillId, BktParams>>
  policy?: TutorPolicy
  emit: (event: TutorEvent) => void
}

export interface Presented {
  task: TaskBase
  skill: SkillId
  level: number
  scaffoldLevel: number
  predictedSuccess: number
  /** Why this task, in a student's plain words: "A bit harder: you got the last three right". */
  why: string
  /** The task is part of the placement (skippable with skipPlacement()). */
  placement: boolean
}

export interface LevelChange {
  skill: SkillId
  from: number
  to: number
}

export interface Submitted {
  assessment: Assessment
  /** P(L) of the task's skill after this attempt. */
  mastery: number
  masteryBefore: number
  /** Whether this attempt updated the learner model (only a task's first attempt or hint does). */
  counted: boolean
  /** Skills declared mastered by this attempt. */
  newlyMastered: SkillId[]
  newlyUnlocked: SkillId[]
  alerts: StruggleAlert[]
  /** The level step this attempt caused on the task's skill (at most one per task), or null. */
  levelChange: LevelChange | null
}

export interface Tutor {
  next(choice?: { skill?: SkillId }): Presented
  submit(attempt: unknown, interaction?: InteractionSummary): Submitted
  /** The next hint for the current task, or null (none left, no task, assessment mode). */
  requestHint(): { text: string; index: number } | null
  /**
   * Shows the open task's solution and ends the task for grading: later answers to it are not
   * marked correct. Asked for before any attempt, it counts as a wrong first attempt, as a hint
   * does. Null with no task open, and in assessment mode.
   */
  revealSolution(): string | null
  /** Whether the placement is still running (the next task would be a placement task). */
  inPlacement(): boolean
  /** Ends the placement: skills it placed keep their level, the rest start at the easiest. */
  skipPlacement(): void
  /** The level each skill is at (0 before its first task). */
  levelBySkill(): Record<SkillId, number>
  /** Skills declared mastered, in scene order. */
  masteredSkills(): SkillId[]
  /** Raises (once per task) and returns an idle alert when the student has not acted for a while. */
  checkIdle(): StruggleAlert | null
  /** Returns the skill the tasks will practise on the way there (the goal itself once it is open), or null. */
  setGoal(skill: SkillId, targetMastery?: number): SkillId | null
  /** The student's goal (kept once reached, so it can be shown as reached), or null. */
  goal(): { skill: SkillId; targetMastery: number } | null
  /** Back to the tutor's own order. */
  clearGoal(): void
  unlockedSkills(): SkillId[]
  masteryBySkill(): Record<SkillId, number>
  /** Every skill declared mastered. */
  done(): boolean
  currentTask(): TaskBase | null
  end(reason?: 'completed' | 'suspended' | 'terminated'): void
  /** A deep copy of the learner state, plain JSON. */
  snapshot(): LearnerState
}

interface OpenTask {
  task: TaskBase
  ref: TaskRef
  level: number
  scaffoldLevel: number
  support: number
  presentedAt: number
  lastActionAt: number
  hintsShown: number
  /** A hint or attempt already went into the learner model. */
  counted: boolean
  attempts: number
  solved: boolean
  /** The solution was shown: no later answer is marked correct. */
  revealed: boolean
  /** Every hint so far came faster than the hint-abuse threshold. */
  fastHints: boolean
  idleAlerted: boolean
  /** The first attempt was wrong and faster than the rapid-guess threshold. */
  rapidWrong: boolean
  /** Already added to the rapid-guess / hint-abuse window. */
  recorded: boolean
  /** Presented as a placement task. */
  placement: boolean
  /** The level step its first attempt or hint caused, if any. */
  levelChange: LevelChange | null
}

/** Placement tasks per skill, and skills a placement may touch: at most six tasks in all. */
export const PLACEMENT_TASKS_PER_SKILL = 3
export const PLACEMENT_MAX_SKILLS = 2
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']


export function createTutor(options: TutorOptions): Tutor {
  const { plugin, learner, rng, clock, emit } = options
  const policy = options.policy ?? {}
  const target = policy.targetSuccess ?? 0.8
  if (!(target > 0 && target < 1)) throw new Error(`createTutor: targetSuccess must lie in (0, 1), got ${target}`)
  const threshold = policy.masteryThreshold ?? MASTERY_THRESHOLD
  const masteryStreak = policy.masteryStreak ?? 4
  const assessmentMode = policy.assessmentMode ?? false
  const struggle: StruggleOptions = { ...DEFAULT_STRUGGLE, ...policy.struggle }
  const elo: EloOptions = { ...DEFAULT_ELO, ...policy.elo }
  const abilityOptions: AbilityOptions = { ...DEFAULT_ABILITY, ...policy.ability }
  const ladder = plugin.scaffolds
  const specs = new Map<SkillId, SkillSpec>(plugin.skills.map((s: SkillSpec) => [s.id, s]))
  const levelById = new Map<number, { level: number; difficulty: number }>(plugin.levels.map((l) => [l.level, l]))
  const minLevel = Math.min(...plugin.levels.map((l) => l.level))
  const maxLevel = Math.max(...plugin.levels.map((l) => l.level))
  const masteryLevelOf = (skill: SkillId) => specs.get(skill)?.masteryLevel ?? maxLevel
  for (const spec of plugin.skills as SkillSpec[]) {
    if (spec.masteryLevel !== undefined && !levelById.has(spec.masteryLevel)) throw new Error(`createTutor: ${spec.id} has mastery level ${spec.masteryLevel}, which the scene does not have`)
  }
  /** Mastery evidence needs little support: at most this much. */
  const MASTERY_MAX_SUPPORT = policy.masteryMaxSupport ?? 0
  // Placement runs at the first rung with at most half support (least support in assessment mode).
  const placementRung = assessmentMode ? ladder.length - 1 : Math.max(0, ladder.findIndex((r) => r.support <= 0.5))

  const params = new Map<SkillId, BktParams>()
  for (const spec of plugin.skills as SkillSpec[]) {
    const p = options.params?.[spec.id] ?? spec.bkt
    assertBktParams(p, `createTutor: BKT parameters of ${spec.id}`)
    params.set(spec.id, p)
  }
  if (policy.fixedSequence) {
    const { steps, scaffoldLevel } = policy.fixedSequence
    if (steps.length === 0) throw new Error('createTutor: fixedSequence needs at least one step')
    for (const step of steps) {
      if (!specs.has(step.skill)) throw new Error(`createTutor: fixedSequence names unknown skill ${step.skill}`)
      if (!levelById.has(step.level)) throw new Error(`createTutor: fixedSequence names unknown level ${step.level}`)
    }
    if (!ladder[scaffoldLevel]) throw new Error(`createTutor: fixedSequence scaffold level ${scaffoldLevel} is not on the ladder`)
  }

  const fresh = options.state === undefined || options.state === null
  const state: LearnerState = fresh ? createLearnerState(plugin, learner) : restoreLearnerState(options.state, plugin, learner)
  // Scratch parameters for scaffolded evidence: the update allocates nothing.
  const evidenceParams: BktParams = { prior: 0, learn: 0, guess: 0, slip: 0, forget: 0 }
  let open: OpenTask | null = null
  let currentSkill: SkillId | null = null
  let ended = false
  const firstSkill = (plugin.skills as SkillSpec[]).find((s) => s.prerequisites.length === 0)
  const middleLevel = plugin.levels[Math.floor((plugin.levels.length - 1) / 2)]!.level
  // The top level is earned in practice (three right below it, then mastery there): a placement
  // moves between the easiest level and the one below the top.
  const placementCeiling = Math.max(minLevel, maxLevel - 1)
  // A new learner gets a placement; a returning one only carries on one left under way.
  if (fresh && (policy.placement ?? true) && !policy.fixedSequence && firstSkill) {
    state.placement = { skill: firstSkill.id, level: middleLevel, answered: 0, total: 0, placed: [], lastCorrect: null }
  }
  if (policy.placement === false || policy.fixedSequence) state.placement = null
  /** Skills the placement set a level for (for the why line of their first task after it). */
  const placedSkills = new Set<SkillId>()
  /** Placed skills whose first task after the placement said so. */
  const announced = new Set<SkillId>()
  /** The last level step per skill, for the why line of its next task. */
  const lastStep = new Map<SkillId, { move: 'up' | 'down' | 'wheel-spinning' | 'wheel-spinning at the easiest'; rightHere?: number }>()
  /** Counted answers per skill since its level last moved (this session), for the why line. */
  const answersHere = new Map<SkillId, number>()

  const base = () => ({ at: clock.now(), learner, sceneId: plugin.id, sceneVersion: plugin.version })
  const nameOf = (skill: SkillId) => specs.get(skill)?.name ?? skill
  const raise = (alert: StruggleAlert, alerts: StruggleAlert[]) => {
    alerts.push(alert)
    emit({ ...base(), type: 'alert-raised', alert })
  }

  emit({ ...base(), type: 'session-started' })
  if (fresh) for (const spec of plugin.skills as SkillSpec[]) if (state.skills[spec.id]!.unlocked) emit({ ...base(), type: 'skill-unlocked', skill: spec.id })

  /** A skill's first answer starts its learning trend from this tutor's policy (a stored state knows only the defaults). */
  function startTrend(s: SkillState): void {
    if (s.opportunities > 0) return
    s.ratingTrend = abilityOptions.trendPrior
    s.trendVariance = abilityOptions.trendVariance
  }

  /** Applies one opportunity's evidence for every skill it names; returns the skills touched. */
  function applyEvidence(task: OpenTask, evidence: readonly { skill: SkillId; correct: boolean }[], alerts: StruggleAlert[], missInTolerances?: number): void {
    const now = clock.now()
    const seen = new Set<SkillId>()
    for (const { skill, correct } of evidence) {
      const s = state.skills[skill]
      if (!s || seen.has(skill)) continue
      seen.add(skill)
      scaffoldedParams(params.get(skill)!, task.support, evidenceParams, levelEase(task.level, minLevel, masteryLevelOf(skill)))
      s.pMastery = bktUpdate(evidenceParams, s.pMastery, correct ? 1 : 0)
      if (skill === task.task.skill) {
        const level = levelById.get(task.level)!
        startTrend(s)
        // How far off the answer was, where the scene says, grades the evidence for the level choice (P(L) stays binary).
        const answer = missInTolerances === undefined ? (correct ? 1 : 0) : { correct, missInTolerances }
        trackAbility(s, level.difficulty, task.support, answer, now, abilityOptions, elo)
        const atMasteryLevel = task.level >= masteryLevelOf(skill) && task.support <= MASTERY_MAX_SUPPORT
        s.masteryLevelStreak = correct && atMasteryLevel ? s.masteryLevelStreak + 1 : 0
        const alert = recordOpportunity(s, correct, skill, nameOf(skill), struggle)
        if (alert) raise(alert, alerts)
        if (task.placement) placeAnswer(task, correct)
        else if (!policy.fixedSequence) climb(task, s, correct, alert !== null && alert.kind === 'wheel-spinning')
      }
      s.lastPracticedAt = now
    }
  }

  function moveLevel(task: OpenTask, s: LearnerState['skills'][SkillId], to: number): void {
    const from = s.level
    s.level = to
    s.levelCredit = 0
    task.levelChange = { skill: task.task.skill, from, to }
    emit({ ...base(), type: 'level-changed', skill: task.task.skill, from, to })
  }

  /** The rung the skill's next task will get (chooseScaffold on the state after this answer). */
  function nextRung(s: SkillState, hintsOnLastTask: number): number {
    return chooseScaffold({ mastery: s.pMastery, consecutiveErrors: s.consecutiveErrors, hintsOnLastTask, struggling: s.struggling, previousRung: s.scaffoldLevel, ladderLength: ladder.length, assessmentMode }).rung
  }

  /** The level whose predicted success, at the next task's support, is closest to the target: at most one step from `from`. */
  function levelFor(s: Pick<SkillState, 'rating'>, support: number, from: number): number {
    return chooseLevel(s.rating, plugin.levels, support, target, from, 1, elo).level
  }

  /**
   * The level after a counted answer at the skill's current level: the ability filter's choice,
   * at most one step per task; wheel-spinning takes one level easier whatever it says.
   */
  function climb(task: OpenTask, s: SkillState, correct: boolean, wheelSpinning: boolean): void {
    if (task.level !== s.level) return
    // Success against the target since arriving at this level: mastery needs it >= 0 at the top.
    s.levelCredit = Math.max(-100, Math.min(100, s.levelCredit + (correct ? 1 - target : -target)))
    const support = ladder[nextRung(s, task.hintsShown)]!.support
    let to = levelFor(s, support, s.level)
    if (s.correct === s.opportunities || s.correct === 0) {
      // Start-up, as a CAT steps before a response pattern has both a right and a wrong answer
      // (the ability estimate has no maximum yet): three right since arriving at this level step
      // up, two wrong step down, as the staircase did (Levitt 1971); the estimate is brought to
      // where it predicts the target there, so that one slip does not undo the step.
      const arrived = { level: s.level, levelCredit: s.levelCredit - (correct ? 1 - target : -target) }
      const move = stepLadder(arrived, correct, target, minLevel, maxLevel, DEFAULT_LADDER)
      if (move) {
        to = arrived.level
        const atTarget = levelById.get(to)!.difficulty - elo.supportBonus * support + logit(target)
        s.rating = move === 'up' ? Math.max(s.rating, atTarget) : Math.min(s.rating, atTarget)
      }
    }
    // A step follows the answer's direction: never harder after a wrong answer (when more
    // support alone would make the filter pick a harder level), never easier after a right one.
    to = correct ? Math.max(to, s.level) : Math.min(to, s.level)
    // Until the skill is mastered there is no call to go past its mastery level.
    if (!s.mastered) to = Math.min(to, Math.max(s.level, masteryLevelOf(task.task.skill)))
    if (wheelSpinning) to = Math.max(minLevel, Math.min(to, s.level - 1))
    const here = (answersHere.get(task.task.skill) ?? 0) + 1
    answersHere.set(task.task.skill, here)
    if (to !== s.level) {
      moveLevel(task, s, to)
      answersHere.set(task.task.skill, 0)
      lastStep.set(task.task.skill, { move: wheelSpinning ? 'wheel-spinning' : to > task.level ? 'up' : 'down', rightHere: Math.min(here, s.correctStreak) })
    } else if (wheelSpinning) lastStep.set(task.task.skill, { move: 'wheel-spinning at the easiest' })
  }

  /** Right answers in a row at this level, at this support, before the filter steps up (null: more than five). */
  function rightToClimb(s: SkillState, level: number, support: number): number | null {
    if (level >= maxLevel) return null
    const copy = { ...s }
    const difficulty = levelById.get(level)!.difficulty
    for (let n = 1; n <= 5; n++) {
      startTrend(copy)
      trackAbility(copy, difficulty, support, 1, copy.lastPracticedAt ?? 0, abilityOptions, elo)
      copy.opportunities++
      copy.correct++
      copy.levelCredit += 1 - target
      if (levelFor(copy, support, level) > level) return n
      // The start-up rule: three right since arriving, while every answer so far was right.
      if (copy.correct === copy.opportunities && copy.levelCredit >= DEFAULT_LADDER.climbAfter * (1 - target) - 1e-9) return n
    }
    return null
  }

  /** Where a new skill starts: the mean starting ability of the student's practised skills, or null. */
  function startingAbility(skill: SkillId): number | null {
    const starts = (plugin.skills as SkillSpec[]).filter((spec) => spec.id !== skill && state.skills[spec.id]!.opportunities >= 5).map((spec) => state.skills[spec.id]!.rating - state.skills[spec.id]!.ratingGrowth)
    return starts.length === 0 ? null : starts.reduce((a, b) => a + b, 0) / starts.length
  }

  /** Placement: one level up or down by each answer; after a skill's last task, on to the next or done. */
  function placeAnswer(task: OpenTask, correct: boolean): void {
    if (!state.placement) return
    const skill = task.task.skill
    const s = state.skills[skill]!
    state.placement.answered++
    state.placement.total++
    state.placement.lastCorrect = correct
    const to = correct ? Math.min(placementCeiling, state.placement.level + 1) : Math.max(minLevel, state.placement.level - 1)
    const rightAtCeiling = correct && state.placement.level === placementCeiling
    if (to !== s.level) moveLevel(task, s, to)
    state.placement.level = to
    if (state.placement.answered < PLACEMENT_TASKS_PER_SKILL) return
    placedSkills.add(skill)
    state.placement.placed.push(skill)
    // On to a skill that builds on the placed ones, only if this one ended right at the ceiling.
    const nextSkill = rightAtCeiling && state.placement.placed.length < PLACEMENT_MAX_SKILLS
      ? (plugin.skills as SkillSpec[]).find((spec) => !state.placement!.placed.includes(spec.id) && spec.prerequisites.length > 0 && spec.prerequisites.every((pre) => state.placement!.placed.includes(pre)))
      : undefined
    if (nextSkill) state.placement = { ...state.placement, skill: nextSkill.id, level: middleLevel, answered: 0 }
    else endPlacement()
  }

  function endPlacement(): void {
    state.placement = null
  }

  /** Ends the placement early: the skill it was placing starts over at the easiest level. */
  function skipPlacement(): void {
    if (!state.placement) return
    const s = state.skills[state.placement.skill]!
    if (!state.placement.placed.includes(state.placement.skill) && s.opportunities === 0 && s.level > 0) {
      s.level = 0
      s.levelCredit = 0
    } else if (!state.placement.placed.includes(state.placement.skill)) placedSkills.add(state.placement.skill)
    endPlacement()
  }

  function declareAndUnlock(): { mastered: SkillId[]; unlocked: SkillId[] } {
    const mastered: SkillId[] = []
    for (const spec of plugin.skills as SkillSpec[]) {
      const s = state.skills[spec.id]!
      // Mastery means the hard version: the streak counts only answers at the mastery level.
      // and, at that level, success at least as often as the target since the last step there
      // (ladder credit >= 0): a slip at the top is made up before mastery is declared.
      if (!s.mastered && s.pMastery >= threshold && s.masteryLevelStreak >= masteryStreak && (s.level < masteryLevelOf(spec.id) || s.levelCredit >= -1e-9)) {
        s.mastered = true
        mastered.push(spec.id)
        emit({ ...base(), type: 'skill-mastered', skill: spec.id, mastery: s.pMastery })
      }
    }
    const unlocked = unlockReady(plugin.skills, state, threshold)
    for (const skill of unlocked) emit({ ...base(), type: 'skill-unlocked', skill })
    return { mastered, unlocked }
  }

  function closeOpenTask(alerts: StruggleAlert[]): void {
    if (!open || open.recorded || !open.counted) return
    open.recorded = true
    state.skills[open.task.skill]!.hintsOnLastTask = open.hintsShown
    const hintAbuse = open.hintsShown > 0 && open.fastHints && open.hintsShown >= plugin.hints(open.task, open.scaffoldLevel).length
    const alert = recordRecentTask(state.recent, { skill: open.task.skill, rapidWrong: open.rapidWrong, hintAbuse }, nameOf(open.task.skill), struggle)
    if (alert) raise(alert, alerts)
  }

  function chooseSkill(choice?: { skill?: SkillId }): SkillId {
    if (choice?.skill !== undefined) {
      const s = state.skills[choice.skill]
      if (!s) throw new Error(`tutor.next: unknown skill ${choice.skill} (scene ${plugin.id} has ${[...specs.keys()].join(', ')})`)
      if (!s.unlocked) {
        const missing = specs.get(choice.skill)!.prerequisites.filter((p) => !state.skills[p]!.mastered)
        throw new Error(`tutor.next: ${choice.skill} is locked until ${missing.map(nameOf).join(' and ')} reach mastery`)
      }
      return choice.skill
    }
    return pickSkill(plugin.skills, state, currentSkill, threshold)
  }

  const placementMax = PLACEMENT_TASKS_PER_SKILL * PLACEMENT_MAX_SKILLS

  function placementWhy(p: PlacementState): string {
    const count = `task ${p.total + 1} of up to ${placementMax}`
    if (p.lastCorrect === null) return `Placement (${count}): a quick check of where to start. Do your best; you can skip it.`
    if (p.answered === 0) return `Placement (${count}): you did well, so now a look at ${nameOf(p.skill)}.`
    return p.lastCorrect ? `Placement (${count}): right, so a harder one.` : `Placement (${count}): an easier one, to find your starting point.`
  }

  /** The student's reason for a practice task: the level step first, then a change of support. */
  function practiceWhy(skill: SkillId, level: number, rung: number, chosen: boolean): string {
    const s = state.skills[skill]!
    const step = lastStep.get(skill)
    const rungName = ladder[rung]!.name
    const moreSupport = s.scaffoldLevel >= 0 && rung < s.scaffoldLevel
    const lessSupport = s.scaffoldLevel >= 0 && rung > s.scaffoldLevel
    const withSupport = moreSupport ? `, with more help (${rungName.toLowerCase()})` : ''
    const atTop = level >= masteryLevelOf(skill)
    if (step?.move === 'wheel-spinning') return `A step back, with more help (${rungName.toLowerCase()}): a different way in often helps when practice is not sticking.`
    if (step?.move === 'wheel-spinning at the easiest') return `More help (${rungName.toLowerCase()}): a different way in often helps when practice is not sticking.`
    const rightHere = step?.rightHere ?? 0
    if (step?.move === 'up') return `A bit harder: ${rightHere >= 2 ? `you got the last ${NUMBER_WORDS[rightHere] ?? rightHere} right` : 'you are getting these right'}. Level ${level}${atTop ? ', the top level' : ''}.`
    if (step?.move === 'down') return `Back to level ${level}${withSupport}: let's rebuild this step.`
    if (placedSkills.has(skill) && !announced.has(skill)) {
      announced.add(skill)
      return `Starting ${nameOf(skill)} at level ${level}, where your placement put you${withSupport}.`
    }
    if (s.opportunities === 0) {
      return chosen ? `Your choice: ${nameOf(skill)}, starting at level ${level}.` : `A new skill: ${nameOf(skill)}, starting at level ${level}.`
    }
    if (s.mastered) return `Review: keeping ${nameOf(skill)} fresh at level ${level}.`
    if (atTop) {
      if (ladder[rung]!.support > MASTERY_MAX_SUPPORT) return `Top level, with some help for now: ${masteryStreak} right in a row on your own will show you have mastered it.`
      if (s.levelCredit < -1e-9) return 'Top level: a few more right here will show you have mastered it.'
      const needed = Math.max(1, masteryStreak - s.masteryLevelStreak)
      return `Top level: ${needed === 1 ? 'one more right' : `${needed} right in a row`} here will show you have mastered it.`
    }
    if (moreSupport) return `More help this time (${rungName.toLowerCase()}): the last ones were tricky.`
    if (lessSupport) return `Less help now (${rungName.toLowerCase()}): you are doing more on your own.`
    const toGo = rightToClimb(s, level, ladder[rung]!.support)
    return `Level ${level}: ${toGo === 1 ? 'one more right' : toGo !== null ? `${toGo} right in a row` : 'a few more right'} and it gets harder.`
  }

  const tutor: Tutor = {
    next(choice) {
      if (ended) throw new Error('tutor.next: the session has ended')
      const alerts: StruggleAlert[] = []
      closeOpenTask(alerts)
      // A skill the student picks ends the placement: they chose where to work.
      if (state.placement && choice?.skill !== undefined) skipPlacement()
      let skill: SkillId
      let level: number
      let rung: number
      let reason: string
      let why: string
      const inPlacement = state.placement !== null
      if (policy.fixedSequence) {
        const step = policy.fixedSequence.steps[state.tasksPresented % policy.fixedSequence.steps.length]!
        skill = step.skill
        level = step.level
        rung = policy.fixedSequence.scaffoldLevel
        reason = 'fixed sequence'
        why = 'The next task in the fixed sequence.'
      } else if (state.placement) {
        skill = state.placement.skill
        level = state.placement.level
        rung = placementRung
        reason = 'placement'
        why = placementWhy(state.placement)
      } else {
        skill = chooseSkill(choice)
        const s = state.skills[skill]!
        const scaffold = chooseScaffold({
          mastery: s.pMastery,
          consecutiveErrors: s.consecutiveErrors,
          hintsOnLastTask: s.hintsOnLastTask,
          struggling: s.struggling,
          previousRung: s.scaffoldLevel,
          ladderLength: ladder.length,
          assessmentMode,
        })
        rung = scaffold.rung
        reason = scaffold.reason
        if (s.level === 0 && s.opportunities === 0) {
          // A new skill starts where the student's other skills started, when there are some.
          const start = startingAbility(skill)
          if (start !== null) {
            s.rating = start
            s.level = chooseLevel(start, plugin.levels, ladder[rung]!.support, target, 0, 1, elo).level
          }
        }
        level = s.level > 0 ? s.level : minLevel
        if (level === minLevel && !assessmentMode) {
          // Below the easiest level, support is the only way down: more of it while the filter predicts success under the target.
          const easiest = levelById.get(level)!.difficulty
          const policyRung = rung
          while (rung > 0 && predictSuccess(s.rating, easiest, ladder[rung]!.support, elo) < target) rung--
          if (rung < policyRung) reason = `${reason}, easiest level and success predicted under ${target}: more support`
        }
        why = practiceWhy(skill, level, rung, choice?.skill !== undefined)
      }
      const s = state.skills[skill]!
      if (s.scaffoldLevel >= 0 && s.scaffoldLevel !== rung) emit({ ...base(), type: 'scaffold-changed', skill, from: s.scaffoldLevel, to: rung, reason })
      // The ladder's steps are announced when they happen (submit); the fixed sequence's here.
      if (policy.fixedSequence && s.level > 0 && s.level !== level) emit({ ...base(), type: 'level-changed', skill, from: s.level, to: level })
      s.scaffoldLevel = rung
      // A skill's first level is a start, not a change: no level-changed event for it.
      s.level = level
      lastStep.delete(skill)
      currentSkill = skill
      const task = plugin.generate(skill, level, rng) as TaskBase
      const support = ladder[rung]!.support
      const predictedSuccess = predictSuccess(s.rating, levelById.get(level)!.difficulty, support, elo)
      const now = clock.now()
      const ref: TaskRef = { id: task.id, skill, level, kind: task.kind, seed: task.seed, prompt: task.prompt }
      open = { task, ref, level, scaffoldLevel: rung, support, presentedAt: now, lastActionAt: now, hintsShown: 0, counted: false, attempts: 0, solved: false, revealed: false, fastHints: true, idleAlerted: false, rapidWrong: false, recorded: false, placement: inPlacement, levelChange: null }
      state.tasksPresented++
      emit({ ...base(), type: 'task-presented', task: ref, scaffoldLevel: rung, predictedSuccess })
      return { task, skill, level, scaffoldLevel: rung, predictedSuccess, why, placement: inPlacement }
    },

    submit(attempt, interaction) {
      if (!open) throw new Error('tutor.submit: no task is open; call next() first')
      const task = open
      const graded = plugin.assess(task.task, attempt)
      // After the solution was shown, or past assessment mode's one answer, an answer is recorded but not marked right.
      const closed = task.revealed ? 'The solution was shown for this task, so this answer is not marked. Go on to the next task.'
        : assessmentMode && task.attempts >= 1 ? 'Each task takes one answer in assessment mode. Go on to the next task.'
          : null
      const assessment: Assessment = closed ? { correct: false, score: 0, evidence: graded.evidence.map((e) => ({ ...e, correct: false })), feedback: closed } : graded
      const now = clock.now()
      const skill = state.skills[task.task.skill]!
      const masteryBefore = skill.pMastery
      const alerts: StruggleAlert[] = []
      const counted = !task.counted
      if (counted) {
        task.counted = true
        task.rapidWrong = !assessment.correct && now - task.presentedAt < struggle.rapidGuessMs
        applyEvidence(task, assessment.evidence.length > 0 ? assessment.evidence : [{ skill: task.task.skill, correct: assessment.correct }], alerts, assessment.missInTolerances)
      }
      task.attempts++
      task.lastActionAt = now
      if (assessment.correct) task.solved = true
      const masteryAfter = skill.pMastery
      emit({
        ...base(),
        type: 'attempt-assessed',
        task: task.ref,
        scaffoldLevel: task.scaffoldLevel,
        response: plugin.formatResponse(task.task, attempt),
        correct: assessment.correct,
        score: assessment.score,
        evidence: assessment.evidence,
        feedback: assessment.feedback,
        ...(assessment.misconception ? { misconception: assessment.misconception } : {}),
        durationMs: now - task.presentedAt,
        hintsUsed: task.hintsShown,
        masteryBefore,
        masteryAfter,
        ...(interaction ? { interaction } : {}),
      })
      const { mastered, unlocked } = declareAndUnlock()
      if (assessment.correct) closeOpenTask(alerts)
      return { assessment, mastery: masteryAfter, masteryBefore, counted, newlyMastered: mastered, newlyUnlocked: unlocked, alerts, levelChange: counted ? task.levelChange : null }
    },

    requestHint() {
      if (!open || assessmentMode) return null
      const task = open
      const hints = plugin.hints(task.task, task.scaffoldLevel)
      if (task.hintsShown >= hints.length) return null
      const now = clock.now()
      if (now - task.lastActionAt >= struggle.hintAbuseMs) task.fastHints = false
      const index = task.hintsShown++
      task.lastActionAt = now
      emit({ ...base(), type: 'hint-requested', task: task.ref, hintIndex: index, scaffoldLevel: task.scaffoldLevel })
      if (!task.counted) {
        // OATutor's rule: a hint before any attempt counts as a wrong first attempt.
        task.counted = true
        const alerts: StruggleAlert[] = []
        applyEvidence(task, [{ skill: task.task.skill, correct: false }], alerts)
        declareAndUnlock()
      }
      return { text: hints[index]!, index }
    },

    revealSolution() {
      if (!open || assessmentMode) return null
      const task = open
      task.lastActionAt = clock.now()
      if (!task.counted) {
        task.counted = true
        applyEvidence(task, [{ skill: task.task.skill, correct: false }], [])
        declareAndUnlock()
      }
      task.revealed = true
      return plugin.solution?.(task.task) ?? `One right answer: ${plugin.formatResponse(task.task, plugin.referenceSolution(task.task))}.`
    },

    inPlacement: () => state.placement !== null,

    skipPlacement() {
      skipPlacement()
    },

    masteredSkills: () => (plugin.skills as SkillSpec[]).filter((s) => state.skills[s.id]!.mastered).map((s) => s.id),

    levelBySkill: () => Object.fromEntries((plugin.skills as SkillSpec[]).map((s) => [s.id, state.skills[s.id]!.level])),

    checkIdle() {
      if (!open || open.solved || open.idleAlerted) return null
      const alert = idleAlert(open.lastActionAt, clock.now(), open.task.skill, nameOf(open.task.skill), struggle)
      if (!alert) return null
      open.idleAlerted = true
      emit({ ...base(), type: 'alert-raised', alert })
      return alert
    },

    setGoal(skill, targetMastery = threshold) {
      if (!state.skills[skill]) throw new Error(`tutor.setGoal: unknown skill ${skill}`)
      if (!(targetMastery > 0 && targetMastery <= 1)) throw new Error(`tutor.setGoal: targetMastery must lie in (0, 1], got ${targetMastery}`)
      state.goal = { skill, targetMastery }
      emit({ ...base(), type: 'goal-set', skill, targetMastery })
      return nextTowardGoal(plugin.skills, state, skill, threshold)
    },

    goal: () => (state.goal ? { ...state.goal } : null),

    clearGoal() {
      state.goal = null
    },

    unlockedSkills: () => (plugin.skills as SkillSpec[]).filter((s) => state.skills[s.id]!.unlocked).map((s) => s.id),
    masteryBySkill: () => Object.fromEntries((plugin.skills as SkillSpec[]).map((s) => [s.id, state.skills[s.id]!.pMastery])),
    done: () => allMastered(plugin.skills, state, threshold),
    currentTask: () => open?.task ?? null,

    end(reason = 'completed') {
      if (ended) return
      closeOpenTask([])
      ended = true
      emit({ ...base(), type: 'session-ended', reason })
    },

    snapshot: () => JSON.parse(JSON.stringify(state)) as LearnerState,
  }
  return tutor
}
