/**
 * The lab page around the 3D view, as a student on a 1280x800 laptop meets it (issue 14): Check
 * in view without scrolling, Settings over the lab, the scene's buttons inside the canvas at 200%
 * text, focus on the lab when it opens by keyboard, a main landmark, links that pass WCAG AA,
 * the prompt shown once, and the goal line that does not send the student to a mastered skill.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { skipToTaskKind } from './app'

const PSEUDONYM = 'tidy-heron-40'
const baseURL = inject('baseURL')
const LAPTOP = { width: 1280, height: 800 }
const LABS = ['measure', 'projectile', 'circuits'] as const
let session: Session
let page: Page

beforeEach(async () => {
  session = await openBrowser(baseURL, LAPTOP)
  page = session.page
})
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

/** A signed-in student with the given text size (the app's own stored settings). */
async function student(options: { textScale?: number } = {}) {
  await session.context.addInitScript(
    ({ pseudonym, textScale }) => {
      if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym }, version: 1 }))
      if (textScale && !localStorage.getItem('benchtop.settings')) localStorage.setItem('benchtop.settings', JSON.stringify({ state: { textScale }, version: 1 }))
    },
    { pseudonym: PSEUDONYM, textScale: options.textScale },
  )
}

async function openLab(lab: string, query = '?test') {
  await page.goto(`${baseURL}${query}#/lab/${lab}`)
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => (window.__benchtop?.three?.scene.children.length ?? 0) > 0, undefined, within)
  await page.getByTestId('check').waitFor(within)
  await waitFrames(page, 3)
}

/** WCAG 2.x relative luminance and contrast ratio, from the formula (not from the app's palette). */
function contrast(fg: [number, number, number], bg: [number, number, number]): number {
  const luminance = (rgb: [number, number, number]) => {
    const [r, g, b] = rgb.map((c) => {
      const s = c / 255
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const [a, b] = [luminance(fg), luminance(bg)]
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}

/** Every visible link-styled control's text colour and the first opaque background behind it. */
function linkColours(page: Page) {
  return page.evaluate(() => {
    const rgb = (css: string) => {
      const m = css.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/)
      if (!m) throw new Error(`unreadable colour ${css}`)
      return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number], alpha: m[4] === undefined ? 1 : Number(m[4]) }
    }
    return [...document.querySelectorAll<HTMLElement>('a, button.link')]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().left >= 0)
      .map((el) => {
        let bg: [number, number, number] = [255, 255, 255]
        for (let node: HTMLElement | null = el; node; node = node.parentElement) {
          const c = rgb(getComputedStyle(node).backgroundColor)
          if (c.alpha === 1) {
            bg = c.rgb
            break
          }
        }
        return { text: el.textContent!.trim(), fg: rgb(getComputedStyle(el).color).rgb, bg }
      })
  })
}

describe('on a 1280x800 laptop', () => {
  for (const lab of LABS) {
    it(`${lab}: Check is in view without scrolling, beside the canvas, for a new student and after the placement`, async () => {
      await student()
      await openLab(lab)
      const inView = async () => {
        const check = (await page.getByTestId('check').boundingBox())!
        const scrolled = await page.evaluate(() => ({ panel: document.querySelector('.lab-panel')!.scrollTop, window: scrollY }))
        return { bottom: check.y + check.height, ...scrolled }
      }
      const first = await inView()
      expect(first.panel).toBe(0)
      expect(first.window).toBe(0)
      expect(first.bottom).toBeLessThanOrEqual(LAPTOP.height)
      await page.getByTestId('skip-placement').click()
      await page.getByTestId('skip-placement').waitFor({ state: 'detached', ...within })
      expect((await inView()).bottom).toBeLessThanOrEqual(LAPTOP.height)
    })
  }

  // Every task kind, with the most support the tutor gives (rung 0: worked step, formula card...).
  const KINDS: [lab: string, sequence: string, kind: string][] = [
    ['projectile', 'projectile.velocity-components@1', 'compute-quantity'],
    ['projectile', 'projectile.angle-range@1', 'hit-target'],
    ['projectile', 'projectile.range@1', 'predict-landing'],
    ['projectile', 'projectile.time-of-flight@1', 'compare-launches'],
    ['projectile', 'projectile.experiment-design@1', 'design-experiment'],
    ['circuits', 'circuits.ohms-law@1', 'compute'],
    ['circuits', 'circuits.brightness-power@1', 'choose'],
    ['circuits', 'circuits.meters@1', 'measure'],
  ]
  for (const [lab, sequence, kind] of KINDS) {
    it(`${lab} ${kind} with the most support: Check stays in view`, async () => {
      await student()
      await openLab(lab, `?test&sequence=${sequence}&rung=0`)
      await skipToTaskKind(page, kind)
      await waitFrames(page, 2)
      const check = (await page.getByTestId('check').boundingBox())!
      expect(check.y + check.height).toBeLessThanOrEqual(LAPTOP.height)
      await expect(page.evaluate(() => document.querySelector('.lab-panel')!.scrollTop)).resolves.toBe(0)
    })
  }

  it('Settings opens over the lab: the canvas does not move, and the sheet is on top of it', async () => {
    await student()
    await openLab('measure')
    const stage = () => page.locator('.stage').boundingBox()
    const before = (await stage())!
    await page.getByText('Settings').first().click()
    const sheet = page.getByRole('group', { name: 'Comfort and access' })
    await sheet.waitFor(within)
    expect(await stage()).toEqual(before)
    const box = (await sheet.boundingBox())!
    // The sheet covers part of the stage, and what is drawn there is the sheet, not the canvas.
    expect(box.y).toBeLessThan(before.y + before.height)
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.settings') != null, { x: box.x + box.width / 2, y: box.y + box.height - 4 })
    expect(onTop).toBe(true)
    await page.getByLabel('High contrast').check()
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'hidden', ...within })
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Settings')
    // A press on the lab folds it away as well.
    await page.getByText('Settings').first().click()
    await sheet.waitFor(within)
    await page.mouse.click(before.x + before.width / 3, before.y + before.height / 2)
    await sheet.waitFor({ state: 'hidden', ...within })
  })

  it('the lab body is the main landmark, holding the 3D view and the task panel', async () => {
    await student()
    await openLab('measure')
    await expect(page.getByRole('main').count()).resolves.toBe(1)
    const main = page.getByRole('main')
    await expect(main.getByRole('region', { name: '3D view of the lab' }).count()).resolves.toBe(1)
    await expect(main.getByTestId('check').count()).resolves.toBe(1)
  })

  it('opening a lab by keyboard puts focus on the lab, not back on the page', async () => {
    await student()
    await page.goto(`${baseURL}?test#/student`)
    const open = page.getByRole('button', { name: 'Open Measure & Place' })
    await open.waitFor(within)
    await open.focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('prompt').waitFor(within)
    await expect
      .poll(() => page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent })), within)
      .toEqual({ tag: 'H1', text: 'Measure & Place' })
    // The next Tab goes on through the lab, from its heading.
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement!.closest('.lab') != null)).resolves.toBe(true)
  })

  it('links on the lab list and the lab page pass WCAG AA (4.5:1 for their text)', async () => {
    await student()
    await page.goto(`${baseURL}?test#/student`)
    await page.getByRole('button', { name: 'Open Measure & Place' }).waitFor(within)
    const onList = await linkColours(page)
    await openLab('measure')
    const onLab = await linkColours(page)
    const all = [...onList, ...onLab]
    expect(all.map((l) => l.text)).toEqual(expect.arrayContaining(['Benchtop', 'Not you?', '← All labs']))
    const failing = all.map((l) => ({ link: l.text, ratio: Number(contrast(l.fg, l.bg).toFixed(2)) })).filter((l) => l.ratio < 4.5)
    expect(failing).toEqual([])
  })
})

describe('at 200% text', () => {
  for (const lab of LABS) {
    it(`${lab}: every button the scene puts on the table lies inside the canvas`, async () => {
      await student({ textScale: 2 })
      await openLab(lab)
      await expect(page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).resolves.toBe('32px')
      // The scene's buttons come with its view module, which can arrive after the task panel.
      await page.waitForFunction(() => {
        let found = false
        window.__benchtop?.three?.scene.traverse((o) => {
          if (/^(hint|check|launch|remove)-button$|^tool-\d+$/.test(o.name)) found = true
        })
        return found
      }, undefined, within)
      // And the camera framed on the task (a scene's focus moves it once it mounts).
      await waitFrames(page, 3)
      const outside = await page.evaluate(() => {
        const { scene, camera, gl } = window.__benchtop!.three!
        const rect = gl.domElement.getBoundingClientRect()
        const shown = (o: { visible: boolean; parent: unknown }) => {
          for (let n: { visible: boolean; parent: unknown } | null = o; n; n = n.parent as typeof n) if (!n.visible) return false
          return true
        }
        const found: { name: string; out: string[] }[] = []
        scene.traverse((o) => {
          if (!/^(hint|check|launch|remove)-button$|^tool-\d+$/.test(o.name) || !shown(o)) return
          const mesh = o as unknown as { geometry: { computeBoundingBox(): void; boundingBox: { min: { x: number; y: number; z: number }; max: { x: number; y: number; z: number } } } }
          mesh.geometry.computeBoundingBox()
          const { min, max } = mesh.geometry.boundingBox
          const out: string[] = []
          for (const x of [min.x, max.x])
            for (const y of [min.y, max.y])
              for (const z of [min.z, max.z]) {
                const p = o.localToWorld(o.position.clone().set(x, y, z)).project(camera)
                const sx = rect.left + ((p.x + 1) / 2) * rect.width
                const sy = rect.top + ((1 - p.y) / 2) * rect.height
                if (sx < rect.left || sx > rect.right || sy < rect.top || sy > rect.bottom) out.push(`${sx.toFixed(0)},${sy.toFixed(0)}`)
              }
          found.push({ name: o.name, out })
        })
        return found
      })
      expect(outside.length).toBeGreaterThan(0)
      for (const button of outside) expect(button).toEqual({ name: button.name, out: [] })
    })
  }
})

describe('what the panel says', () => {
  it('projectile: the task prompt is shown once on the page', async () => {
    await student()
    await openLab('projectile', '?test&sequence=projectile.velocity-components@1')
    const prompt = (await page.getByTestId('prompt').textContent())!
    const shown = await page.evaluate(() => {
      // What a sighted student reads: visible text, not the screen-reader-only description.
      const hidden = [...document.querySelectorAll<HTMLElement>('.sr-only')]
      hidden.forEach((el) => (el.style.display = 'none'))
      const text = document.querySelector<HTMLElement>('.lab')!.innerText
      hidden.forEach((el) => (el.style.display = ''))
      return text
    })
    expect(shown.split(prompt).length - 1).toBe(1)
  })

  it('a goal whose next step is a mastered skill does not say "On the way" to it', async () => {
    await student()
    await openLab('measure')
    await page.getByTestId('skip-placement').click()
    await page.getByTestId('skip-placement').waitFor({ state: 'detached', ...within })
    // The saved progress of a student who mastered whole numbers (the tutor's own save, edited as a later session would find it).
    await page.waitForFunction((key) => localStorage.getItem(key) != null, `benchtop.learner.${PSEUDONYM}.measure`, within)
    await page.evaluate((key) => {
      const saved = JSON.parse(localStorage.getItem(key)!) as { skills: Record<string, { pMastery: number; mastered: boolean; unlocked: boolean; level: number }> }
      Object.assign(saved.skills['measure.whole-numbers']!, { pMastery: 0.99, mastered: true, level: 5 })
      Object.assign(saved.skills['measure.decimals']!, { unlocked: true })
      localStorage.setItem(key, JSON.stringify(saved))
    }, `benchtop.learner.${PSEUDONYM}.measure`)
    await page.reload()
    await page.getByTestId('prompt').waitFor(within)
    await page.locator('li[data-skill="measure.whole-numbers"]', { hasText: 'mastered' }).waitFor(within)
    await page.getByRole('button', { name: 'Make Halves and tenths on a scale my goal' }).click()
    const goal = page.getByTestId('goal')
    await expect.poll(() => goal.textContent(), within).toContain('Your goal: Halves and tenths on a scale')
    // The student chooses to practise the mastered skill again.
    await page.locator('li[data-skill="measure.whole-numbers"]').getByRole('button', { name: 'Practise' }).click()
    await expect.poll(() => page.locator('li[data-skill="measure.whole-numbers"] .now').count(), within).toBe(1)
    await expect(goal.textContent()).resolves.not.toContain('On the way')
  })
})
