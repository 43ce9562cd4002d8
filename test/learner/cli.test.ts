/** The bkt command line, run as a teacher would (a child process), on small files. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './reference'

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx')
const dir = mkdtempSync(path.join(tmpdir(), 'bkt-cli-'))
const file = (name: string, text: string) => {
  const p = path.join(dir, name)
  writeFileSync(p, text)
  return p
}
const bkt = (...args: string[]) => spawnSync(tsx, [path.join(repoRoot, 'scripts/bkt.ts'), ...args], { encoding: 'utf8' })

const DATA = [
  'user_id,skill_name,correct,order_id',
  '2,b,1,4',
  '1,a,0,1',
  '1,a,1,2',
  '1,b,-1,3',
  '2,a,1,5',
  '1,a,1,6',
  '2,b,0,7',
].join('\n')

describe('bkt CLI', { timeout: 30_000 }, () => {
  it('fit prints pyBKT-named parameters per skill; predict prints one row per input row in input order', () => {
    const data = file('data.csv', DATA)
    const fit = bkt('fit', data, '--seed', '3')
    expect(fit.status).toBe(0)
    expect(fit.stderr).toBe('')
    const params = JSON.parse(fit.stdout)
    expect(Object.keys(params)).toEqual(['a', 'b'])
    expect(Object.keys(params.a)).toEqual(['prior', 'learns', 'guesses', 'slips', 'forgets'])
    const paramsFile = file('params.json', fit.stdout)
    const predict = bkt('predict', data, '--params', paramsFile)
    expect(predict.status).toBe(0)
    const lines = predict.stdout.trim().split('\n')
    expect(lines[0]).toBe('order_id,p_correct,p_mastery,p_mastery_after')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['4', '1', '2', '3', '5', '6', '7'])
    for (const line of lines.slice(1)) for (const v of line.split(',').slice(1)) expect(Number.isFinite(Number(v))).toBe(true)
    // The first row of user 1 on skill a starts from the prior.
    expect(Number(lines[2]!.split(',')[2])).toBeCloseTo(params.a.prior, 12)
  })

  it('bad input: one line naming row and column on stderr, exit 2, nothing on stdout', () => {
    const cases: [string[], RegExp][] = [
      [['fit', file('bad.csv', 'user_id,skill_name,correct,order_id\n1,a,1,1\n1,a,x,2\n')], /^bkt: row 2, column "correct": expected an integer -1, 0 or 1, got "x"\n$/],
      [['fit', file('nocol.csv', 'user_id,skill_name,order_id\n1,a,1\n')], /^bkt: row 0, column "correct": missing from the header/],
      [['fit', file('empty.csv', '')], /^bkt: row 0, column "user_id": the file is empty/],
      [['predict', file('d2.csv', DATA), '--params', file('p1.json', '{"a":{"prior":0.2,"learns":0.1,"guesses":0.2,"slips":0.1,"forgets":0}}')], /^bkt: row 1, column "skill_name": skill "b" is not in .*p1\.json\n$/],
    ]
    for (const [args, message] of cases) {
      const run = bkt(...args)
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(message)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})
