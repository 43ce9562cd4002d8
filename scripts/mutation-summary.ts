/**
 * Prints the mutation score per module from Stryker's JSON report (`npm run mutation` writes
 * reports/mutation/mutation.json): Stryker's own table is per file and per folder, while the goal
 * (85% per module) is per module: a learner file, the tutor, a scene's model, assessor or tasks,
 * the telemetry queue, the hub's authorization.
 *
 *   npx tsx scripts/mutation-summary.ts [report.json] [--files] [--survivors] [--without=a.test.ts,b.test.ts] [--also=other.json]
 *
 * --also: a mutant also counts as detected when another run of the same mutants (the same
 * --mutate, other --testFiles) detected it; e.g. the old tests in one run, new tests in another.
 * --without: also the score the suite had without those test files, from a run with
 * `--disableBail` (then each mutant lists every test that killed it): a mutant counts as killed
 * without them when some other test killed it. Timeouts count as detected either way.
 */
import { readFileSync } from 'node:fs'

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending'

interface Mutant {
  id: string
  killedBy?: string[]
  mutatorName: string
  replacement?: string
  status: Status
  location: { start: { line: number; column: number } }
}

interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>
  testFiles?: Record<string, { tests: { id: string }[] }>
}

interface Tally {
  killed: number
  timeout: number
  survived: number
  noCoverage: number
  invalid: number
}

/** The module a file belongs to, for the 85% goal. */
export function moduleOf(file: string): string {
  const path = file.replace(/\\/g, '/')
  const scene = /^scenes\/([^/]+)\/(model|tasks)\//.exec(path)
  if (scene) return `scenes/${scene[1]}/${scene[2]}`
  if (/^src\/tutor\//.test(path)) return 'src/tutor'
  return path
}

const emptyTally = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 })

function add(t: Tally, status: Status): void {
  if (status === 'Killed') t.killed++
  else if (status === 'Timeout') t.timeout++
  else if (status === 'Survived') t.survived++
  else if (status === 'NoCoverage') t.noCoverage++
  else t.invalid++
}

/** Detected (killed or timed out) over the mutants that ran or had no test at all, as Stryker scores it. */
function line(name: string, t: Tally): string {
  const detected = t.killed + t.timeout
  const total = detected + t.survived + t.noCoverage
  const score = total === 0 ? 'n/a' : `${((100 * detected) / total).toFixed(1)}%`
  return `${name.padEnd(42)} ${`${detected}/${total}`.padStart(9)} ${score.padStart(7)}   killed ${t.killed}, timeout ${t.timeout}, survived ${t.survived}, no coverage ${t.noCoverage}`
}

function main(): void {
  const args = process.argv.slice(2)
  const reportPath = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json'
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report
  if (!report.files || typeof report.files !== 'object') throw new Error(`${reportPath} is not a Stryker JSON report (no "files")`)
  const without = (args.find((a) => a.startsWith('--without='))?.slice('--without='.length) ?? '').split(',').filter(Boolean)
  const testFileOf = new Map<string, string>()
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) for (const t of tests) testFileOf.set(t.id, file)
  const leftOut = (testId: string) => without.some((w) => (testFileOf.get(testId) ?? '').replace(/\\/g, '/').endsWith(w))
  /** The status a mutant would have had without the left-out test files. */
  const statusWithout = (m: Mutant): Status => (m.status === 'Killed' && (m.killedBy ?? []).length > 0 && (m.killedBy ?? []).every(leftOut) ? 'Survived' : m.status)
  const alsoDetected = new Set<string>()
  for (const other of (args.find((a) => a.startsWith('--also='))?.slice('--also='.length) ?? '').split(',').filter(Boolean)) {
    const more = JSON.parse(readFileSync(other, 'utf8')) as Report
    for (const [file, { mutants }] of Object.entries(more.files)) {
      for (const m of mutants) if (m.status === 'Killed' || m.status === 'Timeout') alsoDetected.add(`${file}#${m.id}`)
    }
  }
  const beforeByModule = new Map<string, Tally>()
  const byModule = new Map<string, { tally: Tally; files: Map<string, Tally> }>()
  const all = emptyTally()
  const survivors: string[] = []
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const name = moduleOf(file)
    const entry = byModule.get(name) ?? { tally: emptyTally(), files: new Map<string, Tally>() }
    byModule.set(name, entry)
    const fileTally = entry.files.get(file) ?? emptyTally()
    entry.files.set(file, fileTally)
    const lines = source.split('\n')
    const before = beforeByModule.get(name) ?? emptyTally()
    beforeByModule.set(name, before)
    for (const original of mutants) {
      const undetected = original.status === 'Survived' || original.status === 'NoCoverage'
      const m = undetected && alsoDetected.has(`${file}#${original.id}`) ? { ...original, status: 'Killed' as const } : original
      add(before, statusWithout(original))
      add(entry.tally, m.status)
      add(fileTally, m.status)
      add(all, m.status)
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const at = m.location.start
        const code = (lines[at.line - 1] ?? '').trim().slice(0, 100)
        survivors.push(`${file}:${at.line}:${at.column} ${m.status} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '')}\n    ${code}`)
      }
    }
  }
  console.log(`${'module'.padEnd(42)} ${'detected'.padStart(9)} ${'score'.padStart(7)}`)
  for (const [name, { tally, files }] of [...byModule].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(line(name, tally))
    if (args.includes('--files') && (files.size > 1 || !files.has(name))) {
      for (const [file, t] of files) console.log(line(`  ${file}`, t))
    }
  }
  console.log(line('all', all))
  if (without.length > 0) {
    console.log(`\nWithout ${without.join(', ')}:`)
    const allBefore = emptyTally()
    for (const [name, tally] of [...beforeByModule].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(line(name, tally))
      for (const key of Object.keys(allBefore) as (keyof Tally)[]) allBefore[key] += tally[key]
    }
    console.log(line('all', allBefore))
  }
  if (args.includes('--survivors')) {
    console.log(`\nSurvived or not covered (${survivors.length}):`)
    for (const s of survivors) console.log(s)
  }
}

main()
