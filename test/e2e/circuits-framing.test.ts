/**
 * Circuit Lab on the desktop starts framed on the student's work (issue 14): the board, the tray
 * of parts on its left and the actions on its right are all in the picture, on a 1280x800
 * laptop and on Chromebook-sized screens, and the board is large and in the middle.
 */
import { afterEach, expect, inject, it } from 'vitest'
import { openBrowser, waitFrames, within, type Session } from './browser'
import { canvasRect, screenBoxes } from './app'
import circuits from '../../scenes/circuits'

const baseURL = inject('baseURL')
let session: Session

afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

it.each([
  [1280, 800],
  [1366, 768],
  [1024, 768],
])('at %sx%s the board, the tray and the actions are all in view, the board large and in the middle', async (width, height) => {
  session = await openBrowser(baseURL, { width, height })
  const { page } = session
  await session.context.addInitScript(() => {
    if (!localStorage.getItem('benchtop.profile')) localStorage.setItem('benchtop.profile', JSON.stringify({ state: { role: 'student', pseudonym: 'wide-finch-31' }, version: 1 }))
  })
  await page.goto(`${baseURL}?test&sequence=circuits.series@1&rung=0#/lab/circuits`)
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => window.__benchtop?.three?.scene.getObjectByName('tool-wire') != null, undefined, within)
  const task = await page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { task: unknown }).task)
  const attempt = circuits.referenceSolution(task as never)
  if (attempt.kind !== 'build') throw new Error(`the task is not a build task: ${attempt.kind}`)
  await page.evaluate((parts) => (window.__benchtop!.stores.circuits as unknown as { setState(s: unknown): void }).setState({ parts }), attempt.parts)
  const bodies = attempt.parts.filter((p) => p.kind !== 'wire').map((p) => p.id)
  await page.waitForFunction((names) => names.every((n) => window.__benchtop!.three!.scene.getObjectByName(n) != null), bodies, within)
  await waitFrames(page, 3)
  const trayCount = (task as { tray: unknown[] }).tray.length
  const names = ['board', 'tool-wire', ...Array.from({ length: trayCount }, (_, i) => `tool-${i}`), 'remove-button', 'hint-button', 'check-button', ...bodies]
  const canvas = await canvasRect(page)
  const boxes = await screenBoxes(page, names)
  // Every tray button but the wire's (tool-0 is the tray's wire, shown as tool-wire) and every action.
  expect(boxes.map((b) => b.name)).toEqual(expect.arrayContaining(['board', 'tool-wire', 'remove-button', 'hint-button', 'check-button', ...bodies]))
  const outside = boxes.filter((b) => b.left < canvas.left || b.right > canvas.right || b.top < canvas.top || b.bottom > canvas.bottom).map((b) => `${b.name} ${b.left.toFixed(0)}..${b.right.toFixed(0)} x ${b.top.toFixed(0)}..${b.bottom.toFixed(0)}`)
  expect(outside, `canvas ${canvas.left}..${canvas.right} x ${canvas.top}..${canvas.bottom}`).toEqual([])
  const board = boxes.find((b) => b.name === 'board')!
  // Large: the board is 0.54 m of the bench's 0.96 m from the tray's edge to the actions' edge.
  expect((board.right - board.left) / canvas.width).toBeGreaterThan(0.42)
  // In the middle: its centre within a tenth of the canvas's width and a fifth of its height of the canvas's centre.
  expect(Math.abs((board.left + board.right) / 2 - (canvas.left + canvas.right) / 2)).toBeLessThan(canvas.width / 10)
  expect(Math.abs((board.top + board.bottom) / 2 - (canvas.top + canvas.bottom) / 2)).toBeLessThan(canvas.height / 5)
  await page.screenshot({ path: `test-results/circuits-framing-${width}x${height}.png` })
})
