/** Small helpers for the hub's JSON API: bounded bodies, JSON answers, clear errors. */
import type { IncomingMessage, ServerResponse } from 'node:http'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The disk under the data folder is full (SQLite's SQLITE_FULL): the write was rolled back, so
 * nothing in it was stored, and the sender must keep it. 507 Insufficient Storage is retryable
 * for stations (their queue treats every 5xx as "try again later").
 */
export function storageFull(error: unknown): HttpError | null {
  if ((error as { code?: unknown } | null)?.code !== 'SQLITE_FULL') return null
  return new HttpError(507, "The hub's disk is full, so nothing in this request was stored; keep it and send it again later (the teacher needs to free space on the hub's disk)")
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers })
  res.end(text)
}

export function sendError(res: ServerResponse, error: unknown): void {
  error = storageFull(error) ?? error
  if (error instanceof HttpError) sendJson(res, error.status, { error: error.message, status: error.status }, (error as HttpError & { headers?: Record<string, string> }).headers ?? {})
  else {
    console.error('hub: request failed:', error)
    sendJson(res, 500, { error: 'Internal error: see the hub terminal', status: 500 })
  }
}

/** Deepest nesting of objects and arrays a request body may have: far beyond any statement or document this hub uses. */
export const MAX_JSON_DEPTH = 64

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH, before it is parsed: deeper values were
 * stored and then broke every later read of them (SQLite's JSON functions and canonical
 * output stop at depth). Scans the text once, skipping strings.
 */
export function refuseDeepJson(text: string, what = 'Body'): void {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 0x22) {
      // Skip a string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++
    } else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new HttpError(400, `${what} is JSON nested more than ${MAX_JSON_DEPTH} levels deep (at position ${i}); the hub accepts at most ${MAX_JSON_DEPTH} levels of objects and arrays`)
    } else if (ch === 0x7d || ch === 0x5d) depth--
  }
}

/** Reads a JSON body of at most `limit` bytes; a bigger one is refused while it streams in. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) throw new HttpError(400, `Content-Type must be application/json, got "${type}"`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new HttpError(413, `Body larger than ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  refuseDeepJson(text)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new HttpError(400, `Body is not valid JSON: ${(error as Error).message}`)
  }
}
