/**
 * Where a scene's labels go so that none runs into another: each label tries a few spots around
 * what it names, in order, and takes the first one clear of every label placed before it and of
 * the fixed marks (Circuit Lab: the board's letters and numbers and the meters' faces; Projectile:
 * the launchers and their angle readouts). Pure: sizes and positions in metres in one plane, x to
 * the right and z across it (Circuit Lab's board plane, z toward the student; Projectile's
 * picture plane, z down the picture).
 */

export interface Rect {
  /** Centre. */
  x: number
  z: number
  width: number
  depth: number
}

export interface LabelRequest {
  id: string
  lines: string[]
  /** Candidate centres in order of preference. */
  spots: { x: number; z: number }[]
}

export interface PlacedLabel {
  id: string
  x: number
  z: number
  rect: Rect
  /** False when none of its spots was clear and it stands where it overlaps least. */
  clear: boolean
}

/** Average advance of a character in the bench's font, in em (Inter's digits and lower case are about 0.55). */
const EM_PER_CHAR = 0.6
const LINE_HEIGHT = 1.1
/** A stood-up label covers a little more of the board than its own height, seen from above the bench. */
const DEPTH_FACTOR = 1.3
const GAP = 0.002

export function labelRect(lines: readonly string[], fontSize: number, x: number, z: number): Rect {
  const longest = Math.max(1, ...lines.map((l) => l.length))
  return { x, z, width: longest * EM_PER_CHAR * fontSize + 2 * GAP, depth: lines.length * LINE_HEIGHT * fontSize * DEPTH_FACTOR + 2 * GAP }
}

export function overlaps(a: Rect, b: Rect): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.z - b.z) * 2 < a.depth + b.depth
}

/**
 * Places labels in the order given. A label none of whose spots is clear takes the spot that
 * overlaps least, so it is still shown.
 */
export function layOutLabels(requests: readonly LabelRequest[], fontSize: number, obstacles: readonly Rect[]): PlacedLabel[] {
  const taken: Rect[] = [...obstacles]
  const placed: PlacedLabel[] = []
  for (const request of requests) {
    if (request.spots.length === 0) throw new Error(`label ${request.id}: no spot to place it`)
    let best: Rect | null = null
    let bestOverlap = Infinity
    for (const spot of request.spots) {
      const rect = labelRect(request.lines, fontSize, spot.x, spot.z)
      const overlap = taken.reduce((sum, other) => sum + overlapArea(rect, other), 0)
      if (overlap < bestOverlap) {
        best = rect
        bestOverlap = overlap
      }
      if (overlap === 0) break
    }
    taken.push(best!)
    placed.push({ id: request.id, x: best!.x, z: best!.z, rect: best!, clear: bestOverlap === 0 })
  }
  return placed
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width / 2, b.x + b.width / 2) - Math.max(a.x - a.width / 2, b.x - b.width / 2)
  const d = Math.min(a.z + a.depth / 2, b.z + b.depth / 2) - Math.max(a.z - a.depth / 2, b.z - b.depth / 2)
  return w > 0 && d > 0 ? w * d : 0
}

/**
 * The largest of `scales` (tried in order, largest first) at which `layOutAt` places every label
 * clear, with that layout; the last scale's layout when none is. For large text settings on a
 * crowded board: its text as large as there is room for, and the last scale is normal text's size.
 */
export function largestClearLayout(scales: readonly number[], layOutAt: (scale: number) => PlacedLabel[]): { scale: number; placed: PlacedLabel[] } {
  if (scales.length === 0) throw new Error('largestClearLayout: no scale to try')
  let layout: { scale: number; placed: PlacedLabel[] } | undefined
  for (const scale of scales) {
    layout = { scale, placed: layOutAt(scale) }
    if (layout.placed.every((p) => p.clear)) break
  }
  return layout!
}
