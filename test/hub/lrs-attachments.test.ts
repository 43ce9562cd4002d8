/**
 * Statement attachments over real HTTP and SQLite: multipart/mixed in (POST and PUT) and out
 * (GET attachments=true), every way a multipart request can be wrong refused with nothing
 * stored, one copy per SHA-2, and signed statements (xAPI Data 2.4.11, 2.6, Communication 1.5.2).
 */
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachmentFor, multipartBody, readMultipart, sha256, statement, statementsWithAttachments, startLrs, xapi, type RawPart, type TestLrs } from './lrs-helpers'

let lrs: TestLrs
beforeAll(async () => {
  lrs = await startLrs()
})
afterAll(() => lrs.close())

const BOUNDARY = 'benchtop-test-boundary'
const count = (table: 'statements' | 'attachments') => (lrs.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

/** Bytes that trip a text-based parser: NUL, high bytes, CRLFs and a fake boundary-like line. */
function binaryContent(seed: string): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]), Buffer.from(`\r\n--not-the-boundary\r\n${seed}\r\n\r\n`), Buffer.from([0x00, 0x00, 0x80])])
}

function postMultipart(parts: RawPart[], options: { boundary?: string; contentType?: string; method?: string; path?: string; version?: string } = {}) {
  const boundary = options.boundary ?? BOUNDARY
  return xapi(lrs, options.path ?? '/statements', {
    method: options.method ?? 'POST',
    raw: multipartBody(boundary, parts),
    headers: { 'Content-Type': options.contentType ?? `multipart/mixed; boundary=${boundary}` },
    version: options.version,
  })
}

describe('a statement with an attachment', () => {
  it('round-trips: POST multipart, GET attachments=true gives the same bytes and hash; attachments=false gives JSON only', async () => {
    const content = binaryContent('round trip')
    const id = randomUUID()
    const sent = statement({ id, attachments: [attachmentFor(content)] })
    const res = await postMultipart(statementsWithAttachments(sent, [content]))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toEqual([id])

    const multipart = await xapi(lrs, `/statements?statementId=${id}&attachments=true`)
    expect(multipart.status).toBe(200)
    expect(multipart.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/)
    const parts = await readMultipart(multipart)
    expect(parts).toHaveLength(2)
    expect(parts[0]!.headers['content-type']).toBe('application/json')
    const stored = JSON.parse(parts[0]!.body.toString('utf8'))
    expect(stored.id).toBe(id)
    expect(stored.attachments).toEqual(sent.attachments)
    expect(parts[1]!.headers['x-experience-api-hash']).toBe(sha256(content))
    expect(parts[1]!.headers['content-transfer-encoding']).toBe('binary')
    expect(parts[1]!.headers['content-type']).toBe('image/png')
    expect(parts[1]!.body.equals(content)).toBe(true)

    for (const query of [`statementId=${id}`, `statementId=${id}&attachments=false`]) {
      const plain = await xapi(lrs, `/statements?${query}`)
      expect(plain.headers.get('content-type')).toMatch(/^application\/json/)
      expect((await plain.json()).attachments).toEqual(sent.attachments)
    }

    // A query's multipart answer carries the attachments of the statements on its page.
    const page = await readMultipart(await xapi(lrs, '/statements?attachments=true&limit=1'))
    expect(JSON.parse(page[0]!.body.toString('utf8')).statements[0].id).toBe(id)
    expect(page.slice(1).map((part) => part.headers['x-experience-api-hash'])).toEqual([sha256(content)])
  })

  it('PUT takes a multipart statement too', async () => {
    const content = binaryContent('put')
    const id = randomUUID()
    const res = await postMultipart(statementsWithAttachments(statement({ attachments: [attachmentFor(content)] }), [content]), { method: 'PUT', path: `/statements?statementId=${id}` })
    expect(res.status, await res.clone().text()).toBe(204)
    const parts = await readMultipart(await xapi(lrs, `/statements?statementId=${id}&attachments=true`))
    expect(parts[1]!.body.equals(content)).toBe(true)
  })

  it('an attachment with only a fileUrl comes as plain application/json, and GET has no part for it', async () => {
    const attachment = attachmentFor(Buffer.from('kept elsewhere'), { fileUrl: 'https://benchtop.example/files/setup.png' })
    const res = await xapi(lrs, '/statements', { body: statement({ attachments: [attachment] }) })
    expect(res.status, await res.clone().text()).toBe(200)
    const [id] = (await res.json()) as string[]
    const parts = await readMultipart(await xapi(lrs, `/statements?statementId=${id}&attachments=true`))
    expect(parts).toHaveLength(1)
    expect(JSON.parse(parts[0]!.body.toString()).attachments).toEqual([attachment])
  })

  it('a multipart request whose statements declare no attachments is fine', async () => {
    const res = await postMultipart(statementsWithAttachments(statement(), []))
    expect(res.status, await res.clone().text()).toBe(200)
  })

  it('accepts the boundary quoted, a preamble, header lines without a space and no final CRLF', async () => {
    const content = binaryContent('loose')
    const body = Buffer.concat([
      Buffer.from(`a preamble to ignore\r\n--${BOUNDARY}\r\nContent-Type:application/json\r\n\r\n${JSON.stringify(statement({ attachments: [attachmentFor(content)] }))}\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Type:image/png\r\nContent-Transfer-Encoding:binary\r\nX-Experience-API-Hash:${sha256(content).toUpperCase()}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${BOUNDARY}--`),
    ])
    const res = await xapi(lrs, '/statements', { raw: body, headers: { 'Content-Type': `multipart/mixed; boundary="${BOUNDARY}"` } })
    expect(res.status, await res.clone().text()).toBe(200)
  })
})

describe('a wrong multipart request gets 400 naming the problem, and nothing is stored', () => {
  const content = binaryContent('refused')
  const other = binaryContent('another file')
  const declaring = () => statement({ attachments: [attachmentFor(content)] })
  const attachmentPart = (headers: Record<string, string>, body: Buffer = content): RawPart => ({ headers, body })
  const jsonPart = (stmt: unknown): RawPart => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(stmt) })
  const goodHeaders = { 'Content-Type': 'image/png', 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha256(content) }

  const cases: [string, () => Promise<Response>, RegExp][] = [
    ['a declared attachment without fileUrl has no part', () => postMultipart([jsonPart(declaring())]), /statement 0\.attachments\[0\] \(sha2 [0-9a-f]{64}\) has no fileUrl and no part/],
    ['an attachment without fileUrl sent as application/json', () => xapi(lrs, '/statements', { body: declaring() }), /has no fileUrl, so its content must come as a part of a multipart\/mixed request/],
    ['a part no statement declares', () => postMultipart([jsonPart(declaring()), attachmentPart(goodHeaders), attachmentPart({ ...goodHeaders, 'X-Experience-API-Hash': sha256(other) }, other)]), /part with X-Experience-API-Hash [0-9a-f]{64} is not declared/],
    ["a part whose content does not match its hash", () => postMultipart([jsonPart(declaring()), attachmentPart(goodHeaders, other)]), /Part 2's content does not match its X-Experience-API-Hash/],
    ['a part without X-Experience-API-Hash', () => postMultipart([jsonPart(declaring()), attachmentPart({ 'Content-Type': 'image/png', 'Content-Transfer-Encoding': 'binary' })]), /Part 2 .* needs an X-Experience-API-Hash header/],
    ['Content-Transfer-Encoding base64', () => postMultipart([jsonPart(declaring()), attachmentPart({ ...goodHeaders, 'Content-Transfer-Encoding': 'base64' })]), /needs the header "Content-Transfer-Encoding: binary", got "base64"/],
    ['no Content-Transfer-Encoding', () => postMultipart([jsonPart(declaring()), attachmentPart({ 'Content-Type': 'image/png', 'X-Experience-API-Hash': sha256(content) })]), /needs the header "Content-Transfer-Encoding: binary", got none/],
    ['a body whose boundary is not the one in Content-Type', () => postMultipart(statementsWithAttachments(declaring(), [content]), { contentType: 'multipart/mixed; boundary=something-else' }), /no boundary line "--something-else"/],
    ['Content-Type multipart/mixed without a boundary', () => postMultipart(statementsWithAttachments(declaring(), [content]), { contentType: 'multipart/mixed;' }), /needs a boundary parameter/],
    ['a first part that is not application/json', () => postMultipart([{ headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(declaring()) }, attachmentPart(goodHeaders)]), /first part .* must hold the statements as Content-Type application\/json, got "text\/plain"/],
    ['statements split over two JSON parts', () => postMultipart([jsonPart(declaring()), jsonPart(declaring()), attachmentPart(goodHeaders)]), /Part 2 .* needs the header "Content-Transfer-Encoding: binary"/],
    [
      'a body cut short before its closing boundary',
      () => xapi(lrs, '/statements', { raw: multipartBody(BOUNDARY, statementsWithAttachments(declaring(), [content])).subarray(0, -30), headers: { 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` } }),
      /cut short/,
    ],
    ['statements JSON that does not parse', () => postMultipart([{ headers: { 'Content-Type': 'application/json' }, body: '{"actor": ' }, attachmentPart(goodHeaders)]), /The statements part is not valid JSON/],
    ['multipart/form-data instead of mixed', () => postMultipart(statementsWithAttachments(declaring(), [content]), { contentType: `multipart/form-data; boundary=${BOUNDARY}` }), /Content-Type must be application\/json, or multipart\/mixed/],
  ]

  for (const [name, send, message] of cases) {
    it(name, async () => {
      const [statementsBefore, attachmentsBefore] = [count('statements'), count('attachments')]
      const res = await send()
      expect(res.status).toBe(400)
      expect((await res.json()).error).toMatch(message)
      expect(count('statements')).toBe(statementsBefore)
      expect(count('attachments')).toBe(attachmentsBefore)
    })
  }

  it('a batch where one statement lacks its part stores neither statement nor any attachment', async () => {
    const before = [count('statements'), count('attachments')]
    const batch = [statement({ attachments: [attachmentFor(content)] }), statement({ attachments: [attachmentFor(other)] })]
    const res = await postMultipart(statementsWithAttachments(batch, [content]))
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/statement 1\.attachments\[0\]/)
    expect([count('statements'), count('attachments')]).toEqual(before)
  })
})

describe('storage', () => {
  it('two statements sharing one attachment store it once, and a GET answers it once', async () => {
    const content = binaryContent(`shared ${randomUUID()}`)
    const hashCount = () => (lrs.db.prepare('SELECT COUNT(*) AS n FROM attachments WHERE sha2 = ?').get(sha256(content)) as { n: number }).n
    const registration = randomUUID()
    const sharing = () => statement({ attachments: [attachmentFor(content)], context: { registration } })
    const res = await postMultipart(statementsWithAttachments([sharing(), sharing()], [content]))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(hashCount()).toBe(1)
    // A later statement with the same file, sent again in full, adds no second copy.
    expect((await postMultipart(statementsWithAttachments(sharing(), [content]))).status).toBe(200)
    expect(hashCount()).toBe(1)

    const parts = await readMultipart(await xapi(lrs, `/statements?registration=${registration}&attachments=true`))
    expect(JSON.parse(parts[0]!.body.toString()).statements).toHaveLength(3)
    expect(parts.slice(1).map((part) => part.headers['x-experience-api-hash'])).toEqual([sha256(content)])
  })
})

describe('signed statements (Data 2.6)', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature'

  function jws(header: Record<string, unknown>, payload: unknown, key: KeyObject = privateKey, hash = 'sha256'): Buffer {
    const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
    const input = `${encode(header)}.${encode(payload)}`
    return Buffer.from(`${input}.${sign(hash, Buffer.from(input), key).toString('base64url')}`)
  }

  /** The statement with its signature attachment added, and the multipart parts to send it. */
  function signed(original: Record<string, unknown>, token: Buffer, contentType = 'application/octet-stream') {
    const signature = { usageType: SIGNATURE_USAGE, display: { 'en-US': 'Signature' }, contentType, length: token.length, sha2: sha256(token) }
    const withSignature = { ...original, attachments: [...((original.attachments as unknown[]) ?? []), signature] }
    return { statement: withSignature, parts: statementsWithAttachments(withSignature, [token], 'application/octet-stream') }
  }

  it('accepts a well-formed RS256 signature and gives the JWS back with attachments=true', async () => {
    const original = statement({ id: randomUUID() })
    const token = jws({ alg: 'RS256' }, original)
    const res = await postMultipart(signed(original, token).parts)
    expect(res.status, await res.clone().text()).toBe(200)
    const parts = await readMultipart(await xapi(lrs, `/statements?statementId=${original.id}&attachments=true`))
    expect(parts[1]!.body.toString()).toBe(token.toString())
  })

  it('accepts RS512 over a statement that has another attachment too', async () => {
    const photo = binaryContent('signed photo')
    const original = statement({ attachments: [attachmentFor(photo)] })
    const token = jws({ alg: 'RS512' }, original, privateKey, 'sha512')
    const { parts } = signed(original, token)
    const res = await postMultipart([...parts, statementsWithAttachments(null, [photo])[1]!])
    expect(res.status, await res.clone().text()).toBe(200)
  })

  const refusals: [string, () => RawPart[], RegExp][] = [
    [
      'a statement changed after it was signed',
      () => {
        const original = statement()
        const token = jws({ alg: 'RS256' }, original)
        const tampered = { ...original, result: { success: false } }
        return signed(tampered, token).parts
      },
      /JWS payload differs from the statement .* changed after it was signed/,
    ],
    ['a signature made with HS256', () => signed(statement(), jws({ alg: 'HS256' }, statement())).parts, /"alg" must be RS256, RS384 or RS512, got "HS256"/],
    [
      'a payload that is not JSON',
      () => {
        const original = statement()
        return signed(original, jws({ alg: 'RS256' }, JSON.stringify(original).replace('"', "'"))).parts
      },
      /JWS payload is not a JSON serialization/,
    ],
    ['a signature that is not a compact JWS', () => signed(statement(), Buffer.from('not.a-jws')).parts, /not a JWS in compact form/],
    [
      'a signature attachment that is not application/octet-stream',
      () => {
        const original = statement()
        return signed(original, jws({ alg: 'RS256' }, original), 'text/plain').parts
      },
      /signature's contentType must be application\/octet-stream/,
    ],
  ]
  for (const [name, parts, message] of refusals) {
    it(`refuses ${name}`, async () => {
      const before = [count('statements'), count('attachments')]
      const res = await postMultipart(parts())
      expect(res.status).toBe(400)
      expect((await res.json()).error).toMatch(message)
      expect([count('statements'), count('attachments')]).toEqual(before)
    })
  }

  it('verifies the signature with an x5c certificate when the JWS header carries one', async () => {
    const pems = await generate([{ name: 'commonName', value: 'Benchtop signing test' }], { keyType: 'rsa', keySize: 2048 } as Parameters<typeof generate>[1])
    const certificate = new X509Certificate(pems.cert)
    const key = createPrivateKey(pems.private)
    const x5c = [certificate.raw.toString('base64')]
    const original = statement()
    expect((await postMultipart(signed(original, jws({ alg: 'RS256', x5c }, original, key)).parts)).status).toBe(200)
    // Signed with another key than the certificate's: refused.
    const second = statement()
    const forged = await postMultipart(signed(second, jws({ alg: 'RS256', x5c }, second, privateKey)).parts)
    expect(forged.status).toBe(400)
    expect((await forged.json()).error).toMatch(/does not verify with the public key of its x5c certificate/)
  })
})

describe('size limit', () => {
  it('a multipart body over the hub\'s body limit gets 413 and stores nothing', async () => {
    const small = await startLrs({ limits: { maxBodyBytes: 4096, maxStatementsPerMinutePerKey: null } })
    try {
      const content = Buffer.alloc(8192, 0xab)
      const res = await xapi(small, '/statements', {
        raw: multipartBody(BOUNDARY, statementsWithAttachments(statement({ attachments: [attachmentFor(content)] }), [content])),
        headers: { 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` },
      })
      expect(res.status).toBe(413)
      expect((await res.json()).error).toMatch(/larger than the hub's limit of 4096 bytes/)
      const stored = (table: string) => (small.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
      expect([stored('statements'), stored('attachments')]).toEqual([0, 0])
    } finally {
      await small.close()
    }
  })
})

describe('retention', () => {
  it("deleting a student's data or purging old data also deletes attachment bodies no statement declares any more", async () => {
    const { deletePseudonym, purgeOlderThan } = await import('../../src/hub/api')
    const kept = binaryContent('kept by another student')
    const mine = binaryContent('only mine')
    const student = (name: string) => ({ objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name } })
    const ownStatement = statement({ actor: student('tidy-wren-44'), attachments: [attachmentFor(mine), attachmentFor(kept)] })
    const other = statement({ actor: student('quiet-lark-45'), attachments: [attachmentFor(kept)] })
    expect((await postMultipart(statementsWithAttachments([ownStatement, other], [mine, kept]))).status).toBe(200)
    const stored = (sha2: string) => (lrs.db.prepare('SELECT COUNT(*) AS n FROM attachments WHERE sha2 = ?').get(sha2) as { n: number }).n
    expect([stored(sha256(mine)), stored(sha256(kept))]).toEqual([1, 1])

    expect(deletePseudonym(lrs.db, 'tidy-wren-44')).toMatchObject({ statements: 1, attachments: 1 })
    expect([stored(sha256(mine)), stored(sha256(kept))]).toEqual([0, 1])
    // Purging everything stored before tomorrow leaves no body behind.
    purgeOlderThan(lrs.db, -1)
    expect([count('statements'), count('attachments')]).toEqual([0, 0])
  })
})
