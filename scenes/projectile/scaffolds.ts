import type { ScaffoldSpec } from '../../src/core'
import { ALL_READOUTS, type ReadoutId } from './levels'
import type { ProjectileTask } from './tasks/types'

/** Most support first. The tutor policy picks the rung; hints stay available on every rung. */
export const scaffolds: ScaffoldSpec[] = [
  { level: 0, id: 'preview-and-worked-step', name: 'Full guidance', description: 'A dotted preview of the path as the launch is set, velocity arrows, live readouts, a ghost of the last launch, a worked example on other numbers, the formula card and every hint.', support: 1, narratesHints: true },
  { level: 1, id: 'worked-step', name: 'Worked step', description: 'No path preview; velocity arrows, live readouts, the ghost of the last launch, a worked example on other numbers and the formula card.', support: 0.75, narratesHints: true },
  { level: 2, id: 'formula-card', name: 'Formula card', description: 'Velocity arrows, live readouts, the ghost of the last launch and the formula card; no worked step.', support: 0.5, narratesHints: true },
  { level: 3, id: 'readouts', name: 'Readouts only', description: 'Live readouts and the ghost of the last launch; hints only when asked.', support: 0.25 },
  { level: 4, id: 'on-your-own', name: 'On your own', description: 'No preview, arrows, ghost or formula card; readouts only where the level allows; hints only when asked, and fewer of them.', support: 0 },
]

export interface ScaffoldFeatures {
  /** Draw the predicted path while the student sets the launch. */
  preview: boolean
  /** Arrows for the horizontal and vertical velocity parts on the ball in flight. */
  componentArrows: boolean
  /** Live time, x, y, vx, vy readouts (minus the task's hiddenReadouts). */
  readouts: boolean
  /** A faint copy of the previous launch's path. */
  ghost: boolean
  /** Show workedStep(task): the first step of the reasoning, done. */
  workedStep: boolean
  /** Show formulaCard(task). */
  formulaCard: boolean
}

/**
 * Which aids the view shows at a rung. Given the task, the path preview stays off where it
 * would give the answer away (predicting a landing, computing, comparing two launches): there
 * the preview is the thing the student is asked to produce.
 */
export function scaffoldFeatures(level: number, task?: Pick<ProjectileTask, 'kind'>): ScaffoldFeatures {
  const rung = Math.max(0, Math.min(scaffolds.length - 1, Math.floor(level)))
  const previewGivesAway = task !== undefined && task.kind !== 'hit-target' && task.kind !== 'design-experiment'
  return {
    preview: rung <= 0 && !previewGivesAway,
    componentArrows: rung <= 2,
    readouts: rung <= 3,
    ghost: rung <= 3,
    workedStep: rung <= 1,
    formulaCard: rung <= 2,
  }
}

/** The readouts to show: the rung must allow readouts and the level must not hide them. */
export function visibleReadouts(task: Pick<ProjectileTask, 'hiddenReadouts'>, level: number): ReadoutId[] {
  const features = scaffoldFeatures(level)
  // The clock stays even on the last rung: timing a flight is measuring, not being told.
  const shown = features.readouts ? ALL_READOUTS : (['t'] as const)
  return shown.filter((r) => !task.hiddenReadouts.includes(r))
}

/** How many of a task's hints a rung offers, general first: all on the supported rungs, fewer as support fades, never none. */
export function hintCount(total: number, level: number): number {
  const rung = Math.max(0, Math.floor(level))
  return Math.max(1, Math.min(total, total - Math.max(0, rung - 1)))
}
