import type { SkillSpec } from '../../src/core'

export const SKILL_LOOP = 'circuits.closed-loop'
export const SKILL_OHM = 'circuits.ohms-law'
export const SKILL_SERIES = 'circuits.series'
export const SKILL_PARALLEL = 'circuits.parallel'
export const SKILL_BRIGHTNESS = 'circuits.brightness-power'
export const SKILL_METERS = 'circuits.meters'
export const SKILL_CHANGE = 'circuits.predict-change'

export const skills: SkillSpec[] = [
  {
    id: SKILL_LOOP,
    name: 'A closed loop',
    description: 'Knows that current flows only round a complete loop from one battery terminal back to the other, finds gaps and shorts, and fixes them.',
    prerequisites: [],
    bkt: { prior: 0.3, learn: 0.25, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_OHM,
    name: "Ohm's law",
    description: 'Uses V = I R to find a voltage, a current or a resistance, including the voltage lost inside a battery with internal resistance.',
    prerequisites: [SKILL_LOOP],
    bkt: { prior: 0.15, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_SERIES,
    name: 'Series circuits',
    description: 'Knows that parts in series carry the same current and share the voltage, and that their resistances add.',
    prerequisites: [SKILL_OHM],
    bkt: { prior: 0.15, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_PARALLEL,
    name: 'Parallel circuits',
    description: 'Knows that parallel branches each get the full voltage and that their currents add, and designs circuits with parallel branches.',
    prerequisites: [SKILL_OHM],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_BRIGHTNESS,
    name: 'Brightness and power',
    description: 'Predicts which bulb glows brightest from the power it takes, P = I^2 R = V^2 / R, in series and in parallel.',
    prerequisites: [SKILL_SERIES],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.3, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_METERS,
    name: 'Using meters',
    description: 'Puts an ammeter in series and a voltmeter in parallel with the part being measured, reads them, and computes a resistance.',
    prerequisites: [SKILL_LOOP],
    bkt: { prior: 0.15, learn: 0.2, guess: 0.1, slip: 0.1, forget: 0 },
  },
  {
    id: SKILL_CHANGE,
    name: 'Predicting a change',
    description: 'Predicts how currents and brightness change when a part is added, removed or switched, without thinking of the battery as a fixed supply of current.',
    prerequisites: [SKILL_SERIES, SKILL_PARALLEL],
    bkt: { prior: 0.1, learn: 0.15, guess: 0.3, slip: 0.1, forget: 0 },
  },
]

export const SKILL_IDS: ReadonlySet<string> = new Set(skills.map((s) => s.id))
