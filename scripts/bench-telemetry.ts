/**
 * `npx tsx scripts/bench-telemetry.ts`: the telemetry soak. One station page queues 10,000
 * statements and its durable queue delivers them to a real hub. Prints the throughput, the
 * longest main-thread task and the longest gap between animation frames during the flush
 * (frame hitches a student would see), and checks the hub holds each statement once.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { addStudent } from '../src/hub/api'
import { parseHubArgs } from '../src/hub/config'
import { startHub } from '../src/hub/server'
import { openBrowser } from '../test/e2e/browser'

const COUNT = 10_000
const root = resolve(import.meta.dirname, '..')
await build({ root, logLevel: 'warn' })
const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-soak-'))
const hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, '--no-limits'], { dataDir }), { distDir: join(root, 'dist') })
const session = await openBrowser(hub.url, { width: 640, height: 400 })
const { page, context } = session
// A student on the class list: the hub takes a station's statements only for students signed in
// at it (the page records the sign-in when the lab opens).
const pseudonym = addStudent(hub.db, 'Soak Test').pseudonym
await context.addInitScript((p) => localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'station', pseudonym: p }, version: 1 })), pseudonym)
await page.goto(`${hub.url}?test#/station?join=${hub.joinCode}`)
await page.getByRole('button', { name: 'Join' }).click()
await page.getByRole('button', { name: 'Open Measure & Place' }).click()
await page.waitForFunction(() => window.__benchtop?.telemetryQueue != null && (window.__benchtop.frames ?? 0) > 30)
const before = (hub.db.prepare('SELECT count(*) AS n FROM statements').get() as { n: number }).n

// Plain JavaScript in a string: tsx's helpers must not leak into the page.
const pageSoak = `async (count, pseudonym) => {
  const queue = window.__benchtop.telemetryQueue
  const station = JSON.parse(localStorage.getItem('benchtop.station')).state.config
  let longestTask = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration)
  }).observe({ type: 'longtask', buffered: false })
  let longestFrameGap = 0
  let last = performance.now()
  let watching = true
  function watch(t) {
    longestFrameGap = Math.max(longestFrameGap, t - last)
    last = t
    if (watching) requestAnimationFrame(watch)
  }
  requestAnimationFrame(watch)
  const started = performance.now()
  // Queued as a busy class would: in bursts of 50, as attempts happen.
  for (let i = 0; i < count; i += 50) {
    const burst = []
    for (let k = 0; k < Math.min(50, count - i); k++) burst.push({
      id: crypto.randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: station.homePage, name: pseudonym } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
      object: { objectType: 'Activity', id: 'urn:benchtop:soak:' + (i + k) },
      result: { success: true, response: 'placed at 6.5' },
      timestamp: new Date().toISOString(),
    })
    await queue.enqueue(burst)
  }
  const queuedMs = performance.now() - started
  while (queue.status().waiting > 0) await new Promise((r) => setTimeout(r, 50))
  const totalMs = performance.now() - started
  watching = false
  return { queuedMs, totalMs, longestTask, longestFrameGap }
}`
const figures = (await page.evaluate(`(${pageSoak})(${COUNT}, ${JSON.stringify(pseudonym)})`)) as { queuedMs: number; totalMs: number; longestTask: number; longestFrameGap: number }

const after = (hub.db.prepare('SELECT count(*) AS n FROM statements').get() as { n: number }).n
const distinct = (hub.db.prepare('SELECT count(DISTINCT id) AS n FROM statements').get() as { n: number }).n
console.log(`\nTelemetry soak: ${COUNT} statements from one station page to the hub (headless Chromium, loopback)`)
console.log(`queued in ${(figures.queuedMs / 1000).toFixed(2)} s; all delivered after ${(figures.totalMs / 1000).toFixed(2)} s: ${(COUNT / (figures.totalMs / 1000)).toFixed(0)} statements/s`)
console.log(`longest main-thread task during the flush: ${figures.longestTask.toFixed(0)} ms; longest gap between animation frames: ${figures.longestFrameGap.toFixed(0)} ms`)
console.log(`hub: ${after - before} new rows, ${distinct} distinct ids of ${after} rows`)
await session.close()
await hub.close()
process.exit(after - before === COUNT && distinct === after ? 0 : 1)
