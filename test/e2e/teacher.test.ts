import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, expect, inject, it } from 'vitest'
import { referenceDir } from '../learner/reference'
import { openBrowser, type Session } from './browser'

const baseURL = inject('baseURL')
const REFERENCE = referenceDir()
let session: Session

beforeEach(async () => {
  session = await openBrowser(baseURL, { width: 900, height: 700 })
})
afterEach(async () => {
  expect(session.foreignRequests).toEqual([])
  await session.close()
})

it("fits BKT to a class's CSV in a Web Worker, matching the reference maximum-likelihood fit", async () => {
  const { page } = session
  const workers: string[] = []
  page.on('worker', (worker) => workers.push(worker.url()))
  await page.goto(`${baseURL}#/teacher`)
  await page.getByLabel('CSV file').setInputFiles(resolve(REFERENCE, 'data.csv'))
  await page.getByTestId('fit-status').locator('table').waitFor({ timeout: 30_000 })
  expect(workers.some((url) => /fit\.worker/.test(url)), 'the fit ran in a worker').toBe(true)

  const reference = JSON.parse(readFileSync(resolve(REFERENCE, 'reference_params.json'), 'utf8'))
  const mle = reference['mle_numpy_baum_welch (not pyBKT; EM to |dLL|<1e-10, multi-start)'].fit_all as Record<string, Record<string, number>>
  for (const [skill, params] of Object.entries(mle)) {
    const cells = await page.locator(`tr[data-skill="${skill}"] td`).allTextContents()
    const [prior, learn, guess, slip] = cells.map(Number)
    expect(prior).toBeCloseTo(params.prior!, 3)
    expect(learn).toBeCloseTo(params.learns!, 3)
    expect(guess).toBeCloseTo(params.guesses!, 3)
    expect(slip).toBeCloseTo(params.slips!, 3)
  }
  const status = await page.getByTestId('fit-status').textContent()
  console.log(`teacher fit in the browser worker: ${/in ([\d.]+ s)/.exec(status ?? '')?.[1]}`)
})

it('names the bad row and column of a broken CSV', async () => {
  const { page } = session
  await page.goto(`${baseURL}#/teacher`)
  await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('user_id,skill_name,correct,order_id\n1,a,x,1\n') })
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/row 1, column "correct"/)
})
