/**
 * The standard normal distribution's tail and quantile, for the graded evidence of answers judged
 * against a tolerance (difficulty.ts, placementEvidence).
 */

/**
 * The complementary error function, erfc(x) = 1 - erf(x), with a fractional error under 1.2e-7
 * everywhere (Numerical Recipes' Chebyshev fit, `erfcc`): accurate in the far tail, where
 * 1 - erf(x) would cancel to nothing.
 */
export function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x))
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  const tail = t * Math.exp(-x * x + poly)
  return x >= 0 ? tail : 2 - tail
}

/**
 * The error function, accurate near 0 too (its Maclaurin series below 1, where 1 - erfc(x) would
 * lose the digits a small difference of two erf values needs).
 */
export function erf(x: number): number {
  if (Math.abs(x) >= 1) return 1 - erfc(x)
  // erf(x) = 2 / sqrt(pi) * sum_n (-1)^n x^(2n + 1) / (n! (2n + 1)); at |x| < 1 the terms fall below 1e-16 by n = 20.
  let term = x
  let sum = x
  for (let n = 1; n <= 20; n++) {
    term *= (-x * x) / n
    sum += term / (2 * n + 1)
  }
  return (2 / Math.sqrt(Math.PI)) * sum
}

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2)
}

// Acklam's rational approximation of the normal quantile (relative error under 1.2e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
const P_LOW = 0.02425

/** The x with P(Z <= x) = p, for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must lie in (0, 1), got ${p}`)
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
  }
  if (p > 1 - P_LOW) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
}
