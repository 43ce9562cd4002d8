/**
 * Numbers as a student reads them in text, for help that must not give the answer away: the
 * scenes' worked examples check their own text against the task's answer with these.
 */

/** The numbers written in a text, unsigned, with how many decimals each was written with. */
export function numbersIn(text: string): { value: number; decimals: number }[] {
  return [...text.matchAll(/\d+(?:\.(\d+))?/g)].map((m) => ({ value: Number(m[0]), decimals: m[1]?.length ?? 0 }))
}

/**
 * Whether a number written with `decimals` decimals reads as `value`: rounded to those
 * decimals, or, for a whole number, rounded to one decimal (17.02 reads '17').
 */
export function readsAs(written: { value: number; decimals: number }, value: number): boolean {
  const v = Math.abs(value)
  return written.value === Number(v.toFixed(Math.max(1, written.decimals)))
}

/** Whole numbers up to this are formula constants ('2 vy / g', '(1/2) g t^2'), not values. */
export const FORMULA_CONSTANT_MAX = 2

/** Whether the text shows any of the values (formula constants aside). */
export function showsAny(text: string, values: readonly number[]): boolean {
  return numbersIn(text).some((n) => !(n.decimals === 0 && n.value <= FORMULA_CONSTANT_MAX) && values.some((v) => readsAs(n, v)))
}

/**
 * The first text from `make(0)`, `make(1)`, ... that shows none of `avoid`, trying a few; the
 * last one tried when none does (the caller's tests catch that).
 */
export function firstAvoiding(make: (attempt: number) => string | null, avoid: readonly number[], tries = 24): string {
  let last = ''
  for (let attempt = 0; attempt < tries; attempt++) {
    const text = make(attempt)
    if (text === null) continue
    last = text
    if (!showsAny(text, avoid)) return text
  }
  return last
}
