/**
 * HTTPS for the classroom: WebXR runs only in a secure context, and a headset reaching the
 * teacher's laptop by LAN address is not one over plain HTTP. On first start the hub makes a
 * self-signed certificate for its addresses and keeps it in the data folder.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
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
    const stillValid = new Date(x509.validTo).getTime() > Date.now() + 24 * 3600 * 1000
    const coversAll = addresses.every((ip) => x509.checkIP(ip) !== undefined)
    if (stillValid && coversAll) return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: x509.fingerprint256, generated: false }
  }
  const host = hostname()
  const pems = await generate([{ name: 'commonName', value: `Benchtop hub on ${host}` }], {
    // 825 days: the longest validity browsers accept for a server certificate.
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    keyType: 'ec',
    curve: 'P-256',
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
  writeFileSync(certPath, pems.cert, { mode: 0o644 })
  writeFileSync(keyPath, pems.private, { mode: 0o600 })
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256, generated: true }
}
