import { describe, expect, it } from 'vitest'
import { FLOW_DOTS_PER_LANE, FLOW_LANES, LANE, stepFlow } from '../../../scenes/circuits/view/flow'

/** One lane's floats: from, control, to, speed (curve lengths per second), dots. */
const lane = (from: number[], control: number[], to: number[], speed: number, dots: number) => [...from, ...control, ...to, speed, dots]

function setUp(...laneData: number[][]) {
  const lanes = new Float32Array(FLOW_LANES * LANE)
  laneData.forEach((d, i) => lanes.set(d, i * LANE))
  return { lanes, phases: new Float32Array(FLOW_LANES), matrices: new Float32Array(FLOW_LANES * FLOW_DOTS_PER_LANE * 16).fill(Number.NaN) }
}

const translation = (m: Float32Array, dot: number) => [m[dot * 16 + 12], m[dot * 16 + 13], m[dot * 16 + 14]]

describe('moving charge along a lane (Circuit Lab current flow)', () => {
  // Hand-worked on the arch from (0,0,0) over (1,1,0) to (2,0,0): B(f) = (2f, 2f(1-f), 0).
  const arch = lane([0, 0, 0], [1, 1, 0], [2, 0, 0], 0.5, 2)

  it('places dots evenly along the quadratic curve, moved on by speed x time', () => {
    const { lanes, phases, matrices } = setUp(arch)
    const drawn = stepFlow(lanes, 1, phases, 0.05, matrices)
    expect(drawn).toBe(2)
    // Phase 0.5 x 0.05 = 0.025: the dots stand at f = 0.025 and 0.525.
    expect(phases[0]).toBeCloseTo(0.025, 6)
    expect(translation(matrices, 0).map((v) => Number(v!.toFixed(5)))).toEqual([0.05, 0.04875, 0])
    expect(translation(matrices, 1).map((v) => Number(v!.toFixed(5)))).toEqual([1.05, 0.49875, 0])
  })

  it('writes pure translations, one after another with no gaps between lanes', () => {
    const { lanes, phases, matrices } = setUp(arch, lane([0, 0, 0], [0, 0, 1], [0, 0, 2], 1, 3))
    expect(stepFlow(lanes, 2, phases, 0, matrices)).toBe(5)
    for (let dot = 0; dot < 5; dot++) {
      const m = [...matrices.slice(dot * 16, dot * 16 + 16)]
      expect([m[0], m[5], m[10], m[15]]).toEqual([1, 1, 1, 1])
      expect([m[1], m[2], m[3], m[4], m[6], m[7], m[8], m[9], m[11]]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
    }
    // The second lane's first dot follows the first lane's two: at its start, f = 0.
    expect(translation(matrices, 2)).toEqual([0, 0, 0])
    // Its third dot at f = 2/3 on the straight lane from z 0 to z 2: z = 4/3.
    expect(translation(matrices, 4)[2]).toBeCloseTo(4 / 3, 5)
    // Nothing past the dots in use is touched.
    expect(Number.isNaN(matrices[5 * 16])).toBe(true)
  })

  it('drifts backwards for a current the other way, and keeps the phase in [0, 1)', () => {
    const { lanes, phases, matrices } = setUp(lane([0, 0, 0], [1, 1, 0], [2, 0, 0], -0.5, 2))
    stepFlow(lanes, 1, phases, 0.1, matrices)
    expect(phases[0]).toBeCloseTo(0.95, 6)
  })

  it('moves no further than a tenth of a second after a stalled frame', () => {
    const { lanes, phases, matrices } = setUp(arch)
    stepFlow(lanes, 1, phases, 2, matrices)
    expect(phases[0]).toBeCloseTo(0.05, 6)
  })

  it('draws nothing when no part carries current', () => {
    const { lanes, phases, matrices } = setUp(arch)
    expect(stepFlow(lanes, 0, phases, 0.05, matrices)).toBe(0)
    expect(phases[0]).toBe(0)
  })
})
