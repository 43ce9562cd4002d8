import type { ScaffoldSpec } from '../../src/core'

export const scaffolds: ScaffoldSpec[] = [
  { level: 0, id: 'guide', name: 'Guide and readout', description: 'A glowing line marks the target and a readout shows where the block is.', support: 1 },
  { level: 1, id: 'readout', name: 'Readout', description: 'A readout shows where the block is; no guide line.', support: 0.6 },
  { level: 2, id: 'hint-on-request', name: 'Hints on request', description: 'No readout; hints when asked for.', support: 0.3 },
  { level: 3, id: 'none', name: 'On your own', description: 'No readout and no guide.', support: 0 },
]

/** Scaffold features as the view reads them. */
export function scaffoldFeatures(level: number): { guide: boolean; readout: boolean } {
  return { guide: level <= 0, readout: level <= 1 }
}
