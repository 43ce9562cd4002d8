/**
 * The hub's self-made certificate over real HTTPS: signed with SHA-256 (checked by verifying the
 * signature with SHA-256, not by trusting a label), the owner's alone on disk, and one signed
 * with SHA-1 by an earlier hub is replaced.
 */
import { createVerify, X509Certificate } from 'node:crypto'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { generate } from 'selfsigned'
import { afterEach, describe, expect, it } from 'vitest'
import { parseHubArgs } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'
import { dist, newDataDir } from './store-helpers'

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

/** Reads one DER element (tag, length, content) at `at`. */
function element(der: Buffer, at: number): { tag: number; content: Buffer; end: number } {
  let length = der[at + 1]!
  let start = at + 2
  if (length >= 0x80) {
    const bytes = length & 0x7f
    length = der.readUIntBE(at + 2, bytes)
    start += bytes
  }
  return { tag: der[at]!, content: der.subarray(start, start + length), end: start + length }
}

/** The certificate the server presents in the TLS handshake. */
function presented(url: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL('xapi/about', url), { rejectUnauthorized: false }, (res) => {
      resolve(new X509Certificate((res.socket as TLSSocket).getPeerCertificate().raw))
      res.resume()
    })
    req.on('error', reject)
    req.end()
  })
}

/** What the signature really is: the algorithm OID's bytes, and whether it verifies over the signed part with SHA-256 / SHA-1. */
function signature(cert: X509Certificate) {
  const certificate = element(cert.raw, 0)
  const tbs = element(certificate.content, 0)
  const algorithm = element(certificate.content, tbs.end)
  const oid = element(algorithm.content, 0)
  const bits = element(certificate.content, algorithm.end).content.subarray(1) // BIT STRING: skip the unused-bits byte
  const signedBytes = certificate.content.subarray(0, tbs.end)
  const verifies = (hash: string) => createVerify(hash).update(signedBytes).verify(cert.publicKey, bits)
  return { oidHex: oid.content.toString('hex'), sha256: verifies('SHA256'), sha1: verifies('SHA1') }
}

// ecdsa-with-SHA256 is 1.2.840.10045.4.3.2 (RFC 5758); ecdsa-with-SHA1 is 1.2.840.10045.4.1 (RFC 3279).
const ECDSA_SHA256 = '2a8648ce3d040302'
const ECDSA_SHA1 = '2a8648ce3d0401'

const startTlsHub = (dataDir: string) => startHub(parseHubArgs(['--port', '0', '--host', '127.0.0.1', '--data', dataDir], { dataDir }), { distDir: dist })

describe('the self-made certificate', () => {
  it('is signed with SHA-256 and kept 0600', async () => {
    const dataDir = newDataDir()
    hub = await startTlsHub(dataDir)
    const cert = await presented(hub.url)
    expect(cert.fingerprint256).toBe(hub.tls!.fingerprint)
    expect(signature(cert)).toEqual({ oidHex: ECDSA_SHA256, sha256: true, sha1: false })
    expect(statSync(join(dataDir, 'hub-cert.pem')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dataDir, 'hub-key.pem')).mode & 0o777).toBe(0o600)
  })

  it('replaces one an earlier hub signed with SHA-1, writing the new one 0600 over the old 0644 file', async () => {
    const dataDir = newDataDir()
    // What earlier hubs wrote: selfsigned's default signature (SHA-1), the certificate 0644.
    const old = await generate([{ name: 'commonName', value: 'Benchtop hub (old)' }], {
      notAfterDate: new Date(Date.now() + 100 * 24 * 3600 * 1000),
      keyType: 'ec',
      curve: 'P-256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    })
    const oldCert = new X509Certificate(old.cert)
    expect(signature(oldCert).oidHex).toBe(ECDSA_SHA1)
    hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir], { dataDir }), { distDir: dist }) // makes the folder as a hub does
    await hub.close()
    writeFileSync(join(dataDir, 'hub-cert.pem'), old.cert, { mode: 0o644 })
    writeFileSync(join(dataDir, 'hub-key.pem'), old.private, { mode: 0o600 })

    hub = await startTlsHub(dataDir)
    expect(hub.tls?.generated).toBe(true)
    const cert = await presented(hub.url)
    expect(cert.fingerprint256).not.toBe(oldCert.fingerprint256)
    expect(signature(cert)).toEqual({ oidHex: ECDSA_SHA256, sha256: true, sha1: false })
    expect(statSync(join(dataDir, 'hub-cert.pem')).mode & 0o777).toBe(0o600)
    // The new one is kept across restarts.
    await hub.close()
    hub = await startTlsHub(dataDir)
    expect(hub.tls).toMatchObject({ generated: false, fingerprint: cert.fingerprint256 })
    expect(existsSync(join(dataDir, 'hub-key.pem'))).toBe(true)
  })
})
