/** The hub as a teacher starts it: real HTTP(S), real SQLite, stations joining and sending. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseHubArgs, UsageError } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'

const dist = mkdtempSync(join(tmpdir(), 'benchtop-dist-'))
mkdirSync(dist, { recursive: true })
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchtop</title>')

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`
const xapiHeaders = (key: string) => ({ Authorization: basic(key), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' })

async function startHttpHub(): Promise<RunningHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-hub-'))
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir], { dataDir }), { distDir: dist })
  return hub
}

async function joinAs(h: RunningHub, label: string) {
  const res = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: h.joinCode, label }) })
  expect(res.status).toBe(201)
  return (await res.json()) as { key: string; endpoint: string; homePage: string; stationId: string }
}

const teacherOf = (h: RunningHub) => `${h.teacherKey.id}:${h.teacherKey.secret}`

/** Students the teacher adds, signed in at `station` by their codes: a station writes only for those. */
async function signInStudents(h: RunningHub, station: { key: string }, count = 1): Promise<string[]> {
  const pseudonyms: string[] = []
  for (let i = 0; i < count; i++) {
    const added = await fetch(new URL('api/roster', h.url), { method: 'POST', headers: { Authorization: basic(teacherOf(h)), 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: `Student ${i + 1}` }) })
    const { code } = (await added.json()) as { code: string }
    const signedIn = await fetch(new URL('api/signin', h.url), { method: 'POST', headers: { Authorization: basic(station.key), 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
    expect(signedIn.status).toBe(200)
    pseudonyms.push(((await signedIn.json()) as { pseudonym: string }).pseudonym)
  }
  return pseudonyms
}

/** Signs the pseudonyms (already on the roster) in at `station` by picking them from the class list. */
async function pick(h: RunningHub, station: { key: string }, pseudonyms: string[]): Promise<void> {
  for (const pseudonym of pseudonyms) {
    const res = await fetch(new URL('api/signin', h.url), { method: 'POST', headers: { Authorization: basic(station.key), 'Content-Type': 'application/json' }, body: JSON.stringify({ pseudonym }) })
    expect(res.status).toBe(200)
  }
}

function statement(pseudonym: string, homePage: string) {
  return {
    id: crypto.randomUUID(),
    actor: { objectType: 'Agent', account: { homePage, name: pseudonym } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
    object: { objectType: 'Activity', id: 'https://benchtop.example/scenes/measure/tasks/t1' },
    result: { success: true, response: 'placed at 6.5' },
    timestamp: new Date().toISOString(),
  }
}

describe('the hub command line', () => {
  it('has defaults that suit a classroom and refuses bad flags with a clear message', () => {
    expect(parseHubArgs([], { dataDir: '/d' })).toMatchObject({ port: 8443, host: '0.0.0.0', http: false, dataDir: '/d', noLimits: false })
    expect(parseHubArgs(['--http'], { dataDir: '/d' })).toMatchObject({ port: 8080, host: '127.0.0.1' })
    const bad: [string[], RegExp][] = [
      [['--port', 'eighty'], /--port needs a whole number/],
      [['--port', '70000'], /--port/],
      [['--frobnicate'], /unknown option "--frobnicate"/],
      [['--cert', 'a.pem'], /--cert and --key go together/],
      [['--lrs-key', 'nopass'], /--lrs-key needs USER:PASS/],
      [['--forward', 'ftp://x'], /http\(s\) URL/],
      [['--forward', 'https://lrs.example/xapi'], /--forward and --forward-key go together/],
      [['--data'], /--data needs a value/],
    ]
    for (const [args, message] of bad) expect(() => parseHubArgs(args, { dataDir: '/d' })).toThrow(message)
    expect(() => parseHubArgs(['--bogus'], { dataDir: '/d' })).toThrow(UsageError)
  })
})

describe('stations and the teacher', () => {
  it('lets a station join with the code, send statements, and not read them; the teacher reads them', async () => {
    const h = await startHttpHub()
    const station = await joinAs(h, 'Station 3')
    expect(station.endpoint).toBe('/xapi/')
    const wrong = await fetch(new URL('api/join', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'NOPE00' }) })
    expect(wrong.status).toBe(403)

    const [student] = await signInStudents(h, station)
    const s = statement(student!, station.homePage)
    const posted = await fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(station.key), body: JSON.stringify(s) })
    expect(posted.status).toBe(200)
    await expect(posted.json()).resolves.toEqual([s.id])

    const stationRead = await fetch(new URL('xapi/statements', h.url), { headers: xapiHeaders(station.key) })
    expect(stationRead.status).toBe(403)
    const teacher = `${h.teacherKey.id}:${h.teacherKey.secret}`
    const teacherRead = await fetch(new URL(`xapi/statements?statementId=${s.id}`, h.url), { headers: xapiHeaders(teacher) })
    expect(teacherRead.status).toBe(200)
    await expect(teacherRead.json()).resolves.toMatchObject({ id: s.id, result: { response: 'placed at 6.5' } })
  })

  it('lets the teacher revoke a station key: it stops working at once, what it sent stays, other stations carry on', async () => {
    const h = await startHttpHub()
    const lost = await joinAs(h, 'Station 1')
    const other = await joinAs(h, 'Station 2')
    const teacher = `${h.teacherKey.id}:${h.teacherKey.secret}`
    const [atLost] = await signInStudents(h, lost)
    const [atOther] = await signInStudents(h, other)
    const s = statement(atLost!, lost.homePage)
    expect((await fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(lost.key), body: JSON.stringify(s) })).status).toBe(200)

    // Only the teacher may revoke; a station cannot revoke another.
    const byStation = await fetch(new URL(`api/stations/${lost.stationId}/revoke`, h.url), { method: 'POST', headers: { Authorization: basic(other.key) } })
    expect(byStation.status).toBe(403)
    const unknown = await fetch(new URL('api/stations/no-such-station/revoke', h.url), { method: 'POST', headers: { Authorization: basic(teacher) } })
    expect(unknown.status).toBe(404)
    await expect(unknown.json()).resolves.toMatchObject({ error: expect.stringMatching(/no-such-station/) })
    const revoked = await fetch(new URL(`api/stations/${lost.stationId}/revoke`, h.url), { method: 'POST', headers: { Authorization: basic(teacher) } })
    expect(revoked.status).toBe(200)
    await expect(revoked.json()).resolves.toMatchObject({ id: lost.stationId, revoked: expect.any(String) })

    const after = await fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(lost.key), body: JSON.stringify(statement(atLost!, lost.homePage)) })
    expect(after.status).toBe(401)
    expect((await fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(other.key), body: JSON.stringify(statement(atOther!, other.homePage)) })).status).toBe(200)
    const kept = await fetch(new URL(`xapi/statements?statementId=${s.id}`, h.url), { headers: xapiHeaders(teacher) })
    expect(kept.status).toBe(200)
    const stations = (await (await fetch(new URL('api/stations', h.url), { headers: { Authorization: basic(teacher) } })).json()) as { stations: { id: string; revoked: string | null }[] }
    expect(stations.stations.find((x) => x.id === lost.stationId)?.revoked).toEqual(expect.any(String))
    expect(stations.stations.find((x) => x.id === other.stationId)?.revoked).toBeNull()
  })

  it('keeps names on the hub: stations see pseudonyms only, sign in by code, and the teacher can delete everything of one student', async () => {
    const h = await startHttpHub()
    const teacher = { Authorization: basic(`${h.teacherKey.id}:${h.teacherKey.secret}`), 'Content-Type': 'application/json' }
    const added = (await (await fetch(new URL('api/roster', h.url), { method: 'POST', headers: teacher, body: JSON.stringify({ displayName: 'Ada Lovelace' }) })).json()) as {
      pseudonym: string
      code: string
    }
    const station = await joinAs(h, 'Station 1')
    const stationHeaders = { Authorization: basic(station.key), 'Content-Type': 'application/json' }
    const classList = await (await fetch(new URL('api/class', h.url), { headers: stationHeaders })).text()
    expect(classList).toContain(added.pseudonym)
    expect(classList).not.toContain('Ada')
    expect((await fetch(new URL('api/roster', h.url), { headers: stationHeaders })).status).toBe(403)
    const signIn = await fetch(new URL('api/signin', h.url), { method: 'POST', headers: stationHeaders, body: JSON.stringify({ code: added.code.toLowerCase() }) })
    await expect(signIn.json()).resolves.toEqual({ pseudonym: added.pseudonym })

    const [other] = await signInStudents(h, station)
    const sent = await fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(station.key), body: JSON.stringify([statement(added.pseudonym, station.homePage), statement(other!, station.homePage)]) })
    expect(sent.status).toBe(200)
    const exported = (await (await fetch(new URL(`api/students/${added.pseudonym}/export`, h.url), { headers: teacher })).json()) as { statements: unknown[]; roster: { displayName: string } }
    expect(exported.statements).toHaveLength(1)
    expect(exported.roster.displayName).toBe('Ada Lovelace')
    const deleted = await (await fetch(new URL(`api/students/${added.pseudonym}`, h.url), { method: 'DELETE', headers: teacher })).json()
    expect(deleted).toMatchObject({ deleted: { statements: 1, roster: 1 } })
    const left = (await (await fetch(new URL('xapi/statements', h.url), { headers: xapiHeaders(`${h.teacherKey.id}:${h.teacherKey.secret}`) })).json()) as { statements: { actor: { account: { name: string } } }[] }
    expect(left.statements.map((s) => s.actor.account.name)).toEqual([other])
  })

  it('pushes stored statements to the teacher live feed at once', async () => {
    const h = await startHttpHub()
    const station = await joinAs(h, 'Station 2')
    const controller = new AbortController()
    const feed = await fetch(new URL('api/live', h.url), { headers: { Authorization: basic(`${h.teacherKey.id}:${h.teacherKey.secret}`) }, signal: controller.signal })
    expect(feed.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = feed.body!.getReader()
    const [student] = await signInStudents(h, station)
    const s = statement(student!, station.homePage)
    const sent = performance.now()
    await fetch(new URL('xapi/statements', h.url), { method: 'POST', headers: xapiHeaders(station.key), body: JSON.stringify(s) })
    let text = ''
    while (!text.includes(s.id)) text += new TextDecoder().decode((await reader.read()).value)
    const latency = performance.now() - sent
    console.log(`live feed latency on loopback: ${latency.toFixed(1)} ms`)
    expect(text).toMatch(/event: statements/)
    controller.abort()
    const stationFeed = await fetch(new URL('api/live', h.url), { headers: { Authorization: basic(station.key) } })
    expect(stationFeed.status).toBe(403)
  })

  it('serves HTTPS with a certificate it makes on first start and keeps', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-hub-tls-'))
    hub = await startHub(parseHubArgs(['--port', '0', '--host', '127.0.0.1', '--data', dataDir], { dataDir }), { distDir: dist })
    expect(hub.url).toMatch(/^https:/)
    expect(hub.tls?.generated).toBe(true)
    const fingerprint = hub.tls!.fingerprint
    const body = await new Promise<string>((resolve, reject) => {
      httpsRequest(new URL('xapi/about', hub!.url), { rejectUnauthorized: false }, (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve(text))
      })
        .on('error', reject)
        .end()
    })
    expect(JSON.parse(body).version).toContain('2.0.0')
    await hub.close()
    hub = await startHub(parseHubArgs(['--port', '0', '--host', '127.0.0.1', '--data', dataDir], { dataDir }), { distDir: dist })
    expect(hub.tls).toMatchObject({ generated: false, fingerprint })
  })
})

describe('forwarding to an upstream LRS', () => {
  it('sends every stored statement upstream once, and carries on after a restart', async () => {
    const upstreamDir = mkdtempSync(join(tmpdir(), 'benchtop-upstream-'))
    const upstream = await startHub(parseHubArgs(['--http', '--port', '0', '--data', upstreamDir, '--lrs-key', 'district:s3cret-district'], { dataDir: upstreamDir }), { distDir: dist })
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-forwarding-'))
      const args = ['--http', '--port', '0', '--data', dataDir, '--forward', `${upstream.url}xapi/`, '--forward-key', 'district:s3cret-district']
      hub = await startHub(parseHubArgs(args, { dataDir }), { distDir: dist })
      const station = await joinAs(hub, 'Station F')
      const students = await signInStudents(hub, station, 3)
      const sent = Array.from({ length: 30 }, (_, i) => statement(students[i % 3]!, station.homePage))
      await fetch(new URL('xapi/statements', hub.url), { method: 'POST', headers: xapiHeaders(station.key), body: JSON.stringify(sent.slice(0, 20)) })
      await expect.poll(() => hub!.forwarder!.status().waiting, { timeout: 10_000 }).toBe(0)
      await hub.close()
      // After a restart the hub carries on from its saved cursor: only the new statements go up.
      hub = await startHub(parseHubArgs(args, { dataDir }), { distDir: dist })
      const again = await joinAs(hub, 'Station F2')
      await pick(hub, again, students)
      await fetch(new URL('xapi/statements', hub.url), { method: 'POST', headers: xapiHeaders(again.key), body: JSON.stringify(sent.slice(20)) })
      await expect.poll(() => hub!.forwarder!.status().waiting, { timeout: 10_000 }).toBe(0)
      expect(hub.forwarder!.status().forwarded).toBe(10)
      const upstreamRows = upstream.db.prepare('SELECT id FROM statements ORDER BY seq').all() as { id: string }[]
      expect(upstreamRows.map((r) => r.id).sort()).toEqual(sent.map((s) => s.id).sort())
    } finally {
      await upstream.close()
    }
  })

  it('forwards an attachment with its bytes (multipart), so the upstream store accepts it', async () => {
    const upstreamDir = mkdtempSync(join(tmpdir(), 'benchtop-upstream-'))
    const upstream = await startHub(parseHubArgs(['--http', '--port', '0', '--data', upstreamDir, '--lrs-key', 'district:s3cret-district'], { dataDir: upstreamDir }), { distDir: dist })
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-forwarding-'))
      hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, '--forward', `${upstream.url}xapi/`, '--forward-key', 'district:s3cret-district', '--lrs-key', 'tool:pa55word-tool'], { dataDir }), { distDir: dist })
      const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]), Buffer.from('\r\n--x\r\n')])
      const sha2 = createHash('sha256').update(photo).digest('hex')
      const s = { ...statement('swift-otter-77', 'urn:benchtop:hub'), attachments: [{ usageType: 'https://benchtop.example/photo', display: { en: 'Setup' }, contentType: 'image/png', length: photo.length, sha2 }] }
      const boundary = 'fwd-test-boundary'
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n--${boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ])
      const posted = await fetch(new URL('xapi/statements', hub.url), { method: 'POST', headers: { ...xapiHeaders('tool:pa55word-tool'), 'Content-Type': `multipart/mixed; boundary=${boundary}` }, body })
      expect(posted.status, await posted.clone().text()).toBe(200)
      await expect.poll(() => hub!.forwarder!.status().waiting, { timeout: 10_000 }).toBe(0)
      expect(hub.forwarder!.status().lastError).toBeNull()
      const upstreamCopy = upstream.db.prepare('SELECT content FROM attachments WHERE sha2 = ?').get(sha2) as { content: Buffer } | undefined
      expect(upstreamCopy?.content.equals(photo)).toBe(true)
    } finally {
      await upstream.close()
    }
  })
})
