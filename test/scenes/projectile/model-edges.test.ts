/**
 * Projectile model at its edges, worked by hand: which launches it refuses and how it says so,
 * the defaults of a launch, the inverse problems' no-solution answers, launches that start on or
 * below the ground, and the frame-time and sampling rules the view relies on.
 */
import { describe, expect, it } from 'vitest'
import {
  advance, analyticLanding, angleToHit, apexDistance, apexHeight, apexTime, createFlight, emptyLandingResult, FIXED_DT, horizontalRange,
  interpolatedPosition, launchVelocity, makeLaunch, NO_DRAG, optimalAngleDeg, simulateToLanding, speedToHit, timeOfFlight, validateLaunch,
  type AnalyticLanding, type LaunchParams,
} from '../../../scenes/projectile/model'

describe('launches the model refuses, naming the field', () => {
  it('each bad field, with its value', () => {
    const bad: [Partial<LaunchParams>, string][] = [
      [{ speed: Number.NaN }, 'projectile: launch speed must be a finite number, got NaN'],
      [{ angleDeg: Infinity }, 'projectile: launch angleDeg must be a finite number, got Infinity'],
      [{ height: '1' as unknown as number }, 'projectile: launch height must be a finite number, got 1'],
      [{ mass: undefined as unknown as number }, 'projectile: launch mass must be a finite number, got undefined'],
      [{ diameter: Number.NaN }, 'projectile: launch diameter must be a finite number, got NaN'],
      [{ gravity: -Infinity }, 'projectile: launch gravity must be a finite number, got -Infinity'],
      [{ speed: -0.1 }, 'projectile: launch speed must be >= 0, got -0.1'],
      [{ angleDeg: 90.5 }, 'projectile: launch angle must be in [-90, 90] degrees, got 90.5'],
      [{ angleDeg: -91 }, 'projectile: launch angle must be in [-90, 90] degrees, got -91'],
      [{ height: -0.01 }, 'projectile: launch height must be >= 0, got -0.01'],
      [{ gravity: 0 }, 'projectile: gravity must be > 0, got 0'],
      [{ mass: 0 }, 'projectile: mass must be > 0, got 0'],
      [{ diameter: 0 }, 'projectile: diameter must be > 0, got 0'],
      [{ drag: { enabled: true, cd: -0.1, airDensity: 1.2 } }, 'projectile: drag cd and airDensity must be >= 0, got -0.1 and 1.2'],
      [{ drag: { enabled: true, cd: 0.47, airDensity: -1 } }, 'projectile: drag cd and airDensity must be >= 0, got 0.47 and -1'],
    ]
    for (const [partial, message] of bad) {
      const launch = { ...makeLaunch(), ...partial, drag: partial.drag ?? makeLaunch().drag }
      expect(() => validateLaunch(launch), message).toThrow(message)
    }
  })

  it('accepts the edges: speed 0, straight up or down, from the ground, no air with nonsense air settings', () => {
    for (const partial of [{ speed: 0 }, { angleDeg: 90 }, { angleDeg: -90, height: 1 }, { height: 0 }, { drag: { enabled: false, cd: -1, airDensity: -1 } }]) {
      expect(() => validateLaunch({ ...makeLaunch(), ...partial })).not.toThrow()
    }
    expect(() => validateLaunch(makeLaunch({ drag: { enabled: true, cd: 0, airDensity: 0 } }))).not.toThrow()
  })

  it('refuses a step that is not a positive number', () => {
    for (const dt of [0, -1 / 60, Number.NaN, Infinity]) expect(() => createFlight(makeLaunch(), { dt })).toThrow(`projectile: dt must be a positive number, got ${dt}`)
  })

  it('a trajectory buffer needs room for two points', () => {
    expect(() => simulateToLanding(makeLaunch(), FIXED_DT, { target: new Float32Array(3) })).toThrow('projectile: the trajectory target needs room for at least 2 points')
  })
})

describe('a launch by default', () => {
  it('is a 0.145 kg, 7.4 cm baseball at 10 m/s and 45 degrees from the ground on Earth, without air', () => {
    expect(makeLaunch()).toEqual({ speed: 10, angleDeg: 45, height: 0, mass: 0.145, diameter: 0.074, gravity: 9.81, drag: { enabled: false, cd: 0.47, airDensity: 1.225 } })
    // Given drag fields override only themselves.
    expect(makeLaunch({ drag: { enabled: true } as never }).drag).toEqual({ enabled: true, cd: 0.47, airDensity: 1.225 })
    expect(Object.isFrozen(NO_DRAG)).toBe(true)
  })

  it('the fixed step is 1/240 s', () => {
    expect(FIXED_DT).toBe(1 / 240)
  })
})

describe('closed forms, worked by hand', () => {
  it('10 m/s at 30 degrees from 2 m on Earth', () => {
    // vx = 8.660254, vy = 5; T = (5 + sqrt(25 + 2 * 9.81 * 2)) / 9.81 = (5 + 8.014986) / 9.81 = 1.326706 s.
    const p = makeLaunch({ speed: 10, angleDeg: 30, height: 2 })
    expect(launchVelocity(10, 30, { x: 0, y: 0 }).x).toBeCloseTo(8.660254, 6)
    expect(timeOfFlight(p)).toBeCloseTo(1.326706, 6)
    expect(horizontalRange(p)).toBeCloseTo(11.489611, 5)
    expect(apexTime(p)).toBeCloseTo(5 / 9.81, 12)
    expect(apexHeight(p)).toBeCloseTo(2 + 25 / 19.62, 12)
    expect(apexDistance(p)).toBeCloseTo(8.660254 * (5 / 9.81), 6)
    // Landing on a plane 1 m up: T = (5 + sqrt(25 + 19.62)) / 9.81 = 1.190604 s.
    expect(timeOfFlight(p, 1)).toBeCloseTo(1.190604, 6)
  })

  it('a downward launch: the root without cancellation; level or downward, the apex is the launch', () => {
    // 5 m/s at -30 degrees from 10 m: vy = -2.5; T = (-2.5 + sqrt(6.25 + 196.2)) / 9.81 = 1.195565 s.
    const down = makeLaunch({ speed: 5, angleDeg: -30, height: 10 })
    expect(timeOfFlight(down)).toBeCloseTo(1.195565, 6)
    expect(apexTime(down)).toBe(0)
    expect(apexHeight(down)).toBe(10)
    expect(apexDistance(down)).toBe(0)
    // Straight down from the ground, nothing to fall: no time at all.
    expect(timeOfFlight(makeLaunch({ speed: 5, angleDeg: -90, height: 0 }))).toBe(0)
    // A plane above the apex is never reached.
    expect(timeOfFlight(makeLaunch({ speed: 5, angleDeg: 30 }), 5)).toBeNaN()
  })

  it('best angle: 45 degrees from the ground, lower from a height, and 45 when there is no speed', () => {
    // From 2 m at 10 m/s: atan(10 / sqrt(100 + 2 * 9.81 * 2)) = atan(10 / 11.8) = 40.28 degrees.
    expect(optimalAngleDeg(10, 2, 9.81)).toBeCloseTo(40.2799, 3)
    expect(optimalAngleDeg(0, 2, 9.81)).toBe(45)
    // Landing far above what the speed can reach: 45 is the fallback.
    expect(optimalAngleDeg(1, 0, 9.81, 10)).toBe(45)
    expect(optimalAngleDeg(10, 0, 9.81, 0)).toBeCloseTo(45, 12)
  })

  it('angle to hit: low and high solutions, NaN behind the launcher or out of reach', () => {
    // 10 m/s to (5, 0): sin 2a = 5 * 9.81 / 100 = 0.4905: a = 14.69 or 75.31 degrees.
    expect(angleToHit(10, 5, 0, 9.81, 'low')).toBeCloseTo(14.6864, 3)
    expect(angleToHit(10, 5, 0, 9.81, 'high')).toBeCloseTo(75.3136, 3)
    expect(angleToHit(10, 0, 0, 9.81, 'low')).toBeNaN()
    expect(angleToHit(10, -3, 0, 9.81, 'low')).toBeNaN()
    expect(angleToHit(5, 20, 0, 9.81, 'high')).toBeNaN()
  })

  it('speed to hit at an angle: worked, and NaN when no speed can', () => {
    // 45 degrees to (10, 0): v^2 = g dx^2 / (2 cos^2 45 (dx tan 45 - 0)) = 9.81 * 100 / 10 = 98.1.
    expect(speedToHit(45, 10, 0, 9.81)).toBeCloseTo(Math.sqrt(98.1), 12)
    expect(speedToHit(45, 0, 0, 9.81)).toBeNaN()
    // Past vertical (cos < 0) no speed works, even where the rise alone would allow one.
    expect(speedToHit(100, 10, -100, 9.81)).toBeNaN()
    // Aimed below the point: the ball can never rise to it.
    expect(speedToHit(10, 10, 5, 9.81)).toBeNaN()
  })

  it('analytic landing reuses the caller\'s object and says which surface', () => {
    const out: AnalyticLanding = { x: -1, y: -1, t: -1, surface: 'platform-top' }
    const p = makeLaunch({ speed: 10, angleDeg: 45 })
    expect(analyticLanding(p, null, out)).toBe(out)
    expect(out).toEqual({ x: horizontalRange(p), y: 0, t: timeOfFlight(p), surface: 'ground' })
    // Straight up: it never reaches a platform in front, whatever its height.
    const up = makeLaunch({ speed: 10, angleDeg: 90 })
    expect(analyticLanding(up, { xStart: 1, xEnd: 3, height: 100 }, out).surface).toBe('ground')
  })
})

describe('flights that start on or below their landing plane', () => {
  it('on the ground going down has already landed', () => {
    const flight = createFlight(makeLaunch({ speed: 3, angleDeg: -20, height: 0 }))
    expect(flight.state).toMatchObject({ landed: true, surface: 'ground', steps: 0 })
    expect(flight.step()).toBe(true)
    expect(flight.state.steps).toBe(0)
  })

  it('below a raised landing plane and not rising: never', () => {
    const r = simulateToLanding(makeLaunch({ speed: 3, angleDeg: 0, height: 1 }), FIXED_DT, { groundHeight: 2 })
    expect(r.surface).toBe('never')
    expect(r.steps).toBe(0)
  })

  it('rising from below the plane but never reaching it: never, decided as soon as it turns down', () => {
    // Apex at 2 / 9.81 = 0.204 s, 1.204 m: below the 2 m plane.
    const r = simulateToLanding(makeLaunch({ speed: 2, angleDeg: 90, height: 1 }), FIXED_DT, { groundHeight: 2 })
    expect(r.surface).toBe('never')
    expect(r.timeOfFlight).toBeGreaterThanOrEqual(2 / 9.81)
    expect(r.timeOfFlight).toBeLessThanOrEqual(2 / 9.81 + FIXED_DT)
    expect(r.apexHeight).toBeCloseTo(1 + 4 / 19.62, 9)
  })

  it('a flight longer than maxTime stops, not landed anywhere', () => {
    const r = simulateToLanding(makeLaunch({ speed: 30, angleDeg: 80, gravity: 1 }), FIXED_DT, { maxTime: 2 })
    expect(r.surface).toBe('never')
    expect(r.timeOfFlight).toBeCloseTo(2, 9)
  })

  it('reset flies the same launch again', () => {
    const flight = createFlight(makeLaunch({ speed: 8, angleDeg: 60, height: 1 }))
    while (!flight.step()) { /* fly */ }
    const landed = { ...flight.state }
    flight.reset()
    expect(flight.state).toMatchObject({ t: 0, x: 0, y: 1, landed: false, surface: null, steps: 0, apexY: 1, prevX: 0, prevY: 1 })
    expect(flight.accumulator).toBe(0)
    while (!flight.step()) { /* fly */ }
    expect(flight.state).toEqual(landed)
  })
})

describe('frame time and drawing', () => {
  it('no frame time, or a landed flight, takes no steps', () => {
    const flight = createFlight(makeLaunch())
    expect(advance(flight, 0)).toBe(0)
    expect(advance(flight, -0.1)).toBe(0)
    expect(advance(flight, Number.NaN)).toBe(0)
    expect(flight.accumulator).toBe(0)
    expect(advance(flight, 3 * FIXED_DT)).toBe(3)
    expect(advance(flight, 1000)).toBeLessThanOrEqual(60)
  })

  it('a frame of exactly n steps takes n, leaving nothing behind; a landing empties the accumulator', () => {
    const flight = createFlight(makeLaunch())
    expect(advance(flight, 4 * FIXED_DT)).toBe(4)
    expect(flight.accumulator).toBeLessThan(1e-12)
    let steps = 0
    for (let i = 0; i < 20; i++) steps += advance(flight, 0.25)
    expect(flight.state.landed).toBe(true)
    expect(flight.accumulator).toBe(0)
    expect(steps + 4).toBe(flight.state.steps)
    expect(advance(flight, 0.25)).toBe(0)
  })

  it('a custom longest frame caps one frame to that many steps', () => {
    const flight = createFlight(makeLaunch())
    expect(advance(flight, 1, 10 * FIXED_DT)).toBe(10)
  })

  it('draws between the last two steps by the unstepped fraction, and at rest once landed', () => {
    const flight = createFlight(makeLaunch())
    advance(flight, 2.25 * FIXED_DT)
    const at = interpolatedPosition(flight, { x: 0, y: 0 })
    const { prevX, x, prevY, y } = flight.state
    expect(at.x).toBeCloseTo(prevX + 0.25 * (x - prevX), 12)
    expect(at.y).toBeCloseTo(prevY + 0.25 * (y - prevY), 12)
    while (!flight.step()) { /* land */ }
    flight.accumulator = 0.5 * FIXED_DT
    expect(interpolatedPosition(flight, { x: 0, y: 0 })).toEqual({ x: flight.state.x, y: flight.state.y })
  })
})

describe('the landing result', () => {
  it('is written into the object given, and an empty one is all zeros on the ground', () => {
    expect(emptyLandingResult()).toEqual({ range: 0, landingY: 0, timeOfFlight: 0, apexX: 0, apexHeight: 0, apexTime: 0, impactVx: 0, impactVy: 0, surface: 'ground', steps: 0, samples: 0 })
    const result = emptyLandingResult()
    const p = makeLaunch({ speed: 10, angleDeg: 45 })
    expect(simulateToLanding(p, FIXED_DT, { result })).toBe(result)
    expect(result.range).toBeCloseTo(horizontalRange(p), 9)
    // Impact velocity without air: vx unchanged, vy mirrored.
    expect(result.impactVx).toBeCloseTo(10 * Math.SQRT1_2, 9)
    expect(result.impactVy).toBeCloseTo(-10 * Math.SQRT1_2, 9)
    expect(result.steps).toBe(Math.ceil(timeOfFlight(p) / FIXED_DT))
    expect(result.samples).toBe(0)
  })

  it('a buffer of exactly two points holds the launch and the landing', () => {
    const target = new Float32Array(4)
    const p = makeLaunch({ speed: 10, angleDeg: 45, height: 1 })
    const r = simulateToLanding(p, FIXED_DT, { target })
    expect(r.samples).toBe(2)
    expect([target[0], target[1]]).toEqual([0, 1])
    expect(target[2]).toBeCloseTo(horizontalRange(p), 4)
    expect(target[3]).toBeCloseTo(0, 6)
  })

  it('a roomy buffer keeps every step', () => {
    const p = makeLaunch({ speed: 5, angleDeg: 45 })
    const target = new Float32Array(2 * 1000)
    const r = simulateToLanding(p, FIXED_DT, { target })
    expect(r.samples).toBe(r.steps + 1)
    expect(target[2]).toBeCloseTo(5 * Math.SQRT1_2 * FIXED_DT, 6)
  })
})
