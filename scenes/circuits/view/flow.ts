/**
 * The moving charge in Circuit Lab's wires, as numbers only: each lane is a quadratic curve along
 * a part that carries current, with dots drifting along it at a speed proportional to the current.
 * It runs every frame, so it writes into arrays it is given and allocates nothing.
 */

export const FLOW_LANES = 48
export const FLOW_DOTS_PER_LANE = 8
/** Floats per lane: from (3), control (3), to (3), signed speed in curve lengths per second, dots. */
export const LANE = 11
/** The longest step a frame may take: after a stall the dots move on, they do not jump. */
const MAX_STEP_S = 0.1

/**
 * Advances every lane's phase by `delta` seconds and writes one translation matrix (16 floats,
 * column-major as three stores them) per dot into `matrices`, lane after lane with no gaps.
 * Returns how many dots it wrote: the instances to draw.
 */
export function stepFlow(lanes: Float32Array, laneCount: number, phases: Float32Array, delta: number, matrices: Float32Array): number {
  const step = Math.min(delta, MAX_STEP_S)
  let dot = 0
  for (let lane = 0; lane < laneCount; lane++) {
    const o = lane * LANE
    const dots = lanes[o + 10]!
    const phase = (((phases[lane]! + step * lanes[o + 9]!) % 1) + 1) % 1
    phases[lane] = phase
    for (let k = 0; k < dots; k++) {
      const f = (k / dots + phase) % 1
      const u = 1 - f
      const a = u * u
      const b = 2 * u * f
      const c = f * f
      const m = dot * 16
      matrices[m] = 1
      matrices[m + 1] = 0
      matrices[m + 2] = 0
      matrices[m + 3] = 0
      matrices[m + 4] = 0
      matrices[m + 5] = 1
      matrices[m + 6] = 0
      matrices[m + 7] = 0
      matrices[m + 8] = 0
      matrices[m + 9] = 0
      matrices[m + 10] = 1
      matrices[m + 11] = 0
      matrices[m + 12] = a * lanes[o]! + b * lanes[o + 3]! + c * lanes[o + 6]!
      matrices[m + 13] = a * lanes[o + 1]! + b * lanes[o + 4]! + c * lanes[o + 7]!
      matrices[m + 14] = a * lanes[o + 2]! + b * lanes[o + 5]! + c * lanes[o + 8]!
      matrices[m + 15] = 1
      dot++
    }
  }
  return dot
}
