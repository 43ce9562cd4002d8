/**
 * The fixed-step flight model. One step() advances exactly dt with classic RK4 on
 * (x, y, vx, vy) under gravity and quadratic drag; without drag RK4 reproduces the closed form
 * (constant acceleration) up to rounding. Landing, hitting a platform and the apex are found
 * inside the step that contains them, by a safeguarded Newton solve on RK4 sub-steps from the
 * start of that step, so range and time of flight are not quantised to dt.
 *
 * Nothing here allocates after createFlight(): step() works on numbers and two scratch objects
 * made once per flight, so the view can step it inside the frame loop.
 */
import type { LandingSurface } from './analytic'
import { DEG, FIXED_DT, dragFactor, validateLaunch, type LaunchParams } from './params'
import type { Platform } from './terrain'

/** Where a flight ended: a surface, or 'never' when it cannot reach its landing plane. */
export type FlightEnd = LandingSurface | 'never'

export interface FlightState {
  /** Time since launch, s. */
  t: number
  x: number
  y: number
  vx: number
  vy: number
  landed: boolean
  /** Where it came to rest; null while still flying. */
  surface: FlightEnd | null
  /**
   * Highest point: the launch point until the apex is passed (found exactly within its step),
   * or where the flight ended if a wall stopped it while still rising.
   */
  apexX: number
  apexY: number
  apexT: number
  /** Position at the start of the last step, for drawing between steps. */
  prevX: number
  prevY: number
  /** Number of step() calls that moved the projectile. */
  steps: number
}

export interface FlightOptions {
  /** Fixed step, s; defaults to FIXED_DT. */
  dt?: number
  /** A raised platform the projectile can land on or fly into. */
  platform?: Platform | null
  /**
   * Height of the flat ground, m; 0 by default. Set above the launch height it acts as a plane
   * the projectile lands on only on its way down (used to solve for platform targets).
   */
  groundHeight?: number
  /** Flights longer than this stop with surface 'never', s. */
  maxTime?: number
}

export interface Flight {
  readonly params: LaunchParams
  readonly dt: number
  readonly platform: Platform | null
  readonly groundHeight: number
  /** Read by the view; written only by step() and reset(). */
  readonly state: FlightState
  /** Frame time not yet turned into steps, s; advance() keeps it below dt. */
  accumulator: number
  /** One fixed step; returns true once landed (and then does nothing). */
  step(): boolean
  /** Back to the launch point with the same parameters. */
  reset(): void
}

interface Phase {
  x: number
  y: number
  vx: number
  vy: number
}

/** One RK4 step of length h from (x, y, vx, vy) with a = (-k|v|vx, -g - k|v|vy), written into out. */
function rk4(x: number, y: number, vx: number, vy: number, h: number, g: number, k: number, out: Phase): void {
  const s1 = k === 0 ? 0 : Math.sqrt(vx * vx + vy * vy)
  const ax1 = -k * s1 * vx
  const ay1 = -g - k * s1 * vy
  const vx2 = vx + 0.5 * h * ax1
  const vy2 = vy + 0.5 * h * ay1
  const s2 = k === 0 ? 0 : Math.sqrt(vx2 * vx2 + vy2 * vy2)
  const ax2 = -k * s2 * vx2
  const ay2 = -g - k * s2 * vy2
  const vx3 = vx + 0.5 * h * ax2
  const vy3 = vy + 0.5 * h * ay2
  const s3 = k === 0 ? 0 : Math.sqrt(vx3 * vx3 + vy3 * vy3)
  const ax3 = -k * s3 * vx3
  const ay3 = -g - k * s3 * vy3
  const vx4 = vx + h * ax3
  const vy4 = vy + h * ay3
  const s4 = k === 0 ? 0 : Math.sqrt(vx4 * vx4 + vy4 * vy4)
  const ax4 = -k * s4 * vx4
  const ay4 = -g - k * s4 * vy4
  const sixth = h / 6
  out.x = x + sixth * (vx + 2 * vx2 + 2 * vx3 + vx4)
  out.y = y + sixth * (vy + 2 * vy2 + 2 * vy3 + vy4)
  out.vx = vx + sixth * (ax1 + 2 * ax2 + 2 * ax3 + ax4)
  out.vy = vy + sixth * (ay1 + 2 * ay2 + 2 * ay3 + ay4)
}

const COMPONENT_Y = 0
const COMPONENT_X = 1
const COMPONENT_VY = 2
/** Largest fraction of the speed drag may take away in one RK4 sub-step. */
const MAX_DRAG_FRACTION = 0.05

export function createFlight(params: LaunchParams, options: FlightOptions = {}): Flight {
  validateLaunch(params)
  const dt = options.dt ?? FIXED_DT
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`projectile: dt must be a positive number, got ${dt}`)
  const platform = options.platform ?? null
  const groundHeight = options.groundHeight ?? 0
  const maxTime = options.maxTime ?? 1000
  const g = params.gravity
  const k = dragFactor(params)
  const vx0 = params.speed * Math.cos(params.angleDeg * DEG)
  const vy0 = params.speed * Math.sin(params.angleDeg * DEG)

  const state: FlightState = {
    t: 0, x: 0, y: 0, vx: 0, vy: 0, landed: false, surface: null,
    apexX: 0, apexY: 0, apexT: 0, prevX: 0, prevY: 0, steps: 0,
  }
  const end: Phase = { x: 0, y: 0, vx: 0, vy: 0 }
  const probe: Phase = { x: 0, y: 0, vx: 0, vy: 0 }
  // Start of the current step; the event solver integrates sub-steps from here.
  let sx = 0
  let sy = 0
  let svx = 0
  let svy = 0
  // Length of the current sub-step: dt, or a whole fraction of it when drag is strong.
  let span = dt

  const valueOf = (p: Phase, component: number): number => (component === COMPONENT_Y ? p.y : component === COMPONENT_X ? p.x : p.vy)
  const rateOf = (p: Phase, component: number): number => {
    if (component === COMPONENT_Y) return p.vy
    if (component === COMPONENT_X) return p.vx
    return -g - k * Math.sqrt(p.vx * p.vx + p.vy * p.vy) * p.vy
  }

  /**
   * The sub-step h in (0, dt] where the component passes level (rising when increasing, else
   * falling), given that it does within this step. Newton on RK4 sub-steps, kept inside a
   * shrinking bracket and falling back to bisection. Leaves the state at h in probe.
   */
  const solveCrossing = (component: number, level: number, increasing: boolean, startValue: number, endValue: number): number => {
    const sign = increasing ? 1 : -1
    let lo = 0
    let hi = span
    const f0 = sign * (startValue - level)
    const f1 = sign * (endValue - level)
    let h = f1 > f0 ? (span * -f0) / (f1 - f0) : 0.5 * span
    for (let i = 0; i < 128; i++) {
      if (!(h > lo && h < hi)) h = 0.5 * (lo + hi)
      rk4(sx, sy, svx, svy, h, g, k, probe)
      const f = sign * (valueOf(probe, component) - level)
      if (f === 0) return h
      if (f < 0) lo = h
      else hi = h
      if (hi - lo <= 1e-15 * span) return h
      const rate = sign * rateOf(probe, component)
      const next = rate !== 0 ? h - f / rate : NaN
      // Newton is trusted only inside the bracket: outside it, it is heading for another root.
      if (next > lo && next < hi && Math.abs(next - h) <= 1e-15 * span) {
        rk4(sx, sy, svx, svy, next, g, k, probe)
        return next
      }
      h = next
    }
    rk4(sx, sy, svx, svy, h, g, k, probe)
    return h
  }

  const settle = (t: number, surface: FlightEnd): void => {
    state.x = probe.x
    state.y = probe.y
    state.vx = probe.vx
    state.vy = probe.vy
    state.t = t
    state.steps++
    state.landed = true
    state.surface = surface
  }

  const reset = (): void => {
    state.t = 0
    state.x = 0
    state.y = params.height
    state.vx = vx0
    state.vy = vy0
    state.landed = false
    state.surface = null
    state.apexX = 0
    state.apexY = params.height
    state.apexT = 0
    state.prevX = 0
    state.prevY = params.height
    state.steps = 0
    flight.accumulator = 0
    // Launched at or below the ground and not upward: it is already down.
    if (params.height <= groundHeight && vy0 <= 0) {
      state.landed = true
      state.surface = params.height < groundHeight ? 'never' : 'ground'
    }
  }

  // The earliest event found in the current sub-step (closure scratch, so step() allocates nothing).
  let eventH = Infinity
  let eventSurface: FlightEnd = 'ground'
  let eventX = 0
  let eventY = 0
  let eventVx = 0
  let eventVy = 0
  const keep = (h: number, surface: FlightEnd): void => {
    eventH = h
    eventSurface = surface
    eventX = probe.x
    eventY = probe.y
    eventVx = probe.vx
    eventVy = probe.vy
  }

  /** One RK4 sub-step of length span from the current state, starting at time tStart; true if it ended the flight. */
  const subStep = (tStart: number): boolean => {
    sx = state.x
    sy = state.y
    svx = state.vx
    svy = state.vy
    rk4(sx, sy, svx, svy, span, g, k, end)

    eventH = Infinity
    if (sy >= groundHeight && end.y < groundHeight) {
      const h = solveCrossing(COMPONENT_Y, groundHeight, false, sy, end.y)
      keep(h, 'ground')
      eventY = groundHeight
    }
    if (platform) {
      if (sx < platform.xStart && end.x >= platform.xStart) {
        const h = solveCrossing(COMPONENT_X, platform.xStart, true, sx, end.x)
        if (h < eventH && probe.y < platform.height) {
          keep(h, 'platform-wall')
          eventX = platform.xStart
        }
      }
      if (sy >= platform.height && end.y < platform.height) {
        const h = solveCrossing(COMPONENT_Y, platform.height, false, sy, end.y)
        if (h < eventH && probe.x >= platform.xStart && probe.x <= platform.xEnd) {
          keep(h, 'platform-top')
          eventY = platform.height
        }
      }
    }
    if (svy > 0 && end.vy <= 0) {
      const h = solveCrossing(COMPONENT_VY, 0, false, svy, end.vy)
      if (h <= eventH && probe.y > state.apexY) {
        state.apexX = probe.x
        state.apexY = probe.y
        state.apexT = tStart + h
      }
    }
    if (eventH !== Infinity) {
      // Stopped by a wall while still rising: the highest point it reached is where it stopped.
      if (eventY > state.apexY) {
        state.apexX = eventX
        state.apexY = eventY
        state.apexT = tStart + eventH
      }
      probe.x = eventX
      probe.y = eventY
      probe.vx = eventVx
      probe.vy = eventVy
      settle(tStart + eventH, eventSurface)
      return true
    }
    state.x = end.x
    state.y = end.y
    state.vx = end.vx
    state.vy = end.vy
    return false
  }

  const step = (): boolean => {
    if (state.landed) return true
    state.prevX = state.x
    state.prevY = state.y
    // RK4 stays accurate while drag takes a small fraction of the speed per (sub-)step; a very
    // light, large ball (a balloon) gets whole sub-steps, decided from the state alone.
    const parts = k === 0 ? 1 : Math.min(256, Math.max(1, Math.ceil((k * Math.sqrt(state.vx * state.vx + state.vy * state.vy) * dt) / MAX_DRAG_FRACTION)))
    span = dt / parts
    const stepStart = state.steps * dt
    for (let part = 0; part < parts; part++) {
      if (subStep(stepStart + part * span)) return true
    }
    state.steps++
    // t from the step count, so it does not gather rounding error over a long flight.
    state.t = state.steps * dt
    if ((state.y < groundHeight && state.prevY < groundHeight && state.vy <= 0) || state.t >= maxTime) {
      state.landed = true
      state.surface = 'never'
    }
    return state.landed
  }

  const flight: Flight = { params, dt, platform, groundHeight, state, accumulator: 0, step, reset }
  reset()
  return flight
}

/**
 * Turns frame time into whole fixed steps, so the model's path does not depend on the frame
 * rate. Returns the number of steps taken. Frames longer than maxFrame (a tab in the
 * background, a debugger pause) are cut to maxFrame so one frame never runs away.
 */
export function advance(flight: Flight, frameDt: number, maxFrame = 0.25): number {
  if (!(frameDt > 0) || flight.state.landed) return 0
  flight.accumulator += Math.min(frameDt, maxFrame)
  let steps = 0
  // The small allowance keeps a frame that sums to exactly n steps from leaving one behind.
  const threshold = flight.dt * (1 - 1e-9)
  while (flight.accumulator >= threshold) {
    flight.accumulator -= flight.dt
    steps++
    if (flight.step()) {
      flight.accumulator = 0
      break
    }
  }
  if (flight.accumulator < 0) flight.accumulator = 0
  return steps
}

/** Position to draw this frame: between the last two steps by the unstepped fraction of dt. */
export function interpolatedPosition(flight: Flight, target: { x: number; y: number }): { x: number; y: number } {
  const { state } = flight
  if (state.landed) {
    target.x = state.x
    target.y = state.y
    return target
  }
  const alpha = Math.min(1, flight.accumulator / flight.dt)
  // The last step went from prev to the current state; draw one step behind, blended forward.
  target.x = state.prevX + (state.x - state.prevX) * alpha
  target.y = state.prevY + (state.y - state.prevY) * alpha
  return target
}
