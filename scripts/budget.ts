/**
 * `npm run budget`: builds the app and reports what a student's device downloads, from Vite's
 * manifest. Fails (exit 1) only when a budget is exceeded; otherwise prints the figures.
 *   start-up   the entry chunk and its static imports: what the start page needs
 *   lab shell  start-up plus the lab page (three, R3F, XR): what any simulation needs first
 *   per scene  each scene view's own lazy chunk(s)
 * IWER (the headset emulator) must never be in start-up or the lab shell.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

const KiB = 1024
// Start-up is the 400 KiB student-app budget; it grows a little with every registered
// scene (its pure manifest, tasks and assessor). The lab page's own part (three + R3F + XR +
// drei text) guards against regressions of what every simulation shares, whatever the number
// of scenes; the lab shell is the two together. Issue 14 allows the lab page up to 400 KiB for
// a lab that looks like one (the room, its light and reflections, the shared stage).
const BUDGET = { startup: 400 * KiB, labPage: 400 * KiB, scene: 200 * KiB }

interface ManifestChunk {
  file: string
  src?: string
  name?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

const root = resolve(import.meta.dirname, '..')
const outDir = join(root, 'dist')
await build({ root, logLevel: 'warn', build: { manifest: true } })
const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>

const gzipped = new Map<string, number>()
const gzipSize = (file: string): number => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length)
  return gzipped.get(file)!
}

/** A chunk and everything it imports statically (what loads with it). */
function closure(keys: string[], into = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (into.has(key)) continue
    into.add(key)
    closure(manifest[key]?.imports ?? [], into)
  }
  return into
}
const total = (keys: Set<string>) => [...keys].reduce((sum, key) => sum + gzipSize(manifest[key]!.file), 0)
const has = (keys: Set<string>, pattern: RegExp) =>
  [...keys].some((key) => pattern.test(key) || pattern.test(readFileSync(join(outDir, manifest[key]!.file), 'utf8').slice(0, 2_000_000)))

const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!
const startup = closure([entryKey])
const labKey = Object.keys(manifest).find((key) => /src\/app\/lab\/LabPage\.tsx$/.test(key))
if (!labKey) throw new Error('budget: the lab page is not a lazy chunk any more; the start-up budget would include three')
const labShell = closure([labKey], new Set(startup))
const sceneKeys = Object.keys(manifest).filter((key) => /^scenes\/[^/]+\/view\//.test(key))

// IWER's own strings survive minification; its package path shows in the manifest keys.
const IWER = /node_modules\/iwer\/|Immersive Web Emulation Runtime|emulated runtime installed by IWER/
const rows: [string, number, number][] = [
  ['start-up (entry + static imports)', total(startup), BUDGET.startup],
  ['lab page beyond start-up (three, R3F, XR)', total(labShell) - total(startup), BUDGET.labPage],
  ['lab shell (start-up + lab page)', total(labShell), BUDGET.startup + BUDGET.labPage],
]
for (const key of sceneKeys) {
  const own = closure([key], new Set(labShell))
  for (const k of labShell) own.delete(k)
  rows.push([`scene ${key.split('/')[1]} (view chunk)`, total(own), BUDGET.scene])
}

console.log('\nBenchtop bundle budget (gzip, level 9)')
console.log('what'.padEnd(40), 'size KiB'.padStart(10), 'budget KiB'.padStart(11), '  status')
let failed = false
for (const [what, size, budget] of rows) {
  const ok = size <= budget
  failed ||= !ok
  console.log(what.padEnd(40), (size / KiB).toFixed(1).padStart(10), (budget / KiB).toFixed(0).padStart(11), ok ? '  ok' : '  OVER')
}
const iwerInStartup = has(startup, IWER)
const iwerInLab = has(labShell, IWER)
console.log(`IWER in start-up: ${iwerInStartup ? 'YES' : 'no'}; in lab shell: ${iwerInLab ? 'YES' : 'no'}`)
failed ||= iwerInStartup || iwerInLab
if (failed) {
  console.error('budget: exceeded (see OVER / YES above)')
  process.exit(1)
}
