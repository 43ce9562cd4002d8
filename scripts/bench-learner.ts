/**
 * Learner-model benchmark: prints figures, asserts nothing about time.
 *   npx tsx scripts/bench-learner.ts [--students N] [--seed N] [--slips S] [--binary] [scene ...]
 *   --slips S: a share S of the simulated students' answers lands anywhere (a slip of the hand);
 *   --binary: the tutor is told only right or wrong, not how far off a placement was (the
 *   control for graded evidence, on the same students and answers).
 * 1. online BKT update: ns per update (median and p95 over batches)
 * 2. EM fit of the reference data.csv: all skills, 5 restarts, ms per fit (median, p95)
 * 3. simulated classroom: adaptive tutor with and without placement vs fixed sequence on the
 *    registered scenes, or those named (students of mixed prior knowledge; assumptions in
 *    test/sim/classroom.ts). The figures quoted in READMEs are seed 2024, 300 students; another
 *    seed draws another cohort, which shows how much of a difference is the cohort's.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scenes } from '../src/app/registry'
import { bktUpdate } from '../src/learner/bkt'
import { parseBktCsv } from '../src/learner/csv'
import { groupRows } from '../src/learner/data'
import { fitSequences } from '../src/learner/fit'
import { DEFAULT_RUN, formatReport, runClassroom } from '../test/sim/classroom'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const referenceDir = process.env.BENCHTOP_BKT_REFERENCE ?? path.resolve(repoRoot, 'test/fixtures/bkt')
const studentsArg = process.argv.indexOf('--students')
const students = studentsArg > 0 ? Number(process.argv[studentsArg + 1]) : 300
const seedArg = process.argv.indexOf('--seed')
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 2024
const slipsArg = process.argv.indexOf('--slips')
const slips = slipsArg > 0 ? Number(process.argv[slipsArg + 1]) : 0
const binaryAnswers = process.argv.includes('--binary')
const valued = ['--students', '--seed', '--slips']
const named = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.includes(all[i - 1]!))
const chosen = named.length === 0 ? scenes : scenes.filter((s) => named.includes(s.id))
if (chosen.length < named.length) throw new Error(`bench-learner: no scene ${named.filter((n) => !scenes.some((s) => s.id === n)).join(', ')} (scenes: ${scenes.map((s) => s.id).join(', ')})`)

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! }
}

// 1. Online update.
{
  const params = { prior: 0.3, learn: 0.12, guess: 0.2, slip: 0.1, forget: 0 }
  const batch = 1_000_000
  const samples: number[] = []
  let pL = params.prior
  let sink = 0
  for (let round = 0; round < 30; round++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < batch; i++) {
      pL = bktUpdate(params, pL, (i & 3) === 0 ? 0 : 1)
      if (pL > 0.999) pL = 0.3
    }
    const t1 = process.hrtime.bigint()
    sink += pL
    if (round >= 5) samples.push(Number(t1 - t0) / batch)
  }
  const s = stats(samples)
  console.log(`online BKT update: median ${s.median.toFixed(1)} ns, p95 ${s.p95.toFixed(1)} ns per update (target <= 1000 ns) [${sink > 0 ? 'ok' : ''}]`)
}

// 2. EM fit of the reference dataset.
try {
  const rows = parseBktCsv(readFileSync(path.join(referenceDir, 'data.csv'), 'utf8'))
  const samples: number[] = []
  let iterations = ''
  for (let round = 0; round < 12; round++) {
    const t0 = performance.now()
    // Grouping is part of the job: time rows -> fitted parameters.
    const fits = fitSequences(groupRows(rows), { restarts: 5 })
    const t1 = performance.now()
    if (round >= 2) samples.push(t1 - t0)
    iterations = Object.entries(fits).map(([k, f]) => `${k} ${f.iterations} it, LL ${f.logLikelihood.toFixed(4)}`).join('; ')
  }
  const s = stats(samples)
  console.log(`EM fit of ${rows.length} rows (all skills, 5 restarts, tol 1e-10): median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (target <= 500 ms)`)
  console.log(`  winning restarts: ${iterations}`)
} catch (error) {
  console.log(`EM fit: skipped, ${(error as Error).message}`)
}

// 3. Simulated classroom.
for (const scene of chosen) {
  const t0 = performance.now()
  const report = runClassroom(scene, students, seed, { ...DEFAULT_RUN, slips, binaryAnswers })
  console.log(`\nsimulated classroom, scene ${scene.id}, ${students} students, seed ${seed}, slips ${slips}${binaryAnswers ? ', right/wrong only' : ''}, cap ${DEFAULT_RUN.maxAttempts} attempts (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  console.log(formatReport(report))
}
