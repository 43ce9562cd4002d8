/**
 * `npm run bench:frames [-- SCENE ...]`: per-frame cost of each lab in headless Chromium
 * (SwiftShader, so absolute figures are far above a real GPU's; compare scenes with each other
 * and with the empty-stage baseline measured in the same run).
 * Prints main-thread JS per frame (median, p95), draw calls, triangles, and the JS heap over 600
 * frames: retained growth (after forced GC) and bytes allocated (no GC in between).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { build } from 'vite'
import { createStaticHandler } from '../src/hub/static'
import { scenes } from '../src/app/registry'
import circuits from '../scenes/circuits'
import { openBrowser } from '../test/e2e/browser'

const FRAMES = 600
const root = resolve(import.meta.dirname, '..')
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
await build({ root, logLevel: 'warn' })
const serve = createStaticHandler(resolve(root, 'dist'))
const server = createServer((req, res) => void serve(req, res))
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

/** Circuit Lab opens on an empty loop; wire it as the reference does so current flows and its animation runs while measured. */
async function lightTheCircuit(page: import('playwright-core').Page) {
  const task = await page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { task: unknown }).task)
  const attempt = circuits.referenceSolution(task as never)
  if (attempt.kind !== 'build') return
  await page.evaluate((parts) => (window.__benchtop!.stores.circuits as unknown as { setState(s: unknown): void }).setState({ parts }), attempt.parts)
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

const rows: string[][] = []
const runs = [
  // Baseline in the same run: the shared stage with no scene content.
  { label: 'empty stage (baseline)', sceneId: scenes[0]!.id, query: '?test&emptyStage' },
  ...scenes.filter((s) => wanted.length === 0 || wanted.includes(s.id)).map((s) => ({ label: s.id, sceneId: s.id, query: '?test' })),
]
for (const run of runs) {
  const session = await openBrowser(baseURL, { width: 640, height: 400 })
  const { page, context } = session
  await context.addInitScript(() => {
    localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'bench-mark-11' }, version: 1 }))
  })
  await page.goto(`${baseURL}${run.query}#/lab/${run.sceneId}`)
  // Generous on a loaded 2-core machine rendering in software: the first frames wait for shaders and the stage.
  await page.waitForFunction(() => (window.__benchtop?.frames ?? 0) > 60, undefined, { timeout: 240_000 })
  if (run.sceneId === 'circuits' && !run.query.includes('emptyStage')) await lightTheCircuit(page)
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize
  const start = await page.evaluate(() => window.__benchtop!.frames)
  await page.waitForFunction((end) => window.__benchtop!.frames >= end, start + FRAMES, { polling: 'raf', timeout: 600_000 })
  const heapNoGc = (await cdp.send('Runtime.getHeapUsage')).usedSize
  await cdp.send('HeapProfiler.collectGarbage')
  const heapAfter = (await cdp.send('Runtime.getHeapUsage')).usedSize
  const stats = await page.evaluate(
    ({ start, frames }) => {
      const h = window.__benchtop!
      const times: number[] = []
      for (let f = start; f < start + frames; f++) times.push(h.frameTimes![f % h.frameTimes!.length]!)
      const info = h.three!.gl.info.render
      return { times, calls: info.calls, triangles: info.triangles }
    },
    { start, frames: FRAMES },
  )
  const sorted = stats.times.sort((a, b) => a - b)
  rows.push([
    run.label,
    quantile(sorted, 0.5).toFixed(2),
    quantile(sorted, 0.95).toFixed(2),
    String(stats.calls),
    String(stats.triangles),
    ((heapAfter - heapBefore) / 1024).toFixed(1),
    ((heapNoGc - heapBefore) / 1024).toFixed(1),
  ])
  await session.close()
}
server.close()

const header = ['scene', 'ms/frame p50', 'p95', 'draw calls', 'triangles', 'retained KiB', 'allocated KiB (no GC)']
console.log(`\nPer-frame cost over ${FRAMES} frames, headless Chromium + SwiftShader, 640x400`)
console.log(header.join(' | '))
for (const row of rows) console.log(row.join(' | '))
