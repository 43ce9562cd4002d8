/**
 * Station rotation with the hub: a device joins with the code, a student signs in from the
 * class list, works, and their learner model follows them to another station.
 */
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

async function station(label: string) {
  const s = await openBrowser(baseURL)
  sessions.push(s)
  await s.page.goto(`${baseURL}?test#/station?join=${await currentJoinCode(baseURL, teacherKey)}`)
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
  await first.page.getByTestId('prompt').waitFor(within)
  const target = Number(/to ([\d.]+) on the track/.exec((await first.page.getByTestId('prompt').textContent()) ?? '')?.[1])
  await first.page.getByLabel('Type a position').fill(String(target))
  await first.page.getByTestId('check').click()
  await first.page.getByTestId('feedback').locator('.good').waitFor(within)
  const after = await mastery(first)
  const before = await first.page.evaluate(() => {
    const events = (window.__benchtop!.stores.lab!.getState() as { events: { type: string; masteryBefore?: number }[] }).events
    return events.find((e) => e.type === 'attempt-assessed')?.masteryBefore
  })
  expect(after).toBeGreaterThan(before!)
  // Next student: the station forgets who was there, and the hub hears that the run was suspended.
  await first.page.getByRole('button', { name: 'Next student' }).click()
  await first.page.getByRole('heading', { name: /Who is at Station A/ }).waitFor(within)
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
  await second.page.getByTestId('prompt').waitFor(within)
  await second.page.waitForFunction(() => window.__benchtop?.stores.lab != null, undefined, within)
  await expect.poll(() => mastery(second), within).toBeCloseTo(after!, 9)
})

it('records a run cut short by a closed tab as suspended, when the station opens its next lab, but never a run still open in another tab', async () => {
  const auth = { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}` }
  const addStudent = async (displayName: string) => {
    const res = await fetch(new URL('api/roster', baseURL), { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName }) })
    return ((await res.json()) as { pseudonym: string }).pseudonym
  }
  type Stored = { verb: { id: string }; timestamp: string; context?: { registration?: string } }
  const statementsOf = async (pseudonym: string) => {
    const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'urn:benchtop:hub', name: pseudonym } }))
    const res = await fetch(new URL(`xapi/statements?agent=${agent}&limit=0`, baseURL), { headers: { ...auth, 'X-Experience-API-Version': '2.0.0' } })
    return ((await res.json()) as { statements: Stored[] }).statements
  }
  const verbOf = (s: Stored) => s.verb.id.split('/').at(-1)
  const ada = await addStudent('Ada Lovelace')
  const alan = await addStudent('Alan Turing')

  // Ada answers a task at Station C.
  const first = await station('Station C')
  await first.page.getByRole('button', { name: ada }).click()
  await first.page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await first.page.getByTestId('prompt').waitFor(within)
  await first.page.getByLabel('Type a position').fill('1')
  await first.page.getByTestId('check').click()
  await first.page.getByTestId('feedback').waitFor(within)
  await expect.poll(async () => (await statementsOf(ada)).map(verbOf), { timeout: 10_000 }).toContain('answered')

  // The same device opens a second tab and Alan starts a lab there while Ada's tab is still open:
  // her run is alive, so nothing may end it.
  const second = await first.context.newPage()
  await second.goto(`${baseURL}?test#/station`)
  await second.getByRole('button', { name: 'Next student' }).click()
  await second.getByRole('button', { name: alan }).click()
  await second.getByRole('button', { name: 'Open Measure & Place' }).click()
  await second.getByTestId('prompt').waitFor(within)
  // One queue per device delivers in order: once Alan's start is on the hub, anything queued before it is too.
  await expect.poll(async () => (await statementsOf(alan)).map(verbOf), { timeout: 10_000 }).toContain('initialized')
  expect((await statementsOf(ada)).map(verbOf)).not.toContain('suspended')

  // Ada's tab closes without Next student. Alan moves on, and the next lab opened records her run's end.
  const adaRun = (await statementsOf(ada)).find((s) => verbOf(s) === 'answered')!.context!.registration
  const lastSeen = Math.max(...(await statementsOf(ada)).map((s) => Date.parse(s.timestamp)))
  await first.page.close()
  await second.getByRole('button', { name: 'Next student' }).click()
  await second.getByRole('button', { name: alan }).click()
  await second.getByRole('button', { name: 'Open Measure & Place' }).click()
  await second.getByTestId('prompt').waitFor(within)
  await expect.poll(async () => (await statementsOf(ada)).filter((s) => verbOf(s) === 'suspended').length, { timeout: 10_000 }).toBe(1)
  const ended = (await statementsOf(ada)).find((s) => verbOf(s) === 'suspended')!
  expect(ended.context?.registration).toBe(adaRun)
  // Dated at the run's last event: the latest moment it is known to have been open.
  expect(Date.parse(ended.timestamp)).toBe(lastSeen)
  // Alan's first run ended properly (Next student): suspended once, not twice.
  await expect.poll(async () => (await statementsOf(alan)).filter((s) => verbOf(s) === 'suspended').length, within).toBe(1)
})

it('refuses a wrong join code with a message that says what to check', async () => {
  const s = await openBrowser(baseURL)
  sessions.push(s)
  await s.page.goto(`${baseURL}#/station?join=WRONG1`)
  await s.page.getByRole('button', { name: 'Join' }).click()
  await expect(s.page.getByRole('alert').textContent()).resolves.toMatch(/join code/)
})
