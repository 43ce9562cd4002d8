/**
 * Logged rows in pyBKT's shape and their grouping into per-skill sequences of typed arrays.
 * The order is fixed by (user_id, order_id) alone, never by the order rows arrive in, so a
 * shuffled file gives the same fit and the same predictions.
 */
import type { Response } from './bkt'

export interface BktRow {
  userId: string
  skill: string
  /** -1 no response (kept in the sequence, skipped by the likelihood), 0 wrong, 1 correct. */
  correct: Response
  orderId: number
}

/** All of one skill's rows, as consecutive per-student sequences. */
export interface SkillSequences {
  skill: string
  /** Responses (-1, 0, 1) in sequence order. */
  responses: Int8Array
  /** Index of each sequence's first row in `responses`. */
  starts: Int32Array
  lengths: Int32Array
  /** For each entry of `responses`, the index of the row in the caller's array. */
  rowIndex: Int32Array
}

const NUMERIC = /^-?\d+(\.\d+)?$/

/** Numbers compare as numbers, anything else as text; a total order, so sorting is stable in meaning. */
export function compareUserIds(a: string, b: string): number {
  if (a === b) return 0
  const an = NUMERIC.test(a)
  const bn = NUMERIC.test(b)
  if (an && bn) {
    const d = Number(a) - Number(b)
    if (d !== 0) return d
  } else if (an !== bn) {
    return an ? -1 : 1
  }
  return a < b ? -1 : 1
}

/**
 * Groups rows by skill (skills in code-point order), then by student, each student's rows in
 * order_id order. Ties on (user, order_id, skill) are broken by the response so that even
 * duplicated order ids give a result independent of the input order.
 */
export function groupRows(rows: readonly BktRow[]): SkillSequences[] {
  const order = new Int32Array(rows.length)
  for (let i = 0; i < rows.length; i++) order[i] = i
  const sorted = Array.from(order).sort((i, j) => {
    const a = rows[i]!
    const b = rows[j]!
    if (a.skill !== b.skill) return a.skill < b.skill ? -1 : 1
    const byUser = compareUserIds(a.userId, b.userId)
    if (byUser !== 0) return byUser
    if (a.orderId !== b.orderId) return a.orderId - b.orderId
    if (a.correct !== b.correct) return a.correct - b.correct
    return i - j
  })
  const result: SkillSequences[] = []
  let k = 0
  while (k < sorted.length) {
    const skill = rows[sorted[k]!]!.skill
    let end = k
    while (end < sorted.length && rows[sorted[end]!]!.skill === skill) end++
    const n = end - k
    const responses = new Int8Array(n)
    const rowIndex = new Int32Array(n)
    const starts: number[] = []
    const lengths: number[] = []
    let previousUser: string | null = null
    for (let t = 0; t < n; t++) {
      const index = sorted[k + t]!
      const row = rows[index]!
      responses[t] = row.correct
      rowIndex[t] = index
      if (row.userId !== previousUser) {
        starts.push(t)
        lengths.push(0)
        previousUser = row.userId
      }
      lengths[lengths.length - 1]!++
    }
    result.push({ skill, responses, starts: Int32Array.from(starts), lengths: Int32Array.from(lengths), rowIndex })
    k = end
  }
  return result
}
