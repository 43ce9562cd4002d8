import type { ScaffoldSpec } from '../../src/core'

/** Most support first. The tutor policy picks the rung. */
export const scaffolds: ScaffoldSpec[] = [
  { level: 0, id: 'worked-step', name: 'Full guidance', description: 'Moving dots show the current, every wire shows its current, terminals are coloured by voltage, a worked example on other numbers is shown and hints are read aloud in the headset.', support: 1, narratesHints: true },
  { level: 1, id: 'readouts', name: 'Readouts everywhere', description: 'Moving dots show the current, every wire shows its current and terminals are coloured by voltage; hints are read aloud in the headset.', support: 0.75, narratesHints: true },
  { level: 2, id: 'voltage-colour', name: 'Flow and colour', description: 'Moving dots show the current and terminals are coloured by voltage; no numbers except on meters the student places.', support: 0.5 },
  { level: 3, id: 'flow', name: 'Flow only', description: 'Moving dots show where current flows; nothing else but the meters.', support: 0.25 },
  { level: 4, id: 'on-your-own', name: 'On your own', description: 'Only the bulbs and the meters the student places; hints only when asked, and fewer of them.', support: 0 },
]

export interface ScaffoldFeatures {
  /** Dots moving along parts, speed from the current. */
  currentFlow: boolean
  /** A label with the current on every part. */
  liveReadouts: boolean
  /** Terminals tinted from low (blue) to high (red) potential. */
  voltageColour: boolean
  workedStep: boolean
}

/**
 * The aids at a rung. Where the live circuit would give the answer away (predicting a change or
 * a brightness order, computing or measuring a value), the numbers and flow stay off before
 * the student answers: seeing them is what the task asks the student to work out.
 */
export function scaffoldFeatures(level: number, task?: { kind: string }): ScaffoldFeatures {
  const rung = Math.max(0, Math.min(scaffolds.length - 1, Math.floor(level)))
  const givesAway = task !== undefined && task.kind !== 'build'
  return {
    currentFlow: rung <= 3 && !givesAway,
    liveReadouts: rung <= 1 && !givesAway,
    voltageColour: rung <= 2 && !givesAway,
    workedStep: rung <= 0,
  }
}

/** How many hints a rung offers, general first: all on the supported rungs, fewer as support fades, never none. */
export function hintCount(total: number, level: number): number {
  const rung = Math.max(0, Math.floor(level))
  return Math.max(1, Math.min(total, total - Math.max(0, rung - 1)))
}
