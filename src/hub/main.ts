/**
 * `npm start`: builds the app when needed and starts the classroom hub, then tells the
 * teacher what to open where.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import QRCode from 'qrcode'
import { BACKUPS_KEPT, backupsDir, restoreBackup } from './backup'
import { parseHubArgs, USAGE, UsageError } from './config'
import { resetTeacher } from './auth'
import { summaries } from './classes'
import { openHubDb } from './db'
import { startHub } from './server'
import { lanAddresses } from './tls'

const repo = resolve(import.meta.dirname, '../..')
const dist = join(repo, 'dist')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Rebuild only when a source is newer than the build: a restart in class takes a second. */
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

async function main() {
  if (process.argv.includes('--help')) {
    console.log(USAGE)
    return
  }
  let config
  try {
    config = parseHubArgs(process.argv.slice(2), { dataDir: join(repo, 'benchtop-data') })
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`benchtop: ${error.message}\n${USAGE}`)
      process.exit(2)
    }
    throw error
  }
  if (config.restore) {
    try {
      const { restored, keptAside } = restoreBackup(config.dataDir, config.restore)
      console.log(`Restored the class database from ${restored}.`)
      if (keptAside.length) console.log(`The database it replaced is kept as ${keptAside[0]}${keptAside.length > 1 ? ` (with its ${keptAside.slice(1).map((p) => p.slice(p.lastIndexOf('-'))).join(', ')})` : ''}.`)
    } catch (error) {
      console.error(`benchtop: cannot restore: ${(error as Error).message}`)
      process.exit(1)
    }
  }
  if (config.resetTeacher) {
    const db = openHubDb(config.dataDir)
    resetTeacher(db)
    db.close()
    console.log('The teacher passphrase is forgotten and every browser is signed out; choose a new one with the setup code below.')
  }
  buildIfStale()
  const hub = await startHub(config, { distDir: dist }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${config.port} is in use (try --port ${config.port + 1})` : error.message
    console.error(`benchtop: cannot start the hub: ${reason}`)
    process.exit(1)
  })
  const scheme = config.http ? 'http' : 'https'
  const everywhere = config.host === '0.0.0.0' || config.host === '::'
  const stationUrls = (everywhere ? lanAddresses().map((ip) => `${scheme}://${ip}:${hub.port}/`) : [hub.url]).map(
    (url) => `${url}#/station?join=${hub.joinCode}`,
  )
  console.log(`\nBenchtop hub is running (data in ${config.dataDir}; a backup each day in ${backupsDir(config.dataDir)}, the last ${BACKUPS_KEPT} kept).`)
  console.log('\nOpen on each station (headset, Chromebook, laptop):')
  for (const url of stationUrls) console.log(`  ${url}`)
  if (stationUrls[0]) console.log(await QRCode.toString(stationUrls[0], { type: 'terminal', small: true }))
  const classes = summaries(hub.db, { of: hub.joinCodeOf })
  if (classes.length === 1) console.log(`Station join code: ${hub.joinCode}`)
  else {
    // The QR code above joins the first class; each class's stations join with its own code.
    console.log(`Station join codes (the QR code above is ${classes[0]!.name}'s):`)
    for (const c of classes) console.log(`  ${c.name}: ${c.joinCode}  (${stationUrls[0]?.replace(/join=\w+$/, `join=${c.joinCode}`) ?? ''})`)
  }
  console.log(`Teacher: ${hub.url}#/teacher`)
  if (hub.teacherSetupCode) console.log(`First time here: open the teacher page and choose a passphrase with this setup code: ${hub.teacherSetupCode}`)
  console.log(`Teacher key for this run, for scripts (shown once): ${hub.teacherKey.id}:${hub.teacherKey.secret}`)
  if (hub.tls) {
    console.log(`\nCertificate fingerprint (SHA-256): ${hub.tls.fingerprint}`)
    console.log('Browsers warn once about this self-made certificate: choose Advanced, then Proceed.')
  }
  console.log('\nPress Ctrl+C to stop.')
  const stop = () => void hub.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
