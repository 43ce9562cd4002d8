/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags that
 * work as root with no network, SwiftShader for WebGL, and a fresh profile per launch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.BENCHTOP_CHROMIUM ?? '/usr/bin/chromium'

const FLAGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
]

/**
 * How long a test waits for the state that an action must produce, or for a page to load: long
 * enough for CI's two loaded cores rendering WebGL in software, and then it fails. No test sleeps
 * or presses again instead.
 */
export const STATE_TIMEOUT_MS = 20_000
export const within = { timeout: STATE_TIMEOUT_MS }
/**
 * A whole lesson step in the emulated headset (set up the task, enter VR, a dozen aimed presses,
 * each waited for) runs past the default minute on two loaded cores; each wait in it stays bounded.
 */
export const XR_SCENE_TIMEOUT_MS = 150_000

export interface Session {
  browser: Browser
  context: BrowserContext
  page: Page
  /** Every request the page made to a host other than its own. Must stay empty. */
  foreignRequests: string[]
  /** Everything the hub's Content-Security-Policy blocked, in pages and their workers. close() fails if any. */
  cspViolations: string[]
  /** Violations a test provokes on purpose, which the closing check does not report. */
  expectedCsp: RegExp[]
  close(): Promise<void>
}

export async function openBrowser(baseURL: string, viewport = { width: 640, height: 400 }, options: { hasTouch?: boolean } = {}): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run the README's test command, which installs Debian's chromium`)
  const profile = mkdtempSync(join(tmpdir(), 'benchtop-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    hasTouch: options.hasTouch ?? false,
  })
  const browser = context.browser()!
  const page = context.pages()[0] ?? (await context.newPage())
  const own = new URL(baseURL).host
  const foreignRequests: string[] = []
  // Record, then refuse: a classroom may have no internet, so nothing may depend on it.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== own) {
      foreignRequests.push(url.href)
      return route.abort('blockedbyclient')
    }
    return route.continue()
  })
  page.on('pageerror', (error) => console.error('page error:', error.message))
  // The hub's CSP must not block anything the app does: a blocked worker or script can fail silently.
  const cspViolations: string[] = []
  const expectedCsp: RegExp[] = []
  await context.exposeBinding('__benchtopCspViolation', (_source, text: string) => void cspViolations.push(text))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __benchtopCspViolation(text: string): Promise<void> }).__benchtopCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  const watchConsole = (message: { text(): string }) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  }
  const watchPage = (p: Page) => {
    p.on('console', watchConsole)
    p.on('worker', (worker) => worker.on('console', watchConsole))
  }
  watchPage(page)
  context.on('page', watchPage)
  return {
    browser,
    context,
    page,
    foreignRequests,
    cspViolations,
    expectedCsp,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
      const unexpected = cspViolations.filter((v) => !expectedCsp.some((p) => p.test(v)))
      if (unexpected.length) throw new Error(`The hub's Content-Security-Policy blocked what the app needs:\n  ${[...new Set(unexpected)].join('\n  ')}`)
    },
  }
}

/** Waits until the app has rendered `count` more frames (never a sleep). */
export async function waitFrames(page: Page, count: number): Promise<void> {
  const start = await page.evaluate(() => window.__benchtop?.frames ?? 0)
  await page.waitForFunction((target) => (window.__benchtop?.frames ?? 0) >= target, start + count, { polling: 'raf', ...within })
}

/** Share of pixels that differ from the most common colour: ~0 for a blank page. */
export function nonBackgroundShare(png: Buffer): number {
  const image = PNG.sync.read(png)
  const counts = new Map<number, number>()
  const { data } = image
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const total = data.length / 4
  const background = Math.max(...counts.values())
  return (total - background) / total
}

/** Distinct colours in a PNG region: a rendered 3D scene has many, an empty canvas one. */
export function distinctColours(png: Buffer): number {
  const image = PNG.sync.read(png)
  const seen = new Set<number>()
  for (let i = 0; i < image.data.length; i += 4) seen.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!)
  return seen.size
}

/** Draw calls of the eye pass of the next frame (the shadow pass, redrawn only when something moved, left out). */
export function eyePassCalls(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        const gl = window.__benchtop!.three!.gl
        const render = gl.render
        let shadowCalls = 0
        const shadowRender = gl.shadowMap.render
        gl.shadowMap.render = function (...a: Parameters<typeof shadowRender>) {
          shadowRender.apply(this, a)
          shadowCalls = gl.info.render.calls
        }
        gl.render = function (...a: Parameters<typeof render>) {
          render.apply(this, a)
          // Another scene's render in the same frame (one counted 3 calls once) is not the lab's frame.
          if (a[0] !== window.__benchtop!.three!.scene) return
          gl.render = render
          gl.shadowMap.render = shadowRender
          done(gl.info.render.calls - shadowCalls)
        }
      }),
  )
}
