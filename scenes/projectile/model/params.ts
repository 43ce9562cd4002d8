/**
 * Launch parameters and physical constants. SI units throughout: metres, seconds, kilograms,
 * metres per second; angles in degrees because that is what students set and read.
 */

export interface DragSettings {
  enabled: boolean
  /** Drag coefficient; 0.47 for a smooth sphere. */
  cd: number
  /** kg/m^3; 1.225 for air at sea level. */
  airDensity: number
}

export interface LaunchParams {
  /** Launch speed, m/s. */
  speed: number
  /** Launch angle above the horizontal, degrees. */
  angleDeg: number
  /** Height of the launch point above the ground, m. */
  height: number
  /** Projectile mass, kg; only matters when drag is on. */
  mass: number
  /** Projectile diameter, m; only matters when drag is on. */
  diameter: number
  /** Gravitational field strength, m/s^2 (positive, pointing down). */
  gravity: number
  drag: DragSettings
}

export type GravityPresetId = 'earth' | 'moon' | 'mars'

/** Surface gravity, m/s^2. */
export const GRAVITY_PRESETS: Readonly<Record<GravityPresetId, number>> = { earth: 9.81, moon: 1.62, mars: 3.71 }

export const GRAVITY_NAMES: Readonly<Record<GravityPresetId, string>> = { earth: 'Earth', moon: 'the Moon', mars: 'Mars' }

/** Surface air density, kg/m^3 (the Moon has none worth modelling). */
export const AIR_DENSITY: Readonly<Record<GravityPresetId, number>> = { earth: 1.225, moon: 0, mars: 0.02 }

export const SPHERE_DRAG_COEFFICIENT = 0.47

/**
 * The model's fixed time step, s. The view advances the model in whole steps of this size,
 * whatever its frame rate, and the assessor uses the same step, so what the student sees is
 * what gets assessed.
 */
export const FIXED_DT = 1 / 240

export const NO_DRAG: DragSettings = Object.freeze({ enabled: false, cd: SPHERE_DRAG_COEFFICIENT, airDensity: AIR_DENSITY.earth })

/** A launch with sensible defaults (a 0.145 kg, 7.4 cm ball on Earth, no drag) for the fields not given. */
export function makeLaunch(partial: Partial<LaunchParams> = {}): LaunchParams {
  return {
    speed: 10,
    angleDeg: 45,
    height: 0,
    mass: 0.145,
    diameter: 0.074,
    gravity: GRAVITY_PRESETS.earth,
    ...partial,
    drag: { ...NO_DRAG, ...partial.drag },
  }
}

/**
 * k in a_drag = -k |v| v, in 1/m: quadratic drag 0.5 rho Cd A v^2 divided by the mass.
 * Zero when drag is off.
 */
export function dragFactor(params: LaunchParams): number {
  const { drag } = params
  if (!drag.enabled) return 0
  const area = (Math.PI * params.diameter * params.diameter) / 4
  return (0.5 * drag.airDensity * drag.cd * area) / params.mass
}

/** Throws on values the model cannot fly, naming the field: bad input is a bug, not a miss. */
export function validateLaunch(params: LaunchParams): void {
  const finite: (keyof LaunchParams)[] = ['speed', 'angleDeg', 'height', 'mass', 'diameter', 'gravity']
  for (const key of finite) {
    const value = params[key]
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`projectile: launch ${key} must be a finite number, got ${String(value)}`)
  }
  if (params.speed < 0) throw new Error(`projectile: launch speed must be >= 0, got ${params.speed}`)
  if (params.angleDeg < -90 || params.angleDeg > 90) throw new Error(`projectile: launch angle must be in [-90, 90] degrees, got ${params.angleDeg}`)
  if (params.height < 0) throw new Error(`projectile: launch height must be >= 0, got ${params.height}`)
  if (!(params.gravity > 0)) throw new Error(`projectile: gravity must be > 0, got ${params.gravity}`)
  if (!(params.mass > 0)) throw new Error(`projectile: mass must be > 0, got ${params.mass}`)
  if (!(params.diameter > 0)) throw new Error(`projectile: diameter must be > 0, got ${params.diameter}`)
  if (params.drag.enabled && !(params.drag.cd >= 0 && params.drag.airDensity >= 0)) {
    throw new Error(`projectile: drag cd and airDensity must be >= 0, got ${params.drag.cd} and ${params.drag.airDensity}`)
  }
}

export const DEG = Math.PI / 180
