import { createStore } from 'zustand/vanilla'
import type { AnyPlugin, Assessment, InteractionSummary, SkillId, TaskBase, TutorEvent } from '../../core'
import { foldedThrough, type FoldedAnswers } from '../../shared/learnerFold'
import type { TutorPolicy } from '../../tutor/tutor'

/** What the lab page needs from the tutor loop (src/tutor). */
export interface LabTutor {
  next(choice?: { skill?: SkillId }): { task: TaskBase; scaffoldLevel: number; predictedSuccess: number }
  submit(attempt: unknown, interaction?: InteractionSummary): { assessment: Assessment }
  requestHint(): { text: string; index: number } | null
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

export interface LabSessionState {
  status: 'idle' | 'ready' | 'error'
  error?: string
  plugin?: AnyPlugin
  learner?: string
  task?: TaskBase
  scaffoldLevel: number
  predictedSuccess: number
  lastAssessment?: Assessment
  /** The student's last answer as text, for the feedback line and screen readers. */
  lastResponse?: string
  /** Hints shown for the current task, in order. */
  hints: string[]
  mastery: Record<SkillId, number>
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
  hints: [],
  mastery: {},
  unlocked: [],
  goal: null,
  attempts: 0,
  events: [],
  runId: '',
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
    store.setState({ mastery: tutor.masteryBySkill(), unlocked: tutor.unlockedSkills(), goal: tutor.goal() })
  }
  const next = (skill?: SkillId) => {
    if (!tutor) return
    const { task, scaffoldLevel, predictedSuccess } = tutor.next(skill ? { skill } : undefined)
    store.setState({ task, scaffoldLevel, predictedSuccess, lastAssessment: undefined, lastResponse: undefined, hints: [] })
    refresh()
  }

  return {
    store,
    async start(plugin: AnyPlugin, learner: string, startPolicy: TutorPolicy = {}) {
      policy = startPolicy
      try {
        store.setState({ ...initial, plugin, learner, events: [], runId: crypto.randomUUID() })
        const saved = await states.load(plugin.id, learner).catch((e: Error) => {
          console.warn(`Benchtop: could not load saved progress from the hub (${e.message}); using this device's copy`)
          return loadSaved(learnerKey(learner, plugin.id))
        })
        foldedBefore = (saved as { folded?: FoldedAnswers } | undefined)?.folded
        tutor = makeTutor({ plugin, learner, savedState: saved ?? undefined, emit, policy })
        const { task, scaffoldLevel, predictedSuccess } = tutor.next()
        store.setState({ status: 'ready', task, scaffoldLevel, predictedSuccess })
        refresh()
      } catch (error) {
        store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) })
      }
    },
    submit(attempt: unknown, interaction?: InteractionSummary) {
      const { plugin, task } = store.getState()
      if (!tutor || !plugin || !task) return
      const { assessment } = tutor.submit(attempt, interaction)
      store.setState((s) => ({
        lastAssessment: assessment,
        lastResponse: plugin.formatResponse(task, attempt),
        attempts: s.attempts + 1,
      }))
      refresh()
      save()
    },
    requestHint() {
      if (!tutor) return
      const hint = tutor.requestHint()
      if (hint) store.setState((s) => ({ hints: [...s.hints, hint.text] }))
      refresh()
      save()
    },
    next,
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
     * The teacher changed the target or assessment mode mid-run: the tutor carries on from the
     * learner's state under the new policy, with a fresh task (the open one was chosen under the old).
     */
    setPolicy(changed: TutorPolicy) {
      if (changed.targetSuccess === policy.targetSuccess && changed.assessmentMode === policy.assessmentMode && changed.placement === policy.placement) return
      policy = changed
      const { plugin, learner } = store.getState()
      if (!tutor || !plugin || !learner) return
      const savedState = tutor.snapshot()
      tutor.end('suspended')
      tutor = makeTutor({ plugin, learner, savedState, emit, policy })
      next()
    },
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
