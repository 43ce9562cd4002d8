/**
 * The projectile model where the closed forms meet their edges, with numbers chosen so that every
 * sum is exact in binary: a horizontal launch from 5 m at 8 m/s under g = 8 m/s^2 falls
 * y = 5 - 4 t^2 and passes x = 8 t, so it comes through 1 m at exactly t = 1 s, x = 8 m, and both
 * the closed form and the fixed-step model with 0.25 s steps land there with no rounding at all.
 * Also the trajectory buffer's thinning rule, checked sample by sample against the closed form.
 */
import { describe, expect, it } from 'vitest'
import {
  advance, analyticLanding, angleToHit, createFlight, FIXED_DT, launchVelocity, makeLaunch, optimalAngleDeg, positionAt, simulateToLanding,
  speedToHit, timeOfFlight,
  type AnalyticLanding, type LaunchParams, type Platform,
} from '../../../scenes/projectile/model'

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)
const launch = (): LaunchParams => makeLaunch({ speed: 8, angleDeg: 0, height: 5, gravity: 8 })
const fresh = (): AnalyticLanding => ({ x: -1, y: -1, t: -1, surface: 'ground' })

describe('coming down exactly on a platform edge (1 m top, through (8 m, 1 m) at 1 s)', () => {
  const both = (platform: Platform): [AnalyticLanding, ReturnType<typeof simulateToLanding>] =>
    [analyticLanding(launch(), platform, fresh()), simulateToLanding(launch(), 0.25, { platform })]

  it('on the front corner: the top, not the wall', () => {
    const [exact, flown] = both({ xStart: 8, xEnd: 12, height: 1 })
    expect(exact).toEqual({ x: 8, y: 1, t: 1, surface: 'platform-top' })
    expect([flown.surface, flown.range, flown.landingY, flown.timeOfFlight]).toEqual(['platform-top', 8, 1, 1])
  })

  it('on the back end: the top', () => {
    const [exact, flown] = both({ xStart: 4, xEnd: 8, height: 1 })
    expect(exact).toEqual({ x: 8, y: 1, t: 1, surface: 'platform-top' })
    expect([flown.surface, flown.range, flown.landingY, flown.timeOfFlight]).toEqual(['platform-top', 8, 1, 1])
  })

  it('a millimetre short of the back end: over it to the ground at 8 sqrt(5/4) = 8.94427 m', () => {
    for (const r of both({ xStart: 4, xEnd: 7.999, height: 1 })) expect(r.surface).toBe('ground')
    const [exact, flown] = both({ xStart: 4, xEnd: 7.999, height: 1 })
    expect(exact.x).toBeCloseTo(8 * Math.sqrt(1.25), 12)
    expect(flown.range).toBeCloseTo(8 * Math.sqrt(1.25), 12)
  })

  it('a millimetre past the front corner: into the wall at 5 - 4 (8.001 / 8)^2 = 0.9989999 m', () => {
    const yWall = 5 - 4 * (8.001 / 8) ** 2
    const [exact, flown] = both({ xStart: 8.001, xEnd: 12, height: 1 })
    expect(exact.surface).toBe('platform-wall')
    expect(exact.y).toBeCloseTo(yWall, 12)
    expect(flown.surface).toBe('platform-wall')
    expect(flown.landingY).toBeCloseTo(yWall, 12)
  })
})

describe('closed forms at their edges', () => {
  it('a landing plane exactly at the apex is reached, once, at the apex time', () => {
    // 8 m/s straight up under g = 8: apex 64 / 16 = 4 m at 1 s; the two roots of y = 4 coincide.
    expect(timeOfFlight(makeLaunch({ speed: 8, angleDeg: 90, gravity: 8 }), 4)).toBe(1)
  })

  it('the farthest point in reach has one angle, 45 degrees, as both the low and the high solution', () => {
    // 4 m/s under g = 8 reaches v^2 / g = 2 m at most; the discriminant 16^2 - 8 (8 * 4 + 0) is 0.
    expect(angleToHit(4, 2, 0, 8, 'low')).toBe(45)
    expect(angleToHit(4, 2, 0, 8, 'high')).toBe(45)
  })

  it('a downward launch never comes up to a plane above it', () => {
    // 5 m/s at -30 degrees from 1 m towards 3 m: vy^2 + 2 g (1 - 3) = 6.25 - 39.24 < 0, no root.
    expect(timeOfFlight(makeLaunch({ speed: 5, angleDeg: -30, height: 1 }), 3)).toBeNaN()
  })

  it('a downward launch from a nanometre up: T = h / |vy| (1 - g h / (2 vy^2)), with no cancellation', () => {
    // vy = -2.5 m/s, h = 1e-9 m: g h / (2 vy^2) = 7.8e-10, the next term is ~1e-18. The textbook
    // (vy + sqrt(vy^2 + 2 g h)) / g loses 7 digits here: 2.5 + 3.9e-9 is 2.5 to 9 digits.
    const p = makeLaunch({ speed: 5, angleDeg: -30, height: 1e-9 })
    const vy = 5 * Math.sin((-30 * Math.PI) / 180)
    expect(rel(timeOfFlight(p), (1e-9 / -vy) * (1 - (9.81 * 1e-9) / (2 * vy * vy)))).toBeLessThan(1e-12)
  })

  it('best angle to a plane that only a straight-up launch touches: the 45 degree fallback', () => {
    // 4 m/s under g = 8 rises 16 / 16 = 1 m at most: inner = 16 + 2 * 8 * (0 - 1) = 0.
    expect(optimalAngleDeg(4, 0, 8, 1)).toBe(45)
  })

  it('no angle for a point straight above, no speed for a point behind, at the launcher or level with a level aim', () => {
    expect(angleToHit(10, 0, 0, 9.81, 'high')).toBeNaN()
    // Behind the launcher and below the aim line (rise = -10 tan 45 + 20 = 10 > 0), still no speed.
    expect(speedToHit(45, -10, -20, 9.81)).toBeNaN()
    expect(speedToHit(30, 0, -1, 9.81)).toBeNaN()
    // Aimed level at a point level with the launcher: gravity pulls it under at any speed.
    expect(speedToHit(0, 10, 0, 9.81)).toBeNaN()
  })

  it('coming down on the ground short of a platform that starts past its range', () => {
    // 10 m/s at 45 degrees: range 100 / 9.81 = 10.194 m; it passes 1 m on the way down at 9.08 m,
    // short of a top that starts at 12 m.
    const p = makeLaunch({ speed: 10, angleDeg: 45 })
    const out = analyticLanding(p, { xStart: 12, xEnd: 14, height: 1 }, fresh())
    expect(out.surface).toBe('ground')
    expect(out.x).toBeCloseTo(100 / 9.81, 12)
  })

  it('launch velocity: 10 m/s at 30 degrees is (8.66025, 5)', () => {
    const v = launchVelocity(10, 30, { x: 0, y: 0 })
    expect(v.x).toBeCloseTo(5 * Math.sqrt(3), 12)
    expect(v.y).toBeCloseTo(5, 12)
  })
})

describe('where a flight starts and stops', () => {
  it('launched level from the ground, it has already landed: no step, no time', () => {
    const flight = createFlight(makeLaunch({ speed: 5, angleDeg: 0, height: 0 }))
    expect(flight.state).toMatchObject({ landed: true, surface: 'ground', steps: 0, t: 0, x: 0, y: 0 })
  })

  // Straight up from 1 m under g = 8 towards a landing plane at 2 m: y = 1 + v t - 4 t^2.
  it('rising through a raised plane and turning down within one step, it comes down on the plane at the later root', () => {
    // v = 4.4 with 0.3 s steps: y(0.3) = 1.96 (below), y(0.6) = 2.2 (above, vy = -0.4, already falling);
    // it comes back down through 2 m at t = (4.4 + sqrt(4.4^2 - 16)) / 8 = 0.77913 s.
    const r = simulateToLanding(makeLaunch({ speed: 4.4, angleDeg: 90, height: 1, gravity: 8 }), 0.3, { groundHeight: 2 })
    expect(r.surface).toBe('ground')
    expect(r.landingY).toBe(2)
    expect(r.timeOfFlight).toBeCloseTo((4.4 + Math.sqrt(4.4 * 4.4 - 16)) / 8, 12)
  })

  it('rising exactly to the plane at its apex, at the end of a step, it lands there', () => {
    // v = 4 with 0.25 s steps: apex 1 + 16 / 16 = 2 m at exactly 0.5 s, the end of step 2.
    const r = simulateToLanding(makeLaunch({ speed: 4, angleDeg: 90, height: 1, gravity: 8 }), 0.25, { groundHeight: 2 })
    expect(r.surface).toBe('ground')
    expect(r.landingY).toBe(2)
    expect(r.timeOfFlight).toBeCloseTo(0.5, 6)
  })

  it('turning down below the plane exactly at the end of a step, it is never landing, decided there', () => {
    // v = 2 with 0.25 s steps: apex 1.25 m at exactly 0.25 s, the end of step 1, with vy = 0.
    const r = simulateToLanding(makeLaunch({ speed: 2, angleDeg: 90, height: 1, gravity: 8 }), 0.25, { groundHeight: 2 })
    expect(r.surface).toBe('never')
    expect(r.timeOfFlight).toBe(0.25)
    expect(r.steps).toBe(1)
    expect(r.apexHeight).toBe(1.25)
  })

  it('a flight that would last 1200 s is cut at 1000 s by default', () => {
    // 600 m/s straight up under g = 1: T = 1200 s. Steps of 0.125 s keep t exact.
    const r = simulateToLanding(makeLaunch({ speed: 600, angleDeg: 90, gravity: 1 }), 0.125)
    expect(r.surface).toBe('never')
    expect(r.timeOfFlight).toBe(1000)
    expect(r.steps).toBe(8000)
  })

  it('frames each a rounding error short of one step take one step each, and owe nothing', () => {
    // A display at the model's rate whose frame times come out 5e-10 of a step short: within the
    // allowance, each frame is one step; the shortfall must not pile up into a skipped step.
    const flight = createFlight(makeLaunch())
    let steps = 0
    for (let i = 0; i < 10; i++) {
      steps += advance(flight, FIXED_DT * (1 - 5e-10))
      expect(flight.accumulator).toBe(0)
    }
    expect(steps).toBe(10)
  })
})

describe('the trajectory buffer keeps every S-th step, S the smallest power of two that fits', () => {
  // A Moon lob: 20 m/s at 60 degrees, T = 2 * 17.3205 / 1.62 = 21.38 s, about 5130 steps.
  const p = (): LaunchParams => makeLaunch({ speed: 20, angleDeg: 60, gravity: 1.62 })

  for (const capacity of [3, 4, 5, 6, 7, 9, 10, 64, 100]) {
    it(`in ${capacity} points`, () => {
      const target = new Float32Array(2 * capacity)
      const r = simulateToLanding(p(), FIXED_DT, { target })
      const flying = r.steps - 1
      // The smallest power of two S with floor(flying / S) + 1 points fitting.
      let S = 1
      while (Math.floor(flying / S) + 1 > capacity) S *= 2
      const points = Math.floor(flying / S) + 1
      // The landing point comes last; when the buffer is full it replaces the last sample.
      expect(r.samples).toBe(Math.min(points + 1, capacity))
      const at = { x: 0, y: 0 }
      for (let j = 0; j < r.samples - 1; j++) {
        positionAt(p(), j * S * FIXED_DT, at)
        expect(Math.abs(target[2 * j]! - at.x), `sample ${j} x`).toBeLessThan(1e-4)
        expect(Math.abs(target[2 * j + 1]! - at.y), `sample ${j} y`).toBeLessThan(1e-4)
      }
      expect(target[2 * r.samples - 2]).toBeCloseTo(r.range, 4)
      expect(target[2 * r.samples - 1]).toBeCloseTo(0, 6)
    })
  }
})
