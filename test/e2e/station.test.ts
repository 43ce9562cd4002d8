/**
 * Station rotation with the hub: a device joins with the code, a student signs in from the
 * class list, works, and their learner model follows them to another station.
 */
import { afterEach, expect, inject, it } from 'vitest'
import { openBrowser, type Session } from './browser'

const baseURL = inject('baseURL')
const teacherKey = inject('teacherKey')
const joinCode = inject('joinCode')
const sessions: Session[] = []

afterEach(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.foreignRequests).toEqual([])
    await s.close()
  }
})

async function station(label: string) {
  const s = await openBrowser(baseURL)
  sessions.push(s)
  await s.page.goto(`${baseURL}?test#/station?join=${joinCode}`)
  await s.page.getByLabel('Station name').fill(label)
  await s.page.getByRole('button', { name: 'Join' }).click()
  return s
}

const mastery = (s: Session) =>
  s.page.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { mastery: Record<string, number> }).mastery['measure.whole-numbers'])

it('joins, signs a student in from the class list, and their progress follows them to another station', async () => {
  const added = await fetch(new URL('api/roster', baseURL), {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ displayName: 'Grace Hopper' }),
  })
  const { pseudonym } = (await added.json()) as { pseudonym: string }

  const first = await station('Station A')
  await first.page.getByRole('button', { name: pseudonym }).click()
  // The class list at a station never shows names.
  await expect(first.page.content()).resolves.not.toContain('Grace')
  await first.page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await first.page.getByTestId('prompt').waitFor()
  const target = Number(/to ([\d.]+) on the track/.exec((await first.page.getByTestId('prompt').textContent()) ?? '')?.[1])
  await first.page.getByLabel('Type a position').fill(String(target))
  await first.page.getByTestId('check').click()
  await first.page.getByTestId('feedback').locator('.good').waitFor()
  const after = await mastery(first)
  const before = await first.page.evaluate(() => {
    const events = (window.__benchtop!.stores.lab!.getState() as { events: { type: string; masteryBefore?: number }[] }).events
    return events.find((e) => e.type === 'attempt-assessed')?.masteryBefore
  })
  expect(after).toBeGreaterThan(before!)
  // Next student: the station forgets who was there, and the hub hears that the run was suspended.
  await first.page.getByRole('button', { name: 'Next student' }).click()
  await first.page.getByRole('heading', { name: /Who is at Station A/ }).waitFor()
  const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: pseudonym } }))
  const verbs = async () => {
    const res = await fetch(new URL(`xapi/statements?agent=${agent}&limit=0`, baseURL), {
      headers: { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}`, 'X-Experience-API-Version': '2.0.0' },
    })
    return ((await res.json()) as { statements: { verb: { id: string } }[] }).statements.map((s) => s.verb.id.split('/').at(-1))
  }
  await expect.poll(verbs, { timeout: 10_000 }).toContain('suspended')

  const second = await station('Station B')
  await second.page.getByRole('button', { name: pseudonym }).click()
  await second.page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await second.page.getByTestId('prompt').waitFor()
  await second.page.waitForFunction(() => window.__benchtop?.stores.lab != null)
  await expect.poll(() => mastery(second)).toBeCloseTo(after!, 9)
})

it('refuses a wrong join code with a message that says what to check', async () => {
  const s = await openBrowser(baseURL)
  sessions.push(s)
  await s.page.goto(`${baseURL}#/station?join=WRONG1`)
  await s.page.getByRole('button', { name: 'Join' }).click()
  await expect(s.page.getByRole('alert').textContent()).resolves.toMatch(/join code/)
})
