import { createStore } from 'zustand/vanilla'
import { InteractionTracker } from '../../../src/view/interaction'
import { TRACK_LENGTH } from '../levels'

/** The block's position while the student works on a task, shared by the 3D scene and the panel. */
export interface MeasureWorkState {
  taskId: string | null
  /** Track units, 0 to 10. */
  position: number
  dragging: boolean
}

export const measureWork = createStore<MeasureWorkState>()(() => ({ taskId: null, position: 0, dragging: false }))
export const measureTracker = new InteractionTracker()

export function clampToTrack(position: number): number {
  return Math.min(TRACK_LENGTH, Math.max(0, Math.round(position * 100) / 100))
}

/** A new task puts the block back at its start and restarts the interaction summary. */
export function syncTask(task: { id: string; start: number }): void {
  if (measureWork.getState().taskId === task.id) return
  measureWork.setState({ taskId: task.id, position: task.start, dragging: false })
  measureTracker.reset()
}
