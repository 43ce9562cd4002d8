/**
 * HTTPS for the classroom: WebXR runs only in a secure context, and a headset reaching the
 * teacher's laptop by LAN address is not one over plain HTTP. On first start the hub makes a
 * self-signed certificate for its addresses and keeps it in the data folder.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { networkInterfaces, hostname } from 'node:os'
import { join } from 'node:path'
import { X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

export interface TlsFiles {
  cert: string
  key: string
  /** SHA-256 fingerprint, shown so a teacher can check what stations accept. */
  fingerprint: string
  generated: boolean
}

/** The DER length at `at` (the byte after a tag): its value and where the content starts. */
function derLength(der: Uint8Array, at: number): { length: number; start: number } {
  const first = der[at]!
  if (first < 0x80) return { length: first, start: at + 1 }
  let length = 0
  for (let i = 1; i <= (first & 0x7f); i++) length = length * 256 + der[at + i]!
  return { length, start: at + 1 + (first & 0x7f) }
}

/**
 * The OID of the algorithm the certificate is signed with, dotted (Certificate ::= SEQUENCE {
 * tbsCertificate, signatureAlgorithm SEQUENCE { OID, ... }, signature }); Node 20's X509Certificate does not say.
 */
export function signatureAlgorithmOid(der: Uint8Array): string {
  const outer = derLength(der, 1)
  const tbs = derLength(der, outer.start + 1)
  const algorithm = tbs.start + tbs.length // the signatureAlgorithm SEQUENCE follows tbsCertificate
  const oidAt = derLength(der, algorithm + 1).start
  if (der[oidAt] !== 0x06) throw new Error('not an X.509 certificate: no signature algorithm OID')
  const oid = derLength(der, oidAt + 1)
  const bytes = der.subarray(oid.start, oid.start + oid.length)
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40]
  let value = 0
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f)
    if (byte < 0x80) {
      parts.push(value)
      value = 0
    }
  }
  return parts.join('.')
}

/** SHA-1 signatures (RSA, ECDSA): the selfsigned package's default until this hub asked for SHA-256. */
const SHA1_SIGNATURES = new Set(['1.2.840.113549.1.1.5', '1.2.840.10045.4.1'])

export function lanAddresses(): string[] {
  const addresses: string[] = []
  for (const nets of Object.values(networkInterfaces())) {
    for (const net of nets ?? []) if (net.family === 'IPv4' && !net.internal) addresses.push(net.address)
  }
  return addresses
}

export async function loadOrCreateCertificate(dataDir: string, own?: { certFile: string; keyFile: string }): Promise<TlsFiles> {
  if (own) {
    const cert = readFileSync(own.certFile, 'utf8')
    return { cert, key: readFileSync(own.keyFile, 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256, generated: false }
  }
  const certPath = join(dataDir, 'hub-cert.pem')
  const keyPath = join(dataDir, 'hub-key.pem')
  const addresses = ['127.0.0.1', ...lanAddresses()]
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8')
    const x509 = new X509Certificate(cert)
    // Keep it while it is valid and still names every current address (laptops change networks).
    // One signed with SHA-1 (made by an earlier hub) is replaced: stations accept the new one once,
    // as they do after a change of network.
    const stillValid = new Date(x509.validTo).getTime() > Date.now() + 24 * 3600 * 1000
    const coversAll = addresses.every((ip) => x509.checkIP(ip) !== undefined)
    const strong = !SHA1_SIGNATURES.has(signatureAlgorithmOid(x509.raw))
    if (stillValid && coversAll && strong) {
      // Older hubs wrote the certificate 0644; the data folder's files are the teacher's alone.
      chmodSync(certPath, 0o600)
      chmodSync(keyPath, 0o600)
      return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: x509.fingerprint256, generated: false }
    }
    if (!strong) console.log('Replacing the hub certificate: it was signed with SHA-1. Stations show the certificate warning once more (choose Advanced, then Proceed).')
  }
  const host = hostname()
  const pems = await generate([{ name: 'commonName', value: `Benchtop hub on ${host}` }], {
    // 825 days: the longest validity browsers accept for a server certificate.
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    keyType: 'ec',
    curve: 'P-256',
    // selfsigned signs with SHA-1 unless told; SHA-1 certificates are refused or warned about.
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: host }, ...addresses.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  })
  writeFileSync(certPath, pems.cert, { mode: 0o600 })
  writeFileSync(keyPath, pems.private, { mode: 0o600 })
  // writeFileSync's mode applies only to a new file: a replaced one keeps its old mode.
  chmodSync(certPath, 0o600)
  chmodSync(keyPath, 0o600)
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256, generated: true }
}
