/**
 * The document resources: State (a learner model kept between stations), Activity Profile and
 * Agent Profile; plus the Agents and Activities lookups. ETags are SHA-1 of the content, and
 * If-Match / If-None-Match make concurrent writers fail loudly (412) rather than overwrite.
 */
import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { HubDb } from '../db'
import type { KeyRecord } from '../keys'
import { agentParam, isObject, type JsonObject } from './agents'
import { HttpError, httpDate, iriParam, parseJsonBody, readBody, readQuery, sendEmpty, sendJson, timestampParam, uuidParam, type LrsRequest } from './request'
import type { XapiVersion } from './validate'

type ResourceName = 'state' | 'activity-profile' | 'agent-profile'

interface ResourceRules {
  resource: ResourceName
  idParam: 'stateId' | 'profileId'
  activity: boolean
  agent: boolean
  registration: boolean
  /** DELETE without an id deletes every matching document (State only). */
  deleteMany: boolean
}

const RULES: Record<string, ResourceRules> = {
  '/activities/state': { resource: 'state', idParam: 'stateId', activity: true, agent: true, registration: true, deleteMany: true },
  '/activities/profile': { resource: 'activity-profile', idParam: 'profileId', activity: true, agent: false, registration: false, deleteMany: false },
  '/agents/profile': { resource: 'agent-profile', idParam: 'profileId', activity: false, agent: true, registration: false, deleteMany: false },
}

export const DOCUMENT_PATHS = Object.keys(RULES)

interface DocumentRow {
  doc_id: string
  content_type: string
  content: Buffer
  etag: string
  updated: string
}

export interface DocumentRequest {
  req: LrsRequest
  res: ServerResponse
  method: string
  path: string
  version: XapiVersion
  key: KeyRecord
  maxBodyBytes: number | null
  now: () => Date
  /** Throws when this key may not touch this resource's documents about this agent. */
  checkAgent?: (resource: string, agent: string | undefined, key: KeyRecord) => void
}

const etagOf = (content: Buffer) => `"${createHash('sha1').update(content).digest('hex')}"`

/** The entity tags a precondition header lists ('*' included), without weak markers. */
function listedTags(header: string | string[] | undefined): string[] | null {
  if (header === undefined) return null
  const text = Array.isArray(header) ? header.join(',') : header
  return text
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter(Boolean)
}

export function createDocumentStore(db: HubDb, definitionOf: (activityId: string) => JsonObject | null) {
  const getOne = db.prepare<[string, string, string, string, string], DocumentRow>(
    'SELECT doc_id, content_type, content, etag, updated FROM documents WHERE resource = ? AND activity_id = ? AND agent_key = ? AND registration = ? AND doc_id = ?',
  )
  const listIds = db.prepare<[string, string, string, string, string], { doc_id: string }>(
    'SELECT doc_id FROM documents WHERE resource = ? AND activity_id = ? AND agent_key = ? AND registration = ? AND updated > ? ORDER BY doc_id',
  )
  const upsert = db.prepare(
    `INSERT INTO documents (resource, activity_id, agent_key, registration, doc_id, content_type, content, etag, updated, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(resource, activity_id, agent_key, registration, doc_id) DO UPDATE SET content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated = excluded.updated, key_id = excluded.key_id`,
  )
  const deleteOne = db.prepare('DELETE FROM documents WHERE resource = ? AND activity_id = ? AND agent_key = ? AND registration = ? AND doc_id = ?')
  const deleteAll = db.prepare('DELETE FROM documents WHERE resource = ? AND activity_id = ? AND agent_key = ?')
  const deleteAllInRegistration = db.prepare('DELETE FROM documents WHERE resource = ? AND activity_id = ? AND agent_key = ? AND registration = ?')

  async function handleDocument(r: DocumentRequest, rules: ResourceRules): Promise<void> {
    const { req, res, method } = r
    const allowed = [rules.activity ? 'activityId' : '', rules.agent ? 'agent' : '', rules.registration ? 'registration' : '', rules.idParam, 'since'].filter(Boolean)
    const query = readQuery(req.url, allowed)
    const activityId = rules.activity ? iriParam(query, 'activityId') : undefined
    if (rules.activity && activityId === undefined) throw new HttpError(400, 'Query parameter "activityId" is required')
    const agent = rules.agent ? agentParam(query) : undefined
    if (rules.agent && agent === undefined) throw new HttpError(400, 'Query parameter "agent" is required')
    r.checkAgent?.(rules.resource, agent?.key, r.key)
    const registration = rules.registration ? (uuidParam(query, 'registration') ?? '') : ''
    const docId = query.get(rules.idParam)
    const since = timestampParam(query, 'since')
    if (since !== undefined && (method !== 'GET' && method !== 'HEAD')) throw new HttpError(400, 'Query parameter "since" is only for GET')
    if (since !== undefined && docId !== undefined) throw new HttpError(400, `Query parameter "since" lists documents; it cannot go with "${rules.idParam}"`)
    const where = [rules.resource, activityId ?? '', agent?.key ?? '', registration] as const

    if (method === 'GET' || method === 'HEAD') {
      if (docId === undefined) {
        const ids = listIds.all(...where, since ?? '').map((row) => row.doc_id)
        return sendJson(res, 200, ids)
      }
      const row = getOne.get(...where, docId)
      if (!row) throw new HttpError(404, `No ${rules.resource} document "${docId.slice(0, 200)}" here`)
      const noneMatch = listedTags(req.headers['if-none-match'])
      if (noneMatch && (noneMatch.includes('*') || noneMatch.includes(row.etag))) return sendEmpty(res, 304, { ETag: row.etag })
      res.writeHead(200, { 'Content-Type': row.content_type, 'Content-Length': row.content.length, ETag: row.etag, 'Last-Modified': httpDate(row.updated), 'Cache-Control': 'no-store' })
      res.end(row.content)
      return
    }

    if (method === 'DELETE') {
      if (docId === undefined) {
        if (!rules.deleteMany) throw new HttpError(400, `Query parameter "${rules.idParam}" is required to DELETE a profile`)
        if (registration) deleteAllInRegistration.run(...where)
        else deleteAll.run(where[0], where[1], where[2])
        return sendEmpty(res, 204)
      }
      const existing = getOne.get(...where, docId)
      checkPreconditions(req, existing)
      deleteOne.run(...where, docId)
      return sendEmpty(res, 204)
    }

    if (method === 'PUT' || method === 'POST') {
      if (docId === undefined) throw new HttpError(400, `Query parameter "${rules.idParam}" is required to ${method} a document`)
      const body = await readBody(req, r.maxBodyBytes)
      const contentType = (req.headers['content-type'] ?? 'application/octet-stream').trim()
      const isJson = /^application\/json\b/i.test(contentType)
      const existing = getOne.get(...where, docId)
      checkPreconditions(req, existing)
      let content = body
      let storedType = contentType
      if (method === 'PUT') {
        // xAPI 2.0 puts State under the same rule as profiles: overwriting needs a precondition.
        const needsPrecondition = rules.resource !== 'state' || r.version === '2.0.0'
        const unconditional = req.headers['if-match'] === undefined && req.headers['if-none-match'] === undefined
        if (existing && needsPrecondition && unconditional)
          throw new HttpError(409, `The ${rules.resource} document "${docId.slice(0, 200)}" already exists; send If-Match with its ETag (${existing.etag}) to replace it, or POST JSON to merge`)
        // 1.0.3 Communication 3.1.s3.b1: a profile PUT MUST carry one, even for a new document
        // (ADL's 1.0.3 suite expects 400; its 2.0 suite dropped that test, so 2.0.0 creates).
        if (!existing && rules.resource !== 'state' && r.version === '1.0.3' && unconditional)
          throw new HttpError(400, `A ${rules.resource} PUT needs If-None-Match: * to create the document "${docId.slice(0, 200)}" (or If-Match with an ETag to replace one)`)
      } else {
        // POST merges JSON objects, top-level properties of the new one winning.
        if (!isJson) throw new HttpError(400, 'POST merges JSON documents: Content-Type must be application/json (use PUT for other content)')
        const incoming = parseJsonBody(body, 'Document')
        if (!isObject(incoming)) throw new HttpError(400, 'POST merges JSON objects: the body must be a JSON object')
        if (existing) {
          let previous: unknown
          try {
            previous = /^application\/json\b/i.test(existing.content_type) ? JSON.parse(existing.content.toString('utf8')) : undefined
          } catch {
            previous = undefined
          }
          if (!isObject(previous)) throw new HttpError(400, `The stored document "${docId.slice(0, 200)}" is not a JSON object, so it cannot be merged; PUT it instead`)
          content = Buffer.from(JSON.stringify({ ...previous, ...incoming }))
          storedType = 'application/json'
        }
      }
      const etag = etagOf(content)
      upsert.run(...where, docId, storedType, content, etag, r.now().toISOString(), r.key.id)
      return sendEmpty(res, 204, { ETag: etag })
    }
    throw new HttpError(405, `${method} is not allowed on ${r.path}; use GET, PUT, POST or DELETE`)
  }

  function checkPreconditions(req: LrsRequest, existing: DocumentRow | undefined): void {
    const match = listedTags(req.headers['if-match'])
    if (match && (!existing || !(match.includes('*') || match.includes(existing.etag))))
      throw new HttpError(412, existing ? `If-Match ${match.join(', ')} does not match the document's ETag ${existing.etag}: it changed since you read it` : 'If-Match was given but there is no such document')
    const noneMatch = listedTags(req.headers['if-none-match'])
    if (noneMatch && existing && (noneMatch.includes('*') || noneMatch.includes(existing.etag))) throw new HttpError(412, 'If-None-Match: the document already exists')
  }

  async function handle(r: DocumentRequest): Promise<boolean> {
    const rules = RULES[r.path]
    if (rules) {
      await handleDocument(r, rules)
      return true
    }
    if (r.path === '/agents' || r.path === '/activities') {
      if (r.method !== 'GET' && r.method !== 'HEAD') throw new HttpError(405, `${r.method} is not allowed on ${r.path}; use GET`)
      if (r.path === '/agents') {
        const query = readQuery(r.req.url, ['agent'])
        const found = agentParam(query)
        if (!found) throw new HttpError(400, 'Query parameter "agent" is required')
        // The hub merges no identities: a Person is the agent as asked for.
        const person: JsonObject = { objectType: 'Person' }
        for (const name of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (found.agent[name] !== undefined) person[name] = [found.agent[name]!]
        sendJson(r.res, 200, person)
      } else {
        const query = readQuery(r.req.url, ['activityId'])
        const activityId = iriParam(query, 'activityId')
        if (activityId === undefined) throw new HttpError(400, 'Query parameter "activityId" is required')
        const definition = definitionOf(activityId)
        sendJson(r.res, 200, { objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) })
      }
      return true
    }
    return false
  }

  return { handle }
}
