import type { LevelSpec } from '../../src/core'

/** What each level shows on the track and how close the block must be. */
export interface LevelRules {
  /** Distance between labelled marks. */
  labelEvery: number
  /** Half-width of the accepted band around the target; below half of decimalStep so neighbours stay apart. */
  tolerance: number
  /** Smallest step a decimal target uses. */
  decimalStep: number
}

export const levelRules: Record<number, LevelRules> = {
  1: { labelEvery: 1, tolerance: 0.3, decimalStep: 0.5 },
  2: { labelEvery: 2, tolerance: 0.25, decimalStep: 0.5 },
  3: { labelEvery: 2, tolerance: 0.08, decimalStep: 0.1 },
  4: { labelEvery: 5, tolerance: 0.06, decimalStep: 0.1 },
  5: { labelEvery: 10, tolerance: 0.04, decimalStep: 0.1 },
}

export const levels: LevelSpec[] = [
  { level: 1, name: 'Every mark labelled', description: 'Every whole mark has its number; the block may be 0.3 off.', difficulty: -1.5 },
  { level: 2, name: 'Every other label', description: 'Only even marks are numbered; 0.25 off is accepted.', difficulty: -0.75 },
  // Both skills come at every level: the name says what the track shows, not the decimal skill's targets.
  { level: 3, name: 'Closer placing', description: 'Only even marks are numbered, as at level 2; 0.08 off is accepted; decimal targets are in tenths.', difficulty: 0 },
  { level: 4, name: 'Sparse labels', description: 'Only 0, 5 and 10 are numbered; 0.06 off is accepted.', difficulty: 0.75 },
  { level: 5, name: 'Ends only', description: 'Only 0 and 10 are numbered; 0.04 off is accepted.', difficulty: 1.5 },
]

export const TRACK_LENGTH = 10
