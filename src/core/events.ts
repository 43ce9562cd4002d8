/**
 * Discrete learning events emitted by the tutor loop. They are the one seam between the
 * adaptive loop and telemetry: the tutor emits them, src/telemetry turns them into xAPI
 * statements, the hub and dashboard read those. Never emitted per frame.
 */
import type { InteractionSummary, Misconception, SkillEvidence, SkillId } from './plugin'

export type AlertKind = 'wheel-spinning' | 'rapid-guessing' | 'hint-abuse' | 'idle'

export interface StruggleAlert {
  kind: AlertKind
  skill?: SkillId
  /** A sentence a teacher can read: 'No three correct in a row in 10 attempts on Time of flight.' */
  reason: string
}

interface EventBase {
  /** Milliseconds since the epoch, from the injected clock. */
  at: number
  /** The learner's opaque pseudonym. Never a name. */
  learner: string
  sceneId: string
  sceneVersion: string
}

export interface TaskRef {
  id: string
  skill: SkillId
  level: number
  kind: string
  seed: number
  prompt: string
}

export type TutorEvent =
  | (EventBase & { type: 'session-started' })
  | (EventBase & { type: 'task-presented'; task: TaskRef; scaffoldLevel: number; predictedSuccess: number })
  | (EventBase & {
      type: 'attempt-assessed'
      task: TaskRef
      scaffoldLevel: number
      /** The student's answer as short text, from the plug-in's formatResponse. */
      response: string
      correct: boolean
      score: number
      evidence: SkillEvidence[]
      feedback: string
      misconception?: Misconception
      /** From task presented to this attempt. */
      durationMs: number
      hintsUsed: number
      /** P(mastered) of the task's skill before and after this attempt. */
      masteryBefore: number
      masteryAfter: number
      interaction?: InteractionSummary
    })
  | (EventBase & { type: 'hint-requested'; task: TaskRef; hintIndex: number; scaffoldLevel: number })
  | (EventBase & { type: 'scaffold-changed'; skill: SkillId; from: number; to: number; reason: string })
  | (EventBase & { type: 'level-changed'; skill: SkillId; from: number; to: number })
  | (EventBase & { type: 'skill-mastered'; skill: SkillId; mastery: number })
  | (EventBase & { type: 'skill-unlocked'; skill: SkillId })
  | (EventBase & { type: 'goal-set'; skill: SkillId; targetMastery: number })
  | (EventBase & { type: 'alert-raised'; alert: StruggleAlert })
  | (EventBase & { type: 'session-ended'; reason: 'completed' | 'suspended' | 'terminated' })

export type TutorEventType = TutorEvent['type']
