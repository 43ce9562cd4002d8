/**
 * A fake LRS for queue tests that answers like our hub (src/hub/lrs/statements.ts): validates
 * with the shared validator, stores all-or-nothing, takes an identical retry of a stored
 * statement as a success (200, nothing stored again), answers 409 to a batch holding a different
 * statement under a stored id (the hub's statement comparison, and its words), 400 to one id
 * twice in a batch, 413 above a size, and plays scripted faults (500, 429, network errors, a
 * commit whose answer is lost).
 */
import type { JsonObject } from '../../src/hub/lrs/agents'
import { sameStatement, withContextActivityArrays } from '../../src/hub/lrs/shape'
import type { ClientStatement, XapiVersion } from '../../src/shared/xapi'
import { validateStatements } from '../../src/shared/xapi'
import type { ResponseLike } from '../../src/telemetry/queue'

export type Fault = 'ok' | '500' | '503' | '429' | 'network' | 'commit-then-drop'

export interface FakeLrs {
  send(batch: ClientStatement[]): Promise<ResponseLike>
  /** How many times each id was stored as new: exactly once is the goal. */
  stored: Map<string, number>
  /** The statement stored under each id, as the LRS keeps it. */
  bodies: Map<string, JsonObject>
  calls: { size: number; status: number | 'network' }[]
  /** Faults for the next calls, first first. */
  faults: Fault[]
}

export function response(status: number, body: unknown = '', headers: Record<string, string> = {}): ResponseLike {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return { status, text: async () => text, headers: { get: (name) => lower[name.toLowerCase()] ?? null } }
}

export function createFakeLrs(options: { maxBatch?: number; version?: XapiVersion; faults?: Fault[] } = {}): FakeLrs {
  const maxBatch = options.maxBatch ?? Infinity
  const version = options.version ?? '2.0.0'
  const lrs: FakeLrs = {
    stored: new Map(),
    bodies: new Map(),
    calls: [],
    faults: [...(options.faults ?? [])],
    async send(batch) {
      // The wire: what arrives is JSON, not the client's objects.
      const body = JSON.parse(JSON.stringify(batch)) as ClientStatement[]
      const fault = lrs.faults.shift() ?? 'ok'
      const answer = (status: number, text: unknown = '', headers: Record<string, string> = {}) => {
        lrs.calls.push({ size: body.length, status })
        return response(status, text, headers)
      }
      if (fault === 'network') {
        lrs.calls.push({ size: body.length, status: 'network' })
        throw new TypeError('fetch failed')
      }
      if (fault === '500') return answer(500, { error: 'Internal error' })
      if (fault === '503') return answer(503, 'Service Unavailable')
      if (fault === '429') return answer(429, { error: 'Too many statements' }, { 'Retry-After': '30' })
      if (body.length > maxBatch) return answer(413, { error: `Request body is larger than the limit (${maxBatch} statements)` })
      const valid = validateStatements(body, version)
      if (!valid.ok) return answer(400, { error: `Invalid statements, nothing was stored: ${valid.errors.join('; ')}`, status: 400 })
      const seen = new Map<string, number>()
      for (const [index, s] of body.entries()) {
        const earlier = seen.get(s.id)
        if (earlier !== undefined) return answer(400, { error: `statements ${earlier} and ${index} have the same id ${s.id}; nothing was stored`, status: 400 })
        seen.set(s.id, index)
        const existing = lrs.bodies.get(s.id)
        if (existing && !sameStatement(existing, s as unknown as JsonObject)) {
          return answer(409, { error: `statement ${index}: a different statement with id ${s.id} is already stored; statements cannot be changed, send a new id`, status: 409 })
        }
      }
      for (const s of body) {
        if (lrs.bodies.has(s.id)) continue
        lrs.bodies.set(s.id, withContextActivityArrays(s as unknown as JsonObject))
        lrs.stored.set(s.id, (lrs.stored.get(s.id) ?? 0) + 1)
      }
      if (fault === 'commit-then-drop') {
        lrs.calls.push({ size: body.length, status: 'network' })
        throw new TypeError('network connection was lost')
      }
      return answer(200, body.map((s) => s.id))
    },
  }
  return lrs
}
