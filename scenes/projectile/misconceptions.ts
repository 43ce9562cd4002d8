import type { Misconception, SkillId } from '../../src/core'
import { SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_EXPERIMENT, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from './skills'

/**
 * Misconceptions the assessor recognises from an attempt. Most are classics of the physics
 * education literature on projectile motion (impetus-like thinking, 'heavier falls faster',
 * zero velocity at the top, 45 degrees as a universal optimum, independence of horizontal and
 * vertical motion) and on the control of variables in experiments (confounded and
 * non-contrastive designs).
 */
export const MISCONCEPTIONS = {
  heavierFallsFaster: { id: 'projectile.heavier-falls-faster', description: 'Thinks a heavier object falls faster or flies farther when air resistance is negligible.' },
  fortyFiveAlwaysBest: { id: 'projectile.forty-five-always-best', description: 'Applies level-ground, no-air rules everywhere: 45 degrees always goes farthest and complementary angles always tie, even from a height or through air.' },
  horizontalSpeedSlows: { id: 'projectile.horizontal-speed-slows', description: 'Thinks the horizontal speed dies away during the flight even without air resistance (impetus thinking).' },
  zeroVelocityAtTop: { id: 'projectile.zero-velocity-at-top', description: 'Thinks the velocity is zero at the highest point, forgetting the horizontal part that is still there.' },
  horizontalMotionChangesFall: { id: 'projectile.horizontal-motion-changes-fall', description: 'Thinks moving sideways changes how fast a ball falls, so a ball launched level and a dropped ball land at different times.' },
  swapsSinCos: { id: 'projectile.swaps-sin-cos', description: 'Uses sine for the horizontal part and cosine for the vertical part of the launch velocity.' },
  wholeSpeedAsComponent: { id: 'projectile.whole-speed-as-component', description: 'Uses the whole launch speed where only its horizontal or vertical part belongs.' },
  ignoresHeightDifference: { id: 'projectile.ignores-height-difference', description: 'Uses the level-ground result when the launch and the landing are at different heights.' },
  timeToTopAsFlightTime: { id: 'projectile.time-to-top-as-flight-time', description: 'Takes the time to reach the highest point as the whole time of flight.' },
  ignoresAirResistance: { id: 'projectile.ignores-air-resistance', description: 'Predicts or aims as if there were no air resistance when it changes the flight noticeably.' },
  aimsWhereTargetIsNow: { id: 'projectile.aims-where-target-is-now', description: 'Aims at where a moving target is at launch, not where it will be when the ball arrives.' },
  confoundedExperiment: { id: 'projectile.confounded-experiment', description: 'Changes more than one variable between the two launches, so an effect cannot be put down to the variable under test.' },
  nonContrastiveExperiment: { id: 'projectile.non-contrastive-experiment', description: 'Does not vary the variable under test (enough to see its effect) between the two launches.' },
} satisfies Record<string, Misconception>

/** The skill each misconception is evidence against. */
export const MISCONCEPTION_SKILL: Readonly<Record<string, SkillId>> = {
  [MISCONCEPTIONS.heavierFallsFaster.id]: SKILL_GRAVITY_DRAG,
  [MISCONCEPTIONS.fortyFiveAlwaysBest.id]: SKILL_ANGLE_RANGE,
  [MISCONCEPTIONS.horizontalSpeedSlows.id]: SKILL_RANGE,
  [MISCONCEPTIONS.zeroVelocityAtTop.id]: SKILL_COMPONENTS,
  [MISCONCEPTIONS.horizontalMotionChangesFall.id]: SKILL_TIME_OF_FLIGHT,
  [MISCONCEPTIONS.swapsSinCos.id]: SKILL_COMPONENTS,
  [MISCONCEPTIONS.wholeSpeedAsComponent.id]: SKILL_COMPONENTS,
  [MISCONCEPTIONS.ignoresHeightDifference.id]: SKILL_TIME_OF_FLIGHT,
  [MISCONCEPTIONS.timeToTopAsFlightTime.id]: SKILL_TIME_OF_FLIGHT,
  [MISCONCEPTIONS.ignoresAirResistance.id]: SKILL_GRAVITY_DRAG,
  [MISCONCEPTIONS.aimsWhereTargetIsNow.id]: SKILL_PREDICT,
  [MISCONCEPTIONS.confoundedExperiment.id]: SKILL_EXPERIMENT,
  [MISCONCEPTIONS.nonContrastiveExperiment.id]: SKILL_EXPERIMENT,
}

/** Each misconception as the student hears it after a wrong answer: 'That answer fits the idea that ...'. */
export const STUDENT_WORDS: Readonly<Record<string, string>> = {
  [MISCONCEPTIONS.heavierFallsFaster.id]: 'a heavier ball falls faster or flies farther without air',
  [MISCONCEPTIONS.fortyFiveAlwaysBest.id]: 'the level-ground, no-air rules (45 degrees goes farthest, angles adding to 90 tie) hold everywhere',
  [MISCONCEPTIONS.horizontalSpeedSlows.id]: 'the sideways speed dies away during the flight',
  [MISCONCEPTIONS.zeroVelocityAtTop.id]: 'the ball stops completely at the top',
  [MISCONCEPTIONS.horizontalMotionChangesFall.id]: 'moving sideways changes how fast a ball falls',
  [MISCONCEPTIONS.swapsSinCos.id]: 'sine gives the horizontal part and cosine the vertical part',
  [MISCONCEPTIONS.wholeSpeedAsComponent.id]: 'the whole launch speed goes where only one part of it belongs',
  [MISCONCEPTIONS.ignoresHeightDifference.id]: 'the launch and the landing are at the same height',
  [MISCONCEPTIONS.timeToTopAsFlightTime.id]: 'the time to the top is the whole flight',
  [MISCONCEPTIONS.ignoresAirResistance.id]: 'air resistance makes no difference here',
  [MISCONCEPTIONS.aimsWhereTargetIsNow.id]: 'you can aim at where a moving target is at launch',
  [MISCONCEPTIONS.confoundedExperiment.id]: 'changing more than one thing still makes a fair test',
  [MISCONCEPTIONS.nonContrastiveExperiment.id]: 'a test can show an effect without changing the thing under test enough',
}
