/**
 * Rate budget: at most `perMinute` statements per student per clock minute go out as they are.
 * Past the cap, high-volume statements (attempted, answered, requested-hint by default) of that
 * student and minute are folded into one `summarized` statement, sent when the minute ends;
 * every other statement (mastery, alerts, session start and end, scaffold and level changes)
 * still goes out at once, because each is rare and meaningful. Pure apart from the injected uuid;
 * minutes are taken from the statements' own timestamps, so the rule is deterministic.
 * The rule is documented in PROFILE.md ("Rate budget").
 */
import type { Activity, ClientStatement, Extensions } from '../shared/xapi'
import { EXTENSIONS, VERBS } from './profile'

export interface RateOptions {
  /** Statements per student per minute sent as they are. Default 30. */
  perMinute?: number
  /** Verb ids that are folded into the summary once over the cap. */
  foldable?: ReadonlySet<string>
  /** Responses kept in a summary (the latest). Default 10. */
  keepResponses?: number
  uuid?: () => string
}

export interface RateBudget {
  /**
   * The statements to queue now, in order: those within the budget, those that are never
   * folded, and summaries of minutes that ended before `now`. Folded ones are held back.
   */
  admit(statements: readonly ClientStatement[], now: number): ClientStatement[]
  /** Summaries of every minute that ended at or before `now` (Infinity: all, e.g. at session end). */
  flush(now: number): ClientStatement[]
  /** Statements held back for summaries not yet made. */
  held(): number
}

export const DEFAULT_FOLDABLE: ReadonlySet<string> = new Set([VERBS.attempted.id, VERBS.answered.id, VERBS.requestedHint.id])
const MINUTE = 60_000

export interface SummaryExtension {
  count: number
  /** Folded statements per verb display name (answered, attempted, requested a hint). */
  verbs: Record<string, number>
  correct: number
  incorrect: number
  /** The latest responses, oldest first. */
  responses: string[]
  from: string
  to: string
}

interface Bucket {
  key: string
  minute: number
  count: number
  folded: ClientStatement[]
}

const learnerKey = (stmt: ClientStatement) => {
  const actor = stmt.actor
  return actor.account ? `${actor.account.homePage} ${actor.account.name}` : JSON.stringify(actor)
}
const timeOf = (stmt: ClientStatement, fallback: number) => {
  const t = stmt.timestamp ? Date.parse(stmt.timestamp) : NaN
  return Number.isFinite(t) ? t : fallback
}

export function createRateBudget(options: RateOptions = {}): RateBudget {
  const perMinute = options.perMinute ?? 30
  if (!(perMinute >= 1)) throw new Error(`createRateBudget: perMinute must be at least 1, got ${perMinute}`)
  const foldable = options.foldable ?? DEFAULT_FOLDABLE
  const keep = options.keepResponses ?? 10
  const uuid = options.uuid ?? (() => globalThis.crypto.randomUUID())
  const buckets = new Map<string, Bucket>()

  function summarize(bucket: Bucket): ClientStatement {
    const folded = bucket.folded
    const first = folded[0]!
    const last = folded.at(-1)!
    const verbs: Record<string, number> = {}
    let correct = 0
    let incorrect = 0
    const scaled: number[] = []
    const responses: string[] = []
    for (const s of folded) {
      const name = s.verb.display?.en ?? s.verb.id
      verbs[name] = (verbs[name] ?? 0) + 1
      if (s.verb.id === VERBS.answered.id) {
        if (s.result?.success === true) correct++
        else if (s.result?.success === false) incorrect++
        if (typeof s.result?.score?.scaled === 'number') scaled.push(s.result.score.scaled)
        if (typeof s.result?.response === 'string') responses.push(s.result.response)
      }
    }
    // About the one task when they all are; otherwise about the scene they belong to.
    const sameObject = folded.every((s) => 'id' in s.object && s.object.id === ('id' in first.object ? first.object.id : undefined))
    const scene = first.context?.contextActivities?.grouping?.[0] ?? first.context?.contextActivities?.parent?.[0]
    const object: Activity = sameObject || !scene ? (first.object as Activity) : scene
    const summary: SummaryExtension = {
      count: folded.length,
      verbs,
      correct,
      incorrect,
      responses: responses.slice(-keep),
      from: first.timestamp ?? '',
      to: last.timestamp ?? '',
    }
    const extensions: Extensions = { [EXTENSIONS.summary]: summary }
    const stmt: ClientStatement = {
      id: uuid(),
      actor: first.actor,
      verb: { id: VERBS.summarized.id, display: { en: VERBS.summarized.display } },
      object,
      result: { extensions },
    }
    if (scaled.length) stmt.result!.score = { scaled: Number((scaled.reduce((a, b) => a + b, 0) / scaled.length).toFixed(4)) }
    const from = Date.parse(first.timestamp ?? '')
    const to = Date.parse(last.timestamp ?? '')
    if (Number.isFinite(from) && Number.isFinite(to)) {
      const centis = Math.round((to - from) / 10)
      stmt.result!.duration = `PT${centis / 100}S`
    }
    if (first.context) {
      const { contextActivities, ...rest } = first.context
      stmt.context = { ...rest }
      if (contextActivities) {
        const { parent: _p, grouping: _g, ...others } = contextActivities
        const ca = { ...others }
        if (sameObject && _p) Object.assign(ca, { parent: _p })
        if (sameObject && _g) Object.assign(ca, { grouping: _g })
        if (Object.keys(ca).length) stmt.context.contextActivities = ca
      }
      // Task-level details do not describe a minute of several tasks.
      if (!sameObject && stmt.context.extensions) {
        const ext = { ...stmt.context.extensions }
        for (const key of [EXTENSIONS.difficultyLevel, EXTENSIONS.scaffoldLevel, EXTENSIONS.seed, EXTENSIONS.predictedSuccess]) delete ext[key]
        stmt.context.extensions = ext
      }
    }
    if (last.timestamp) stmt.timestamp = last.timestamp
    return stmt
  }

  function flush(now: number): ClientStatement[] {
    const out: ClientStatement[] = []
    for (const [id, bucket] of buckets) {
      if ((bucket.minute + 1) * MINUTE > now) continue
      if (bucket.folded.length) out.push(summarize(bucket))
      buckets.delete(id)
    }
    return out
  }

  return {
    admit(statements, now) {
      const out: ClientStatement[] = []
      for (const stmt of statements) {
        const minute = Math.floor(timeOf(stmt, now) / MINUTE)
        const key = learnerKey(stmt)
        const id = `${key}\u0000${minute}`
        let bucket = buckets.get(id)
        if (!bucket) buckets.set(id, (bucket = { key, minute, count: 0, folded: [] }))
        bucket.count++
        if (bucket.count <= perMinute || !foldable.has(stmt.verb.id)) out.push(stmt)
        else bucket.folded.push(stmt)
      }
      out.push(...flush(now))
      return out
    },
    flush,
    held: () => [...buckets.values()].reduce((n, b) => n + b.folded.length, 0),
  }
}
