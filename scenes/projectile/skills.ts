import type { SkillSpec } from '../../src/core'

export const SKILL_COMPONENTS = 'projectile.velocity-components'
export const SKILL_TIME_OF_FLIGHT = 'projectile.time-of-flight'
export const SKILL_RANGE = 'projectile.range'
export const SKILL_ANGLE_RANGE = 'projectile.angle-range'
export const SKILL_GRAVITY_DRAG = 'projectile.gravity-and-drag'
export const SKILL_PREDICT = 'projectile.predict-landing'
export const SKILL_EXPERIMENT = 'projectile.experiment-design'

export const skills: SkillSpec[] = [
  {
    id: SKILL_COMPONENTS,
    name: 'Splitting a velocity into parts',
    description: 'Splits a launch velocity into its horizontal part (v cos of the angle) and vertical part (v sin of the angle), and knows which part changes in flight.',
    prerequisites: [],
    bkt: { prior: 0.25, learn: 0.2, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_TIME_OF_FLIGHT,
    name: 'Time in the air',
    description: 'Finds how long a projectile flies from its vertical motion alone (vertical launch speed, launch and landing heights, gravity).',
    prerequisites: [SKILL_COMPONENTS],
    bkt: { prior: 0.15, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_RANGE,
    name: 'How far it goes',
    description: 'Finds the horizontal distance as the constant horizontal speed times the time in the air.',
    prerequisites: [SKILL_TIME_OF_FLIGHT],
    bkt: { prior: 0.15, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_ANGLE_RANGE,
    name: 'Angle and distance',
    description: 'Uses how the landing distance depends on the angle: complementary angles tie on level ground, and 45 degrees is best only on level ground without air resistance.',
    prerequisites: [SKILL_RANGE],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.2, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_GRAVITY_DRAG,
    name: 'Gravity and air resistance',
    description: 'Predicts how weaker or stronger gravity and air resistance change a flight, and that mass only matters when air resistance does.',
    prerequisites: [SKILL_RANGE],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.2, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_PREDICT,
    name: 'Predicting the landing point',
    description: 'Predicts where a launch comes down, including from a height, onto a platform and for a moving target, and sets a launch to hit a target.',
    prerequisites: [SKILL_RANGE],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_EXPERIMENT,
    name: 'Designing a fair test',
    description: 'Designs two launches that differ only in the variable under test, keeping every other variable the same.',
    prerequisites: [SKILL_COMPONENTS],
    bkt: { prior: 0.2, learn: 0.2, guess: 0.15, slip: 0.1, forget: 0 },
  },
]

export const SKILL_IDS: ReadonlySet<string> = new Set(skills.map((s) => s.id))
