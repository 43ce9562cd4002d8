import type { LevelSpec } from '../../src/core'

export const levels: LevelSpec[] = [
  { level: 1, name: 'One loop', description: 'One battery, one bulb or resistor; whole-number values; answers within 5%.', difficulty: -1.5 },
  { level: 2, name: 'Two parts', description: 'Two parts in series or in parallel, or a switch to close; answers within 4%.', difficulty: -0.75 },
  { level: 3, name: 'Three parts', description: 'Three parts, unequal values, meters to place; answers within 3%.', difficulty: 0 },
  { level: 4, name: 'Mixed circuits', description: 'Series and parallel together, broken circuits to fix, fewest-parts designs; answers within 2%.', difficulty: 0.75 },
  { level: 5, name: 'Real batteries', description: 'Batteries with internal resistance, so the voltage at the terminals drops as more current is drawn; answers within 2%.', difficulty: 1.5 },
]

/** Relative tolerance on numbers the student gives or builds to, per level. */
export const TOLERANCE: Readonly<Record<number, number>> = { 1: 0.05, 2: 0.04, 3: 0.03, 4: 0.02, 5: 0.02 }

export function checkLevel(level: number): void {
  if (!levels.some((l) => l.level === level)) throw new Error(`circuits: no level ${level} (levels are 1 to ${levels.length})`)
}
