/**
 * A lab at rest asks three for no new shader: a material whose version moves every frame makes
 * the renderer look its program up again (its parameters and cache key) for every object that
 * uses it, every frame, which was a sixth of Projectile's frame time on the desktop. The cause
 * was the protractor's see-through double-sided ring, which three draws twice, back then front,
 * flagging the material for a new program both times. (That buttons and parts that look the same
 * are drawn in one call each is batches.test.ts.)
 */
import { afterEach, expect, inject, it } from 'vitest'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { skipToTaskKind } from './app'

const baseURL = inject('baseURL')
let session: Session

afterEach(async () => {
  await session.close()
})

/** Every material in the scene by object and material, with its version (three bumps it on needsUpdate). */
function materialVersions(page: Session['page']): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const versions: Record<string, number> = {}
    window.__benchtop!.three!.scene.traverse((o) => {
      const material = (o as unknown as { material?: { version: number; type: string; id: number } | { version: number; type: string; id: number }[] }).material
      for (const m of Array.isArray(material) ? material : material ? [material] : []) versions[`${o.name || o.type} / ${m.type} #${m.id}`] = m.version
    })
    return versions
  })
}

it.each([
  ['projectile', 'projectile.time-of-flight@1', 'compare-launches'],
  ['circuits', 'circuits.parallel@2', 'build'],
  ['measure', 'measure.whole-numbers@1', 'place'],
])('%s (%s, a %s task) at rest: no material is flagged for a new shader from one frame to the next', async (lab, sequence, kind) => {
  session = await openBrowser(baseURL)
  const { page } = session
  await session.context.addInitScript(() => localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'still-heron-31' }, version: 1 })))
  await page.goto(`${baseURL}?test&sequence=${sequence}&rung=0#/lab/${lab}`)
  await page.getByTestId('prompt').waitFor(within)
  await skipToTaskKind(page, kind)
  // Past the first frames, which compile shaders and make the room's reflections.
  await waitFrames(page, 30)
  const before = await materialVersions(page)
  await waitFrames(page, 20)
  const after = await materialVersions(page)
  const moved = Object.keys(after).filter((k) => k in before && after[k] !== before[k]).map((k) => `${k}: ${before[k]} -> ${after[k]}`)
  expect(Object.keys(before).length, 'materials found').toBeGreaterThan(5)
  expect(moved).toEqual([])
})
