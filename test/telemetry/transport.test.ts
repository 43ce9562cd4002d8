import { describe, expect, it } from 'vitest'
import type { ClientStatement } from '../../src/shared/xapi'
import { basicAuth, createTransport } from '../../src/telemetry/transport'

interface Seen {
  url: string
  method: string
  headers: Record<string, string>
  body?: unknown
}

function fakeFetch(versions: unknown, options: { aboutStatus?: number; failAbout?: number } = {}) {
  const seen: Seen[] = []
  let aboutFailures = options.failAbout ?? 0
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input)
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>))
    seen.push({ url, method: init?.method ?? 'GET', headers, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    if (url.endsWith('/about')) {
      if (aboutFailures > 0) {
        aboutFailures--
        throw new TypeError('fetch failed')
      }
      return new Response(JSON.stringify({ version: versions }), { status: options.aboutStatus ?? 200, headers: { 'Content-Type': 'application/json' } })
    }
    return new Response('[]', { status: 200 })
  }) as typeof globalThis.fetch
  return { fetch: fetchFn, seen }
}

const statement = (): ClientStatement => ({
  id: '0c6f1f7e-6a1b-4d1e-9a3c-2b8e6d2f4a10',
  actor: { objectType: 'Agent', account: { homePage: 'https://hub.example', name: 'swift-otter-42' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { id: 'https://w3id.org/benchtop/xapi/scenes/measure' },
  context: {
    registration: '9d1b7e2c-3f4a-4b5c-8d6e-7f8091a2b3c4',
    team: { objectType: 'Group', account: { homePage: 'https://hub.example', name: 'class:7b' } },
    contextGroups: [{ objectType: 'contextGroup', group: { objectType: 'Group', account: { homePage: 'https://hub.example', name: 'class:7b' } } }],
  },
})

describe('transport', () => {
  it('reads /about once, speaks 2.0.0 when advertised, and posts with the version, Basic key and JSON', async () => {
    const { fetch, seen } = fakeFetch(['1.0.3', '2.0.0'])
    const t = createTransport({ endpoint: 'https://hub.local:8443/xapi/', key: 'station-ab12:s3cret', fetch })
    expect(t.statementsUrl).toBe('https://hub.local:8443/xapi/statements')
    await t.send([statement()])
    await t.send([statement()])
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET https://hub.local:8443/xapi/about', 'POST https://hub.local:8443/xapi/statements', 'POST https://hub.local:8443/xapi/statements'])
    expect(seen[1]!.headers).toEqual({ 'X-Experience-API-Version': '2.0.0', Authorization: `Basic ${Buffer.from('station-ab12:s3cret').toString('base64')}`, 'Content-Type': 'application/json' })
    expect((seen[1]!.body as ClientStatement[])[0]!.context!.contextGroups).toHaveLength(1)
  })

  it('speaks 1.0.3 to a 1.0.3 store and never sends it 2.0-only fields', async () => {
    const { fetch, seen } = fakeFetch(['1.0.0', '1.0.1', '1.0.3'])
    const t = createTransport({ endpoint: 'https://lrs.district.example/xapi', key: 'k:s', fetch })
    expect(await t.version()).toBe('1.0.3')
    await t.send([statement()])
    const post = seen.find((s) => s.method === 'POST')!
    expect(post.headers['X-Experience-API-Version']).toBe('1.0.3')
    const sent = (post.body as ClientStatement[])[0]!
    expect('contextGroups' in sent.context!).toBe(false)
    expect(sent.context!.team).toBeDefined()
  })

  it('resolves a relative endpoint (as the hub hands out) against the page', async () => {
    const { fetch, seen } = fakeFetch(['2.0.0'])
    const t = createTransport({ endpoint: '/xapi/', key: 'k:s', base: 'https://192.168.1.20:8443/station', fetch })
    await t.send([statement()])
    expect(seen[0]!.url).toBe('https://192.168.1.20:8443/xapi/about')
    expect(() => createTransport({ endpoint: '/xapi/', key: 'k:s', fetch })).toThrow(/needs a base/)
  })

  it('a failed /about makes the send fail (the queue retries) and is asked again next time', async () => {
    const { fetch, seen } = fakeFetch(['2.0.0'], { failAbout: 1 })
    const t = createTransport({ endpoint: 'https://hub.local/xapi', key: 'k:s', fetch })
    await expect(t.send([statement()])).rejects.toThrow(/fetch failed/)
    const res = await t.send([statement()])
    expect(res.status).toBe(200)
    expect(seen.filter((s) => s.url.endsWith('/about'))).toHaveLength(2)
  })

  it('refuses an LRS that speaks neither 1.0.x nor 2.0.x', async () => {
    const { fetch } = fakeFetch(['0.95'])
    const t = createTransport({ endpoint: 'https://old.example/xapi', key: 'k:s', fetch })
    await expect(t.version()).rejects.toThrow(/supports none of xAPI 1.0.x or 2.0.x/)
  })

  it('a fixed version skips /about; Basic auth is UTF-8 safe', async () => {
    const { fetch, seen } = fakeFetch(['2.0.0'])
    const t = createTransport({ endpoint: 'https://hub.local/xapi', key: 'k:s', fetch, version: '1.0.3' })
    await t.send([statement()])
    expect(seen).toHaveLength(1)
    expect(basicAuth('clé:sécret')).toBe(`Basic ${Buffer.from('clé:sécret', 'utf8').toString('base64')}`)
  })
})
