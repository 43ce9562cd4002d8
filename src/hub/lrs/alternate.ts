/**
 * xAPI 1.0.3's alternate request syntax (Communication 1.3), for clients that cannot set headers
 * or use methods other than GET and POST: POST ?method=PUT with an application/x-www-form-urlencoded
 * body whose fields are the headers, the content and the resource's query parameters. It is
 * unpacked here into an ordinary request, so every resource handles it as it handles any other.
 * xAPI 2.0.0 removed it; index.ts refuses it for 2.0.0 once the version is known.
 */
import type { IncomingMessage } from 'node:http'
import { HttpError, readBody, type LrsRequest } from './request'

/** Form fields that stand for headers (Communication 1.3), in lower case. */
const HEADER_FIELDS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match']
const METHODS = ['GET', 'PUT', 'POST', 'DELETE']

/** A POST with a "method" query parameter is the alternate syntax. */
export function isAlternateRequest(req: IncomingMessage): boolean {
  if ((req.method ?? '').toUpperCase() !== 'POST') return false
  const search = (req.url ?? '').split('?').slice(1).join('?')
  return new URLSearchParams(search).has('method')
}

export async function unpackAlternateRequest(req: IncomingMessage, path: string, maxBodyBytes: number | null): Promise<LrsRequest> {
  const [urlPath = '', ...searchParts] = (req.url ?? '').split('?')
  const query = new URLSearchParams(searchParts.join('?'))
  const others = [...query.keys()].filter((name) => name !== 'method')
  if (others.length)
    throw new HttpError(400, `With the alternate request syntax (?method=...) the only query parameter is "method"; send ${others.map((n) => JSON.stringify(n.slice(0, 60))).join(', ')} as form fields in the body instead`)
  if (query.getAll('method').length > 1) throw new HttpError(400, 'Query parameter "method" is given more than once')
  const method = query.get('method')!
  if (!METHODS.includes(method.toUpperCase())) throw new HttpError(400, `Query parameter "method" must be GET, PUT, POST or DELETE, got "${method.slice(0, 40)}"`)
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded')
    throw new HttpError(400, `The alternate request syntax (?method=${method.slice(0, 10)}) needs Content-Type application/x-www-form-urlencoded, with headers, content and parameters as form fields; got "${req.headers['content-type'] ?? ''}"`)

  const form = new URLSearchParams((await readBody(req, maxBodyBytes)).toString('utf8'))
  // A form field stands in for a header the client could not set; a real header may carry the
  // same value. Content-Type and Content-Length are the exception: the real ones describe the form itself.
  const headers: IncomingMessage['headers'] = { ...req.headers }
  delete headers['content-type']
  delete headers['content-length']
  const params = new URLSearchParams()
  let content: Buffer | null = null
  const seen = new Set<string>()
  for (const [name, value] of form) {
    const lower = name.toLowerCase()
    if (seen.has(lower)) throw new HttpError(400, `Form field "${name.slice(0, 60)}" is given more than once`)
    seen.add(lower)
    if (lower === 'content') content = Buffer.from(value, 'utf8')
    else if (lower === 'content-type') headers['content-type'] = value
    else if (lower === 'content-length') continue // measured from the content itself
    else if (HEADER_FIELDS.includes(lower)) {
      // The field is the header (Communication 1.3.s3.b7): a real header saying otherwise leaves two values for one header.
      const real = headers[lower]
      if (real !== undefined && real !== value)
        throw new HttpError(400, `Form field "${name.slice(0, 60)}" and the request's ${name.slice(0, 60)} header differ; the alternate request syntax treats the field as that header, so send it once`)
      headers[lower] = value
    }
    else params.append(name, value)
  }
  const upper = method.toUpperCase()
  if (content !== null && (upper === 'GET' || upper === 'DELETE')) throw new HttpError(400, `An alternate-syntax ${upper} has no content; drop the "content" form field`)
  if (content === null && (upper === 'PUT' || upper === 'POST')) throw new HttpError(400, `An alternate-syntax ${upper} sends its body in the "content" form field, and this form has none`)
  if (content !== null) {
    // Statements are JSON; a document without a Content-Type field is stored as octets.
    if (headers['content-type'] === undefined && path === '/statements') headers['content-type'] = 'application/json'
    headers['content-length'] = String(content.length)
  }
  const search = params.toString()
  const body = content
  return {
    method: upper,
    url: search ? `${urlPath}?${search}` : urlPath,
    headers,
    alternate: true,
    async *[Symbol.asyncIterator]() {
      if (body && body.length) yield body
    },
  }
}
