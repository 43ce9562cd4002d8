/**
 * Seeded pseudo-random numbers (sfc32). Every task generator and simulation draws from an
 * Rng so that a task is reproducible from its seed on any machine, in Node or the browser.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number
  /** Uniform real in [min, max). */
  range(min: number, max: number): number
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /** True with probability p. */
  chance(p: number): boolean
  /** A new independent stream, derived deterministically from this one. */
  fork(): Rng
}

/** Mixes any number of integers or strings into one 32-bit seed (FNV-1a over their text). */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5
  const text = parts.join('\u241f')
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng: seed must be a finite number, got ${seed}`)
  let a = 0x9e3779b9
  let b = 0x243f6a88
  let c = 0xb7e15162
  let d = seed >>> 0
  const nextUint = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // Warm up so that nearby seeds give unrelated streams.
  for (let i = 0; i < 15; i++) nextUint()
  const rng: Rng = {
    next: () => nextUint() / 4294967296,
    int(min, max) {
      if (max < min) throw new Error(`Rng.int: max ${max} < min ${min}`)
      return min + Math.floor(rng.next() * (max - min + 1))
    },
    range: (min, max) => min + rng.next() * (max - min),
    pick(items) {
      if (items.length === 0) throw new Error('Rng.pick: empty array')
      return items[Math.floor(rng.next() * items.length)]!
    },
    chance: (p) => rng.next() < p,
    fork: () => createRng(nextUint()),
  }
  return rng
}
