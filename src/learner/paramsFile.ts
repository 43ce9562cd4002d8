/** The params JSON the CLI reads and writes, in pyBKT's names: { skill: { prior, learns, guesses, slips, forgets } }. */
import type { BktParams } from '../core'
import { bktParamsProblem } from './bkt'

export interface PyBktParams {
  prior: number
  learns: number
  guesses: number
  slips: number
  forgets: number
}

export function toPyBkt(p: BktParams): PyBktParams {
  return { prior: p.prior, learns: p.learn, guesses: p.guess, slips: p.slip, forgets: p.forget }
}

/** Reads a parsed params file; throws an Error naming the skill and field on any problem. */
export function fromPyBktFile(json: unknown): Record<string, BktParams> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('expected an object { "<skill>": { "prior", "learns", "guesses", "slips", "forgets" } }')
  const result: Record<string, BktParams> = {}
  for (const [skill, value] of Object.entries(json as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) throw new Error(`skill ${JSON.stringify(skill)}: expected an object with prior, learns, guesses, slips, forgets`)
    const v = value as Record<string, unknown>
    for (const field of ['prior', 'learns', 'guesses', 'slips'] as const) {
      if (!(field in v)) throw new Error(`skill ${JSON.stringify(skill)}: "${field}" is missing`)
    }
    const params = { prior: v.prior, learn: v.learns, guess: v.guesses, slip: v.slips, forget: v.forgets ?? 0 }
    // Prediction accepts the closed interval: pyBKT predicts with forgets = 0 and so do we.
    const problem = bktParamsProblem(params, false)
    if (problem) throw new Error(`skill ${JSON.stringify(skill)}: ${problem.replace(/^(learn|guess|slip|forget)\b/, (k) => ({ learn: 'learns', guess: 'guesses', slip: 'slips', forget: 'forgets' })[k] ?? k)}`)
    result[skill] = params as BktParams
  }
  return result
}
