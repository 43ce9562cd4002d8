/**
 * Builds the production app once and starts the classroom hub on loopback for every e2e test
 * file, exactly as `npm start` does (but plain HTTP on 127.0.0.1).
 */
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { parseHubArgs } from '../../src/hub/config'
import { startHub } from '../../src/hub/server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    /** "id:secret" of the hub's teacher key for this run. */
    teacherKey: string
    joinCode: string
  }
}

export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..')
  // Tests keep their screenshots here; a fresh clone has no such folder, and writeFileSync does not make one.
  mkdirSync(resolve(root, 'test-results'), { recursive: true })
  const started = performance.now()
  await build({ root, logLevel: 'warn', configFile: resolve(root, 'vite.config.ts') })
  console.log(`e2e: production build in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  // The real hub serves the app, as `npm start` does (plain HTTP on loopback for tests).
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-hub-'))
  const hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir], { dataDir }), { distDir: resolve(root, 'dist') })
  project.provide('baseURL', hub.url)
  project.provide('teacherKey', `${hub.teacherKey.id}:${hub.teacherKey.secret}`)
  project.provide('joinCode', hub.joinCode)
  return () => hub.close()
}
