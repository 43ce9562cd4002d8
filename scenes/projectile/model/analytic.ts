/**
 * Closed-form motion without drag: constant acceleration g downward, so x is linear and y is
 * quadratic in time. The fixed-step model is tested against these; the task generators and
 * the assessor use them to solve no-drag tasks exactly.
 */
import { DEG, type LaunchParams } from './params'
import type { Platform } from './terrain'

export interface Vec2 {
  x: number
  y: number
}

/** Launch velocity components into target. */
export function launchVelocity(speed: number, angleDeg: number, target: Vec2): Vec2 {
  target.x = speed * Math.cos(angleDeg * DEG)
  target.y = speed * Math.sin(angleDeg * DEG)
  return target
}

const horizontalSpeed = (p: LaunchParams): number => p.speed * Math.cos(p.angleDeg * DEG)
const verticalSpeed = (p: LaunchParams): number => p.speed * Math.sin(p.angleDeg * DEG)

/**
 * Time at which the projectile comes down through height landingHeight (the later root of
 * y(t) = landingHeight), or NaN when its apex is below that height. Written to avoid the
 * cancellation the textbook formula suffers when the launch points downward.
 */
export function timeOfFlight(params: LaunchParams, landingHeight = 0): number {
  const g = params.gravity
  const vy = verticalSpeed(params)
  const drop = params.height - landingHeight
  const discriminant = vy * vy + 2 * g * drop
  if (discriminant < 0) return NaN
  const root = Math.sqrt(discriminant)
  if (vy >= 0) return (vy + root) / g
  // Same root as (vy + root) / g, via the product of the roots; exact when root ~ -vy.
  const denominator = root - vy
  return denominator > 0 ? (2 * drop) / denominator : 0
}

/** Horizontal distance travelled when the projectile comes down through landingHeight; NaN if it never does. */
export function horizontalRange(params: LaunchParams, landingHeight = 0): number {
  return horizontalSpeed(params) * timeOfFlight(params, landingHeight)
}

/** Time of the highest point; 0 when launched level or downward. */
export function apexTime(params: LaunchParams): number {
  return Math.max(0, verticalSpeed(params)) / params.gravity
}

/** Height of the highest point above the ground. */
export function apexHeight(params: LaunchParams): number {
  const vy = Math.max(0, verticalSpeed(params))
  return params.height + (vy * vy) / (2 * params.gravity)
}

/** Horizontal position of the highest point. */
export function apexDistance(params: LaunchParams): number {
  return horizontalSpeed(params) * apexTime(params)
}

export function positionAt(params: LaunchParams, t: number, target: Vec2): Vec2 {
  const vy = verticalSpeed(params)
  target.x = horizontalSpeed(params) * t
  target.y = params.height + vy * t - 0.5 * params.gravity * t * t
  return target
}

export function velocityAt(params: LaunchParams, t: number, target: Vec2): Vec2 {
  target.x = horizontalSpeed(params)
  target.y = verticalSpeed(params) - params.gravity * t
  return target
}

/** Launch angle (degrees) that gives the longest flight to a landing height; 45 only when it equals the launch height. */
export function optimalAngleDeg(speed: number, launchHeight: number, gravity: number, landingHeight = 0): number {
  const drop = launchHeight - landingHeight
  const inner = speed * speed + 2 * gravity * drop
  if (!(speed > 0) || inner <= 0) return 45
  return Math.atan(speed / Math.sqrt(inner)) / DEG
}

/**
 * Launch angle that passes through the point (dx, dy) relative to the launcher at the given
 * speed: 'low' is the flatter of the two solutions, 'high' the lob. NaN when out of reach.
 */
export function angleToHit(speed: number, dx: number, dy: number, gravity: number, which: 'low' | 'high'): number {
  if (!(dx > 0)) return NaN
  const v2 = speed * speed
  const discriminant = v2 * v2 - gravity * (gravity * dx * dx + 2 * dy * v2)
  if (discriminant < 0) return NaN
  const root = Math.sqrt(discriminant)
  const tan = which === 'low' ? (v2 - root) / (gravity * dx) : (v2 + root) / (gravity * dx)
  return Math.atan(tan) / DEG
}

/** Launch speed that passes through (dx, dy) at the given angle; NaN when no speed does. */
export function speedToHit(angleDeg: number, dx: number, dy: number, gravity: number): number {
  const c = Math.cos(angleDeg * DEG)
  const rise = dx * Math.tan(angleDeg * DEG) - dy
  if (!(dx > 0) || !(c > 0) || !(rise > 0)) return NaN
  return Math.sqrt((gravity * dx * dx) / (2 * c * c * rise))
}

export type LandingSurface = 'ground' | 'platform-top' | 'platform-wall'

export interface AnalyticLanding {
  x: number
  y: number
  t: number
  surface: LandingSurface
}

/**
 * Where a no-drag launch from x = 0 first touches the ground or a platform: its top (coming
 * down onto it) or its front wall (flying into its side).
 */
export function analyticLanding(params: LaunchParams, platform: Platform | null, target: AnalyticLanding): AnalyticLanding {
  const vx = horizontalSpeed(params)
  const tGround = timeOfFlight(params, 0)
  if (platform && vx > 0) {
    const tWall = platform.xStart / vx
    const yWall = params.height + verticalSpeed(params) * tWall - 0.5 * params.gravity * tWall * tWall
    if (tWall <= tGround && yWall < platform.height) {
      target.x = platform.xStart
      target.y = yWall
      target.t = tWall
      target.surface = 'platform-wall'
      return target
    }
    const tTop = timeOfFlight(params, platform.height)
    const xTop = vx * tTop
    if (Number.isFinite(tTop) && xTop >= platform.xStart && xTop <= platform.xEnd) {
      target.x = xTop
      target.y = platform.height
      target.t = tTop
      target.surface = 'platform-top'
      return target
    }
  }
  target.x = vx * tGround
  target.y = 0
  target.t = tGround
  target.surface = 'ground'
  return target
}
