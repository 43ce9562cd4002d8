/**
 * Projectile's compare tasks name their launchers "Launch A" and "Launch B" (issue 14): as the
 * student sees them on a Chromebook-sized desktop, neither label runs into a launcher's angle readout (its own
 * or the other lane's) nor into the other label, and both are in the picture, at the page's usual
 * text size and at 200%.
 */
import { afterEach, expect, inject, it } from 'vitest'
import { openBrowser, within, type Session } from './browser'
import { canvasRect, overlapping, screenTexts, skipToTaskKind } from './app'

const baseURL = inject('baseURL')
let session: Session

afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

it.each([1, 2])('at text size %sx the lane labels and the angle readouts stand apart', async (textScale) => {
  session = await openBrowser(baseURL, { width: 1024, height: 768 })
  const { page } = session
  await session.context.addInitScript((textScale) => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'calm-ibis-52' }, version: 1 }))
    if (!localStorage.getItem('benchtop.settings')) localStorage.setItem('benchtop.settings', JSON.stringify({ state: { textScale }, version: 1 }))
  }, textScale)
  await page.goto(`${baseURL}?test&sequence=projectile.time-of-flight@1&rung=0#/lab/projectile`)
  await page.getByTestId('prompt').waitFor(within)
  await skipToTaskKind(page, 'compare-launches')
  // Both labels and both readouts have laid out their letters (troika works off the main thread).
  await expect
    .poll(async () => (await screenTexts(page, 'projectile-scene')).filter((t) => /^Launch [AB]$|°$/.test(t.text)).length, within)
    .toBe(4)
  const texts = (await screenTexts(page, 'projectile-scene')).filter((t) => /^Launch [AB]$|°$/.test(t.text))
  expect(overlapping(texts)).toEqual([])
  // And the camera starts with both labels in the picture.
  const canvas = await canvasRect(page)
  const cut = texts.filter((t) => t.left < canvas.left || t.right > canvas.right || t.top < canvas.top || t.bottom > canvas.bottom).map((t) => t.text)
  expect(cut).toEqual([])
})
