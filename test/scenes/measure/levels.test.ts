/**
 * What the page says about a level (its name beside "Level N", its description for the teacher)
 * must be what the student sees on the track. Both skills are practised at every level, so a
 * level's name cannot promise decimals: "Level 3 · Tenths" stood over "Move the block to 7".
 */
import { describe, expect, it } from 'vitest'
import { levels } from '../../../scenes/measure/levels'
import { SKILL_DECIMAL, SKILL_WHOLE } from '../../../scenes/measure/skills'
import { generatePlaceTask } from '../../../scenes/measure/tasks/place'
import { createRng } from '../../../src/core'

/** The labels on the track at each level, in the words a description uses (worked from the board). */
const LABELLING_BY_LEVEL: Record<number, RegExp> = {
  1: /every whole mark/i,
  2: /only even marks/i,
  3: /only even marks/i,
  4: /only 0, 5 and 10/i,
  5: /only 0 and 10/i,
}
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1)

describe('Measure & Place level names and descriptions match the board', () => {
  for (const level of [1, 2, 3, 4, 5]) {
    const spec = levels.find((l) => l.level === level)!
    it(`level ${level} (${spec.name}) names the labels the track shows and promises no decimals on whole-number tasks`, () => {
      expect(spec.description).toMatch(LABELLING_BY_LEVEL[level]!)
      const wholeTargets = SEEDS.map((seed) => generatePlaceTask(SKILL_WHOLE, level, createRng(seed)).target)
      expect(wholeTargets.every(Number.isInteger)).toBe(true)
      expect(spec.name).not.toMatch(/tenth|half|halves|decimal/i)
      // The decimal skill's own targets do change with the level; a description that speaks of them says whose.
      const decimalTargets = SEEDS.map((seed) => generatePlaceTask(SKILL_DECIMAL, level, createRng(seed)).target)
      expect(decimalTargets.some((t) => !Number.isInteger(t))).toBe(true)
      if (/tenth|decimal/i.test(spec.description)) expect(spec.description).toMatch(/decimal skill|decimal targets/i)
    })
  }
})
