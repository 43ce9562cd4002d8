/**
 * The teacher's class view in real Chromium: a scripted station run shows up on the grid live,
 * a struggle alert appears with its reason, and an export downloads and parses.
 */
import { readFileSync } from 'node:fs'
import { afterEach, expect, inject, it } from 'vitest'
import { openBrowser, within, type Session } from './browser'
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

it('shows a station run live, raises an alert with its reason, and exports attempts as CSV', async () => {
  const teacher = await openBrowser(baseURL, { width: 1000, height: 700 })
  sessions.push(teacher)
  await teacher.page.goto(`${baseURL}#/teacher`)
  await teacher.page.getByLabel('Teacher key').fill(teacherKey)
  await teacher.page.getByRole('button', { name: 'Open the class view' }).click()
  await teacher.page.getByRole('heading', { name: 'Your class, live' }).waitFor(within)
  await teacher.page.getByRole('tab', { name: 'Students' }).click()
  await teacher.page.getByLabel('Add a student (the name stays on this hub)').fill('Katherine Johnson')
  await teacher.page.getByRole('button', { name: 'Add' }).click()
  const pseudonym = (await teacher.page.locator('table[aria-label="Class list"] tr', { hasText: 'Katherine Johnson' }).locator('td').nth(1).textContent())!
  expect(pseudonym).toMatch(/^[a-z]+-[a-z]+-\d+$/)

  const station = await openBrowser(baseURL)
  sessions.push(station)
  const { page } = station
  await page.goto(`${baseURL}?test#/station?join=${await currentJoinCode(baseURL, teacherKey)}`)
  await page.getByLabel('Station name').fill('Station 7')
  await page.getByRole('button', { name: 'Join' }).click()
  await page.getByRole('button', { name: pseudonym }).click()
  await page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await page.getByTestId('prompt').waitFor(within)
  await page.waitForFunction(() => window.__benchtop?.telemetryQueue != null, undefined, within)

  // A correct answer: the teacher's grid shows the student, their lab and mastery.
  const target = Number(/to ([\d.]+) on the track/.exec((await page.getByTestId('prompt').textContent()) ?? '')?.[1])
  await page.getByLabel('Type a position').fill(String(target))
  const answeredAt = Date.now()
  await page.getByTestId('check').click()
  await teacher.page.getByRole('tab', { name: 'Live' }).click()
  const row = teacher.page.getByRole('table', { name: 'Students' }).locator(`tr[data-pseudonym="${pseudonym}"]`)
  await row.filter({ hasText: 'measure' }).waitFor(within)
  await expect.poll(() => row.locator('[data-skill="measure.whole-numbers"]').textContent(), within).toMatch(/^whole-numbers\d+%$/)
  console.log(`dashboard: attempt to teacher's screen in ${Date.now() - answeredAt} ms, station queue batching included`)
  await expect(row.textContent()).resolves.toContain('Katherine Johnson')
  await expect(row.textContent()).resolves.toContain('Station 7')

  // Rapid wrong guesses: the tutor raises an alert, and the teacher sees why.
  for (let i = 0; i < 4; i++) {
    await page.getByTestId('next').click()
    await page.getByLabel('Type a position').fill('0')
    await page.getByTestId('check').click()
  }
  await row.locator('[data-alert]').first().waitFor({ timeout: 15_000 })
  await expect(row.getAttribute('data-status')).resolves.toBe('stuck')
  const reason = await row.locator('[data-alert]').first().textContent()
  expect(reason!.length).toBeGreaterThan(10)

  // Once the station's queue is empty, the export holds all five answers.
  await page.waitForFunction(() => (window.__benchtop!.stores.telemetry!.getState() as { waiting: number }).waiting === 0, undefined, within)
  await teacher.page.getByRole('tab', { name: 'Students' }).click()
  const download = async (button: string) => {
    const [file] = await Promise.all([teacher.page.waitForEvent('download', within), teacher.page.getByRole('button', { name: button }).click()])
    return readFileSync((await file.path())!, 'utf8').trim().split('\n')
  }
  const exportedAnswers = async () => {
    const csv = await download('Download attempts (CSV, lab names only)')
    expect(csv[0]).toBe('timestamp,pseudonym,station,scene,skill,task,level,response,correct,mastery_after')
    // The pseudonym column exactly, not a substring of another student's.
    return csv.slice(1).filter((line) => line.split(',')[1] === pseudonym)
  }
  await expect.poll(async () => (await exportedAnswers()).length, within).toBe(5)
  const mine = await exportedAnswers()
  // The attempts export names no one; stations go by the label the station was given.
  expect(mine.join('\n')).not.toContain('Katherine')
  expect(mine[0]).toContain(',Station 7,measure,')
  expect(mine.some((line) => line.includes(',placed at 0,'))).toBe(true)
  // Names leave the hub only in the explicit class-list export.
  const classList = await download('Download the class list (names and codes, CSV)')
  expect(classList[0]).toBe('name,lab_name,code')
  expect(classList.find((line) => line.startsWith('Katherine Johnson,'))).toMatch(new RegExp(`^Katherine Johnson,${pseudonym},\\w+$`))
})
