/**
 * `npm start`: builds the app when the build is missing or older than the sources, then serves
 * it. (The classroom hub will take this over: telemetry, dashboard, HTTPS for headsets.)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, resolve } from 'node:path'
import { networkInterfaces } from 'node:os'
import { createStaticHandler } from '../src/hub/static'

const repo = resolve(import.meta.dirname, '..')
const dist = join(repo, 'dist')

function usage(message: string): never {
  console.error(`benchtop: ${message}\nusage: npm start -- [--port N] [--host ADDR]`)
  process.exit(2)
}

function parseArgs(argv: string[]) {
  const options = { port: 8080, host: '127.0.0.1' }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[i + 1]
    if (flag === '--port') {
      const port = Number(value)
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port needs a whole number from 0 to 65535, got "${value ?? ''}"`)
      options.port = port
      i++
    } else if (flag === '--host') {
      if (!value) usage('--host needs an address, e.g. 0.0.0.0 for every network')
      options.host = value
      i++
    } else usage(`unknown option "${flag}"`)
  }
  return options
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function buildIfStale(): void {
  const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0
  const sources = Math.max(
    newestMtime(join(repo, 'src')),
    newestMtime(join(repo, 'scenes')),
    statSync(join(repo, 'index.html')).mtimeMs,
    statSync(join(repo, 'package-lock.json')).mtimeMs,
  )
  if (built > sources) return
  console.log('Building the app (about 10 s)…')
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' })
}

const options = parseArgs(process.argv.slice(2))
buildIfStale()
const serve = createStaticHandler(dist)
const server = createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    console.error(error)
    if (!res.headersSent) res.writeHead(500).end('Internal error\n')
  })
})
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`benchtop: cannot listen on ${options.host}:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use (try --port 8081)' : error.message}`)
  process.exit(1)
})
server.listen(options.port, options.host, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  console.log(`Benchtop is running: http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}/`)
  if (options.host === '0.0.0.0') {
    for (const nets of Object.values(networkInterfaces())) {
      for (const net of nets ?? []) if (net.family === 'IPv4' && !net.internal) console.log(`  on this network: http://${net.address}:${port}/`)
    }
  }
  console.log('Press Ctrl+C to stop.')
})
