/**
 * Headers every answer of the hub carries, app and API alike, set once where requests come in.
 * The policy allows only this hub's own origin. The exceptions are what the built app needs:
 * blob: workers and scripts (troika-three-text builds its text-layout worker from a Blob and
 * loads its modules into it with importScripts), data: and blob: images, fonts and fetches
 * (the station QR code is an SVG data: URL; three's loaders read embedded data: buffers).
 * No page may frame the hub (clickjacking the teacher's controls).
 */
import type { ServerResponse } from 'node:http'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' blob:",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  // For browsers that predate frame-ancestors.
  res.setHeader('X-Frame-Options', 'DENY')
}
