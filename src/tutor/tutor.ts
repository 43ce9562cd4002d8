/**
 * The tutor loop, pure: pick skill + level + scaffold -> generate a task (scene plug-in) ->
 * assess an attempt -> update the learner model -> emit TutorEvents for telemetry.
 * Deterministic given the injected rng and clock: the same calls give the same events.
 */
import type { AnyPlugin, Assessment, BktParams, Clock, InteractionSummary, Rng, SkillId, SkillSpec, StruggleAlert, TaskBase, TaskRef, TutorEvent } from '../core'
import { assertBktParams, bktUpdate } from '../learner/bkt'
import { chooseLevel, DEFAULT_ELO, predictSuccess, updateRating, type EloOptions } from '../learner/difficulty'
import { allMastered, MASTERY_THRESHOLD, nextTowardGoal, pickSkill, unlockReady } from '../learner/progression'
import { chooseScaffold, scaffoldedParams } from '../learner/scaffold'
import { createLearnerState, restoreLearnerState, type LearnerState } from '../learner/state'
import { DEFAULT_STRUGGLE, idleAlert, recordOpportunity, recordRecentTask, type StruggleOptions } from '../learner/struggle'

export interface TutorPolicy {
  /** Success rate the level choice aims at. Default 0.8; per class. */
  targetSuccess?: number
  /** P(L) at which prerequisites unlock a skill and mastery can be declared. Default 0.95. */
  masteryThreshold?: number
  /**
   * Correct first attempts in a row also needed before declaring mastery. Default 2: BKT alone
   * at 0.95 declares some students one answer early; see README, "Declaring mastery".
   */
  masteryStreak?: number
  /** Locks scaffolds at the least support, turns hints and the solution off, and takes one answer per task. */
  assessmentMode?: boolean
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
}

export function createTutor(options: TutorOptions): Tutor {
  const { plugin, learner, rng, clock, emit } = options
  const policy = options.policy ?? {}
  const target = policy.targetSuccess ?? 0.8
  if (!(target > 0 && target < 1)) throw new Error(`createTutor: targetSuccess must lie in (0, 1), got ${target}`)
  const threshold = policy.masteryThreshold ?? MASTERY_THRESHOLD
  const masteryStreak = policy.masteryStreak ?? 2
  const assessmentMode = policy.assessmentMode ?? false
  const struggle: StruggleOptions = { ...DEFAULT_STRUGGLE, ...policy.struggle }
  const elo: EloOptions = { ...DEFAULT_ELO, ...policy.elo }
  const ladder = plugin.scaffolds
  const specs = new Map<SkillId, SkillSpec>(plugin.skills.map((s: SkillSpec) => [s.id, s]))
  const levelById = new Map<number, { level: number; difficulty: number }>(plugin.levels.map((l) => [l.level, l]))

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

  const base = () => ({ at: clock.now(), learner, sceneId: plugin.id, sceneVersion: plugin.version })
  const nameOf = (skill: SkillId) => specs.get(skill)?.name ?? skill
  const raise = (alert: StruggleAlert, alerts: StruggleAlert[]) => {
    alerts.push(alert)
    emit({ ...base(), type: 'alert-raised', alert })
  }

  emit({ ...base(), type: 'session-started' })
  if (fresh) for (const spec of plugin.skills as SkillSpec[]) if (state.skills[spec.id]!.unlocked) emit({ ...base(), type: 'skill-unlocked', skill: spec.id })

  /** Applies one opportunity's evidence for every skill it names; returns the skills touched. */
  function applyEvidence(task: OpenTask, evidence: readonly { skill: SkillId; correct: boolean }[], alerts: StruggleAlert[]): void {
    const now = clock.now()
    const seen = new Set<SkillId>()
    for (const { skill, correct } of evidence) {
      const s = state.skills[skill]
      if (!s || seen.has(skill)) continue
      seen.add(skill)
      scaffoldedParams(params.get(skill)!, task.support, evidenceParams)
      s.pMastery = bktUpdate(evidenceParams, s.pMastery, correct ? 1 : 0)
      if (skill === task.task.skill) {
        const level = levelById.get(task.level)!
        updateRating(s, level.difficulty, task.support, correct ? 1 : 0, now, elo)
        const alert = recordOpportunity(s, correct, skill, nameOf(skill), struggle)
        if (alert) raise(alert, alerts)
      }
      s.lastPracticedAt = now
    }
  }

  function declareAndUnlock(): { mastered: SkillId[]; unlocked: SkillId[] } {
    const mastered: SkillId[] = []
    for (const spec of plugin.skills as SkillSpec[]) {
      const s = state.skills[spec.id]!
      if (!s.mastered && s.pMastery >= threshold && s.correctStreak >= masteryStreak) {
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
        const missing = specs.get(choice.skill)!.prerequisites.filter((p) => state.skills[p]!.pMastery < threshold)
        throw new Error(`tutor.next: ${choice.skill} is locked until ${missing.map(nameOf).join(' and ')} reach mastery`)
      }
      return choice.skill
    }
    return pickSkill(plugin.skills, state, currentSkill, threshold)
  }

  const tutor: Tutor = {
    next(choice) {
      if (ended) throw new Error('tutor.next: the session has ended')
      const alerts: StruggleAlert[] = []
      closeOpenTask(alerts)
      let skill: SkillId
      let level: number
      let rung: number
      let reason: string
      if (policy.fixedSequence) {
        const step = policy.fixedSequence.steps[state.tasksPresented % policy.fixedSequence.steps.length]!
        skill = step.skill
        level = step.level
        rung = policy.fixedSequence.scaffoldLevel
        reason = 'fixed sequence'
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
        const picked = chooseLevel(s.rating, plugin.levels, ladder[rung]!.support, target, s.level, 1, elo)
        // Wheel-spinning: a change of tactic, one level easier than the rating suggests.
        level = s.struggling ? Math.max(plugin.levels[0]!.level, picked.level - 1) : picked.level
      }
      const s = state.skills[skill]!
      if (s.scaffoldLevel >= 0 && s.scaffoldLevel !== rung) emit({ ...base(), type: 'scaffold-changed', skill, from: s.scaffoldLevel, to: rung, reason })
      if (s.level > 0 && s.level !== level) emit({ ...base(), type: 'level-changed', skill, from: s.level, to: level })
      s.scaffoldLevel = rung
      s.level = level
      currentSkill = skill
      const task = plugin.generate(skill, level, rng) as TaskBase
      const support = ladder[rung]!.support
      const predictedSuccess = predictSuccess(s.rating, levelById.get(level)!.difficulty, support, elo)
      const now = clock.now()
      const ref: TaskRef = { id: task.id, skill, level, kind: task.kind, seed: task.seed, prompt: task.prompt }
      open = { task, ref, level, scaffoldLevel: rung, support, presentedAt: now, lastActionAt: now, hintsShown: 0, counted: false, attempts: 0, solved: false, revealed: false, fastHints: true, idleAlerted: false, rapidWrong: false, recorded: false }
      state.tasksPresented++
      emit({ ...base(), type: 'task-presented', task: ref, scaffoldLevel: rung, predictedSuccess })
      return { task, skill, level, scaffoldLevel: rung, predictedSuccess }
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
        applyEvidence(task, assessment.evidence.length > 0 ? assessment.evidence : [{ skill: task.task.skill, correct: assessment.correct }], alerts)
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
      return { assessment, mastery: masteryAfter, masteryBefore, counted, newlyMastered: mastered, newlyUnlocked: unlocked, alerts }
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
