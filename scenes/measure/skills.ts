import type { SkillSpec } from '../../src/core'

export const SKILL_WHOLE = 'measure.whole-numbers'
export const SKILL_DECIMAL = 'measure.decimals'

export const skills: SkillSpec[] = [
  {
    id: SKILL_WHOLE,
    name: 'Whole numbers on a scale',
    description: 'Places an object at a whole-number position on a marked scale, counting spaces from zero.',
    prerequisites: [],
    bkt: { prior: 0.3, learn: 0.2, guess: 0.15, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_DECIMAL,
    name: 'Halves and tenths on a scale',
    description: 'Places an object at a position between whole-number marks, reading halves and tenths.',
    prerequisites: [SKILL_WHOLE],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
]
