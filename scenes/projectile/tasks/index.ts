import type { Rng, SkillId } from '../../../src/core'
import { rulesFor } from '../levels'
import {
  SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT,
} from '../skills'
import { generateCompareLaunches } from './compare-launches'
import { generateComputeQuantity } from './compute-quantity'
import { generateDesignExperiment } from './design-experiment'
import { generateHitTarget } from './hit-target'
import { generatePredictLanding } from './predict-landing'
import type { ProjectileTask, ProjectileTaskKind } from './types'

export * from './types'

type Generator = (skill: SkillId, level: number, rng: Rng) => ProjectileTask

export const GENERATORS: Readonly<Record<ProjectileTaskKind, Generator>> = {
  'hit-target': generateHitTarget,
  'predict-landing': generatePredictLanding,
  'compute-quantity': generateComputeQuantity,
  'compare-launches': generateCompareLaunches,
  'design-experiment': generateDesignExperiment,
}

/** The task kinds that exercise each skill. */
export const KINDS_BY_SKILL: Readonly<Record<SkillId, readonly ProjectileTaskKind[]>> = {
  [SKILL_COMPONENTS]: ['compute-quantity'],
  [SKILL_TIME_OF_FLIGHT]: ['compute-quantity', 'compare-launches'],
  [SKILL_RANGE]: ['compute-quantity', 'predict-landing'],
  [SKILL_ANGLE_RANGE]: ['compare-launches', 'hit-target'],
  [SKILL_GRAVITY_DRAG]: ['compare-launches', 'design-experiment'],
  [SKILL_PREDICT]: ['predict-landing', 'hit-target'],
  [SKILL_EXPERIMENT]: ['design-experiment'],
}

export function generateTask(skill: SkillId, level: number, rng: Rng): ProjectileTask {
  const kinds = KINDS_BY_SKILL[skill]
  if (!kinds) throw new Error(`projectile: unknown skill '${skill}'`)
  rulesFor(level)
  return generateOfKind(rng.pick(kinds), skill, level, rng)
}

/** A task of a given kind, for a teacher who wants one kind, and for tests. */
export function generateOfKind(kind: ProjectileTaskKind, skill: SkillId, level: number, rng: Rng): ProjectileTask {
  if (!(KINDS_BY_SKILL[skill] ?? []).includes(kind)) throw new Error(`projectile: ${kind} tasks do not exercise skill '${skill}'`)
  return GENERATORS[kind](skill, level, rng)
}
