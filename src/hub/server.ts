/**
 * The classroom hub: one Node process on the teacher's laptop that serves the app to every
 * station, stores their xAPI statements in SQLite, and feeds the teacher's live view.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { HubConfig } from './config'
import { openHubDb, type HubDb } from './db'
import { createHubApi, type RouteContext } from './api'
import { createTeacherAuth, TEACHER_SESSION_KEY, type TeacherAuth } from './auth'
import { classOfRequest, createClassesApi, createJoinCodes, createStudentClassLookup, defaultClassId } from './classes'
import { startBackups, type BackupSchedule } from './backup'
import { createControlsApi } from './controls'
import { HttpError } from './http'
import { checkKey, issueKey, type IssuedKey, type KeyRecord } from './keys'
import { createForwarder } from './forward'
import { createClassProjection } from './classProjection'
import { createClassViewApi } from './classViewApi'
import { setSecurityHeaders } from './headers'
import { createStorageHealth } from './health'
import { createLearnerStateApi } from './learnerStateApi'
import { createGuessLimit, createHourlyQuota, GUESS_LIMITS, STATION_KEYS_PER_HOUR, type GuessLimit } from './limits'
import { createLiveFeed, type LiveFeed } from './live'
import { createLrs, negotiateVersion, SUPPORTED_VERSIONS, type Lrs } from './lrs'
import { isAlternateRequest, unpackAlternateRequest } from './lrs/alternate'
import { LrsHttpError, sendError, type LrsRequest } from './lrs/request'
import { isXapiPath, LRS_BODY, matchRoute, type RouteMatch, type RouteName } from './routes'
import { createStationScope } from './scope'
import { createStaticHandler } from './static'
import { loadOrCreateCertificate, type TlsFiles } from './tls'
import { REVOKED_KEY_MESSAGE } from '../shared/station'
import { createRosterApi } from './roster'
import { createStationStatusApi } from './stationStatus'

export interface RunningHub {
  /** Base URL on this machine, e.g. https://127.0.0.1:8443/ */
  url: string
  port: number
  db: HubDb
  live: LiveFeed
  forwarder: ReturnType<typeof createForwarder> | null
  /** The teacher key made for this run (shown once; the previous run's is revoked). */
  teacherKey: IssuedKey
  /** Stations join the first class with this code (in the printed QR code). New every run, and when the teacher rotates it. */
  readonly joinCode: string
  /** Each class's join code, by class id. */
  joinCodeOf(classId: number): string
  /** While no teacher passphrase is set: the one-time code that sets it (printed in the terminal). */
  readonly teacherSetupCode: string | null
  tls?: TlsFiles
  /** The daily backups into DATA/backups (the first is taken at start-up). */
  backups: BackupSchedule
  close(): Promise<void>
}

export const LIMITS = { maxBodyBytes: 5 * 1024 * 1024, maxStatementsPerMinutePerKey: 6000 }

/**
 * 1.0.3's alternate syntax may carry Authorization in its form instead of a header: a form that
 * has to be read to find the credentials may be at most this long. Bigger ones must send the
 * header, so an unauthenticated 4 MB form is refused without being read.
 */
export const ALTERNATE_FORM_AUTH_LIMIT = 64 * 1024

export type RouteHandler = (ctx: RouteContext & { unpacked?: LrsRequest }) => unknown

export interface DispatchOptions {
  db: HubDb
  handlers: Partial<Record<RouteName, RouteHandler>>
  /** The LRS's body limit (null: --no-limits). */
  lrsBodyLimit: number | null
  /** Wrong keys per client address. */
  authFailures: GuessLimit
  /** The xAPI version to answer a request that names none the hub speaks (the LRS's memory of its credentials). */
  answerVersion?: (authorization: string | undefined) => string
  /** The teacher's browser sessions (a cookie instead of a key); none: keys only. */
  sessions?: Pick<TeacherAuth, 'checkSession'>
}

const ALTERNATE_METHODS = ['GET', 'PUT', 'POST', 'DELETE']

/**
 * The one place that decides who may do what: finds the request's route in the table
 * (routes.ts), checks its credentials and role there before any body is read, then hands it to
 * the route's handler. Refusals are plain JSON (401, 403, 405, 413, 429), never a browser's
 * password prompt: no WWW-Authenticate, on any route.
 */
export function createDispatcher(options: DispatchOptions) {
  const { db, handlers, authFailures } = options
  return async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [rawPath = '/', ...search] = (req.url ?? '/').split('?')
    const xapi = isXapiPath(rawPath)
    // The LRS's paths are the same with or without a trailing slash.
    const path = xapi && rawPath.length > 1 ? rawPath.replace(/\/+$/, '') || '/' : rawPath
    if (xapi) res.setHeader('X-Experience-API-Version', options.answerVersion?.(req.headers.authorization) ?? '2.0.0')
    try {
      let method = (req.method ?? 'GET').toUpperCase()
      const alternate = xapi && isAlternateRequest(req)
      if (alternate) {
        const asked = new URLSearchParams(search.join('?')).get('method') ?? ''
        if (!ALTERNATE_METHODS.includes(asked.toUpperCase())) throw new HttpError(400, `Query parameter "method" must be GET, PUT, POST or DELETE, got "${asked.slice(0, 40)}"`)
        method = asked.toUpperCase()
      }
      // The version header comes before anything else on the LRS (the alternate syntax carries it in its form).
      if (xapi && !alternate && path !== '/xapi/about') {
        const header = req.headers['x-experience-api-version']
        if (header === undefined) throw new HttpError(400, `The X-Experience-API-Version header is required; this hub supports ${SUPPORTED_VERSIONS.join(' and ')}`)
        if (negotiateVersion(String(header)) === null) throw new HttpError(400, `X-Experience-API-Version "${String(header).slice(0, 40)}" is not supported; this hub supports ${SUPPORTED_VERSIONS.join(' and ')}`)
      }
      let found: RouteMatch
      try {
        found = matchRoute(method, path)
      } catch {
        throw new HttpError(400, 'The path is not valid percent-encoding')
      }
      if (!found.route) {
        if (found.allow.length) throw new LrsHttpError(405, `${method} is not allowed on ${path.slice(0, 200)}; use ${found.allow.join(', ')}`, { Allow: found.allow.join(', ') })
        throw new HttpError(404, `No ${method} ${path.slice(0, 200)} on this hub`)
      }
      const route = found.route
      const bodyLimit = route.bodyLimit === LRS_BODY ? options.lrsBodyLimit : route.bodyLimit
      const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '')
      const lrsPath = path.slice('/xapi'.length) || '/'
      let unpacked: LrsRequest | undefined
      let key: KeyRecord | null = null
      if (!route.roles.includes('none')) {
        authFailures.check(address)
        let header = req.headers.authorization
        if (alternate && header === undefined) {
          const tooLong = new HttpError(401, `Authorization is required: an alternate-syntax request over ${ALTERNATE_FORM_AUTH_LIMIT / 1024} KB must send it as a header, not as a form field`)
          if (Number(req.headers['content-length']) > ALTERNATE_FORM_AUTH_LIMIT) throw tooLong
          try {
            unpacked = await unpackAlternateRequest(req, lrsPath, ALTERNATE_FORM_AUTH_LIMIT)
          } catch (error) {
            throw error instanceof HttpError && error.status === 413 ? tooLong : error
          }
          header = unpacked.headers.authorization as string | undefined
        }
        // A browser signed in as the teacher sends its session cookie and no key.
        const session = header === undefined ? options.sessions?.checkSession(req) : undefined
        if (session && !session.ok && session.reason === 'ended') throw new HttpError(401, SESSION_ENDED)
        const checked = session?.ok ? { key: TEACHER_SESSION_KEY } : checkKey(db, header)
        if (session?.ok && session.refreshCookie) res.setHeader('Set-Cookie', session.refreshCookie)
        if (!checked.key) {
          if (checked.reason === 'wrong' || checked.reason === 'unknown' || checked.reason === 'malformed') authFailures.fail(address)
          throw new HttpError(401, REFUSALS[checked.reason])
        }
        key = checked.key
        if (!route.roles.includes(key.role)) {
          const allowed = route.roles.map((role) => (role === 'lrs' ? 'an --lrs-key' : `a ${role} key`)).join(' or ')
          throw new HttpError(403, `A ${key.role} key may not ${method} ${path.slice(0, 200)} (${route.what}); that takes ${allowed}`)
        }
      }
      const declared = Number(req.headers['content-length'])
      if (bodyLimit !== null && bodyLimit > 0 && Number.isFinite(declared) && declared > bodyLimit && !unpacked)
        throw new HttpError(413, `Request body is larger than the hub's limit of ${bodyLimit} bytes for ${method} ${path.slice(0, 200)}`)
      if (alternate && !unpacked) unpacked = await unpackAlternateRequest(req, lrsPath, bodyLimit === 0 ? ALTERNATE_FORM_AUTH_LIMIT : bodyLimit)
      const handler = handlers[route.name]
      if (!handler) throw new HttpError(404, `No ${method} ${path.slice(0, 200)} on this hub`)
      await handler({ req, res, key, params: found.params, bodyLimit: bodyLimit ?? Number.MAX_SAFE_INTEGER, address, unpacked })
    } catch (error) {
      // Refused before its body was read: answer now, and let the rest of the body go by unread
      // (not parsed, not kept), up to a point. Closing at once would reset the connection and
      // could lose the answer itself.
      if (!req.complete) discardBody(req)
      sendError(res, error)
    }
  }
}

/** How much of a refused request's body the hub lets go by before it drops the connection. */
const DISCARD_LIMIT = 8 * 1024 * 1024

function discardBody(req: IncomingMessage): void {
  let discarded = 0
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length
    if (discarded > DISCARD_LIMIT) req.destroy()
  })
  setTimeout(() => req.complete || req.destroy(), 10_000).unref()
}

/** Said to a browser whose session is over; the dashboard shows the sign-in form with it. */
export const SESSION_ENDED = 'Your teacher sign-in has ended (signed out, expired, or the passphrase was changed): sign in again'

const REFUSALS: Record<'missing' | 'malformed' | 'unknown' | 'wrong' | 'revoked', string> = {
  missing: 'Sign in as the teacher, or send a hub key (Authorization: Basic id:secret)',
  malformed: 'The Authorization header is not Basic id:secret',
  unknown: 'The key is unknown, revoked, or its secret is wrong',
  wrong: 'The key is unknown, revoked, or its secret is wrong',
  revoked: REVOKED_KEY_MESSAGE,
}

/** The LRS's routes, for the hub and for tests that run the LRS alone. */
export function xapiHandlers(lrs: Lrs): Partial<Record<RouteName, RouteHandler>> {
  const handler: RouteHandler = ({ req, res, key, unpacked }) => {
    const path = (req.url ?? '/').split('?')[0]!
    return lrs.handle(req, res, path.slice('/xapi'.length) || '/', { key, request: unpacked })
  }
  const names: RouteName[] = ['xapi-about', 'xapi-statements-read', 'xapi-statements-write', 'xapi-state', 'xapi-activity-profile', 'xapi-agent-profile', 'xapi-agents', 'xapi-activities']
  return Object.fromEntries(names.map((name) => [name, handler]))
}

export async function startHub(config: HubConfig, { distDir }: { distDir: string }): Promise<RunningHub> {
  const db = openHubDb(config.dataDir)
  const backups = startBackups(db, config.dataDir)
  // One teacher key per run: shown in the terminal, the previous run's stops working.
  db.prepare("UPDATE keys SET revoked = ? WHERE role = 'teacher' AND revoked IS NULL").run(new Date().toISOString())
  const teacherKey = issueKey(db, 'teacher', 'Teacher (this run)')
  // An --lrs-key works while the flag is given: a run without it leaves no tool key behind.
  db.prepare("UPDATE keys SET revoked = ? WHERE role = 'lrs' AND revoked IS NULL").run(new Date().toISOString())
  if (config.lrsKey) issueKey(db, 'lrs', 'External xAPI tool (--lrs-key)', { id: config.lrsKey.user, secret: config.lrsKey.pass })

  const health = createStorageHealth(config.dataDir, (status) => live.publish('storage', status))
  const live = createLiveFeed(undefined, () => [{ event: 'storage', data: health.current() }])
  const projection = createClassProjection(db)
  const forwarder = config.forward ? createForwarder(db, config.forward) : null
  const scope = createStationScope(db)
  const lrs = createLrs({
    db,
    limits: config.noLimits ? { maxBodyBytes: null, maxStatementsPerMinutePerKey: null } : LIMITS,
    project: projection.apply,
    onStored: (statements) => {
      live.publish('statements', statements)
      forwarder?.kick()
    },
    scope,
  })
  forwarder?.start()
  const guessLimits = config.noLimits ? null : GUESS_LIMITS
  const joinCodes = createJoinCodes(db)
  const teacherAuth = createTeacherAuth(db, { guesses: createGuessLimit('passphrases or setup codes', guessLimits) })
  const classesApi = createClassesApi(db, joinCodes)
  /** Is a statement about a student of this class? Students on no roster count in the first. */
  const classOfStudent = createStudentClassLookup(db)
  const inClass = (classId: number) => {
    const first = defaultClassId(db)
    return (pseudonym: string) => classOfStudent(pseudonym, first) === classId
  }
  const roster = createRosterApi(db)
  const stationStatus = createStationStatusApi(db, scope)
  const api = createHubApi(db, {
    joinCodes,
    scope,
    rosterSettings: roster.settings,
    limits: {
      join: createGuessLimit('join codes', guessLimits),
      signIn: createGuessLimit('sign-in codes', guessLimits),
      stationKeys: createHourlyQuota('station keys', config.noLimits ? null : STATION_KEYS_PER_HOUR),
    },
  })
  const controls = createControlsApi(db)
  const classView = createClassViewApi(db, projection)
  const learnerStates = createLearnerStateApi(db, scope)
  const serveStatic = createStaticHandler(distDir)
  const dispatch = createDispatcher({
    db,
    lrsBodyLimit: config.noLimits ? null : LIMITS.maxBodyBytes,
    answerVersion: lrs.answerVersion,
    authFailures: createGuessLimit('keys', guessLimits),
    sessions: teacherAuth,
    handlers: {
      ...api.handlers,
      ...teacherAuth.handlers,
      ...classesApi,
      ...roster.handlers,
      'station-heartbeat': (ctx) => stationStatus.heartbeat(ctx),
      ...xapiHandlers(lrs),
      'controls-read': (ctx) => controls.read({ req: ctx.req, res: ctx.res, key: ctx.key! }),
      'controls-change': (ctx) => controls.change(ctx),
      live: ({ req, res, key }) => {
        const belongs = inClass(classOfRequest(db, req, key))
        live.subscribe(req, res, (s) => {
          const name = (s as { actor?: { account?: { name?: unknown } } }).actor?.account?.name
          return typeof name !== 'string' || belongs(name)
        })
      },
      'class-view': ({ req, res, key }) => {
        const classId = classOfRequest(db, req, key)
        classView.overview(res, classId, inClass(classId))
      },
      'class-view-student': ({ res, params }) => classView.student(res, params.pseudonym!),
      export: ({ req, res, key, params }) => {
        const classId = classOfRequest(db, req, key)
        return classView.exportFile(res, params.file!, { classId, isFirst: classId === defaultClassId(db) })
      },
      'learner-state': ({ res, key, params }) => learnerStates.read(res, key!, params.sceneId!, params.pseudonym!),
      app: ({ req, res }) => serveStatic(req, res),
    },
  })

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res)
    res.once('finish', () => health.noteAnswer(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!, res.statusCode))
    dispatch(req, res).catch((error: unknown) => {
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
    get joinCode() {
      return api.joinCode
    },
    joinCodeOf: (classId) => joinCodes.of(classId),
    get teacherSetupCode() {
      return teacherAuth.setupCode
    },
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
