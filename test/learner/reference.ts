/**
 * Loads the BKT reference data (test/fixtures/bkt, see its README for where the numbers come
 * from). The directory can be overridden with BENCHTOP_BKT_REFERENCE, e.g. to run the same
 * checks on another dataset of the same design.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BktParams } from '../../src/core'
import { parseBktCsv, parseCsv } from '../../src/learner/csv'
import type { BktRow } from '../../src/learner/data'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export function referenceDir(): string {
  const base = process.env.BENCHTOP_BKT_REFERENCE ?? path.resolve(repoRoot, 'test/fixtures/bkt')
  if (existsSync(path.join(base, 'data.csv'))) return base
  if (existsSync(path.join(base, 'dev', 'data.csv'))) return path.join(base, 'dev')
  throw new Error(`BKT reference data not found: expected ${path.join(base, 'data.csv')} (set BENCHTOP_BKT_REFERENCE to a directory holding it)`)
}

export interface Reference {
  dir: string
  rows: BktRow[]
  /** reference_predictions.csv as columns of numbers, keyed by header, in file (order_id) order. */
  predictions: Record<string, Float64Array>
  predictionOrderIds: Float64Array
  params: Record<string, Record<string, BktParams>>
  logLikelihoodMle: Record<string, number>
  metrics: Record<string, Record<string, number>> & Record<string, unknown>
  testUsers: Set<string>
  trainUsers: Set<string>
  /** order_id -> latent mastered_before_response. */
  latentByOrderId: Map<number, number>
}

type PyParams = { prior: number; learns: number; guesses: number; slips: number; forgets: number }
const fromPy = (p: PyParams): BktParams => ({ prior: p.prior, learn: p.learns, guess: p.guesses, slip: p.slips, forget: p.forgets })
const mapSkills = (o: Record<string, PyParams>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromPy(v)]))

let cached: Reference | undefined

export function loadReference(): Reference {
  if (cached) return cached
  const dir = referenceDir()
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8')
  const rows = parseBktCsv(read('data.csv'))
  const records = parseCsv(read('reference_predictions.csv')).filter((r) => !(r.length === 1 && r[0] === ''))
  const header = records[0]!
  const predictions: Record<string, Float64Array> = {}
  header.forEach((name, c) => {
    const column = new Float64Array(records.length - 1)
    for (let i = 1; i < records.length; i++) column[i - 1] = Number(records[i]![c])
    predictions[name] = column
  })
  const raw = JSON.parse(read('reference_params.json'))
  const key = (prefix: string) => Object.keys(raw).find((k) => k.startsWith(prefix))!
  const mle = raw[key('mle')]
  const params: Record<string, Record<string, BktParams>> = {
    pybkt_true_params: mapSkills(raw[key('true_params')]),
    pybkt_fit_all: mapSkills(raw.pybkt_cpp.fit_all),
    pybkt_fit_train: mapSkills(raw.pybkt_cpp.fit_train),
    pybkt_fit_all_forgets: mapSkills(raw.pybkt_cpp.fit_all_forgets),
    mle_fit_all: mapSkills(mle.fit_all),
    mle_fit_train: mapSkills(mle.fit_train),
  }
  const logLikelihoodMle = Object.fromEntries(Object.entries(raw.log_likelihood_all_rows as Record<string, { mle: number }>).map(([k, v]) => [k, v.mle]))
  const split = JSON.parse(read('split.json'))
  const latent = parseCsv(read('latent_truth.csv')).filter((r) => !(r.length === 1 && r[0] === ''))
  const lh = latent[0]!
  const oi = lh.indexOf('order_id')
  const mi = lh.indexOf('mastered_before_response')
  const latentByOrderId = new Map<number, number>()
  for (let i = 1; i < latent.length; i++) latentByOrderId.set(Number(latent[i]![oi]), Number(latent[i]![mi]))
  cached = {
    dir,
    rows,
    predictions,
    predictionOrderIds: predictions.order_id!,
    params,
    logLikelihoodMle,
    metrics: JSON.parse(read('reference_metrics.json')),
    testUsers: new Set((split.test_users as unknown[]).map(String)),
    trainUsers: new Set((split.train_users as unknown[]).map(String)),
    latentByOrderId,
  }
  return cached
}
