import { createStore } from 'zustand/vanilla'
import { InteractionTracker } from '../../../src/view/interaction'
import type { ContextId } from '../contexts'
import type { InteractionSummary } from '../../../src/core'
import type { CompareChoice, ExperimentSettings, ProjectileAttempt, ProjectileTask } from '../tasks/types'

/**
 * What the student has set on the current task, shared by the 3D scene and the accessible
 * panel. Per-frame flight state is not here: the scene keeps it in the model object.
 */
export interface ProjectileWork {
  taskId: string | null
  angleDeg: number
  speed: number
  markerX: number
  /** Bumped on each launch; the scene starts a new flight when it changes. */
  launches: number
  /** The launch the scene is flying (angle and speed at the moment of launch). */
  launched: { angleDeg: number; speed: number } | null
  /** The previous launch, drawn as a ghost when the scaffold shows one. */
  ghost: { angleDeg: number; speed: number } | null
  /** The story the student chose; the physics is the same in every one. */
  context: ContextId
  /** Something (barrel, lever, marker) is held by a pointer right now. */
  dragging: boolean
  /** The two launches of a design-experiment task, as set on the page or in the headset. */
  design: { A: ExperimentSettings; B: ExperimentSettings } | null
  /** The student's choice in a compare or design task, before it is checked. */
  choice: CompareChoice | null
  /** An answer given by launching: the scene submits it when the ball lands, so the verdict never comes before the flight shows it. */
  awaitingLanding: { taskId: string; attempt: ProjectileAttempt; summary: InteractionSummary } | null
}

export const projectileWork = createStore<ProjectileWork>()(() => ({
  taskId: null,
  angleDeg: 45,
  speed: 10,
  markerX: 0,
  launches: 0,
  launched: null,
  ghost: null,
  context: 'lab',
  dragging: false,
  design: null,
  choice: null,
  awaitingLanding: null,
}))
export const projectileTracker = new InteractionTracker()

export function syncTask(task: ProjectileTask): void {
  if (projectileWork.getState().taskId === task.id) return
  const launch = 'launch' in task ? task.launch : null
  const marker = task.kind === 'predict-landing' ? (task.marker.min + task.marker.max) / 2 : 0
  projectileWork.setState({
    taskId: task.id,
    angleDeg: launch?.angleDeg ?? 45,
    speed: launch?.speed ?? 10,
    markerX: Math.round(marker / (task.kind === 'predict-landing' ? task.marker.step : 1)) * (task.kind === 'predict-landing' ? task.marker.step : 1),
    launched: null,
    ghost: null,
    design: task.kind === 'design-experiment' ? { A: { ...task.start }, B: { ...task.start } } : null,
    choice: null,
    awaitingLanding: null,
  })
  projectileTracker.reset()
}

export function launchNow(): void {
  const { angleDeg, speed, launches, launched } = projectileWork.getState()
  projectileWork.setState({ launches: launches + 1, launched: { angleDeg, speed }, ghost: launched })
}

/** Launches, and answers with `attempt` once the ball is down. */
export function launchAndAnswer(taskId: string, attempt: ProjectileAttempt, summary: InteractionSummary): void {
  projectileWork.setState({ awaitingLanding: { taskId, attempt, summary } })
  launchNow()
}

export const clamp = (value: number, min: number, max: number, step: number): number =>
  Math.min(max, Math.max(min, Math.round(value / step) * step))
