/**
 * Guessing limits per client address: wrong keys, wrong join codes and wrong sign-in codes each
 * cost time once a few have failed (the wait doubles with every further failure), and one
 * address may mint only so many station keys an hour. In memory: a restart forgives, which costs
 * an attacker a teacher's restart per few guesses.
 */
import { HttpError } from './http'

export interface GuessLimitOptions {
  /** Failures allowed before the first wait. */
  freeFailures: number
  /** The first wait; each further failure doubles it, up to maxWaitMs. */
  firstWaitMs: number
  maxWaitMs: number
  /** A quiet spell this long after the last failure forgets them. */
  forgetAfterMs: number
}

export const GUESS_LIMITS: GuessLimitOptions = { freeFailures: 10, firstWaitMs: 1000, maxWaitMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 }
/** Station keys one address may mint per hour (a classroom's devices each have their own address). */
export const STATION_KEYS_PER_HOUR = 30

export class TooManyRequests extends HttpError {
  readonly headers: Record<string, string>
  constructor(message: string, waitMs: number) {
    super(429, message)
    this.headers = { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) }
  }
}

export interface GuessLimit {
  /** Throws 429 while this address must wait. */
  check(address: string): void
  fail(address: string): void
  readonly tracked: number
}

export function createGuessLimit(what: string, options: GuessLimitOptions | null, now: () => number = Date.now): GuessLimit {
  const failures = new Map<string, { count: number; last: number; until: number }>()
  const prune = (t: number) => {
    if (failures.size < 10_000) return
    for (const [address, entry] of failures) if (t - entry.last > options!.forgetAfterMs && t >= entry.until) failures.delete(address)
  }
  return {
    check(address) {
      if (!options) return
      const entry = failures.get(address)
      const t = now()
      if (entry && t < entry.until) throw new TooManyRequests(`Too many wrong ${what} from this address: wait ${Math.ceil((entry.until - t) / 1000)} s and try again`, entry.until - t)
    },
    fail(address) {
      if (!options) return
      const t = now()
      prune(t)
      let entry = failures.get(address)
      if (!entry || (t - entry.last > options.forgetAfterMs && t >= entry.until)) entry = { count: 0, last: t, until: 0 }
      entry.count++
      entry.last = t
      const over = entry.count - options.freeFailures
      if (over > 0) entry.until = t + Math.min(options.maxWaitMs, options.firstWaitMs * 2 ** Math.min(30, over - 1))
      failures.set(address, entry)
    },
    get tracked() {
      return failures.size
    },
  }
}

/** At most `perHour` events per address in any sliding hour. */
export function createHourlyQuota(what: string, perHour: number | null, now: () => number = Date.now) {
  const events = new Map<string, number[]>()
  return {
    take(address: string): void {
      if (perHour === null) return
      const t = now()
      const recent = (events.get(address) ?? []).filter((at) => t - at < 3_600_000)
      if (recent.length >= perHour) throw new TooManyRequests(`This address has made ${perHour} ${what} in the last hour, the most it may; ask the teacher`, recent[0]! + 3_600_000 - t)
      recent.push(t)
      events.set(address, recent)
    },
  }
}
