import type { Rng, SkillId } from '../../../src/core'
import { FIELD_LENGTH, rulesFor } from '../levels'
import { makeLaunch, type Platform } from '../model'
import { SKILL_ANGLE_RANGE } from '../skills'
import {
  airFor, BALLS, describeConditions, describePlatform, fmt, land, launchHeightFor, pickWorld, platformUnderLanding,
  retry, roundTo, speedForDistance, startTask,
} from './common'
import type { HitTargetTask, LaunchControlVariable, TargetSpec, VariableControl } from './types'

export const ANGLE_CONTROL: VariableControl<'angleDeg'> = { variable: 'angleDeg', label: 'Launch angle', min: 5, max: 85, step: 1, unit: 'deg' }
export const SPEED_CONTROL: VariableControl<'speed'> = { variable: 'speed', label: 'Launch speed', min: 1, max: 35, step: 0.1, unit: 'm/s' }

type Layout = 'ground' | 'platform' | 'moving'

/**
 * Built backwards from a launch that works: pick the launch, fly it, and put the target where
 * it comes down (or, for a moving target, where the target must start to be there then).
 */
export function generateHitTarget(skill: SkillId, level: number, rng: Rng): HitTargetTask {
  const rules = rulesFor(level)
  const { base, own } = startTask('hit-target', skill, level, rules, rng)
  return retry('hit-target', () => {
    const layouts: Layout[] = ['ground']
    if (rules.platforms) layouts.push('platform')
    if (rules.movingTargets) layouts.push('moving')
    // Past the first levels the plain ground target is the easy case: drop it.
    const layout: Layout = rules.movingTargets ? own.pick(layouts.slice(1)) : own.pick(layouts)
    const dragOn = own.chance(rules.dragChance)
    const world = pickWorld(rules, own, dragOn)
    const ball = own.pick(BALLS)
    const angleDeg = own.int(15, 70)
    const distance = own.range(8, FIELD_LENGTH - 12)
    const speed = speedForDistance(distance, angleDeg, world.gravity)
    if (speed < SPEED_CONTROL.min || speed > SPEED_CONTROL.max) return null
    const launch = makeLaunch({ speed, angleDeg, height: launchHeightFor(rules, own), mass: ball.mass, diameter: ball.diameter, gravity: world.gravity, drag: airFor(world, dragOn) })

    let platform: Platform | null = null
    let target: TargetSpec
    if (layout === 'platform') {
      platform = platformUnderLanding(launch, roundTo(own.range(0.5, 4), 0.1), own)
      if (!platform) return null
      const landing = land(launch, platform)
      target = { x: landing.range, y: platform.height, radius: rules.targetRadius, velocity: 0, onPlatform: true }
    } else {
      const landing = land(launch, null)
      if (landing.range < 6 || landing.range > FIELD_LENGTH) return null
      if (layout === 'moving') {
        const velocity = roundTo(own.range(1, 3), 0.1) * (own.chance(0.5) ? 1 : -1)
        const startX = landing.range - velocity * landing.timeOfFlight
        // The target must start on the field, and far enough from where it will be that aiming at it now misses.
        if (startX < 5 || startX > FIELD_LENGTH) return null
        target = { x: startX, y: 0, radius: rules.targetRadius, velocity, onPlatform: false }
      } else {
        target = { x: landing.range, y: 0, radius: rules.targetRadius, velocity: 0, onPlatform: false }
      }
    }

    const controlled: LaunchControlVariable[] = skill === SKILL_ANGLE_RANGE
      ? ['angleDeg']
      : rules.constrained ? [own.pick(['angleDeg', 'speed'] as const)] : ['angleDeg', 'speed']
    const controls = controlled.map((v) => (v === 'angleDeg' ? { ...ANGLE_CONTROL } : { ...SPEED_CONTROL }))
    // Sliders start away from the answer so that the first launch is the student's own.
    const startAngle = own.pick([20, 30, 60, 70].filter((a) => Math.abs(a - angleDeg) >= 8))
    const startSpeed = roundTo(speed * own.pick([0.6, 0.7, 1.3]), 0.1)
    const shown = {
      ...launch,
      angleDeg: controlled.includes('angleDeg') ? startAngle : angleDeg,
      speed: controlled.includes('speed') ? Math.min(SPEED_CONTROL.max, Math.max(SPEED_CONTROL.min, startSpeed)) : speed,
    }

    const setWhat = controlled.length === 2 ? 'the angle and the speed' : controlled[0] === 'angleDeg' ? `the angle (the speed is fixed at ${fmt(speed, 1)} m/s)` : `the speed (the angle is fixed at ${angleDeg} degrees)`
    const where = target.velocity !== 0
      ? `a target that starts ${fmt(target.x, 1)} m away and rolls ${target.velocity > 0 ? 'away from you' : 'toward you'} at ${fmt(Math.abs(target.velocity), 1)} m/s as soon as you launch`
      : target.onPlatform
        ? `the target on the platform, ${fmt(target.x, 1)} m away and ${fmt(target.y, 1)} m up`
        : `the target on the ground ${fmt(target.x, 1)} m away`
        return {
      ...base,
      kind: 'hit-target',
      prompt: `Set ${setWhat} to hit ${where}. The ball is launched ${describeConditions(launch, world)}.${describePlatform(platform)}`,
      world,
      launch: shown,
      controls,
      platform,
      target,
      reference: { angleDeg, speed },
    } satisfies HitTargetTask
  })
}
