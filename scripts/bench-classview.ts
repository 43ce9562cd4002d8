/**
 * `npx tsx scripts/bench-classview.ts [--sizes 3000,30000,120000,500000] [--opens 3]`: how long the
 * teacher's class view takes to show its live grid, and what it costs the browser and the hub,
 * as the class's history grows. For each size a fresh data folder is seeded with statements made
 * by the real tutor and xAPI builders (30 students, three labs, scripted runs with right and wrong
 * answers, hints and alerts; one run a lesson hour apart), stored through the hub's own statement
 * store, then the hub is started in its own process and headless Chromium opens the dashboard.
 * Figures: open time (navigation to every student's row on screen: median, p95 of --opens), bytes
 * the page downloaded, the page's JS heap, the hub's resident memory, and each size's open time
 * as a ratio to the smallest size's.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'vite'
import circuits from '../scenes/circuits'
import measure from '../scenes/measure'
import projectile from '../scenes/projectile'
import type { AnyPlugin } from '../src/core'
import { openHubDb } from '../src/hub/db'
import { issueKey } from '../src/hub/keys'
import { ACTOR_HOME_PAGE_FOR_KEYS } from '../src/hub/lrs/types'
import { createStatementStore } from '../src/hub/lrs/statements'
import { validateStatement } from '../src/hub/lrs/validate'
import { buildAll } from '../src/telemetry/builders'
import { openBrowser } from '../test/e2e/browser'
import { scriptedRun } from '../test/telemetry/scene-run'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1]! : fallback
}
const SIZES = arg('sizes', '3000,30000,120000,500000').split(',').map(Number)
const OPENS = Number(arg('opens', '3'))
const STUDENTS = 30
const LABS: AnyPlugin[] = [measure, projectile, circuits]
const root = resolve(import.meta.dirname, '..')

async function seed(dataDir: string, size: number): Promise<number> {
  const db = openHubDb(dataDir)
  // The class view's projection, where this version of the hub has one, is kept as the hub keeps it.
  const projection = await import('../src/hub/classProjection').then((m) => m.createClassProjection(db)).catch(() => null)
  const store = createStatementStore(db, validateStatement, projection?.apply)
  const key = issueKey(db, 'station', 'Seeder')
  let stored = 0
  for (let run = 0; stored < size; run++) {
    const plugin = LABS[run % LABS.length]!
    const learner = `student-${String(run % STUDENTS).padStart(2, '0')}`
    const shift = Math.floor(run / STUDENTS) * 3_600_000
    const statements = buildAll(scriptedRun(plugin, learner, run), {
      homePage: ACTOR_HOME_PAGE_FOR_KEYS,
      registration: crypto.randomUUID(),
      stationId: key.id,
      version: '2.0.0',
      // At the smallest sizes every student still gets a share, as in a class's first days.
    }).slice(0, Math.min(size - stored, Math.ceil(size / STUDENTS))) as { timestamp: string }[]
    for (const s of statements) s.timestamp = new Date(Date.parse(s.timestamp) + shift).toISOString()
    store.storeBatch(statements, key, '2.0.0', new Date().toISOString())
    stored += statements.length
  }
  db.close()
  return stored
}

async function startHubProcess(dataDir: string, distDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/hub/fixtures/run-hub.ts'), dataDir, distDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const hub = await new Promise<{ url: string; teacherKey: string }>((done) => createInterface({ input: child.stdout! }).once('line', (l) => done(JSON.parse(l))))
  const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024
  return { ...hub, rssMiB, stop: () => child.kill('SIGTERM') }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

const distDir = join(root, 'dist')
if (!existsSync(join(distDir, 'index.html')) || process.argv.includes('--build')) await build({ root, logLevel: 'warn' })

const rows: { size: number; medianMs: number; p95Ms: number; downloadedMiB: number; heapMiB: number; hubMiB: number }[] = []
for (const size of SIZES) {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-bench-classview-'))
  const seededAt = performance.now()
  const stored = await seed(dataDir, size)
  console.log(`seeded ${stored} statements in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`)
  const hub = await startHubProcess(dataDir, distDir)
  const times: number[] = []
  let downloaded = 0
  let heap = 0
  for (let open = 0; open < OPENS; open++) {
    const session = await openBrowser(hub.url, { width: 1366, height: 768 })
    const { page } = session
    // The teacher is signed in already (the session cookie outlives restarts): sign in once with
    // the run's key, then time the class view opening in that browser.
    await page.goto(`${hub.url}#/teacher`)
    await page.getByLabel('Teacher key').fill(hub.teacherKey)
    await page.getByRole('button', { name: 'Open the class view' }).click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-pseudonym]').length >= n, STUDENTS, { timeout: 300_000, polling: 'raf' })
    let bytes = 0
    page.on('response', (res) => void res.body().then((b) => (bytes += b.length)).catch(() => {}))
    await page.reload()
    await page.waitForFunction((n) => document.querySelectorAll('[data-pseudonym]').length >= n, STUDENTS, { timeout: 300_000, polling: 'raf' })
    times.push(await page.evaluate(() => performance.now()))
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20
    downloaded = bytes / 2 ** 20
    await session.close()
  }
  rows.push({ size: stored, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95), downloadedMiB: downloaded, heapMiB: heap, hubMiB: hub.rssMiB() })
  hub.stop()
}

const base = rows[0]!.medianMs
console.log('\nstatements | grid on screen median (ms) | p95 (ms) | x smallest | downloaded (MiB) | page JS heap (MiB) | hub RSS (MiB)')
for (const r of rows)
  console.log(
    `${String(r.size).padStart(10)} | ${r.medianMs.toFixed(0).padStart(26)} | ${r.p95Ms.toFixed(0).padStart(8)} | ${(r.medianMs / base).toFixed(2).padStart(10)} | ${r.downloadedMiB.toFixed(2).padStart(16)} | ${r.heapMiB.toFixed(1).padStart(18)} | ${r.hubMiB.toFixed(0).padStart(13)}`,
  )
process.exit(0)
