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

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers })
  res.end(text)
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) sendJson(res, error.status, { error: error.message, status: error.status }, (error as HttpError & { headers?: Record<string, string> }).headers ?? {})
  else {
    console.error('hub: request failed:', error)
    sendJson(res, 500, { error: 'Internal error: see the hub terminal', status: 500 })
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
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new HttpError(400, `Body is not valid JSON: ${(error as Error).message}`)
  }
}
