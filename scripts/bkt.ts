/**
 * bkt: fit and predict Bayesian Knowledge Tracing from logged rows, on pyBKT's column names
 * (user_id, skill_name, correct, order_id; correct = -1 means no response).
 *
 *   npm run --silent bkt -- fit DATA.csv [--forgets] [--seed N] [--restarts N]
 *       -> JSON { "<skill>": { "prior", "learns", "guesses", "slips", "forgets" } } on stdout
 *   npm run --silent bkt -- predict DATA.csv --params PARAMS.json
 *       -> CSV order_id,p_correct,p_mastery,p_mastery_after, one row per input row, input order
 *
 * Any bad input: one line on stderr naming the row and column, exit status 2, nothing on stdout.
 */
import { readFileSync } from 'node:fs'
import { CsvError, parseBktCsv } from '../src/learner/csv'
import type { BktRow } from '../src/learner/data'
import { fitRows } from '../src/learner/fit'
import { fromPyBktFile, toPyBkt } from '../src/learner/paramsFile'
import { predictRows, UnknownSkillError } from '../src/learner/predict'

const USAGE = 'usage: bkt fit DATA.csv [--forgets] [--seed N] [--restarts N] | bkt predict DATA.csv --params PARAMS.json'

class UsageError extends Error {}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
}

function readRows(file: string): BktRow[] {
  const rows = parseBktCsv(readText(file))
  if (rows.length === 0) throw new CsvError(1, 'user_id', `${file} has a header but no data rows`)
  return rows
}

function parseArgs(argv: string[]): { command: string; file: string; flags: Map<string, string | true> } {
  const [command, ...rest] = argv
  if (command !== 'fit' && command !== 'predict') throw new UsageError(command ? `unknown command ${JSON.stringify(command)}; ${USAGE}` : USAGE)
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  const takesValue = new Set(['--seed', '--params', '--restarts'])
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg.startsWith('--')) {
      const [name, inline] = arg.split('=', 2) as [string, string | undefined]
      if (takesValue.has(name)) {
        const value = inline ?? rest[++i]
        if (value === undefined) throw new UsageError(`${name} needs a value; ${USAGE}`)
        flags.set(name, value)
      } else if (name === '--forgets') flags.set(name, true)
      else throw new UsageError(`unknown option ${name}; ${USAGE}`)
    } else positional.push(arg)
  }
  if (positional.length !== 1) throw new UsageError(`expected one DATA.csv; ${USAGE}`)
  return { command, file: positional[0]!, flags }
}

function integerFlag(flags: Map<string, string | true>, name: string, fallback: number, min: number): number {
  const raw = flags.get(name)
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`)
  return value
}

function fit(file: string, flags: Map<string, string | true>): string {
  const seed = integerFlag(flags, '--seed', 42, 0)
  const restarts = integerFlag(flags, '--restarts', 5, 1)
  const fits = fitRows(readRows(file), { forgets: flags.has('--forgets'), seed, restarts })
  const out: Record<string, ReturnType<typeof toPyBkt>> = {}
  for (const [skill, result] of Object.entries(fits)) out[skill] = toPyBkt(result.params)
  return JSON.stringify(out, null, 2) + '\n'
}

function predict(file: string, flags: Map<string, string | true>): string {
  const paramsFile = flags.get('--params')
  if (typeof paramsFile !== 'string') throw new UsageError(`predict needs --params PARAMS.json; ${USAGE}`)
  let params
  try {
    params = fromPyBktFile(JSON.parse(readText(paramsFile)))
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`${paramsFile}: ${(error as Error).message}`)
  }
  const rows = readRows(file)
  let predictions
  try {
    predictions = predictRows(rows, params)
  } catch (error) {
    if (error instanceof UnknownSkillError) {
      throw new CsvError(error.rowIndex + 1, 'skill_name', `skill ${JSON.stringify(error.skill)} is not in ${paramsFile}`)
    }
    throw error
  }
  const lines = ['order_id,p_correct,p_mastery,p_mastery_after']
  for (let i = 0; i < rows.length; i++) {
    // String(x) is the shortest text that reads back as the same double: no precision lost.
    lines.push(`${rows[i]!.orderId},${predictions.pCorrect[i]},${predictions.pMastery[i]},${predictions.pMasteryAfter[i]}`)
  }
  return lines.join('\n') + '\n'
}

function main(argv: string[]): number {
  try {
    const { command, file, flags } = parseArgs(argv)
    const output = command === 'fit' ? fit(file, flags) : predict(file, flags)
    process.stdout.write(output)
    return 0
  } catch (error) {
    if (error instanceof CsvError || error instanceof UsageError) {
      process.stderr.write(`bkt: ${error.message}\n`)
      return 2
    }
    process.stderr.write(`bkt: internal error: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}

// A reader that stops early (| head) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})
process.exitCode = main(process.argv.slice(2))
