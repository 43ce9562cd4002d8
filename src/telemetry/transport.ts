/**
 * HTTP transport to an xAPI LRS (the hub or any conformant store): reads {endpoint}/about once,
 * speaks 2.0.0 when the LRS advertises it and 1.0.3 otherwise, never sends a 1.0.3 store 2.0-only
 * fields, and POSTs batches to {endpoint}/statements with the station's Basic key. The endpoint
 * and key come from the station's configuration (the hub hands them out when a station joins).
 */
import { pickVersion, statementForVersion, type ClientStatement, type XapiVersion } from '../shared/xapi'
import type { ResponseLike, SendBatch } from './queue'

export interface TransportOptions {
  /** xAPI base IRI, absolute or relative to `base` (the hub hands out '/xapi/'). */
  endpoint: string
  /** "keyId:secret" for Basic auth. */
  key: string
  /** What a relative endpoint is resolved against. Default: the page's location. */
  base?: string
  /** Speak this version without asking /about. */
  version?: XapiVersion
  fetch?: typeof fetch
  /** Abort a request after this long. Default 30 s. */
  timeoutMs?: number
}

export interface Transport {
  /** Statement resource IRI, e.g. https://hub.local:8443/xapi/statements. */
  readonly statementsUrl: string
  /** The version this LRS is spoken to in (asks /about the first time). */
  version(): Promise<XapiVersion>
  /** POSTs one batch; throws on network errors (the queue retries). */
  send: SendBatch
  /** Forget the version, so the next send asks /about again. */
  reset(): void
}

/** "id:secret" -> "Basic aWQ6c2VjcmV0", UTF-8 safe. */
export function basicAuth(key: string): string {
  const bytes = new TextEncoder().encode(key)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

export function createTransport(options: TransportOptions): Transport {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeoutMs = options.timeoutMs ?? 30_000
  const base = options.base ?? (globalThis as { location?: { href: string } }).location?.href
  let root: string
  try {
    root = new URL(options.endpoint, base).href.replace(/\/+$/, '')
  } catch {
    throw new Error(`createTransport: endpoint ${JSON.stringify(options.endpoint)} is not a URL${base ? '' : ' (a relative endpoint needs a base)'}`)
  }
  const authorization = basicAuth(options.key)
  let negotiated: Promise<XapiVersion> | null = options.version ? Promise.resolve(options.version) : null

  async function request(url: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`no answer from ${url} in ${timeoutMs} ms`)), timeoutMs)
    try {
      return await doFetch(url, { ...init, signal: controller.signal })
    } finally {
      clearTimeout(timer)
    }
  }

  async function about(): Promise<XapiVersion> {
    const res = await request(`${root}/about`, { method: 'GET', headers: { Authorization: authorization, 'X-Experience-API-Version': '1.0.3', Accept: 'application/json' } })
    if (!res.ok) throw new Error(`GET ${root}/about answered ${res.status}`)
    let body: unknown
    try {
      body = await res.json()
    } catch {
      throw new Error(`GET ${root}/about did not answer JSON`)
    }
    const advertised = (body as { version?: unknown } | null)?.version
    const version = pickVersion(advertised)
    if (!version) throw new Error(`The LRS at ${root} supports none of xAPI 1.0.x or 2.0.x (it lists ${JSON.stringify(advertised)})`)
    return version
  }

  const transport: Transport = {
    statementsUrl: `${root}/statements`,
    version() {
      if (!negotiated) {
        negotiated = about()
        negotiated.catch(() => {
          negotiated = null
        })
      }
      return negotiated
    },
    async send(batch: ClientStatement[]): Promise<ResponseLike> {
      const version = await transport.version()
      const body = JSON.stringify(batch.map((s) => statementForVersion(s, version)))
      return request(transport.statementsUrl, {
        method: 'POST',
        headers: { 'X-Experience-API-Version': version, Authorization: authorization, 'Content-Type': 'application/json' },
        body,
      })
    },
    reset() {
      negotiated = options.version ? Promise.resolve(options.version) : null
    },
  }
  return transport
}
