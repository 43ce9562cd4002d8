/**
 * Flies a launch to the end in one call: for the assessor, the task generators and the view's
 * trajectory preview. The path is written into a caller-owned Float32Array so drawing it
 * allocates nothing per frame.
 */
import { createFlight, type FlightEnd, type FlightOptions } from './flight'
import { FIXED_DT, type LaunchParams } from './params'

export interface LandingResult {
  /** Horizontal distance from the launcher to where it came down, m. */
  range: number
  /** Height of the landing point, m (0 on the ground, the platform's height on its top). */
  landingY: number
  timeOfFlight: number
  apexX: number
  /** Highest point above the ground, m. */
  apexHeight: number
  apexTime: number
  /** Velocity at impact, m/s. */
  impactVx: number
  impactVy: number
  surface: FlightEnd
  /** Fixed steps taken. */
  steps: number
  /** (x, y) pairs written into options.target; 0 when none was given. */
  samples: number
}

export interface SimulateOptions extends Omit<FlightOptions, 'dt'> {
  /**
   * Receives the path as x0, y0, x1, y1, ...; when the flight has more steps than fit, every
   * second kept point is dropped and the stride doubles, so the whole flight always fits. The
   * launch point comes first and the landing point last.
   */
  target?: Float32Array
  /** Filled and returned instead of a new object. */
  result?: LandingResult
}

export function emptyLandingResult(): LandingResult {
  return {
    range: 0, landingY: 0, timeOfFlight: 0, apexX: 0, apexHeight: 0, apexTime: 0,
    impactVx: 0, impactVy: 0, surface: 'ground', steps: 0, samples: 0,
  }
}

export function simulateToLanding(params: LaunchParams, dt: number = FIXED_DT, options: SimulateOptions = {}): LandingResult {
  const flight = createFlight(params, { dt, platform: options.platform ?? null, groundHeight: options.groundHeight ?? 0, maxTime: options.maxTime ?? 1000 })
  const { state } = flight
  const target = options.target
  const capacity = target ? Math.floor(target.length / 2) : 0
  if (target && capacity < 2) throw new Error('projectile: the trajectory target needs room for at least 2 points')
  let count = 0
  let stride = 1
  const write = (x: number, y: number, stepIndex: number): void => {
    if (!target) return
    if (count === capacity) {
      // Keep the even-numbered points; the kept ones are now 2 * stride steps apart.
      const kept = Math.ceil(count / 2)
      for (let i = 1; i < kept; i++) {
        target[2 * i] = target[4 * i]!
        target[2 * i + 1] = target[4 * i + 1]!
      }
      count = kept
      stride *= 2
      if (stepIndex % stride !== 0) return
    }
    target[2 * count] = x
    target[2 * count + 1] = y
    count++
  }
  write(state.x, state.y, 0)
  while (!flight.step()) {
    if (state.steps % stride === 0) write(state.x, state.y, state.steps)
  }
  if (target) {
    if (count === capacity) count-- // the landing point replaces the last sample rather than forcing a thinning
    target[2 * count] = state.x
    target[2 * count + 1] = state.y
    count++
  }
  const result = options.result ?? emptyLandingResult()
  result.range = state.x
  result.landingY = state.y
  result.timeOfFlight = state.t
  result.apexX = state.apexX
  result.apexHeight = state.apexY
  result.apexTime = state.apexT
  result.impactVx = state.vx
  result.impactVy = state.vy
  result.surface = state.surface ?? 'never'
  result.steps = state.steps
  result.samples = count
  return result
}
