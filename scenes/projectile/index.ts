import type { SceneViewModule, SimulationPlugin } from '../../src/core'
import { assessProjectile, referenceSolution, wrongAttempt } from './assess'
import { describe, formatResponse, hints, solution } from './guidance'
import { levels } from './levels'
import { scaffolds } from './scaffolds'
import { skills } from './skills'
import { generateTask, type ProjectileAttempt, type ProjectileTask } from './tasks'

export type * from './tasks/types'

/** Projectile Lab: launch balls at targets on Earth, the Moon and Mars, with and without air. */
export const projectilePlugin: SimulationPlugin<ProjectileTask, ProjectileAttempt> = {
  id: 'projectile',
  version: '1.0.0',
  title: 'Projectile Lab',
  subject: 'Physics: two-dimensional motion',
  summary: 'Set the angle and speed of a launcher to hit targets, predict landing spots, compute flight times and ranges, compare launches and design fair experiments, on Earth, the Moon and Mars, with air resistance at the higher levels.',
  skills,
  levels,
  scaffolds,
  generate: generateTask,
  assess: assessProjectile,
  referenceSolution,
  wrongAttempt,
  hints,
  solution,
  describe,
  formatResponse,
  loadView: () => import('./view/ProjectileView') as Promise<SceneViewModule<ProjectileTask, ProjectileAttempt>>,
}

export default projectilePlugin
