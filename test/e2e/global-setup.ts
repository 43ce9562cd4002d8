/**
 * Builds the production app once and serves it on loopback for every e2e test file, exactly
 * as `npm start` serves it (same static handler).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { createStaticHandler } from '../../src/hub/static'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

let server: Server | undefined

export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..')
  const started = performance.now()
  await build({ root, logLevel: 'warn', configFile: resolve(root, 'vite.config.ts') })
  console.log(`e2e: production build in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const serve = createStaticHandler(resolve(root, 'dist'))
  server = createServer((req, res) => void serve(req, res))
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  project.provide('baseURL', `http://127.0.0.1:${port}/`)
  return async () => {
    await new Promise<void>((done) => server?.close(() => done()))
  }
}
