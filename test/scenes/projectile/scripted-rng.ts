import type { Rng } from '../../../src/core'

/**
 * A stand-in for a generator's random stream that gives the draws listed, in order, for
 * hand-worked cases: pick takes the first item a predicate accepts, int, range and next take the
 * number given, chance the yes/no given. fork gives the same stream, so the task's own stream
 * continues the list. Running out of draws is an error: the case then draws more than it says.
 */
export function scripted(draws: readonly unknown[]): Rng {
  const queue = [...draws]
  const next = (): unknown => {
    if (queue.length === 0) throw new Error('scripted stream: no draws left')
    return queue.shift()
  }
  return {
    next: () => next() as number,
    int: () => next() as number,
    range: () => next() as number,
    chance: () => next() as boolean,
    pick: <T>(items: readonly T[]): T => items.find(next() as (item: T) => boolean)!,
    fork() { return this },
  }
}

/** A predicate for pick: the item equal to `value`, or the object whose `key` is `value`. */
export const is = <T>(value: unknown, key?: string) => (item: T): boolean =>
  key === undefined ? item === value : (item as Record<string, unknown>)[key] === value
