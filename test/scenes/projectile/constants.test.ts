/**
 * The physical constants Projectile Motion teaches with, pinned to published tables rather than to
 * the scene's own constants: a typo in a preset would otherwise fly every task consistently wrong
 * and every self-consistency check would still pass.
 */
import { describe, expect, it } from 'vitest'
import {
  AIR_DENSITY, dragFactor, GRAVITY_NAMES, GRAVITY_PRESETS, makeLaunch, simulateToLanding, SPHERE_DRAG_COEFFICIENT,
} from '../../../scenes/projectile/model'
import { airFor, describeConditions, pickWorld } from '../../../scenes/projectile/tasks/common'
import { levelRules } from '../../../scenes/projectile/levels'
import { createRng } from '../../../src/core'

/** The scene shows g to 2 decimals, so a preset must be the published value rounded to 2 decimals. */
const toHundredths = (x: number): number => Math.round(x * 100) / 100

// Standard acceleration of gravity g_n = 9.80665 m/s^2 (exact by definition): 3rd CGPM (1901),
// as given in NIST Special Publication 330 (The International System of Units).
const STANDARD_GRAVITY = 9.80665
// NASA Goddard Space Flight Center, Moon Fact Sheet (nssdc.gsfc.nasa.gov/planetary/factsheet/moonfact.html):
// surface gravity 1.62 m/s^2; surface pressure ~3e-15 bar, i.e. no air worth modelling.
const MOON_SURFACE_GRAVITY = 1.62
// NASA Goddard Space Flight Center, Mars Fact Sheet (nssdc.gsfc.nasa.gov/planetary/factsheet/marsfact.html):
// surface gravity 3.71 m/s^2; surface density ~0.020 kg/m^3.
const MARS_SURFACE_GRAVITY = 3.71
const MARS_SURFACE_AIR_DENSITY = 0.020
// International Standard Atmosphere at sea level (ISO 2533:1975; U.S. Standard Atmosphere 1976):
// 1.225 kg/m^3 at 15 degC and 101325 Pa.
const ISA_SEA_LEVEL_AIR_DENSITY = 1.225
// Drag coefficient of a smooth sphere in the subcritical regime (Re about 1e4 to 2e5, which
// thrown balls are in): 0.47 (S. F. Hoerner, Fluid-Dynamic Drag, 1965, ch. 3).
const SMOOTH_SPHERE_CD = 0.47

describe('gravity presets match the published surface gravities', () => {
  it('Earth is standard gravity to the hundredth shown', () => {
    expect(GRAVITY_PRESETS.earth).toBe(toHundredths(STANDARD_GRAVITY))
    expect(Math.abs(GRAVITY_PRESETS.earth - STANDARD_GRAVITY)).toBeLessThanOrEqual(0.005)
  })

  it('the Moon and Mars are NASA fact-sheet values', () => {
    expect(GRAVITY_PRESETS.moon).toBe(MOON_SURFACE_GRAVITY)
    expect(GRAVITY_PRESETS.mars).toBe(MARS_SURFACE_GRAVITY)
  })

  it('there are exactly these three worlds, named as the prompts name them', () => {
    expect(Object.keys(GRAVITY_PRESETS).sort()).toEqual(['earth', 'mars', 'moon'])
    expect(GRAVITY_NAMES).toEqual({ earth: 'Earth', moon: 'the Moon', mars: 'Mars' })
  })
})

describe('air density and drag match the published tables', () => {
  it('Earth air is ISA sea level, Mars air the fact-sheet surface density, the Moon none', () => {
    expect(AIR_DENSITY.earth).toBe(ISA_SEA_LEVEL_AIR_DENSITY)
    expect(AIR_DENSITY.mars).toBe(MARS_SURFACE_AIR_DENSITY)
    expect(AIR_DENSITY.moon).toBe(0)
  })

  it('a ball is a smooth sphere', () => {
    expect(SPHERE_DRAG_COEFFICIENT).toBe(SMOOTH_SPHERE_CD)
  })

  it('a baseball in sea-level air has the drag factor worked by hand', () => {
    // k = rho Cd (pi d^2 / 4) / (2 m) = 1.225 * 0.47 * (pi * 0.074^2 / 4) / (2 * 0.145)
    //   = 1.225 * 0.47 * 0.00430084 / 0.29 = 0.0085387 1/m
    const baseball = makeLaunch({ mass: 0.145, diameter: 0.074, drag: { enabled: true, cd: SMOOTH_SPHERE_CD, airDensity: ISA_SEA_LEVEL_AIR_DENSITY } })
    expect(dragFactor(baseball)).toBeCloseTo(0.0085387, 6)
    expect(dragFactor({ ...baseball, drag: { ...baseball.drag, enabled: false } })).toBe(0)
  })

  it('a dropped baseball falls at the terminal speed sqrt(g / k), a second method for the drag model', () => {
    // v_t = sqrt(9.81 / 0.0085387) = 33.895 m/s. From 3 km up it has long since reached it.
    const drop = makeLaunch({ speed: 0, angleDeg: -90, height: 3000, mass: 0.145, diameter: 0.074, drag: { enabled: true, cd: 0.47, airDensity: 1.225 } })
    const landed = simulateToLanding(drop)
    expect(landed.surface).toBe('ground')
    expect(landed.impactVy).toBeCloseTo(-33.895, 2)
    expect(Math.abs(landed.impactVx)).toBeLessThan(1e-9)
    // Without drag the same drop ends at sqrt(2 g h) = sqrt(2 * 9.81 * 3000) = 242.61 m/s.
    expect(simulateToLanding({ ...drop, drag: { ...drop.drag, enabled: false } }).impactVy).toBeCloseTo(-242.610, 2)
  })
})

describe('tasks use the published values', () => {
  it('a task on the Moon or Mars states and flies the fact-sheet gravity', () => {
    const seen = new Map<string, number>()
    const rng = createRng(7)
    for (let i = 0; i < 60; i++) {
      const world = pickWorld(levelRules[4]!, rng)
      seen.set(world.preset, world.gravity)
    }
    expect(Object.fromEntries(seen)).toEqual({ earth: 9.81, moon: MOON_SURFACE_GRAVITY, mars: MARS_SURFACE_GRAVITY })
    const moon = { preset: 'moon' as const, name: 'the Moon', gravity: MOON_SURFACE_GRAVITY }
    expect(describeConditions(makeLaunch({ gravity: MOON_SURFACE_GRAVITY }), moon)).toBe('from the ground on the Moon (g = 1.62 m/s^2) with no air resistance')
  })

  it('air for a drag task is the world\'s own, Earth air on an invented planet', () => {
    expect(airFor({ preset: 'earth', name: 'Earth', gravity: 9.81 }, true)).toEqual({ enabled: true, cd: SMOOTH_SPHERE_CD, airDensity: ISA_SEA_LEVEL_AIR_DENSITY })
    expect(airFor({ preset: 'mars', name: 'Mars', gravity: 3.71 }, true)).toEqual({ enabled: true, cd: SMOOTH_SPHERE_CD, airDensity: MARS_SURFACE_AIR_DENSITY })
    expect(airFor({ preset: 'custom', name: 'Nova Prime', gravity: 7 }, true)).toEqual({ enabled: true, cd: SMOOTH_SPHERE_CD, airDensity: ISA_SEA_LEVEL_AIR_DENSITY })
    expect(airFor({ preset: 'mars', name: 'Mars', gravity: 3.71 }, false).enabled).toBe(false)
  })
})
