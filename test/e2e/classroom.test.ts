/**
 * Running a class with the hub in real Chromium: a station the teacher removes says so and joins
 * again only with the new code; the class list takes pasted names and a OneRoster file, warns
 * about a name already there, and prints as sign-in cards; every station shows and sounds "time
 * to rotate"; answers given offline at one station are in the student's progress at the next.
 */
import type { Page } from 'playwright-core'
import { afterEach, expect, inject, it } from 'vitest'
import { currentJoinCode } from './app'
import { openBrowser, within, type Session } from './browser'

const baseURL = inject('baseURL')
const teacherKey = inject('teacherKey')
const teacherAuth = { Authorization: `Basic ${Buffer.from(teacherKey).toString('base64')}`, 'Content-Type': 'application/json' }
const sessions: Session[] = []

afterEach(async () => {
  // The controls are class-wide and the e2e hub is shared: leave them as other tests expect.
  await fetch(new URL('api/controls', baseURL), { method: 'PUT', headers: teacherAuth, body: '{}' })
  for (const s of sessions.splice(0)) {
    expect(s.foreignRequests).toEqual([])
    await s.close()
  }
})

async function addStudent(displayName: string): Promise<{ pseudonym: string; code: string }> {
  const res = await fetch(new URL('api/roster', baseURL), { method: 'POST', headers: teacherAuth, body: JSON.stringify({ displayName }) })
  expect(res.status).toBe(201)
  return (await res.json()) as { pseudonym: string; code: string }
}

async function openStation(label: string): Promise<Session> {
  const s = await openBrowser(baseURL)
  sessions.push(s)
  await s.page.goto(`${baseURL}?test#/station?join=${await currentJoinCode(baseURL, teacherKey)}`)
  await s.page.getByLabel('Station name').fill(label)
  await s.page.getByRole('button', { name: 'Join' }).click()
  await s.page.getByRole('heading', { name: `Who is at ${label}?` }).waitFor(within)
  return s
}

async function openTeacher(tab: string): Promise<Page> {
  const s = await openBrowser(baseURL, { width: 1366, height: 768 })
  sessions.push(s)
  await s.page.goto(`${baseURL}#/teacher`)
  await s.page.getByLabel('Teacher key').fill(teacherKey)
  await s.page.getByRole('button', { name: 'Open the class view' }).click()
  await s.page.getByRole('tab', { name: tab }).click()
  return s.page
}

it('a removed station says so and how to join again; the old join code no longer works, the new one does', async () => {
  const student = await addStudent('Removal Student')
  const station = await openStation('Station Removed')
  await station.page.getByRole('button', { name: student.pseudonym, exact: true }).click()
  await station.page.getByRole('button', { name: 'Open Measure & Place' }).waitFor(within)

  // The Stations tab shows who is at it (by name, on the teacher's screen) and its queue, from its heartbeat.
  const teacher = await openTeacher('Stations')
  const row = teacher.getByRole('table', { name: 'Stations' }).locator('tr', { has: teacher.getByRole('rowheader', { name: 'Station Removed', exact: true }) })
  await expect.poll(() => row.locator('td').allTextContents(), within).toEqual(['Removal Student', '–', expect.any(String), '0', "Revoke Station Removed's key"])

  const oldCode = await currentJoinCode(baseURL, teacherKey)
  teacher.once('dialog', (dialog) => void dialog.accept())
  await row.getByRole('button', { name: "Revoke Station Removed's key" }).click()
  await row.waitFor({ state: 'detached', ...within })

  // The station's next poll hears it was revoked: it says so plainly and shows the join form.
  const removed = station.page.getByTestId('station-removed')
  await removed.waitFor(within)
  await expect(removed.textContent()).resolves.toMatch(/teacher removed Station Removed from the class.*join code/)
  await expect(station.page.getByText('waiting: cannot reach').count()).resolves.toBe(0)

  await station.page.getByLabel('Join code').fill(oldCode)
  await station.page.getByRole('button', { name: 'Join' }).click()
  await station.page.getByText(/That join code is not this hub's/).waitFor(within)
  await station.page.getByLabel('Join code').fill(await currentJoinCode(baseURL, teacherKey))
  await station.page.getByRole('button', { name: 'Join' }).click()
  await station.page.getByRole('heading', { name: 'Who is at Station Removed?' }).waitFor(within)
  await expect(removed.count()).resolves.toBe(0)
})

it('adds pasted names after a duplicate warning, names the bad line of an import, and prints sign-in cards eight to an A4 page', async () => {
  await addStudent('Card Holder')
  const page = await openTeacher('Students')
  await page.getByText('Add many: paste names or import a OneRoster users.csv').click()
  // Enough names that the cards take more than one page, whatever else is on the shared hub's list.
  await page.getByLabel('One name per line').fill('Card Reader\ncard  holder\nCard Writer\nCard Painter\nCard Dealer\nCard Maker\nCard Player\nCard Keeper\n')
  await page.getByRole('button', { name: 'Add these names' }).click()
  // Warned before anything is added, with the choice to add anyway.
  const warning = page.getByRole('alertdialog')
  await warning.waitFor(within)
  await expect(warning.textContent()).resolves.toContain('card holder')
  const names = () => page.getByRole('table', { name: 'Class list' }).locator('tbody tr td:first-child').allTextContents()
  expect((await names()).filter((n) => n.startsWith('Card '))).toEqual(['Card Holder'])
  await warning.getByRole('button', { name: 'Add anyway' }).click()
  await expect.poll(async () => (await names()).filter((n) => /^card /i.test(n)).sort(), within).toEqual(
    ['Card Dealer', 'Card Holder', 'Card Keeper', 'Card Maker', 'Card Painter', 'Card Player', 'Card Reader', 'Card Writer', 'card holder'],
  )

  // A users.csv with an unclosed quote on line 3: refused, naming the line; nothing is added.
  const before = (await names()).length
  const file = (text: string) => ({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(text) })
  await page.getByLabel(/Import a OneRoster users.csv/).setInputFiles(file('givenName,familyName,role\r\nAna,Import,student\r\n"Bad,Import,student\r\n'))
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Could not import users.csv: line 3: a quoted field is never closed.*Nothing was added/)
  expect((await names()).length).toBe(before)
  // A good one (BOM, CRLF, a quoted comma, a teacher row): the students only.
  await page.getByLabel(/Import a OneRoster users.csv/).setInputFiles(file('\uFEFFsourcedId,role,givenName,familyName\r\ns1,student,Ana,Import\r\nt1,teacher,Tess,Teacher\r\ns2,student,Ben,"Import, Jr."\r\n'))
  await page.getByText('Imported 2 students from users.csv (1 rows that are not students skipped).').waitFor(within)
  await expect.poll(async () => (await names()).filter((n) => n.includes('Import')).sort(), within).toEqual(['Ana Import', 'Ben Import, Jr.'])

  // The cards: every student on the list, each with a name, lab name, code and the stations' QR code.
  const total = (await names()).length
  expect(total).toBeGreaterThan(8)
  await page.getByRole('button', { name: 'Print sign-in cards' }).click()
  const cards = page.getByTestId('sign-in-card')
  await expect.poll(() => cards.count(), within).toBe(total)
  await page.locator('.card-qr').first().waitFor(within)
  const ana = cards.filter({ hasText: 'Ana Import' })
  await expect(ana.textContent()).resolves.toMatch(/Ana ImportLab name: [a-z]+-[a-z]+-\d+Code: [A-Z2-9]{5}/)
  await expect(ana.locator('img').getAttribute('alt')).resolves.toMatch(/^QR code of http:\/\/127\.0\.0\.1:\d+\/#\/station$/)

  // Printed: the dashboard is gone, the cards are 90 mm wide in two columns.
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('#root').isVisible()).resolves.toBe(false)
  await expect(page.getByRole('button', { name: 'Print', exact: true }).isVisible()).resolves.toBe(false)
  const boxes = await cards.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: Math.round(r.left), width: r.width, height: r.height })))
  const mm = 96 / 25.4
  expect(boxes.every((b) => Math.abs(b.width - 90 * mm) < 1 && Math.abs(b.height - 62 * mm) < 1)).toBe(true)
  expect(new Set(boxes.map((b) => b.x)).size).toBe(2)
  // Nothing inside a card spills out of it.
  const spills = await cards.evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).length)
  expect(spills).toBe(0)
  // The real print path (A4, the page's own margins): eight cards a page.
  const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1')
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0
  console.log(`sign-in cards: ${total} cards on ${pages} A4 pages`)
  expect(pages).toBe(Math.ceil(total / 8))
  await page.emulateMedia({ media: 'screen' })
})

it('every station shows and sounds "time to rotate" when the segment ends and when the teacher rotates now; pausing stops the countdown', async () => {
  const student = await addStudent('Rotation Student')
  const station = await openStation('Station Rotate')
  await station.page.getByRole('button', { name: student.pseudonym, exact: true }).click()
  await station.page.getByRole('button', { name: 'Open Measure & Place' }).waitFor(within)
  const other = await openStation('Station Idle')
  const beeps = (s: Session) => s.page.evaluate(() => (window.__benchtop!.stores.rotationAlert!.getState() as { beeps: number }).beeps)
  expect(await beeps(station)).toBe(0)

  const teacher = await openTeacher('Settings')
  await teacher.getByRole('heading', { name: 'Station controls' }).waitFor(within)
  // A 6-second segment, so the test need not wait twenty minutes.
  const res = await fetch(new URL('api/controls', baseURL), { method: 'PATCH', headers: teacherAuth, body: JSON.stringify({ rotation: { segmentMinutes: 0.1, startedAt: 'now' } }) })
  expect(res.status).toBe(200)
  await teacher.getByTestId('teacher-countdown').waitFor(within)
  await expect(teacher.getByTestId('teacher-countdown').textContent()).resolves.toMatch(/^Rotation 1: 0:0\d left$/)
  for (const s of [station, other]) {
    const alert = s.page.getByTestId('rotation-alert')
    await alert.waitFor({ timeout: 30_000 })
    await expect(alert.textContent()).resolves.toMatch(/^Time to rotate!.*\(rotation \d+\)/)
    expect(await beeps(s)).toBeGreaterThanOrEqual(1)
    await alert.getByRole('button', { name: 'OK' }).click()
    await alert.waitFor({ state: 'detached', ...within })
  }

  // Twenty-minute segments again; "Rotate now" ends the running one at once.
  await fetch(new URL('api/controls', baseURL), { method: 'PATCH', headers: teacherAuth, body: JSON.stringify({ rotation: { segmentMinutes: 20, startedAt: 'now' } }) })
  await expect.poll(() => teacher.getByTestId('teacher-countdown').textContent(), within).toMatch(/^Rotation 1: (19:[0-5]\d|20:00) left$/)
  const beepsBefore = await beeps(station)
  await teacher.getByRole('button', { name: 'Rotate now' }).click()
  await expect.poll(() => teacher.getByTestId('teacher-countdown').textContent(), within).toMatch(/^Rotation 2: (19:[0-5]\d|20:00) left$/)
  await station.page.getByTestId('rotation-alert').waitFor(within)
  expect(await beeps(station)).toBe(beepsBefore + 1)
  await station.page.getByTestId('rotation-alert').getByRole('button', { name: 'OK' }).click()

  // Pausing stops the timer: the hub keeps when, and the countdown stands still there.
  await teacher.getByRole('button', { name: 'Pause all stations' }).click()
  await expect.poll(() => teacher.getByTestId('teacher-countdown').textContent(), within).toMatch(/\(paused\)$/)
  const paused = (await (await fetch(new URL('api/controls', baseURL), { headers: teacherAuth })).json()) as { rotation: { startedAt: string; pausedAt: string } }
  const left = 20 * 60_000 - (Date.parse(paused.rotation.pausedAt) - Date.parse(paused.rotation.startedAt) - 20 * 60_000)
  const shown = `${Math.floor(Math.ceil(left / 1000) / 60)}:${String(Math.ceil(left / 1000) % 60).padStart(2, '0')}`
  await expect(teacher.getByTestId('teacher-countdown').textContent()).resolves.toBe(`Rotation 2: ${shown} left (paused)`)
  await teacher.getByRole('button', { name: 'Resume all stations' }).click()
})

it('answers given offline at station A are in the student’s progress when they sign in at station B', async () => {
  const student = await addStudent('Offline Student')
  const a = await openStation('Station Offline A')
  await a.page.getByRole('button', { name: student.pseudonym, exact: true }).click()
  await a.page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await a.page.getByTestId('prompt').waitFor(within)
  await a.page.waitForFunction(() => window.__benchtop?.telemetryQueue != null, undefined, within)
  await a.page.getByTestId('skip-placement').click()
  await a.page.getByTestId('skip-placement').waitFor({ state: 'detached', ...within })
  const mastery = (p: Page) => p.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { mastery: Record<string, number> }).mastery['measure.whole-numbers'])
  const answer = async (p: Page) => {
    const target = Number(/to ([\d.]+) on the track/.exec((await p.getByTestId('prompt').textContent()) ?? '')?.[1])
    const attempts = await p.evaluate(() => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts)
    await p.getByLabel('Type a position').fill(String(target))
    await p.getByTestId('check').click()
    await p.waitForFunction((n) => (window.__benchtop!.stores.lab!.getState() as { attempts: number }).attempts === n + 1, attempts, within)
    await p.getByTestId('next').click()
  }
  await answer(a.page)
  const online = await mastery(a.page)

  // Offline: three more answers wait in A's queue. The saved progress on the hub stays the stale
  // copy from before (its saves are refused from here on), as when the hub was down.
  await a.context.route('**/xapi/activities/state**', (route) => route.abort('connectionrefused'))
  await a.context.setOffline(true)
  for (let i = 0; i < 3; i++) await answer(a.page)
  const offline = await mastery(a.page)
  expect(offline).toBeGreaterThan(online!)
  await a.page.getByTestId('waiting').waitFor(within)

  // Back online: the statements are delivered (nudged, so the test does not wait on the backoff's dice).
  await a.context.setOffline(false)
  const nudger = await a.page.evaluate(() => window.setInterval(() => (window.__benchtop!.telemetryQueue as { nudge(): void }).nudge(), 500))
  await a.page.waitForFunction(() => (window.__benchtop!.stores.telemetry!.getState() as { waiting: number }).waiting === 0, undefined, { timeout: 30_000 })
  await a.page.evaluate((id) => window.clearInterval(id), nudger)
  await a.close()
  sessions.splice(sessions.indexOf(a), 1)

  const b = await openStation('Station Offline B')
  await b.page.getByRole('button', { name: student.pseudonym, exact: true }).click()
  await b.page.getByRole('button', { name: 'Open Measure & Place' }).click()
  await b.page.getByTestId('prompt').waitFor(within)
  await b.page.waitForFunction(() => window.__benchtop?.stores.lab != null, undefined, within)
  await expect.poll(() => mastery(b.page), within).toBeCloseTo(offline!, 6)
})

it('with the pick-from-list sign-in off, a station shows no lab names and the student signs in with their code', async () => {
  const student = await addStudent('Code Only Student')
  const teacher = await openTeacher('Students')
  const listSwitch = teacher.getByLabel(/Students may pick their lab name from a list/)
  await expect.poll(() => listSwitch.isEnabled(), within).toBe(true)
  // The switch follows the hub's answer: clicked, then it shows what the hub now holds.
  await listSwitch.click()
  await expect.poll(() => listSwitch.isChecked(), within).toBe(false)
  await expect.poll(async () => (await (await fetch(new URL('api/roster/settings', baseURL), { headers: teacherAuth })).json()) as unknown, within).toEqual({ listSignIn: false })
  try {
    const station = await openStation('Station Code Only')
    await station.page.getByLabel('Type your sign-in code').waitFor(within)
    await expect(station.page.getByRole('list', { name: 'Class list' }).count()).resolves.toBe(0)
    await expect(station.page.getByRole('button', { name: student.pseudonym, exact: true }).count()).resolves.toBe(0)
    await station.page.getByLabel('Type your sign-in code').fill(student.code.toLowerCase())
    await station.page.getByRole('button', { name: 'Sign in' }).click()
    await station.page.getByText(`Working as ${student.pseudonym}.`).waitFor(within)
  } finally {
    // The shared e2e hub: other tests sign in from the list.
    await listSwitch.click()
    await expect.poll(async () => (await (await fetch(new URL('api/roster/settings', baseURL), { headers: teacherAuth })).json()) as unknown, within).toEqual({ listSignIn: true })
  }
})
