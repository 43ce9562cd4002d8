/**
 * How the field's instruments mark it: the measuring tape's labelled step and the time between a
 * trail's dots. Pure (no React or three), so plain Node tests can check them.
 */
import { FIXED_DT } from '../model'

const NICE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]

/** The label step of a tape `length` metres long: the smallest nice step giving at most six labelled marks. */
export function tapeLabelStep(length: number): number {
  return NICE_STEPS.find((s) => length / s <= 6) ?? NICE_STEPS.at(-1)!
}

/** Seconds between dots: about 8 to 40 dots a flight, on the fixed step's grid. */
export function dotInterval(timeOfFlight: number): number {
  const interval = timeOfFlight <= 2 ? 0.1 : timeOfFlight <= 4 ? 0.2 : timeOfFlight <= 10 ? 0.5 : 1
  return Math.round(interval / FIXED_DT) * FIXED_DT
}

/** Fixed simulation steps between dots: a dot falls on every step whose count is a multiple of it. */
export function dotSteps(timeOfFlight: number): number {
  return Math.max(1, Math.round(dotInterval(timeOfFlight) / FIXED_DT))
}
