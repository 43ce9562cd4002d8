import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaticHandler } from '../../src/hub/static'

let server: Server
let port: number
const root = mkdtempSync(join(tmpdir(), 'benchtop-static-'))

/** Raw HTTP so that paths reach the server exactly as written (no client-side normalisation). */
function get(path: string, method = 'GET'): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, body, type: res.headers['content-type'] }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  mkdirSync(join(root, 'app', 'assets'), { recursive: true })
  writeFileSync(join(root, 'app', 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(root, 'app', 'assets', 'main-abcdef12.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'do not serve')
  // Links inside the app folder: two that lead out of it, one that stays inside.
  symlinkSync(join(root, 'secret.txt'), join(root, 'app', 'leak.txt'))
  symlinkSync(root, join(root, 'app', 'outside'))
  symlinkSync(join(root, 'app', 'assets', 'main-abcdef12.js'), join(root, 'app', 'alias-abcdef12.js'))
  const serve = createStaticHandler(join(root, 'app'))
  server = createServer((req, res) => void serve(req, res))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

describe('serving the built app over real HTTP', () => {
  it('serves files with their types, and app routes as index.html', async () => {
    expect(await get('/assets/main-abcdef12.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' })
    expect(await get('/')).toMatchObject({ status: 200, body: '<!doctype html><title>app</title>' })
    expect(await get('/teacher')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' })
    expect(await get('/missing.js')).toMatchObject({ status: 404 })
  })

  it('never serves anything outside its folder, however the path is written', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%2fsecret.txt']) {
      const res = await get(path)
      expect(res.body, path).not.toContain('do not serve')
    }
    expect((await get('/%00')).status).toBe(400)
    expect((await get('/%E0%A4%A')).status).toBe(400)
  })

  it('never follows a symbolic link out of its folder, and still serves one that stays inside', async () => {
    for (const path of ['/leak.txt', '/outside/secret.txt']) {
      const res = await get(path)
      expect(res.body, path).not.toContain('do not serve')
      expect(res.status, path).toBe(403)
    }
    expect(await get('/alias-abcdef12.js')).toMatchObject({ status: 200, body: 'console.log(1)' })
  })

  it('refuses writes', async () => {
    expect((await get('/', 'POST')).status).toBe(405)
  })
})
