/** HTTP plumbing for the LRS: bounded bodies, JSON with error positions, query checks, answers. */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http'

// One HttpError and JSON answer for the whole hub: the LRS and the hub API refuse alike.
import { HttpError, refuseDeepJson, sendJson, storageFull } from '../http'
export { HttpError, sendJson }

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers })
  res.end()
}

export function sendError(res: ServerResponse, error: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end()
    return
  }
  error = storageFull(error) ?? error
  if (error instanceof HttpError) {
    sendJson(res, error.status, { error: error.message, status: error.status }, { ...extraHeaders, ...((error as LrsHttpError).headers ?? {}) })
    return
  }
  console.error('hub: xAPI request failed:', error)
  sendJson(res, 500, { error: 'Internal error: see the hub terminal', status: 500 }, extraHeaders)
}

/** An HttpError that also sets headers on the answer (Retry-After, Connection: close). */
export class LrsHttpError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(status, message)
  }
}

/**
 * What the LRS reads of a request: an HTTP request as it came, or one unpacked from xAPI 1.0.3's
 * alternate request syntax (alternate.ts), whose headers and content came as form fields.
 */
export interface LrsRequest extends AsyncIterable<Buffer | string> {
  method?: string
  url?: string
  headers: IncomingHttpHeaders
  /** True when unpacked from the alternate request syntax. */
  alternate?: boolean
}

/**
 * Reads the body, counting bytes as they stream in: a body over `maxBytes` is refused as soon as
 * it crosses the limit (or at once from its Content-Length), never buffered whole.
 */
export async function readBody(req: LrsRequest, maxBytes: number | null): Promise<Buffer> {
  const tooLarge = () => new LrsHttpError(413, `Request body is larger than the hub's limit of ${maxBytes} bytes`, { Connection: 'close' })
  const declared = Number(req.headers['content-length'])
  if (maxBytes !== null && Number.isFinite(declared) && declared > maxBytes) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += bytes.length
    if (maxBytes !== null && size > maxBytes) throw tooLarge()
    chunks.push(bytes)
  }
  return Buffer.concat(chunks, size)
}

/** A statements body is application/json, or multipart/mixed when it carries attachments; anything else is refused. */
export function statementsBodyType(req: LrsRequest): 'json' | 'multipart' {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json') return 'json'
  if (type === 'multipart/mixed') return 'multipart'
  throw new HttpError(400, `Content-Type must be application/json, or multipart/mixed for statements with attachments; got "${req.headers['content-type'] ?? ''}"`)
}

export function parseJsonBody(body: Buffer, what = 'Body'): unknown {
  const text = body.toString('utf8')
  if (text.trim() === '') throw new HttpError(400, `${what} is empty; expected JSON`)
  refuseDeepJson(text, what)
  try {
    return JSON.parse(text)
  } catch (error) {
    const position = jsonErrorPosition(text)
    const { line, column } = lineAndColumn(text, position)
    throw new HttpError(400, `${what} is not valid JSON at position ${position} (line ${line}, column ${column}): ${(error as Error).message}`)
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  return { line, column: position - before.lastIndexOf('\n') }
}

/**
 * Where JSON text first goes wrong (V8's messages do not always say). Only run once JSON.parse
 * has failed, so it can be simple rather than fast.
 */
export function jsonErrorPosition(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail()
      i++
    }
  }
  const string = () => {
    if (text[i] !== '"') fail()
    i++
    for (;;) {
      if (i >= text.length) fail()
      const ch = text[i]!
      if (ch === '"') {
        i++
        return
      }
      if (ch.charCodeAt(0) < 0x20) fail()
      if (ch === '\\') {
        i++
        const esc = text[i]
        if (esc === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k
              fail()
            }
          }
          i += 5
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++
        else fail()
      } else i++
    }
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!match || match[0] === '' || match[0] === '-') fail()
    i += match![0].length
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (ch === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (ch === '"') return string()
    if (ch === 't') return literal('true')
    if (ch === 'f') return literal('false')
    if (ch === 'n') return literal('null')
    return number()
  }
  try {
    value()
    ws()
    return i < text.length ? i : text.length
  } catch (position) {
    return typeof position === 'number' ? Math.min(position, text.length) : 0
  }
}

/** Query parameters, refusing unknown and repeated ones by name. */
export function readQuery(url: string | undefined, allowed: readonly string[]): Map<string, string> {
  const search = (url ?? '').split('?').slice(1).join('?')
  let params: URLSearchParams
  try {
    params = new URLSearchParams(search)
  } catch {
    throw new HttpError(400, 'The query string could not be read')
  }
  const found = new Map<string, string>()
  const unknown: string[] = []
  for (const [name, value] of params) {
    if (!allowed.includes(name)) unknown.push(name)
    else if (found.has(name)) throw new HttpError(400, `Query parameter "${name}" is given more than once`)
    else found.set(name, value)
  }
  if (unknown.length) throw new HttpError(400, `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => JSON.stringify(n.slice(0, 60))).join(', ')}; allowed here: ${allowed.join(', ')}`)
  return found
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function uuidParam(query: Map<string, string>, name: string): string | undefined {
  const value = query.get(name)
  if (value === undefined) return undefined
  if (!UUID_PATTERN.test(value)) throw new HttpError(400, `Query parameter "${name}" must be a UUID, got "${value.slice(0, 80)}"`)
  return value.toLowerCase()
}

export function booleanParam(query: Map<string, string>, name: string): boolean {
  const value = query.get(name)
  if (value === undefined) return false
  if (value !== 'true' && value !== 'false') throw new HttpError(400, `Query parameter "${name}" must be true or false, got "${value.slice(0, 80)}"`)
  return value === 'true'
}

/** ISO 8601 date-time with a zone: the only timestamps xAPI allows. */
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i

export function timestampParam(query: Map<string, string>, name: string): string | undefined {
  const value = query.get(name)
  if (value === undefined) return undefined
  const ms = TIMESTAMP_PATTERN.test(value) ? Date.parse(value) : NaN
  if (Number.isNaN(ms)) throw new HttpError(400, `Query parameter "${name}" must be an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T09:30:00Z; got "${value.slice(0, 80)}"`)
  return new Date(ms).toISOString()
}

/** An IRI as xAPI uses them: a scheme, then no spaces, quotes or angle brackets. */
const IRI_PATTERN = /^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]+$/i

export function iriParam(query: Map<string, string>, name: string): string | undefined {
  const value = query.get(name)
  if (value === undefined) return undefined
  if (!IRI_PATTERN.test(value)) throw new HttpError(400, `Query parameter "${name}" must be an IRI (e.g. http://example.com/x), got "${value.slice(0, 80)}"`)
  return value
}

export function isIri(value: unknown): value is string {
  return typeof value === 'string' && IRI_PATTERN.test(value)
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString()
}
