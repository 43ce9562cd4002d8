/**
 * Solves A x = b in place by Gaussian elimination with partial pivoting. Circuit matrices are
 * sparse, so zero multipliers are skipped: on a board's circuits that keeps the work near
 * n x bandwidth^2 instead of n^3 (the 200-part benchmark relies on it).
 * Returns false when the matrix is singular to working precision.
 */
export function solveDense(a: Float64Array, b: Float64Array, n: number): boolean {
  let scale = 0
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!))
  const tiny = (scale || 1) * 1e-13
  for (let col = 0; col < n; col++) {
    let pivot = col
    let best = Math.abs(a[col * n + col]!)
    for (let row = col + 1; row < n; row++) {
      const v = Math.abs(a[row * n + col]!)
      if (v > best) {
        best = v
        pivot = row
      }
    }
    if (best <= tiny) return false
    if (pivot !== col) {
      for (let k = col; k < n; k++) {
        const t = a[col * n + k]!
        a[col * n + k] = a[pivot * n + k]!
        a[pivot * n + k] = t
      }
      const t = b[col]!
      b[col] = b[pivot]!
      b[pivot] = t
    }
    const diag = a[col * n + col]!
    for (let row = col + 1; row < n; row++) {
      const factor = a[row * n + col]! / diag
      if (factor === 0) continue
      a[row * n + col] = 0
      for (let k = col + 1; k < n; k++) {
        const v = a[col * n + k]!
        if (v !== 0) a[row * n + k] = a[row * n + k]! - factor * v
      }
      b[row] = b[row]! - factor * b[col]!
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row]!
    for (let k = row + 1; k < n; k++) sum -= a[row * n + k]! * b[k]!
    b[row] = sum / a[row * n + row]!
  }
  return true
}
