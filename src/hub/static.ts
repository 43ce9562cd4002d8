/**
 * Serves the built app (dist/) to stations. Node only. Refuses anything outside the root,
 * whatever the URL says or a symbolic link inside it points to, and falls back to index.html
 * for the app's own routes.
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

export function createStaticHandler(rootDir: string) {
  const root = resolve(rootDir)
  return async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n')
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the path is not valid URL encoding\n')
      return
    }
    if (pathname.includes('\0')) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: NUL in path\n')
      return
    }
    const file = normalize(join(root, pathname))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden: outside the app folder\n')
      return
    }
    let target = file
    let info = await stat(target).catch(() => null)
    if (info?.isDirectory()) {
      target = join(target, 'index.html')
      info = await stat(target).catch(() => null)
    }
    if (!info?.isFile()) {
      // Unknown paths with an extension are real 404s; others are app routes.
      if (extname(pathname)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n')
        return
      }
      target = join(root, 'index.html')
      info = await stat(target).catch(() => null)
      if (!info?.isFile()) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The app is not built yet: run npm run build\n')
        return
      }
    }
    // A link inside dist/ may point anywhere on the laptop: serve only what really lies inside.
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]).catch(() => [root, ''])
    if (!realTarget.startsWith(realRoot + sep)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden: outside the app folder\n')
      return
    }
    target = realTarget
    const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2?)$/.test(target)
    res.writeHead(200, {
      'Content-Type': MIME[extname(target).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(target).pipe(res)
  }
}
