import { createStore } from 'zustand/vanilla'
import type { AnyPlugin, Assessment, InteractionSummary, SkillId, TaskBase, TutorEvent } from '../../core'
import { foldedThrough, type FoldedAnswers } from '../../shared/learnerFold'
import type { TutorPolicy } from '../../tutor/tutor'

/** What the lab page needs from the tutor loop (src/tutor). */
export interface LabTutor {
  next(choice?: { skill?: SkillId }): { task: TaskBase; scaffoldLevel: number; predictedSuccess: number; why: string; placement: boolean }
  submit(attempt: unknown, interaction?: InteractionSummary): {
    assessment: Assessment
    newlyMastered: SkillId[]
    newlyUnlocked: SkillId[]
    levelChange: { skill: SkillId; from: number; to: number } | null
  }
  requestHint(): { text: string; index: number } | null
  /** The open task's solution, closing it to grading; null in assessment mode. */
  revealSolution(): string | null
  /** The level each skill has reached (0 before its first task). */
  levelBySkill(): Record<SkillId, number>
  masteredSkills(): SkillId[]
  skipPlacement(): void
  masteryBySkill(): Record<SkillId, number>
  unlockedSkills(): SkillId[]
  checkIdle(): void
  /** Returns the skill the tasks will practise on the way to the goal, or null. */
  setGoal(skill: SkillId): SkillId | null
  goal(): LearnerGoal | null
  clearGoal(): void
  /** The run is over (the student left the lab): emits session-ended. */
  end(reason: 'completed' | 'suspended' | 'terminated'): void
  snapshot(): unknown
}

export type TutorFactory = (args: {
  plugin: AnyPlugin
  learner: string
  savedState: unknown
  emit(event: TutorEvent): void
  /** The teacher's target success rate and assessment mode, at a station. */
  policy?: TutorPolicy
}) => LabTutor

export interface LearnerGoal {
  skill: SkillId
  targetMastery: number
}

/** A moment worth marking: the level went up, a skill was mastered, a new skill opened. */
export interface TutorMoment {
  kind: 'level-up' | 'mastered' | 'unlocked'
  text: string
  /** Counts up with each moment, so the same words twice still show anew. */
  id: number
}

export interface LabSessionState {
  status: 'idle' | 'ready' | 'error'
  error?: string
  plugin?: AnyPlugin
  learner?: string
  task?: TaskBase
  scaffoldLevel: number
  predictedSuccess: number
  /** Why the tutor chose this task, in the student's words. */
  why: string
  /** The task is part of the placement (the student may skip the rest). */
  placement: boolean
  /** The last moment, shown until the next answer. */
  moment: TutorMoment | null
  lastAssessment?: Assessment
  /** The student's last answer as text, for the feedback line and screen readers. */
  lastResponse?: string
  /** Hints shown for the current task, in order. */
  hints: string[]
  /** Hints the current task still has at this rung; 0 in assessment mode. */
  hintsLeft: number
  /** Wrong answers to the current task so far. */
  wrongTries: number
  /** The current task's solution, once the student asked to see it. */
  solution?: string
  /** The teacher's assessment mode: one answer per task, no hints, no solution. */
  assessmentMode: boolean
  mastery: Record<SkillId, number>
  /** The level each skill has reached (0 before its first task). */
  levels: Record<SkillId, number>
  /** Skills the tutor declared mastered (at their top level). */
  mastered: SkillId[]
  unlocked: SkillId[]
  /** The skill the student chose to work toward; the tutor leads there through its prerequisites. */
  goal: LearnerGoal | null
  /** Attempts in this lab run. */
  attempts: number
  /** Every tutor event of this run, oldest first (telemetry reads from here). */
  events: TutorEvent[]
  /** This lab run's id, also the xAPI registration of its statements. */
  runId: string
}

const initial: LabSessionState = {
  status: 'idle',
  scaffoldLevel: 0,
  predictedSuccess: 0,
  why: '',
  placement: false,
  moment: null,
  hints: [],
  hintsLeft: 0,
  wrongTries: 0,
  assessmentMode: false,
  mastery: {},
  levels: {},
  mastered: [],
  unlocked: [],
  goal: null,
  attempts: 0,
  events: [],
  runId: '',
}

/** Wrong answers after which the student is offered the solution. */
export const WRONG_TRIES_BEFORE_SOLUTION = 2

/** Whether the student may ask to see the current task's solution. */
export function canRevealSolution(s: Pick<LabSessionState, 'task' | 'assessmentMode' | 'solution' | 'lastAssessment' | 'wrongTries' | 'hints' | 'hintsLeft'>): boolean {
  if (!s.task || s.assessmentMode || s.solution !== undefined || s.lastAssessment?.correct) return false
  // After two wrong tries, or once the student has asked for every hint there is.
  return s.wrongTries >= WRONG_TRIES_BEFORE_SOLUTION || (s.hints.length > 0 && s.hintsLeft === 0)
}

/** Whether the current task still takes answers: not once its solution is shown, nor after assessment mode's one answer. */
export function takesAnswers(s: Pick<LabSessionState, 'task' | 'assessmentMode' | 'solution' | 'lastAssessment'>): boolean {
  return s.task !== undefined && s.solution === undefined && !(s.assessmentMode && s.lastAssessment !== undefined)
}

const learnerKey = (learner: string, sceneId: string) => `benchtop.learner.${learner}.${sceneId}`

function loadSaved(key: string): unknown {
  try {
    const text = localStorage.getItem(key)
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

/**
 * One lab run: a learner working through one simulation's tasks. Discrete state only (task,
 * assessment, mastery); per-frame values never pass through here.
 */
export interface LearnerStateStore {
  load(sceneId: string, learner: string): Promise<unknown>
  save(sceneId: string, learner: string, state: unknown): Promise<void>
}

/** This device only: localStorage. */
export const localLearnerStates: LearnerStateStore = {
  load: async (sceneId, learner) => loadSaved(learnerKey(learner, sceneId)),
  save: async (sceneId, learner, state) => localStorage.setItem(learnerKey(learner, sceneId), JSON.stringify(state)),
}

export function createLabSession(makeTutor: TutorFactory, states: LearnerStateStore = localLearnerStates) {
  let tutor: LabTutor | null = null
  let policy: TutorPolicy = {}
  /** A policy the teacher set while a task was open: the tutor takes it on at the next task. */
  let pendingPolicy: TutorPolicy | null = null
  const store = createStore<LabSessionState>()(() => initial)

  // Which delivered answers the loaded state already held (learnerFold.ts); this run's are added as it goes.
  let foldedBefore: FoldedAnswers | undefined
  const save = () => {
    const { plugin, learner, runId, events } = store.getState()
    if (!tutor || !plugin || !learner) return
    const lastEvidence = events.findLast((e) => e.type === 'attempt-assessed' || e.type === 'hint-requested')
    const snapshot = { ...(tutor.snapshot() as object), folded: foldedThrough(foldedBefore, runId, lastEvidence?.at) }
    // Always keep a local copy: the hub may be unreachable for a while.
    localStorage.setItem(learnerKey(learner, plugin.id), JSON.stringify(snapshot))
    if (states !== localLearnerStates) states.save(plugin.id, learner, snapshot).catch((e: Error) => console.warn(`Benchtop: progress not saved on the hub yet: ${e.message}`))
  }
  const emit = (event: TutorEvent) => store.setState((s) => ({ events: [...s.events, event] }))
  const refresh = () => {
    if (!tutor) return
    store.setState({ mastery: tutor.masteryBySkill(), levels: tutor.levelBySkill(), mastered: tutor.masteredSkills(), unlocked: tutor.unlockedSkills(), goal: tutor.goal() })
  }
  const hintsFor = (task: TaskBase, scaffoldLevel: number): number => {
    const { plugin } = store.getState()
    return policy.assessmentMode || !plugin ? 0 : plugin.hints(task, scaffoldLevel).length
  }
  const fresh = (task: TaskBase, scaffoldLevel: number) => ({ hints: [], hintsLeft: hintsFor(task, scaffoldLevel), wrongTries: 0, solution: undefined, assessmentMode: policy.assessmentMode ?? false })
  const applyPendingPolicy = () => {
    const { plugin, learner } = store.getState()
    if (!pendingPolicy || !tutor || !plugin || !learner) return
    policy = pendingPolicy
    pendingPolicy = null
    const savedState = tutor.snapshot()
    tutor.end('suspended')
    tutor = makeTutor({ plugin, learner, savedState, emit, policy })
  }
  const next = (skill?: SkillId) => {
    if (!tutor) return
    applyPendingPolicy()
    const { task, scaffoldLevel, predictedSuccess, why, placement } = tutor.next(skill ? { skill } : undefined)
    store.setState({ task, scaffoldLevel, predictedSuccess, why, placement, lastAssessment: undefined, lastResponse: undefined, ...fresh(task, scaffoldLevel) })
    refresh()
  }
  let moments = 0
  /** The moment an answer earned, the biggest first: mastery, then a new skill, then a level up. */
  const momentOf = (plugin: AnyPlugin, result: ReturnType<LabTutor['submit']>): TutorMoment | null => {
    const nameOf = (id: SkillId) => plugin.skills.find((s) => s.id === id)?.name ?? id
    const parts: string[] = []
    let kind: TutorMoment['kind'] | null = null
    if (result.newlyMastered.length > 0) {
      kind = 'mastered'
      parts.push(`Mastered: ${result.newlyMastered.map(nameOf).join(', ')}!`)
    }
    if (result.newlyUnlocked.length > 0) {
      kind ??= 'unlocked'
      parts.push(`New skill open: ${result.newlyUnlocked.map(nameOf).join(', ')}.`)
    }
    const change = result.levelChange
    if (change && change.to > change.from) {
      kind ??= 'level-up'
      const name = plugin.levels.find((l) => l.level === change.to)?.name
      parts.push(`Level up! ${nameOf(change.skill)} is now at level ${change.to}${name ? ` (${name})` : ''}.`)
    }
    return kind ? { kind, text: parts.join(' '), id: ++moments } : null
  }

  return {
    store,
    async start(plugin: AnyPlugin, learner: string, startPolicy: TutorPolicy = {}) {
      policy = startPolicy
      pendingPolicy = null
      try {
        store.setState({ ...initial, plugin, learner, events: [], runId: crypto.randomUUID() })
        const saved = await states.load(plugin.id, learner).catch((e: Error) => {
          console.warn(`Benchtop: could not load saved progress from the hub (${e.message}); using this device's copy`)
          return loadSaved(learnerKey(learner, plugin.id))
        })
        foldedBefore = (saved as { folded?: FoldedAnswers } | undefined)?.folded
        tutor = makeTutor({ plugin, learner, savedState: saved ?? undefined, emit, policy })
        const { task, scaffoldLevel, predictedSuccess, why, placement } = tutor.next()
        store.setState({ status: 'ready', task, scaffoldLevel, predictedSuccess, why, placement, ...fresh(task, scaffoldLevel) })
        refresh()
      } catch (error) {
        store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) })
      }
    },
    submit(attempt: unknown, interaction?: InteractionSummary) {
      const { plugin, task } = store.getState()
      if (!tutor || !plugin || !task) return
      // Once the solution is shown the tutor records an answer but never marks it right; the panel stops offering to answer.
      const result = tutor.submit(attempt, interaction)
      const { assessment } = result
      const moment = momentOf(plugin, result)
      store.setState((s) => ({
        lastAssessment: assessment,
        lastResponse: plugin.formatResponse(task, attempt),
        attempts: s.attempts + 1,
        wrongTries: s.wrongTries + (assessment.correct ? 0 : 1),
        moment,
      }))
      refresh()
      save()
    },
    requestHint() {
      if (!tutor) return
      const hint = tutor.requestHint()
      if (hint) store.setState((s) => ({ hints: [...s.hints, hint.text], hintsLeft: Math.max(0, s.hintsLeft - 1) }))
      refresh()
      save()
    },
    /** Shows the current task's solution; the task then takes no more answers (Next task goes on). */
    revealSolution() {
      if (!tutor || !canRevealSolution(store.getState())) return
      const solution = tutor.revealSolution()
      if (solution !== null) store.setState({ solution })
      refresh()
      save()
    },
    next,
    /** The student skips the rest of the placement: practice starts at once. */
    skipPlacement() {
      if (!tutor || !store.getState().placement) return
      tutor.skipPlacement()
      next()
      save()
    },
    /**
     * The student's own goal (any skill, even a locked one). If the open task is not on the way
     * there, the next one is: a goal the student just chose should show at once.
     */
    setGoal(skill: SkillId) {
      if (!tutor) return
      const toward = tutor.setGoal(skill)
      if (toward && toward !== store.getState().task?.skill) next()
      else refresh()
      save()
    },
    clearGoal() {
      tutor?.clearGoal()
      refresh()
      save()
    },
    /**
     * The teacher changed the target, assessment mode or placement mid-run: it applies from the
     * student's next task (the tutor carries on from the learner's state under the new policy);
     * the open task stays as it was set, hints included, so no work in progress is thrown away.
     */
    setPolicy(changed: TutorPolicy) {
      const current = pendingPolicy ?? policy
      if (changed.targetSuccess === current.targetSuccess && changed.assessmentMode === current.assessmentMode && changed.placement === current.placement) return
      if (!tutor) policy = changed
      else pendingPolicy = changed
      // A run that started before the station had the teacher's controls (no target yet) takes
      // them on at once while its first task is untouched: that is its start, not a change.
      const { attempts, hints } = store.getState()
      if (tutor && policy.targetSuccess === undefined && attempts === 0 && hints.length === 0) next()
    },
    /** The policy the next task will be chosen under, when it differs from the open task's. */
    pendingPolicy: () => pendingPolicy,
    checkIdle() {
      tutor?.checkIdle()
    },
    stop() {
      save()
      tutor?.end('suspended')
      tutor = null
      store.setState(initial)
    },
  }
}

export type LabSession = ReturnType<typeof createLabSession>
