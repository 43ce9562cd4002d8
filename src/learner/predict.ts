/**
 * The forward filter over logged rows with known parameters: pyBKT's Model.predict.
 * For each row, in the caller's row order:
 *   pCorrect       pyBKT's correct_predictions, P(correct | earlier answers)
 *   pMastery       pyBKT's state_predictions, P(L) before this row's answer
 *   pMasteryAfter  P(L) after this row's answer and the learn step (what a tutor shows next)
 */
import type { BktParams } from '../core'
import { learnStep, posteriorMastery, predictCorrect } from './bkt'
import { groupRows, type BktRow, type SkillSequences } from './data'

export interface RowPredictions {
  pCorrect: Float64Array
  pMastery: Float64Array
  pMasteryAfter: Float64Array
}

export class UnknownSkillError extends Error {
  constructor(
    readonly skill: string,
    /** Index of the first row with this skill, in the caller's order. */
    readonly rowIndex: number,
  ) {
    super(`no parameters for skill ${JSON.stringify(skill)}`)
    this.name = 'UnknownSkillError'
  }
}

export function predictSequences(groups: readonly SkillSequences[], paramsBySkill: Readonly<Record<string, BktParams>>, rowCount: number): RowPredictions {
  const out: RowPredictions = {
    pCorrect: new Float64Array(rowCount),
    pMastery: new Float64Array(rowCount),
    pMasteryAfter: new Float64Array(rowCount),
  }
  for (const group of groups) {
    const params = Object.prototype.hasOwnProperty.call(paramsBySkill, group.skill) ? paramsBySkill[group.skill] : undefined
    if (!params) {
      let first = Infinity
      for (const index of group.rowIndex) first = Math.min(first, index)
      throw new UnknownSkillError(group.skill, first)
    }
    const { responses, starts, lengths, rowIndex } = group
    for (let s = 0; s < starts.length; s++) {
      let pL = params.prior
      const end = starts[s]! + lengths[s]!
      for (let t = starts[s]!; t < end; t++) {
        const row = rowIndex[t]!
        out.pMastery[row] = pL
        out.pCorrect[row] = predictCorrect(params, pL)
        pL = learnStep(params, posteriorMastery(params, pL, responses[t] as -1 | 0 | 1))
        out.pMasteryAfter[row] = pL
      }
    }
  }
  return out
}

export function predictRows(rows: readonly BktRow[], paramsBySkill: Readonly<Record<string, BktParams>>): RowPredictions {
  return predictSequences(groupRows(rows), paramsBySkill, rows.length)
}
