/**
 * multipart/mixed (RFC 2046) as xAPI uses it for statements with attachments: a small parser over
 * Buffers (attachment bodies are binary, so nothing is decoded as text but the part headers) and
 * the writer for GET answers. busboy and its kin only read multipart/form-data.
 */
import { HttpError } from './request'

export interface MultipartPart {
  /** Header names in lower case. */
  headers: Map<string, string>
  body: Buffer
}

const CRLF = Buffer.from('\r\n')

/** The boundary parameter of a multipart Content-Type header, unquoted. */
export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType)
  const boundary = match ? (match[1] ?? match[2] ?? '') : ''
  if (boundary === '') throw new HttpError(400, `Content-Type multipart/mixed needs a boundary parameter, e.g. "multipart/mixed; boundary=abc123"; got "${contentType.slice(0, 120)}"`)
  // RFC 2046: 1 to 70 characters, and a delimiter must not end in a space.
  if (boundary.length > 70 || boundary.endsWith(' ')) throw new HttpError(400, `The multipart boundary must be 1 to 70 characters and not end in a space; got "${boundary.slice(0, 80)}"`)
  return boundary
}

function parseHeaders(block: string, partNumber: number): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.split(/\r?\n/)) {
    if (line === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0) throw new HttpError(400, `Part ${partNumber} of the multipart body has a header line without a name and colon: "${line.slice(0, 80)}"`)
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

/**
 * Splits a multipart body into its parts. A preamble before the first boundary and an epilogue
 * after the closing one are ignored, as RFC 2046 says; a body that never closes is refused, since
 * it was most likely cut short.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const dashBoundary = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.concat([CRLF, dashBoundary])
  let pos: number
  if (body.subarray(0, dashBoundary.length).equals(dashBoundary)) pos = dashBoundary.length
  else {
    const first = body.indexOf(delimiter)
    if (first < 0) throw new HttpError(400, `The multipart body has no boundary line "--${boundary}": each part must begin with it on a line of its own`)
    pos = first + delimiter.length
  }
  const parts: MultipartPart[] = []
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts // "--": the closing delimiter
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++ // transport padding
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2
    else if (body[pos] === 0x0a) pos += 1
    else if (pos >= body.length) throw new HttpError(400, `The multipart body ends without its closing line "--${boundary}--" (was it cut short?)`)
    else throw new HttpError(400, `The boundary line "--${boundary}" before part ${parts.length + 1} must end the line, but more text follows it`)
    const end = body.indexOf(delimiter, pos)
    if (end < 0) throw new HttpError(400, `Part ${parts.length + 1} of the multipart body is not closed by "--${boundary}" or "--${boundary}--" (was the body cut short?)`)
    const part = body.subarray(pos, end)
    // Headers end at the first empty line; a part that starts with an empty line has none.
    let headerEnd: number
    let bodyStart: number
    if (part[0] === 0x0d && part[1] === 0x0a) [headerEnd, bodyStart] = [0, 2]
    else {
      const blank = part.indexOf('\r\n\r\n')
      if (blank < 0) throw new HttpError(400, `Part ${parts.length + 1} of the multipart body has no empty line between its headers and its content`)
      ;[headerEnd, bodyStart] = [blank, blank + 4]
    }
    parts.push({ headers: parseHeaders(part.subarray(0, headerEnd).toString('latin1'), parts.length + 1), body: part.subarray(bodyStart) })
    pos = end + delimiter.length
  }
}

/** A multipart/mixed body of the given parts, and a boundary that occurs in none of them. */
export function buildMultipart(parts: { headers: Record<string, string>; body: Buffer }[]): { boundary: string; body: Buffer } {
  let boundary: string
  do boundary = `benchtop${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
  while (parts.some((part) => part.body.includes(boundary)))
  const chunks: Buffer[] = []
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), part.body, CRLF)
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { boundary, body: Buffer.concat(chunks) }
}
