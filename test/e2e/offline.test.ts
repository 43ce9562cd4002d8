/**
 * A classroom may have no internet: the production build must fetch nothing from any host but
 * its own, including the controller and hand models and fonts that XR libraries would take from a CDN.
 */
import { afterEach, beforeEach, expect, inject, it } from 'vitest'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { openMeasureLab } from './app'

const baseURL = inject('baseURL')
let session: Session
const ownRequests: string[] = []

beforeEach(async () => {
  session = await openBrowser(baseURL)
  ownRequests.length = 0
  session.page.on('request', (request) => ownRequests.push(request.url()))
})
afterEach(async () => {
  await session.close()
})

it('fetches nothing from other hosts: every page, a lab, and a VR session with controllers and hands', async () => {
  const { page } = session
  await page.goto(`${baseURL}#/teacher`)
  await page.getByRole('heading', { name: 'For teachers' }).waitFor(within)
  await openMeasureLab(page, baseURL, '?iwer=1')
  await page.getByTestId('enter-vr').click()
  await page.waitForFunction(() =>
    (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: { type: string }[] }).inputSourceStates.some((s) => s.type === 'controller'), undefined, within,
  )
  await page.evaluate(() => {
    ;(window.__benchtop!.device as { primaryInputMode: string }).primaryInputMode = 'hand'
  })
  await page.waitForFunction(() =>
    (window.__benchtop!.stores.xr!.getState() as { inputSourceStates: { type: string }[] }).inputSourceStates.some((s) => s.type === 'hand'), undefined, within,
  )
  // The hand and controller models load after the input sources appear.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /generic-hand\/right\.glb$/.test(r.name)), undefined, within)
  await waitFrames(page, 5)

  expect(session.foreignRequests).toEqual([])
  const origin = new URL(baseURL).origin
  expect(ownRequests.filter((url) => url.includes('/xr-profiles/')).every((url) => url.startsWith(origin))).toBe(true)
  expect(ownRequests.some((url) => /xr-profiles\/meta-quest-touch-plus\/profile\.json$/.test(url))).toBe(true)
  expect(ownRequests.some((url) => /\.woff2?$/.test(url))).toBe(true)
})

it('would notice a request to another host (the check itself works)', async () => {
  const { page } = session
  await page.goto(`${baseURL}#/`)
  await page.evaluate(() => fetch('https://cdn.example.invalid/font.woff').catch(() => undefined))
  // The hub's Content-Security-Policy (connect-src 'self') stops it in the browser, and the
  // session records the violation; a request that got past the policy would be in foreignRequests.
  session.expectedCsp.push(/cdn\.example\.invalid/)
  await expect.poll(() => session.cspViolations.some((v) => v.includes('cdn.example.invalid')), within).toBe(true)
  expect(session.foreignRequests).toEqual([])
})
