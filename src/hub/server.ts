/**
 * The classroom hub: one Node process on the teacher's laptop that serves the app to every
 * station, stores their xAPI statements in SQLite, and feeds the teacher's live view.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { HubConfig } from './config'
import { openHubDb, type HubDb } from './db'
import { createHubApi, joinStation, makeJoinCode } from './api'
import { startBackups, type BackupSchedule } from './backup'
import { createControlsApi } from './controls'
import { HttpError, readJson, sendError, sendJson } from './http'
import { authenticate, issueKey, type IssuedKey } from './keys'
import { createForwarder } from './forward'
import { createClassProjection } from './classProjection'
import { createClassViewApi } from './classViewApi'
import { setSecurityHeaders } from './headers'
import { createStorageHealth } from './health'
import { createLearnerStateApi } from './learnerStateApi'
import { createLiveFeed, type LiveFeed } from './live'
import { createLrs } from './lrs'
import { createStaticHandler } from './static'
import { loadOrCreateCertificate, type TlsFiles } from './tls'

export interface RunningHub {
  /** Base URL on this machine, e.g. https://127.0.0.1:8443/ */
  url: string
  port: number
  db: HubDb
  live: LiveFeed
  forwarder: ReturnType<typeof createForwarder> | null
  /** The teacher key made for this run (shown once; the previous run's is revoked). */
  teacherKey: IssuedKey
  /** Stations join with this code (in the printed QR code). New every run. */
  joinCode: string
  tls?: TlsFiles
  /** The daily backups into DATA/backups (the first is taken at start-up). */
  backups: BackupSchedule
  close(): Promise<void>
}

export const LIMITS = { maxBodyBytes: 5 * 1024 * 1024, maxStatementsPerMinutePerKey: 6000 }

export async function startHub(config: HubConfig, { distDir }: { distDir: string }): Promise<RunningHub> {
  const db = openHubDb(config.dataDir)
  const backups = startBackups(db, config.dataDir)
  // One teacher key per run: shown in the terminal, the previous run's stops working.
  db.prepare("UPDATE keys SET revoked = ? WHERE role = 'teacher' AND revoked IS NULL").run(new Date().toISOString())
  const teacherKey = issueKey(db, 'teacher', 'Teacher (this run)')
  if (config.lrsKey) issueKey(db, 'lrs', 'External xAPI tool (--lrs-key)', { id: config.lrsKey.user, secret: config.lrsKey.pass })

  const health = createStorageHealth(config.dataDir, (status) => live.publish('storage', status))
  const live = createLiveFeed(undefined, () => [{ event: 'storage', data: health.current() }])
  const projection = createClassProjection(db)
  const forwarder = config.forward ? createForwarder(db, config.forward) : null
  const lrs = createLrs({
    db,
    limits: config.noLimits ? { maxBodyBytes: null, maxStatementsPerMinutePerKey: null } : LIMITS,
    project: projection.apply,
    onStored: (statements) => {
      live.publish('statements', statements)
      forwarder?.kick()
    },
  })
  forwarder?.start()
  const joinCode = makeJoinCode()
  const api = createHubApi(db, { joinCode })
  const controls = createControlsApi(db)
  const classView = createClassViewApi(db, projection)
  const learnerStates = createLearnerStateApi(db)
  const serveStatic = createStaticHandler(distDir)

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!
    if (path === '/xapi' || path.startsWith('/xapi/')) return lrs.handle(req, res, path.slice('/xapi'.length) || '/')
    if (path.startsWith('/api/')) {
      try {
        if (path === '/api/join' && req.method === 'POST') return sendJson(res, 201, joinStation(db, joinCode, await readJson(req)))
        const key = authenticate(db, req.headers.authorization)
        if (!key) throw new HttpError(401, 'A hub key is required (Authorization: Basic)')
        if (path === '/api/live') {
          if (key.role !== 'teacher') throw new HttpError(403, 'Only the teacher key may watch the live feed')
          return live.subscribe(req, res)
        }
        if (await controls(req, res, path.slice('/api'.length), key)) return
        if (await classView(req, res, path.slice('/api'.length), key)) return
        if (await learnerStates(req, res, path.slice('/api'.length), key)) return
        return await api(req, res, path.slice('/api'.length), key)
      } catch (error) {
        return sendError(res, error)
      }
    }
    return serveStatic(req, res)
  }
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res)
    res.once('finish', () => health.noteAnswer(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!, res.statusCode))
    route(req, res).catch((error: unknown) => {
      console.error('hub: request failed:', error)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Internal error: see the hub terminal\n')
    })
  }

  let tls: TlsFiles | undefined
  let server: Server
  if (config.http) {
    server = createHttpServer(onRequest)
  } else {
    tls = await loadOrCreateCertificate(config.dataDir, config.certFile && config.keyFile ? { certFile: config.certFile, keyFile: config.keyFile } : undefined)
    server = createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest)
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const local = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  return {
    url: `${config.http ? 'http' : 'https'}://${local}:${port}/`,
    port,
    db,
    live,
    teacherKey,
    joinCode,
    tls,
    forwarder,
    backups,
    async close() {
      await forwarder?.stop()
      live.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      await backups.stop()
      db.close()
    },
  }
}
