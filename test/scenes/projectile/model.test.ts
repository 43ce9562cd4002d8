import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  advance, analyticLanding, apexDistance, apexHeight, apexTime, createFlight, FIXED_DT, GRAVITY_PRESETS, horizontalRange,
  interpolatedPosition, makeLaunch, optimalAngleDeg, positionAt, simulateToLanding, speedToHit, angleToHit, timeOfFlight, velocityAt,
  type AnalyticLanding, type LaunchParams, type Platform,
} from '../../../scenes/projectile/model'

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)
const air = { enabled: true, cd: 0.47, airDensity: 1.225 }

/**
 * No-drag launches covering level ground, heights, other worlds, steep, flat and downward launches.
 * Built inside each test (not at file load) so that a mutant in makeLaunch is seen by the tests.
 */
const noDragLaunches = (): LaunchParams[] => [
  makeLaunch({ speed: 10, angleDeg: 45 }),
  makeLaunch({ speed: 20, angleDeg: 35, height: 1.2 }),
  makeLaunch({ speed: 7.3, angleDeg: 72, height: 0.4, gravity: GRAVITY_PRESETS.moon }),
  makeLaunch({ speed: 15, angleDeg: 12, height: 3, gravity: GRAVITY_PRESETS.mars }),
  makeLaunch({ speed: 6, angleDeg: 0, height: 1.5 }),
  makeLaunch({ speed: 9, angleDeg: -20, height: 8 }),
  makeLaunch({ speed: 33.3, angleDeg: 88, gravity: 24.8 }),
]

describe('projectile model without drag agrees with the closed form', () => {
  it('range, time of flight and apex to 1e-9 relative, at several fixed steps', () => {
    for (const p of noDragLaunches()) {
      for (const dt of [1 / 30, 1 / 240, 1 / 1000]) {
        const r = simulateToLanding(p, dt)
        expect(r.surface).toBe('ground')
        expect(rel(r.timeOfFlight, timeOfFlight(p)), `T ${p.angleDeg} ${dt}`).toBeLessThan(1e-9)
        expect(rel(r.range, horizontalRange(p)), `R ${p.angleDeg} ${dt}`).toBeLessThan(1e-9)
        expect(rel(r.apexHeight, apexHeight(p)), `H ${p.angleDeg} ${dt}`).toBeLessThan(1e-9)
        if (p.angleDeg > 0) {
          expect(rel(r.apexTime, apexTime(p))).toBeLessThan(1e-9)
          expect(rel(r.apexX, apexDistance(p))).toBeLessThan(1e-9)
        }
      }
    }
  })

  it('position and velocity at every step to 1e-9 of the flight scale', () => {
    const pos = { x: 0, y: 0 }
    const vel = { x: 0, y: 0 }
    for (const p of noDragLaunches()) {
      const flight = createFlight(p, { dt: 1 / 240 })
      const length = Math.max(horizontalRange(p), apexHeight(p), 1)
      while (!flight.step()) {
        const { t, x, y, vx, vy } = flight.state
        positionAt(p, t, pos)
        velocityAt(p, t, vel)
        expect(Math.abs(x - pos.x) / length).toBeLessThan(1e-9)
        expect(Math.abs(y - pos.y) / length).toBeLessThan(1e-9)
        expect(Math.abs(vx - vel.x) / Math.max(p.speed, 1)).toBeLessThan(1e-9)
        expect(Math.abs(vy - vel.y) / Math.max(p.speed, 1)).toBeLessThan(1e-9)
      }
      // The impact velocity too.
      velocityAt(p, flight.state.t, vel)
      expect(rel(flight.state.vy, vel.y)).toBeLessThan(1e-9)
    }
  })

  it('lands on platforms, flies into their fronts or over them exactly where the closed form says', () => {
    const p = makeLaunch({ speed: 14, angleDeg: 50, height: 1 })
    const cases: { platform: Platform; surface: string }[] = [
      { platform: { xStart: 15, xEnd: 19, height: 2.5 }, surface: 'platform-top' },
      { platform: { xStart: 4, xEnd: 8, height: 8 }, surface: 'platform-wall' },
      { platform: { xStart: 3, xEnd: 6, height: 2 }, surface: 'ground' },
      { platform: { xStart: 10, xEnd: 30, height: 0.5 }, surface: 'platform-top' },
    ]
    const exact: AnalyticLanding = { x: 0, y: 0, t: 0, surface: 'ground' }
    for (const { platform, surface } of cases) {
      analyticLanding(p, platform, exact)
      expect(exact.surface).toBe(surface)
      for (const dt of [1 / 60, 1 / 240]) {
        const r = simulateToLanding(p, dt, { platform })
        expect(r.surface, JSON.stringify(platform)).toBe(surface)
        expect(rel(r.range, exact.x)).toBeLessThan(1e-9)
        expect(rel(r.timeOfFlight, exact.t)).toBeLessThan(1e-9)
        if (surface !== 'platform-wall') expect(r.landingY).toBe(exact.y)
        else expect(rel(r.landingY, exact.y)).toBeLessThan(1e-9)
      }
    }
  })

  it('comes down onto a plane above or below the launch at the later root', () => {
    for (const p of noDragLaunches().filter((q) => q.angleDeg > 0)) {
      for (const h of [0.25, 0.5, 0.9].map((f) => f * apexHeight(p))) {
        const r = simulateToLanding(p, FIXED_DT, { groundHeight: h })
        expect(rel(r.timeOfFlight, timeOfFlight(p, h))).toBeLessThan(1e-9)
        expect(rel(r.range, horizontalRange(p, h))).toBeLessThan(1e-9)
      }
      const tooHigh = simulateToLanding(p, FIXED_DT, { groundHeight: apexHeight(p) + 1 })
      expect(tooHigh.surface).toBe('never')
      expect(timeOfFlight(p, apexHeight(p) + 1)).toBeNaN()
    }
  })

  it('conserves energy to 1e-9 relative over a whole flight', () => {
    let worst = 0
    for (const p of noDragLaunches()) {
      const flight = createFlight(p)
      const energy = (): number => 0.5 * p.mass * (flight.state.vx ** 2 + flight.state.vy ** 2) + p.mass * p.gravity * flight.state.y
      const start = energy()
      do {
        worst = Math.max(worst, Math.abs(energy() - start) / start)
      } while (!flight.step())
      worst = Math.max(worst, Math.abs(energy() - start) / start)
    }
    expect(worst).toBeLessThan(1e-9)
  })

  it('solves the inverse problems: best angle, angle and speed to pass through a point', () => {
    expect(optimalAngleDeg(12, 0, 9.81)).toBeCloseTo(45, 12)
    const p = makeLaunch({ speed: 12, height: 2 })
    const best = optimalAngleDeg(12, 2, 9.81)
    expect(best).toBeLessThan(45)
    const rangeAt = (a: number): number => horizontalRange({ ...p, angleDeg: a })
    expect(rangeAt(best)).toBeGreaterThan(rangeAt(best - 0.5))
    expect(rangeAt(best)).toBeGreaterThan(rangeAt(best + 0.5))
    for (const which of ['low', 'high'] as const) {
      const a = angleToHit(15, 18, 1.5, 9.81, which)
      const pos = positionAt(makeLaunch({ speed: 15, angleDeg: a }), 18 / (15 * Math.cos((a * Math.PI) / 180)), { x: 0, y: 0 })
      expect(pos.y).toBeCloseTo(1.5, 9)
    }
    const v = speedToHit(40, 20, -1, 9.81)
    expect(rel(horizontalRange(makeLaunch({ speed: v, angleDeg: 40, height: 1 })), 20)).toBeLessThan(1e-12)
  })
})

describe('projectile model with quadratic drag', () => {
  const dragLaunches = (): LaunchParams[] => [
    makeLaunch({ speed: 30, angleDeg: 40, drag: air }),
    makeLaunch({ speed: 25, angleDeg: 30, mass: 0.058, diameter: 0.067, height: 1, drag: air }),
    makeLaunch({ speed: 20, angleDeg: 55, mass: 0.43, diameter: 0.22, drag: air }),
    // A table-tennis ball: drag comparable to gravity.
    makeLaunch({ speed: 25, angleDeg: 35, mass: 0.0027, diameter: 0.04, height: 0.8, drag: air }),
    makeLaunch({ speed: 12, angleDeg: 0, mass: 0.16, diameter: 0.2, height: 3, drag: air }),
    // A balloon: drag takes most of the speed within a few steps, so the model sub-steps.
    makeLaunch({ speed: 40, angleDeg: 60, mass: 0.003, diameter: 0.25, height: 1, drag: air }),
  ]

  it('RK4 at the model step agrees with RK4 at 1/64 of it to 1e-4 on range and time of flight', () => {
    for (const p of dragLaunches()) {
      for (const dt of [1 / 60, FIXED_DT]) {
        const coarse = simulateToLanding(p, dt)
        const fine = simulateToLanding(p, dt / 64)
        expect(rel(coarse.range, fine.range)).toBeLessThan(1e-4)
        expect(rel(coarse.timeOfFlight, fine.timeOfFlight)).toBeLessThan(1e-4)
        expect(rel(coarse.apexHeight, fine.apexHeight)).toBeLessThan(1e-4)
      }
    }
  })

  it('converges at fourth order, and drag only ever shortens the range and loses energy', () => {
    // A football, where drag is gentle enough that no sub-steps are taken: plain RK4 order.
    const p = dragLaunches()[2]!
    const reference = simulateToLanding(p, 1 / 3840).range
    const e1 = Math.abs(simulateToLanding(p, 1 / 15).range - reference)
    const e2 = Math.abs(simulateToLanding(p, 1 / 30).range - reference)
    expect(e1 / e2).toBeGreaterThan(10)
    expect(e1 / e2).toBeLessThan(24)
    for (const q of dragLaunches()) {
      expect(simulateToLanding(q).range).toBeLessThan(simulateToLanding({ ...q, drag: { ...q.drag, enabled: false } }).range)
      const flight = createFlight(q)
      const energy = (): number => 0.5 * (flight.state.vx ** 2 + flight.state.vy ** 2) + q.gravity * flight.state.y
      let last = energy()
      while (!flight.step()) {
        const now = energy()
        expect(now).toBeLessThan(last)
        last = now
      }
    }
  })
})

describe('projectile model is independent of frame rate', () => {
  const launch = (): LaunchParams => makeLaunch({ speed: 18, angleDeg: 50, height: 1, drag: air, mass: 0.058, diameter: 0.067 })
  const sequences: Record<string, number[]> = {
    '72 Hz': Array.from({ length: 200 }, () => 1 / 72),
    '90 Hz': Array.from({ length: 250 }, () => 1 / 90),
    '30 Hz': Array.from({ length: 80 }, () => 1 / 30),
    irregular: Array.from({ length: 300 }, (_, i) => [0.011, 0.0169, 0.0042, 0.033, 0.0071, 0.0139][i % 6]!),
  }

  for (const [name, frames] of Object.entries(sequences)) {
    it(`advancing at ${name} gives the same state as the same number of fixed steps`, () => {
      const p = launch()
      const byFrames = createFlight(p)
      let elapsed = 0
      let stepsTaken = 0
      const halfway = Math.floor(frames.length / 2)
      frames.forEach((frameDt, i) => {
        stepsTaken += advance(byFrames, frameDt)
        elapsed += frameDt
        if (i === halfway) {
          // Mid-flight: whole steps only, never a partial one.
          expect(byFrames.state.landed).toBe(false)
          expect(Math.abs(byFrames.state.steps - Math.floor(elapsed / FIXED_DT))).toBeLessThanOrEqual(1)
          const fixed = createFlight(p)
          for (let s = 0; s < byFrames.state.steps; s++) fixed.step()
          expect(fixed.state).toEqual(byFrames.state)
        }
      })
      expect(stepsTaken).toBe(byFrames.state.steps)
      const fixed = createFlight(p)
      while (!fixed.step()) { /* to landing */ }
      expect(byFrames.state.landed).toBe(true)
      expect(byFrames.state).toEqual(fixed.state)
    })
  }

  it('interpolates the drawn position between the last two steps and caps runaway frames', () => {
    const p = launch()
    const flight = createFlight(p)
    advance(flight, 5.5 * FIXED_DT)
    expect(flight.state.steps).toBe(5)
    const drawn = interpolatedPosition(flight, { x: 0, y: 0 })
    expect(drawn.x).toBeGreaterThan(flight.state.prevX)
    expect(drawn.x).toBeLessThan(flight.state.x)
    const stalled = createFlight(p)
    advance(stalled, 10)
    expect(stalled.state.steps).toBe(Math.round(0.25 / FIXED_DT))
  })
})

describe('projectile trajectory sampling', () => {
  it('fits any flight into the caller buffer, launch first and landing last, evenly thinned', () => {
    const p = makeLaunch({ speed: 20, angleDeg: 60, gravity: GRAVITY_PRESETS.moon })
    for (const capacity of [2, 3, 17, 64, 5000]) {
      const target = new Float32Array(capacity * 2)
      const r = simulateToLanding(p, FIXED_DT, { target })
      expect(r.samples).toBeGreaterThanOrEqual(2)
      expect(r.samples).toBeLessThanOrEqual(capacity)
      expect(target[0]).toBe(0)
      expect(target[1]).toBe(0)
      expect(target[2 * r.samples - 2]).toBeCloseTo(r.range, 3)
      for (let i = 1; i < r.samples; i++) expect(target[2 * i]!).toBeGreaterThan(target[2 * i - 2]!)
      // Evenly thinned: checked where there are gaps to compare (a 21 s flight on the Moon takes
      // far more than 17 steps, so a buffer of 17 or more holds more than 3 samples).
      if (capacity >= 17) {
        expect(r.samples).toBeGreaterThan(3)
        const gap = target[2]! - target[0]!
        expect(Math.abs(target[4]! - target[2]! - gap) / gap).toBeLessThan(1e-4)
      }
    }
  })

  it('finds the right root when the launch starts a hair above the ground and the apex falls inside the first step', () => {
    const p = makeLaunch({ speed: 0.5, angleDeg: 4.57, height: 1e-99, gravity: 24.2 })
    const r = simulateToLanding(p)
    expect(rel(r.range, horizontalRange(p))).toBeLessThan(1e-9)
    expect(rel(r.timeOfFlight, timeOfFlight(p))).toBeLessThan(1e-9)
  })

  it('rejects bad launches with the field named', () => {
    expect(() => createFlight(makeLaunch({ speed: NaN }))).toThrow(/speed/)
    expect(() => createFlight(makeLaunch({ gravity: 0 }))).toThrow(/gravity/)
    expect(() => createFlight(makeLaunch({ mass: -1 }))).toThrow(/mass/)
  })
})

describe('projectile model properties over random launches', () => {
  const launch = fc.record({
    speed: fc.double({ min: 0.5, max: 40, noNaN: true }),
    angleDeg: fc.double({ min: -30, max: 89, noNaN: true }),
    // Ground level, or at least a millimetre up: the in-step solver resolves time to 1e-15 dt.
    height: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 10, noNaN: true })),
    gravity: fc.double({ min: 1, max: 25, noNaN: true }),
  }).filter((l) => l.height > 0 || l.angleDeg >= 0.5)

  it('no drag: range, time of flight and apex match the closed form to 1e-9', () => {
    fc.assert(fc.property(launch, (l) => {
      const p = makeLaunch(l)
      const r = simulateToLanding(p)
      return rel(r.timeOfFlight, timeOfFlight(p)) < 1e-9 && rel(r.range, horizontalRange(p)) < 1e-9 &&
        rel(r.apexHeight, apexHeight(p)) < 1e-9
    }), { numRuns: 150, seed: 20240 })
  })

  it('drag: the model step agrees with a 1/64 step to 1e-4, and never beats the vacuum', () => {
    const ball = fc.record({ mass: fc.double({ min: 0.0027, max: 1, noNaN: true }), diameter: fc.double({ min: 0.04, max: 0.25, noNaN: true }) })
    fc.assert(fc.property(launch.filter((l) => l.gravity > 4), ball, (l, b) => {
      const p = makeLaunch({ ...l, ...b, drag: air })
      const coarse = simulateToLanding(p)
      const fine = simulateToLanding(p, FIXED_DT / 64)
      const vacuum = simulateToLanding({ ...p, drag: { ...air, enabled: false } })
      return rel(coarse.range, fine.range) < 1e-4 && rel(coarse.timeOfFlight, fine.timeOfFlight) < 1e-4 && coarse.range <= vacuum.range + 1e-9
    }), { numRuns: 25, seed: 7 })
  })
})
