/**
 * Statement attachments (xAPI Data 2.4.11, Communication 1.5.2): the parts of a multipart/mixed
 * request checked against the attachments its statements declare, signed statements' JWS
 * checked (Data 2.6), and attachment bodies stored once per SHA-2.
 */
import { createHash, verify, X509Certificate } from 'node:crypto'
import type { HubDb } from '../db'
import { isObject, type JsonObject } from './agents'
import { boundaryOf, parseMultipart } from './multipart'
import { HttpError, parseJsonBody } from './request'
import { sameStatement, stableStringify } from './shape'

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature'

export interface AttachmentPart {
  /** As declared by the part's X-Experience-API-Hash, lower case. */
  sha2: string
  contentType: string
  content: Buffer
}

/** SHA-2 variants by the length of their hex digest. */
const SHA2_BY_HEX_LENGTH: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' }

/**
 * The statements JSON and the attachment parts of a multipart/mixed statements request. Checks
 * the form of the parts only; whether they match the statements is `checkAttachments`.
 */
export function readMultipartStatements(body: Buffer, contentType: string): { json: unknown; parts: Map<string, AttachmentPart> } {
  const all = parseMultipart(body, boundaryOf(contentType))
  const [first, ...rest] = all
  if (!first) throw new HttpError(400, 'The multipart body has no parts; the first part must hold the statements as application/json')
  const firstType = (first.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (firstType !== 'application/json') throw new HttpError(400, `The first part of a multipart statements request must hold the statements as Content-Type application/json, got "${first.headers.get('content-type') ?? '(none)'}"`)
  const json = parseJsonBody(first.body, 'The statements part')
  const parts = new Map<string, AttachmentPart>()
  rest.forEach((part, index) => {
    const number = index + 2
    const encoding = part.headers.get('content-transfer-encoding')
    if (encoding?.toLowerCase() !== 'binary') throw new HttpError(400, `Part ${number} (an attachment) needs the header "Content-Transfer-Encoding: binary", got ${encoding === undefined ? 'none' : `"${encoding.slice(0, 40)}"`}`)
    const declared = part.headers.get('x-experience-api-hash')
    if (declared === undefined) throw new HttpError(400, `Part ${number} (an attachment) needs an X-Experience-API-Hash header with the SHA-2 of its content, as the statement's attachment declares in "sha2"`)
    const sha2 = declared.toLowerCase()
    const algorithm = SHA2_BY_HEX_LENGTH[sha2.length]
    if (!algorithm || !/^[0-9a-f]+$/.test(sha2)) throw new HttpError(400, `Part ${number}'s X-Experience-API-Hash must be a SHA-2 hash in hexadecimal, got "${declared.slice(0, 140)}"`)
    const actual = createHash(algorithm).update(part.body).digest('hex')
    if (actual !== sha2) throw new HttpError(400, `Part ${number}'s content does not match its X-Experience-API-Hash ${sha2}: its ${algorithm.toUpperCase()} is ${actual} (was it altered or re-encoded on the way?)`)
    parts.set(sha2, { sha2, contentType: part.headers.get('content-type') ?? 'application/octet-stream', content: part.body })
  })
  return { json, parts }
}

/** Every Attachment object of a statement and of its SubStatement, with where it is. */
function declaredAttachments(statement: JsonObject, path: string): { attachment: JsonObject; path: string }[] {
  const found: { attachment: JsonObject; path: string }[] = []
  if (Array.isArray(statement.attachments))
    statement.attachments.forEach((attachment, i) => {
      if (isObject(attachment)) found.push({ attachment, path: `${path}.attachments[${i}]` })
    })
  if (isObject(statement.object) && statement.object.objectType === 'SubStatement') found.push(...declaredAttachments(statement.object, `${path}.object`))
  return found
}

/** The SHA-2 of every attachment the statements declare, lower case. */
export function declaredHashes(statements: JsonObject[]): Set<string> {
  const hashes = new Set<string>()
  for (const statement of statements) for (const { attachment } of declaredAttachments(statement, '')) if (typeof attachment.sha2 === 'string') hashes.add(attachment.sha2.toLowerCase())
  return hashes
}

/**
 * Parts against declarations, for statements that already passed validation: each attachment
 * without fileUrl has its part, each part is declared, and each signature is well formed.
 */
export function checkAttachments(statements: JsonObject[], parts: Map<string, AttachmentPart>, multipart: boolean): void {
  const problems: string[] = []
  const declared = new Set<string>()
  statements.forEach((statement, index) => {
    for (const { attachment, path } of declaredAttachments(statement, `statement ${index}`)) {
      const sha2 = String(attachment.sha2).toLowerCase()
      declared.add(sha2)
      if (attachment.fileUrl === undefined && !parts.has(sha2))
        problems.push(
          multipart
            ? `${path} (sha2 ${sha2}) has no fileUrl and no part with X-Experience-API-Hash ${sha2}`
            : `${path} has no fileUrl, so its content must come as a part of a multipart/mixed request (application/json cannot carry it)`,
        )
    }
    problems.push(...signatureProblems(statement, index, parts))
  })
  for (const sha2 of parts.keys()) if (!declared.has(sha2)) problems.push(`the part with X-Experience-API-Hash ${sha2} is not declared by any statement's attachments (no "sha2" equal to it)`)
  if (problems.length) throw new HttpError(400, `Attachments do not match the statements, nothing was stored: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`)
}

const base64url = (text: string): Buffer | null => (/^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, 'base64url') : null)
const JWS_HASH: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }

/**
 * Data 2.6: a signature attachment is application/octet-stream and, where its part was sent, a
 * compact JWS signed with RS256, RS384 or RS512 whose payload is this statement as it was before
 * the signature attachment was added. With an x5c certificate in its header the signature is
 * verified too; without one the LRS has no key to check it with.
 */
function signatureProblems(statement: JsonObject, index: number, parts: Map<string, AttachmentPart>): string[] {
  const attachments = Array.isArray(statement.attachments) ? statement.attachments : []
  const problems: string[] = []
  attachments.forEach((attachment, i) => {
    if (!isObject(attachment) || attachment.usageType !== SIGNATURE_USAGE) return
    const where = `statement ${index} signature attachments[${i}]`
    const type = String(attachment.contentType).split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/octet-stream') return void problems.push(`${where}: a signature's contentType must be application/octet-stream, got "${String(attachment.contentType).slice(0, 60)}"`)
    const part = parts.get(String(attachment.sha2).toLowerCase())
    if (!part) return // only a fileUrl: nothing here to check
    const segments = part.content.toString('latin1').trim().split('.')
    const decoded = segments.map(base64url)
    if (segments.length !== 3 || decoded.some((d) => d === null) || segments[2] === '')
      return void problems.push(`${where}: the signature is not a JWS in compact form (three base64url parts joined by dots)`)
    let header: unknown
    let payload: unknown
    try {
      header = JSON.parse(decoded[0]!.toString('utf8'))
    } catch {
      return void problems.push(`${where}: the JWS header is not JSON`)
    }
    if (!isObject(header) || typeof header.alg !== 'string' || !(header.alg in JWS_HASH))
      return void problems.push(`${where}: the JWS header's "alg" must be RS256, RS384 or RS512, got ${isObject(header) ? JSON.stringify(header.alg ?? null).slice(0, 40) : 'no header object'}`)
    try {
      payload = JSON.parse(decoded[1]!.toString('utf8'))
    } catch {
      return void problems.push(`${where}: the JWS payload is not a JSON serialization of the statement`)
    }
    if (!isObject(payload)) return void problems.push(`${where}: the JWS payload must be the statement (a JSON object)`)
    if (!sameAsSigned(payload, withoutAttachment(statement, i))) return void problems.push(`${where}: the JWS payload differs from the statement (without its signature attachment); the statement was changed after it was signed`)
    if (header.x5c !== undefined) {
      const problem = x5cProblem(header.x5c, header.alg, segments, decoded[2]!)
      if (problem) problems.push(`${where}: ${problem}`)
    }
  })
  return problems
}

function withoutAttachment(statement: JsonObject, index: number): JsonObject {
  const rest = (statement.attachments as unknown[]).filter((_, i) => i !== index)
  const { attachments: _attachments, ...others } = statement
  return rest.length ? { ...others, attachments: rest as JsonObject[] } : others
}

/**
 * The Statement comparison rules (what sameStatement ignores an LRS may have set), plus what a
 * signature must also cover: the id when both name one, and the other attachments.
 */
function sameAsSigned(payload: JsonObject, statement: JsonObject): boolean {
  if (typeof payload.id === 'string' && typeof statement.id === 'string' && payload.id.toLowerCase() !== statement.id.toLowerCase()) return false
  if (stableStringify(payload.attachments ?? []) !== stableStringify(statement.attachments ?? [])) return false
  return sameStatement(payload, statement)
}

function x5cProblem(x5c: unknown, alg: string, segments: string[], signature: Buffer): string | null {
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') return 'the JWS header\'s "x5c" must be an array of base64 certificates'
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(Buffer.from(x5c[0], 'base64'))
  } catch {
    return 'the first certificate in the JWS header\'s "x5c" cannot be read'
  }
  const signed = Buffer.from(`${segments[0]}.${segments[1]}`)
  return verify(JWS_HASH[alg]!, signed, certificate.publicKey, signature) ? null : 'the JWS signature does not verify with the public key of its x5c certificate'
}

/**
 * Deletes attachment bodies no stored statement declares any more (after a student's data is
 * deleted or old data purged), so that nothing of theirs stays behind. Returns how many went.
 */
export function dropUnreferencedAttachments(db: HubDb): number {
  return db
    .prepare(
      `DELETE FROM attachments WHERE sha2 NOT IN (
         SELECT lower(json_extract(a.value, '$.sha2')) FROM statements, json_each(statements.body, '$.attachments') AS a
         UNION
         SELECT lower(json_extract(a.value, '$.sha2')) FROM statements, json_each(statements.body, '$.object.attachments') AS a
       )`,
    )
    .run().changes
}

/** Attachment bodies in SQLite, one row per SHA-2. */
export function createAttachmentStore(db: HubDb) {
  const insert = db.prepare('INSERT INTO attachments (sha2, content_type, length, content, stored) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha2) DO NOTHING')
  const byHash = db.prepare<[string], { sha2: string; content_type: string; content: Buffer }>('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?')
  return {
    /** Call inside the statements' transaction, so that both are stored or neither. */
    put(parts: Iterable<AttachmentPart>, stored: string): void {
      for (const part of parts) insert.run(part.sha2, part.contentType, part.content.length, part.content, stored)
    },
    /** The stored bodies of these hashes (ones never sent, e.g. fileUrl-only, are left out). */
    get(hashes: Iterable<string>): AttachmentPart[] {
      const found: AttachmentPart[] = []
      for (const sha2 of hashes) {
        const row = byHash.get(sha2)
        if (row) found.push({ sha2: row.sha2, contentType: row.content_type, content: row.content })
      }
      return found
    },
  }
}
