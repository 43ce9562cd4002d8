/**
 * The scene plug-in contract. A simulation is a folder under scenes/ whose index.ts exports a
 * SimulationPlugin. Everything here is pure data and functions: the tutor loop, the contract
 * test and the simulated classroom use a plug-in in plain Node; only loadView() reaches React.
 */
import type { ComponentType } from 'react'
import type { Rng } from './rng'

/** Knowledge-component id, prefixed by the scene id: 'projectile.range-vs-angle'. */
export type SkillId = string

/** Bayesian Knowledge Tracing parameters, pyBKT's meanings. */
export interface BktParams {
  /** P(mastered) before the first opportunity. */
  prior: number
  /** P(unmastered -> mastered) after an opportunity. */
  learn: number
  /** P(correct | unmastered). */
  guess: number
  /** P(wrong | mastered). */
  slip: number
  /** P(mastered -> unmastered); 0 in standard BKT. */
  forget: number
}

export interface SkillSpec {
  id: SkillId
  /** Short, student-facing. */
  name: string
  /** One teacher-facing sentence: what a student who has this skill can do. */
  description: string
  prerequisites: SkillId[]
  /** Starting parameters for a learner nobody has seen yet. */
  bkt: BktParams
  /** The level at which mastery is shown (answers there count toward declaring it); default the top level. */
  masteryLevel?: number
}

export interface LevelSpec {
  /** 1-based and consecutive. */
  level: number
  name: string
  /** Teacher-facing: what changes at this level. */
  description: string
  /** Starting difficulty rating on the logit scale, increasing with level. */
  difficulty: number
}

/** One rung of the scaffold ladder. Index 0 is the most support. */
export interface ScaffoldSpec {
  /** 0-based position on the ladder; equals the array index. */
  level: number
  id: string
  name: string
  /** What the student sees at this rung, in plain words. */
  description: string
  /** Amount of support in [0, 1]; strictly decreasing along the ladder. */
  support: number
  /** On this rung hints are read aloud in the headset, where reading is harder, even with Read aloud off. */
  narratesHints?: boolean
}

export interface TaskBase {
  /** Stable for the same scene, skill, level and seed. */
  id: string
  sceneId: string
  skill: SkillId
  level: number
  seed: number
  /** Kind of task within the scene: 'place', 'compute', 'hit-target', ... */
  kind: string
  /** What the student is asked to do, in plain words; also read out by narration. */
  prompt: string
}

export interface SkillEvidence {
  skill: SkillId
  correct: boolean
}

export interface Misconception {
  id: string
  /** Teacher-facing name of the misconception. */
  description: string
}

export interface Assessment {
  correct: boolean
  /** Partial credit in [0, 1]. */
  score: number
  /** At least one entry; the task's own skill first. */
  evidence: SkillEvidence[]
  /** Specific, student-facing feedback about this attempt. */
  feedback: string
  misconception?: Misconception
  /**
   * For an answer judged against a tolerance: how far off it was, in tolerances (|error| /
   * tolerance). The tutor reads it as graded evidence (a wrong answer within 1.5 tolerances is a
   * near miss, by default). Left out where the miss shows a misconception rather than imprecision.
   */
  missInTolerances?: number
}

/** How the student acted, for telemetry and the teacher. */
export type InputMode = 'xr-controller' | 'xr-hand' | 'mouse' | 'touch' | 'keyboard'

/** High-frequency interaction summarised per attempt; never sent per frame. */
export interface InteractionSummary {
  inputMode: InputMode
  /** From task shown to the first manipulation. */
  timeToFirstActionMs: number
  /** Number of separate manipulations (drags, key presses that changed a value). */
  adjustments: number
  /** Total distance things were dragged, in scene metres. */
  pathLength: number
}

export interface ViewSettings {
  reducedMotion: boolean
  highContrast: boolean
  seated: boolean
  /** Multiplier for in-world and DOM text, 1 = default. */
  textScale: number
}

/** The help on offer for the open task, as the lab run tracks it. */
export interface SceneHelp {
  /** Assessment mode: no hint control anywhere, no worked step, no solution. */
  hintsOff: boolean
  /** Hints still to come for this task; at 0 the hint control says so and is disabled. */
  hintsLeft: number
  /** The student may ask to see the solution now (after two wrong tries, or with the hints used up). */
  canReveal: boolean
  /** The solution, once the student asked for it: the task is over, later answers are not marked. */
  solution?: string
  /** False once the task takes no more answers (assessment mode's one answer is in). */
  takesAnswers: boolean
}

export interface SceneViewProps<Task extends TaskBase = TaskBase, Attempt = unknown> {
  task: Task
  scaffoldLevel: number
  settings: ViewSettings
  /** The last assessment of this task, when there was one. */
  lastAssessment?: Assessment
  /** Absent outside a lab run (a view on its own): hints always asked for, no solution. */
  help?: SceneHelp
  submit(attempt: Attempt, summary: InteractionSummary): void
  requestHint(): void
  revealSolution?(): void
}

/** What a scene's lazily loaded view module exports. */
export interface SceneViewModule<Task extends TaskBase = TaskBase, Attempt = unknown> {
  /** 3D content, rendered inside the shared Canvas on desktop and in the headset. */
  Scene: ComponentType<SceneViewProps<Task, Attempt>>
  /** The accessible DOM panel: every action by mouse, touch, keyboard and screen reader. */
  Panel: ComponentType<SceneViewProps<Task, Attempt>>
}

export interface SimulationPlugin<Task extends TaskBase = TaskBase, Attempt = unknown> {
  /** Lower-case, url-safe: 'projectile'. */
  id: string
  /** Semantic version of the scene's tasks and assessment, recorded in telemetry. */
  version: string
  title: string
  subject: string
  /** One or two sentences for the simulation picker. */
  summary: string
  skills: SkillSpec[]
  levels: LevelSpec[]
  scaffolds: ScaffoldSpec[]
  /** Deterministic in (skill, level, rng state). */
  generate(skill: SkillId, level: number, rng: Rng): Task
  assess(task: Task, attempt: Attempt): Assessment
  /** An attempt that is correct: used by the contract test and simulated students. */
  referenceSolution(task: Task): Attempt
  /** A plausible wrong attempt, where possible one showing a common misconception. */
  wrongAttempt(task: Task, rng: Rng): Attempt
  /**
   * For scenes whose answers are judged against a tolerance (see Assessment.missInTolerances):
   * an attempt this many tolerances off, in either direction. Used by simulated students.
   */
  missedAttempt?(task: Task, missInTolerances: number, rng: Rng): Attempt
  /**
   * Hints for this task, general to specific; how many are shown depends on the scaffold level.
   * They teach the method and stop before the answer: the answer is only in solution().
   */
  hints(task: Task, scaffoldLevel: number): string[]
  /**
   * The solution in words, shown when the student asks to see it (which ends the task). When
   * absent, the tutor shows formatResponse() of the reference solution.
   */
  solution?(task: Task): string
  /** Plain-language description of the task and the current state, for screen readers and narration. */
  describe(task: Task, state?: unknown): string
  /** The student's answer as short text for the teacher: 'placed at 3.4 cm'. */
  formatResponse(task: Task, attempt: Attempt): string
  loadView(): Promise<SceneViewModule<Task, Attempt>>
}

/** A plug-in with its task and attempt types erased, as the registry and the tutor hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPlugin = SimulationPlugin<any, any>
