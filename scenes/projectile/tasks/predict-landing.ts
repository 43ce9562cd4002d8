import type { Rng, SkillId } from '../../../src/core'
import { FIELD_LENGTH, rulesFor } from '../levels'
import { makeLaunch, type LandingSurface, type Platform } from '../model'
import {
  airFor, BALLS, describeLaunch, describePlatform, land, launchHeightFor, pickWorld, platformUnderLanding, retry,
  roundTo, speedForDistance, startTask,
} from './common'
import type { PredictLandingTask } from './types'

export function generatePredictLanding(skill: SkillId, level: number, rng: Rng): PredictLandingTask {
  const rules = rulesFor(level)
  const { base, own } = startTask('predict-landing', skill, level, rules, rng)
  return retry('predict-landing', () => {
    const dragOn = own.chance(rules.dragChance)
    const world = pickWorld(rules, own, dragOn)
    const ball = own.pick(BALLS)
    const height = launchHeightFor(rules, own)
    // From a height, sometimes the classic level launch off the edge of a table.
    const angleDeg = height > 0 && own.chance(0.25) ? 0 : own.int(10, 70)
    const distance = own.range(6, FIELD_LENGTH - 10)
    const speed = angleDeg === 0
      ? roundTo(distance / Math.sqrt((2 * height) / world.gravity), 0.1)
      : speedForDistance(distance, angleDeg, world.gravity)
    if (!(speed >= 1 && speed <= 35)) return null
    const launch = makeLaunch({ speed, angleDeg, height, mass: ball.mass, diameter: ball.diameter, gravity: world.gravity, drag: airFor(world, dragOn) })
    let platform: Platform | null = null
    if (rules.platforms && angleDeg > 0 && own.chance(0.5)) {
      platform = platformUnderLanding(launch, roundTo(own.range(0.5, 3), 0.1), own)
      if (!platform) return null
    }
    const landing = land(launch, platform)
    if (landing.range < 3 || landing.range > FIELD_LENGTH) return null
    const surface: LandingSurface = landing.surface === 'platform-top' ? 'platform-top' : 'ground'
    if (landing.surface !== surface) return null
    const tolerance = roundTo(Math.max(rules.markerTolerance.absolute, rules.markerTolerance.relative * landing.range), 0.01)
    const onto = platform ? 'on the platform' : 'on the ground'
    return {
      ...base,
      kind: 'predict-landing',
      prompt: `A ball is launched at ${describeLaunch(launch, world)}. Put the marker where it will land ${onto}, then launch to check.${describePlatform(platform)}`,
      world,
      launch,
      platform,
      marker: { min: 0, max: FIELD_LENGTH + 5, step: 0.05 },
      tolerance,
      answer: { x: landing.range, y: landing.landingY, timeOfFlight: landing.timeOfFlight, surface },
    } satisfies PredictLandingTask
  })
}
