/**
 * The teacher's class view in real Chromium, on statements a station posted over real HTTP:
 * the stations' QR code, the mastery heatmap, the most-failed task, a student's timeline with the actual response,
 * the mastery chart, and the model fit on this class's answers.
 */
import { afterEach, expect, inject, it } from 'vitest'
import type { TaskRef, TutorEvent } from '../../src/core'
import type { StationConfig } from '../../src/shared/station'
import { buildAll } from '../../src/telemetry/builders'
import { nonBackgroundShare, openBrowser, within, type Session } from './browser'
import { currentJoinCode } from './app'

const baseURL = inject('baseURL')
const teacherKey = inject('teacherKey')
const sessions: Session[] = []
afterEach(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.foreignRequests).toEqual([])
    await s.close()
  }
})

const basic = (key: string) => `Basic ${Buffer.from(key).toString('base64')}`

async function hub(path: string, key: string, body: unknown): Promise<Response> {
  const res = await fetch(new URL(path, baseURL), {
    method: 'POST',
    headers: { Authorization: basic(key), 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' },
    body: JSON.stringify(body),
  })
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300)
  return res
}

/** A lesson as one station's tutor would report it: a sure start on whole numbers, then decimals go badly. */
function lesson(learner: string, start: number): TutorEvent[] {
  const at = (s: number) => ({ learner, at: start + s * 1000, sceneId: 'measure', sceneVersion: '1.0.0' })
  const whole = (seed: number): TaskRef => ({ id: `e2e/whole/${seed}`, skill: 'measure.whole-numbers', level: 1, kind: 'place', seed, prompt: `Move the block to ${seed} on the track` })
  // A task kind no other e2e file produces, failed often enough to top the class's list.
  const decimal = (seed: number): TaskRef => ({ id: `e2e/dec/${seed}`, skill: 'measure.decimals', level: 3, kind: 'place-hundredths', seed, prompt: `Move the block to ${seed / 100} on the track` })
  const answer = (s: number, task: TaskRef, response: string, correct: boolean, before: number, after: number, hintsUsed = 0): TutorEvent => ({
    ...at(s),
    type: 'attempt-assessed',
    task,
    scaffoldLevel: 1,
    response,
    correct,
    score: correct ? 1 : 0,
    evidence: [],
    feedback: '',
    durationMs: 9_000,
    hintsUsed,
    masteryBefore: before,
    masteryAfter: after,
  })
  const events: TutorEvent[] = [
    { ...at(0), type: 'session-started' },
    answer(10, whole(3), 'placed at 3', true, 0.3, 0.55),
    answer(20, whole(5), 'placed at 5', true, 0.55, 0.82),
    { ...at(21), type: 'level-changed', skill: 'measure.decimals', from: 2, to: 3 },
    { ...at(25), type: 'hint-requested', task: decimal(347), hintIndex: 0, scaffoldLevel: 1 },
  ]
  let mastery = 0.4
  for (let i = 0; i < 14; i++) {
    const correct = i % 5 === 4
    const next = correct ? mastery + 0.05 : mastery * 0.9
    events.push(answer(30 + i * 10, decimal(347 + i), i === 0 ? 'placed at 4.37' : `placed at ${(i / 10).toFixed(2)}`, correct, mastery, Number(next.toFixed(4)), i === 0 ? 1 : 0))
    mastery = Number(next.toFixed(4))
  }
  return events
}

it("shows the class heatmap, the most-failed task, a student's timeline and chart, and fits the model", async () => {
  // A student on the class list, and a station that reports their lesson over HTTP.
  const added = (await (await hub('api/roster', teacherKey, { displayName: 'Mary Jackson' })).json()) as { pseudonym: string }
  const joinCode = await currentJoinCode(baseURL, teacherKey)
  const join = await fetch(new URL('api/join', baseURL), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: joinCode, label: 'Station 12' }) })
  const station = (await join.json()) as StationConfig
  // The student signs in at the station (picked from the class list): only then may it report for them.
  await hub('api/signin', station.key, { pseudonym: added.pseudonym })
  const events = lesson(added.pseudonym, Date.now() - 10 * 60_000)
  const statements = buildAll(events, { homePage: station.homePage, registration: crypto.randomUUID(), stationId: station.stationId, version: '2.0.0' })
  await hub('xapi/statements', station.key, statements)
  // Later the same student lights a bulb at the Circuit Lab station.
  const light: TaskRef = { id: 'e2e/light/1', skill: 'circuits.closed-loop', level: 1, kind: 'build', seed: 1, prompt: 'Make the bulb light' }
  const circuitAt = (s: number) => ({ learner: added.pseudonym, at: Date.now() - 60_000 + s * 1000, sceneId: 'circuits', sceneVersion: '1.0.0' })
  const circuitRun: TutorEvent[] = [
    { ...circuitAt(0), type: 'session-started' },
    { ...circuitAt(30), type: 'attempt-assessed', task: light, scaffoldLevel: 0, response: 'battery, bulb, 2 wires', correct: true, score: 1, evidence: [], feedback: '', durationMs: 30_000, hintsUsed: 0, masteryBefore: 0.25, masteryAfter: 0.6 },
  ]
  const circuitContext = { homePage: station.homePage, registration: crypto.randomUUID(), stationId: station.stationId, sceneTitle: 'Circuit Lab', skillNames: { 'circuits.closed-loop': 'A closed loop' }, version: '2.0.0' as const }
  await hub('xapi/statements', station.key, buildAll(circuitRun, circuitContext))

  const teacher = await openBrowser(baseURL, { width: 1100, height: 900 })
  sessions.push(teacher)
  const { page } = teacher
  await page.goto(`${baseURL}#/teacher`)
  await page.getByLabel('Teacher key').fill(teacherKey)
  await page.getByRole('button', { name: 'Open the class view' }).click()

  // The stations' address with its join code, as text and as a QR code that loaded.
  await page.getByRole('tab', { name: 'Stations' }).click()
  const stationUrl = `${baseURL}#/station?join=${joinCode}`
  await expect.poll(() => page.getByRole('list', { name: 'Station addresses' }).textContent(), within).toBe(stationUrl)
  const qr = page.getByRole('img', { name: `QR code of ${stationUrl}` })
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), within).toBeGreaterThan(0)

  // Heatmap: the numbers are text, the colour is extra.
  await page.getByRole('tab', { name: 'Class' }).click()
  const row = page.getByRole('table', { name: 'Mastery by student and skill' }).locator(`tr[data-pseudonym="${added.pseudonym}"]`)
  await expect.poll(() => row.locator('th').textContent(), within).toBe('Mary Jackson')
  await expect(row.locator('td[data-skill="measure.whole-numbers"]').textContent()).resolves.toBe('82%')
  const finalDecimals = events.filter((e) => e.type === 'attempt-assessed').at(-1)!.masteryAfter
  await expect(row.locator('td[data-skill="measure.decimals"]').textContent()).resolves.toBe(`${Math.round(finalDecimals * 100)}%`)

  // Most-failed tasks: 12 of 14 hundredths answers were wrong.
  const worst = page.getByRole('table', { name: 'Most-failed tasks' }).locator('tbody tr').first()
  await expect(worst.textContent()).resolves.toContain('place-hundredths, level 3')
  await expect(worst.locator('td').allTextContents()).resolves.toEqual(['14', '12', '86%'])

  // The student's timeline: their actual response, the hint and the level change, in order.
  await page.getByLabel('Student', { exact: true }).selectOption(added.pseudonym)
  const timeline = page.getByRole('list', { name: 'Timeline of Mary Jackson' })
  // The timeline is fetched after the choice: wait for this entry before reading the list in order.
  await timeline.getByText('Answered "placed at 4.37": wrong; 1 hint used').waitFor(within)
  const entries = await timeline.locator('li').allTextContents()
  const wrong = entries.findIndex((text) => text.includes('Answered "placed at 4.37": wrong; 1 hint used'))
  expect(wrong).toBeGreaterThan(0)
  expect(wrong).toBeGreaterThan(entries.findIndex((text) => text.includes('Asked for hint 1')))
  expect(entries.findIndex((text) => text.includes('Level changed from 2 to 3'))).toBeGreaterThan(entries.findIndex((text) => text.includes('Answered "placed at 5": correct')))

  // The mastery chart is drawn (not a blank canvas) and says in words what it shows.
  const chart = page.getByRole('img', { name: /^Mastery over time for Mary Jackson/ })
  await expect(chart.getAttribute('aria-label')).resolves.toContain('measure.whole-numbers: from 30% to 82% over 2 answers')
  await expect.poll(async () => nonBackgroundShare(await chart.screenshot()), within).toBeGreaterThan(0.02)

  // The fit runs in a worker on this class's answers and shows four parameters per skill.
  await page.getByRole('button', { name: 'Fit the model to this class' }).click()
  const fitted = page.getByRole('table', { name: 'Fitted parameters per skill' }).locator('tr[data-skill="measure.decimals"] td')
  await fitted.first().waitFor({ timeout: 15_000 })
  const cells = (await fitted.allTextContents()).map(Number)
  for (const probability of cells.slice(0, 4)) {
    expect(probability).toBeGreaterThanOrEqual(0)
    expect(probability).toBeLessThanOrEqual(1)
  }
  expect(cells[4]).toBeGreaterThanOrEqual(14)

  // One lab at a time: only Circuit Lab's skills and tasks, and the earlier fit is gone with the old view.
  await page.getByLabel('Lab', { exact: true }).selectOption({ label: 'Circuit Lab' })
  await expect.poll(() => row.locator('td[data-skill="circuits.closed-loop"]').textContent(), within).toBe('60%')
  const skillsShown = await row.locator('td').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-skill')))
  expect(skillsShown.every((skill) => skill?.startsWith('circuits.'))).toBe(true)
  await expect(page.getByRole('table', { name: 'Mastery by student and skill' }).locator('th[title="circuits.closed-loop"]').textContent()).resolves.toBe('A closed loop')
  await expect(page.getByRole('table', { name: 'Median time per task' }).textContent()).resolves.not.toContain('place-hundredths')
  await expect(page.getByRole('table', { name: 'Fitted parameters per skill' }).count()).resolves.toBe(0)
})
