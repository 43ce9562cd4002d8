/**
 * The hub's Learning Record Store: the xAPI resources (2.0.0 and 1.0.3) over HTTP and SQLite.
 * The server mounts `handle` at /xapi/ and passes the path below it ("/statements").
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HubDb } from '../db'
import type { KeyRecord } from '../keys'
import { agentParam, isObject, type JsonObject } from './agents'
import { declaredHashes, readMultipartStatements, type AttachmentPart } from './attachments'
import { createDocumentStore } from './documents'
import { buildMultipart } from './multipart'
import {
  booleanParam,
  HttpError,
  httpDate,
  iriParam,
  LrsHttpError,
  parseJsonBody,
  readBody,
  readQuery,
  sendEmpty,
  sendError,
  sendJson,
  statementsBodyType,
  timestampParam,
  uuidParam,
  type LrsRequest,
} from './request'
import { acceptedLanguages, canonicalFormat, idsFormat, type StatementFormat } from './shape'
import { createStatementStore, MAX_PAGE, type StatementFilters } from './statements'
import type { StoredStatement } from './types'
import { validateStatement, type StatementValidator, type XapiVersion } from './validate'

export type { StoredStatement } from './types'
export { ACTOR_HOME_PAGE_FOR_KEYS } from './types'
export type { StatementValidator, XapiVersion } from './validate'

export interface LrsLimits {
  /** Largest request body in bytes; null = no limit (--no-limits). */
  maxBodyBytes: number | null
  /** Statements one key may send per minute (token bucket); null = no limit. */
  maxStatementsPerMinutePerKey: number | null
}

export interface LrsOptions {
  db: HubDb
  limits: LrsLimits
  now?: () => Date
  /** Called after each commit with the statements that were new (retries of stored ones are not). */
  onStored?: (statements: StoredStatement[], key: KeyRecord) => void
  /** Called inside the storing transaction with the new statements (the hub's projections). */
  project?: (statements: readonly StoredStatement[]) => void
  /** Statement validator; defaults to the shared xAPI validator. */
  validate?: StatementValidator
  /** What a key may touch inside a resource (a station: its own students); throws HttpError. */
  scope?: {
    checkStatements(batch: unknown[], key: KeyRecord, version: XapiVersion): void
    checkDocument(resource: string, agent: string | undefined, key: KeyRecord): void
  }
}

/**
 * Who is asking, as the server found out before the LRS runs (routes.ts): the key (null on the
 * public /about), and for 1.0.3's alternate syntax the request unpacked from its form.
 */
export interface LrsAccess {
  key: KeyRecord | null
  request?: LrsRequest
}

export interface Lrs {
  handle(req: IncomingMessage, res: ServerResponse, path: string, access: LrsAccess): Promise<void>
  /** The version to answer a request that names none the hub speaks (see createVersionMemory). */
  answerVersion(authorization: string | undefined): XapiVersion
}

export const SUPPORTED_VERSIONS = ['1.0.3', '2.0.0'] as const

/** The version we answer in, from the request's X-Experience-API-Version; null = unsupported. */
export function negotiateVersion(header: string | undefined): XapiVersion | null {
  if (header === undefined) return null
  const value = header.trim()
  if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3'
  if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0'
  return null
}

const STATEMENT_QUERY_PARAMS = [
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'page',
] as const

/**
 * The version to answer in when a request names none the hub speaks (a missing or unsupported
 * X-Experience-API-Version): the one the same credentials last spoke, since a 1.0.3 client
 * reads a 1.0.3 answer; 2.0.0 for credentials not seen yet. Both specs require the header on
 * every answer but say nothing of which version a two-version LRS gives a request without one.
 * Keyed by the Authorization value and filled only after it authenticated, so unknown
 * credentials add nothing; bounded all the same.
 */
function createVersionMemory(limit = 1000) {
  // Hashed, so that no secret lingers in this map.
  const lastSpoken = new Map<string, XapiVersion>()
  const keyOf = (authorization: string) => createHash('sha256').update(authorization).digest('base64')
  return {
    remember(authorization: string | undefined, version: XapiVersion): void {
      if (authorization === undefined) return
      const key = keyOf(authorization)
      lastSpoken.delete(key)
      lastSpoken.set(key, version)
      if (lastSpoken.size > limit) lastSpoken.delete(lastSpoken.keys().next().value!)
    },
    answerVersion(authorization: string | undefined): XapiVersion {
      return (authorization !== undefined ? lastSpoken.get(keyOf(authorization)) : undefined) ?? '2.0.0'
    },
  }
}

/** Per-key token buckets: a key may burst up to a minute's worth, then refills steadily. */
function createRateLimiter(perMinute: number | null, now: () => Date) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return (keyId: string, count: number): void => {
    if (perMinute === null) return
    const t = now().getTime()
    const bucket = buckets.get(keyId) ?? { tokens: perMinute, at: t }
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((t - bucket.at) * perMinute) / 60_000)
    bucket.at = t
    buckets.set(keyId, bucket)
    if (count > perMinute)
      throw new LrsHttpError(429, `A batch of ${count} statements is more than this key may send in a minute (${perMinute}); split it into smaller batches`, { 'Retry-After': '60' })
    if (bucket.tokens < count) {
      const waitSeconds = Math.max(1, Math.ceil(((count - bucket.tokens) * 60) / perMinute))
      throw new LrsHttpError(429, `Too many statements from key "${keyId}": at most ${perMinute} a minute; retry in ${waitSeconds} s`, { 'Retry-After': String(waitSeconds) })
    }
    bucket.tokens -= count
  }
}

export function createLrs(options: LrsOptions): Lrs {
  const { db, limits } = options
  const now = options.now ?? (() => new Date())
  const statements = createStatementStore(db, options.validate ?? validateStatement, options.project)
  const documents = createDocumentStore(db, statements.definitionOf)
  const charge = createRateLimiter(limits.maxStatementsPerMinutePerKey, now)
  const versions = createVersionMemory()

  async function handleStatements(req: LrsRequest, res: ServerResponse, urlPath: string, path: string, method: string, version: XapiVersion, key: KeyRecord) {
    if (method === 'POST' || method === 'PUT') {
      const query = readQuery(req.url, method === 'PUT' ? ['statementId'] : [])
      const bodyType = statementsBodyType(req)
      const statementId = method === 'PUT' ? uuidParam(query, 'statementId') : undefined
      if (method === 'PUT' && statementId === undefined) throw new HttpError(400, 'PUT /statements needs the statementId query parameter (a UUID)')
      const raw = await readBody(req, limits.maxBodyBytes)
      let body: unknown
      let parts = new Map<string, AttachmentPart>()
      if (bodyType === 'multipart') ({ json: body, parts } = readMultipartStatements(raw, String(req.headers['content-type'])))
      else body = parseJsonBody(raw)
      let batch: unknown[]
      if (method === 'PUT') {
        if (!isObject(body)) throw new HttpError(400, 'PUT /statements takes one statement (a JSON object); POST an array instead')
        if (body.id !== undefined && (typeof body.id !== 'string' || body.id.toLowerCase() !== statementId))
          throw new HttpError(400, `The statement's id ${JSON.stringify(body.id)} differs from the statementId parameter ${statementId}`)
        batch = [{ ...body, id: statementId }]
      } else {
        batch = Array.isArray(body) ? body : [body]
        if (batch.length === 0) throw new HttpError(400, 'The array of statements is empty')
      }
      options.scope?.checkStatements(batch, key, version)
      charge(key.id, batch.length)
      const { ids, fresh } = statements.storeBatch(batch, key, version, now().toISOString(), { parts, multipart: bodyType === 'multipart' })
      if (fresh.length && options.onStored) {
        try {
          options.onStored(fresh, key)
        } catch (error) {
          console.error('hub: onStored hook failed (the statements are stored):', error)
        }
      }
      if (method === 'PUT') return sendEmpty(res, 204)
      return sendJson(res, 200, ids)
    }
    if (method !== 'GET' && method !== 'HEAD') throw new LrsHttpError(405, `${method} is not allowed on /statements; use GET, POST or PUT`, { Allow: 'GET, HEAD, POST, PUT' })

    const query = readQuery(req.url, STATEMENT_QUERY_PARAMS)
    const format = (query.get('format') ?? 'exact') as StatementFormat
    if (!['exact', 'ids', 'canonical'].includes(format)) throw new HttpError(400, `Query parameter "format" must be ids, exact or canonical; got "${format.slice(0, 40)}"`)
    const attachments = booleanParam(query, 'attachments')
    const languages = acceptedLanguages(req.headers['accept-language'])
    const shape = (stmt: JsonObject): JsonObject => (format === 'ids' ? idsFormat(stmt) : format === 'canonical' ? canonicalFormat(stmt, languages, statements.definitionOf) : stmt)
    /** The answer: JSON, or with attachments=true multipart/mixed with each attachment the statements declare and the hub holds. */
    const send = (body: unknown, found: JsonObject[], headers: Record<string, string>) => {
      if (!attachments) return sendJson(res, 200, body, headers)
      const stored = statements.attachmentsOf(declaredHashes(found))
      const multipart = buildMultipart([
        { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) },
        ...stored.map((part) => ({ headers: { 'Content-Type': part.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': part.sha2 }, body: part.content })),
      ])
      res.writeHead(200, { 'Content-Type': `multipart/mixed; boundary=${multipart.boundary}`, 'Content-Length': multipart.body.length, 'Cache-Control': 'no-store', ...headers })
      res.end(multipart.body)
    }

    const statementId = uuidParam(query, 'statementId')
    const voidedStatementId = uuidParam(query, 'voidedStatementId')
    if (statementId !== undefined || voidedStatementId !== undefined) {
      if (statementId !== undefined && voidedStatementId !== undefined) throw new HttpError(400, 'Give statementId or voidedStatementId, not both')
      const others = [...query.keys()].filter((name) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(name))
      if (others.length) throw new HttpError(400, `With ${statementId ? 'statementId' : 'voidedStatementId'} only format and attachments may be given, not ${others.join(', ')}`)
      const found = statements.getOne((statementId ?? voidedStatementId)!, voidedStatementId !== undefined)
      if (!found)
        throw new HttpError(404, statementId ? `No statement ${statementId} (a voided statement is only returned by voidedStatementId)` : `No voided statement ${voidedStatementId}`)
      return send(shape(found.statement), [found.statement], { 'Last-Modified': httpDate(found.stored) })
    }

    const agent = agentParam(query)
    const limitText = query.get('limit') ?? '0'
    if (!/^\d{1,9}$/.test(limitText)) throw new HttpError(400, `Query parameter "limit" must be a whole number, 0 or more; got "${limitText.slice(0, 40)}"`)
    const limit = Number(limitText) === 0 ? MAX_PAGE : Math.min(Number(limitText), MAX_PAGE)
    const filters: StatementFilters = {
      agentKey: agent?.key,
      verb: iriParam(query, 'verb'),
      activity: iriParam(query, 'activity'),
      registration: uuidParam(query, 'registration'),
      relatedActivities: booleanParam(query, 'related_activities'),
      relatedAgents: booleanParam(query, 'related_agents'),
      since: timestampParam(query, 'since'),
      until: timestampParam(query, 'until'),
      limit,
      ascending: booleanParam(query, 'ascending'),
    }
    let page: { after: number | null; through: number | null } = { after: null, through: null }
    const pageText = query.get('page')
    if (pageText !== undefined) {
      const match = /^(\d{1,15})\.(\d{1,15})$/.exec(pageText)
      if (!match) throw new HttpError(400, `Query parameter "page" is not one this hub made (use the "more" link as given); got "${pageText.slice(0, 40)}"`)
      page = { after: Number(match[1]), through: Number(match[2]) }
    }
    const result = statements.query(filters, page)
    let more = ''
    if (result.more) {
      const next = new URLSearchParams([...query.entries()].filter(([name]) => name !== 'page'))
      next.set('page', `${result.rows[result.rows.length - 1]!.seq}.${result.through}`)
      const prefix = urlPath.endsWith(path) ? urlPath.slice(0, urlPath.length - path.length) : '/xapi'
      more = `${prefix}/statements?${next.toString()}`
    }
    const rows = result.rows.map((row) => JSON.parse(row.body) as JsonObject)
    const list = rows.map(shape)
    const headers: Record<string, string> = {}
    const latest = result.rows.reduce<string | null>((max, row) => (max === null || row.stored > max ? row.stored : max), null)
    if (latest) headers['Last-Modified'] = httpDate(latest)
    return send({ statements: list, more }, rows, headers)
  }

  async function handle(httpReq: IncomingMessage, res: ServerResponse, rawPath: string, access: LrsAccess): Promise<void> {
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath
    const urlPath = (httpReq.url ?? '').split('?')[0]!
    res.setHeader('X-Experience-API-Version', versions.answerVersion(httpReq.headers.authorization))
    // Every write is committed before its answer, so everything stored so far is visible now.
    if (path === '/statements') res.setHeader('X-Experience-API-Consistent-Through', now().toISOString())
    try {
      // The alternate syntax carries the version header in its form: the server unpacked it.
      const req: LrsRequest = access.request ?? httpReq
      const method = (req.method ?? 'GET').toUpperCase()
      const headerValue = req.headers['x-experience-api-version']
      const version = negotiateVersion(Array.isArray(headerValue) ? headerValue[0] : headerValue)
      res.setHeader('X-Experience-API-Version', version ?? versions.answerVersion(req.headers.authorization))
      if (path === '/about') {
        if (method !== 'GET' && method !== 'HEAD') throw new LrsHttpError(405, `${method} is not allowed on /about; use GET`, { Allow: 'GET, HEAD' })
        return sendJson(res, 200, { version: [...SUPPORTED_VERSIONS], extensions: {} })
      }
      if (headerValue === undefined) throw new HttpError(400, `The X-Experience-API-Version header is required; this hub supports ${SUPPORTED_VERSIONS.join(' and ')}`)
      if (version === null) throw new HttpError(400, `X-Experience-API-Version "${String(headerValue).slice(0, 40)}" is not supported; this hub supports ${SUPPORTED_VERSIONS.join(' and ')}`)
      if (req.alternate && version === '2.0.0')
        throw new HttpError(400, 'xAPI 2.0.0 removed the alternate request syntax (POST ?method=...); send the real method with headers, or use X-Experience-API-Version 1.0.3')

      // The server checked the key and its role against the route table before calling.
      const key = access.key
      if (!key) throw new HttpError(401, 'Authorization is required: Basic auth with a hub key (id:secret)')

      versions.remember(req.headers.authorization, version)
      if (path === '/statements') return await handleStatements(req, res, urlPath, path, method, version, key)
      const handled = await documents.handle({ req, res, method, path, version, key, maxBodyBytes: limits.maxBodyBytes, now, checkAgent: options.scope?.checkDocument })
      if (!handled) throw new HttpError(404, `No xAPI resource at ${path.slice(0, 200)}`)
    } catch (error) {
      sendError(res, error)
      // Refused before its body was read: do not read the rest of a body that may be huge.
      if (error instanceof LrsHttpError && error.status === 413) res.once('finish', () => httpReq.destroy())
    }
  }

  return { handle, answerVersion: versions.answerVersion }
}
