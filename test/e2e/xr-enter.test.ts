/**
 * Entering VR while the lab still loads: the Enter VR button waits for the lab's 3D view, says so,
 * and then one press enters. Before, a press before the view had loaded did nothing at all (the XR
 * store was not yet connected to three.js, and the error went unseen).
 */
import { afterEach, expect, inject, it } from 'vitest'
import { openBrowser, within, type Session } from './browser'

const baseURL = inject('baseURL')
let session: Session

afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

it('Enter VR is disabled and says it is loading until the lab can enter VR, then one press enters', async () => {
  session = await openBrowser(baseURL, { width: 800, height: 500 })
  const { page } = session
  await session.context.addInitScript(() => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'early-otter-31' }, version: 1 }))
  })
  // Hold the Measure lab's view module: the page and its header are up, the 3D view is not.
  let release!: () => void
  const held = new Promise<void>((done) => (release = done))
  await page.route(/\/assets\/MeasureView-[^/]*\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto(`${baseURL}?iwer=1#/lab/measure`)
  const button = page.getByTestId('enter-vr')
  await expect.poll(() => button.textContent(), within).toBe('Enter VR (loading…)')
  expect(await button.isDisabled()).toBe(true)
  release()
  await expect.poll(() => button.textContent(), within).toBe('Enter VR')
  await button.click()
  await page.waitForFunction(() => (window.__benchtop!.stores.xr!.getState() as { session: unknown }).session != null, undefined, within)
  await expect.poll(() => page.getByTestId('exit-vr').isVisible(), within).toBe(true)
})
