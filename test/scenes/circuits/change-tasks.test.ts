/**
 * The "what changes when the switch flips" tasks, answered by the rules a physics teacher states
 * (not by the solver the generator uses): a bulb added in series lowers the current; a parallel
 * branch raises the battery's current but leaves an ideal battery's other bulb unchanged, and
 * dims it a little when the battery has internal resistance. The options are worded for what
 * the question watches (the ammeter or Bulb 1), and only wrong options name an idea.
 */
import { describe, expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { MISCONCEPTIONS } from '../../../scenes/circuits/misconceptions'
import { SKILL_CHANGE } from '../../../scenes/circuits/skills'
import type { ChooseTask } from '../../../scenes/circuits/tasks/types'
import { createRng } from '../../../src/core'

const READING = [['more', 'The reading goes up', 'Goes up'], ['less', 'The reading goes down', 'Goes down'], ['same', 'The reading stays the same', 'Stays the same']]
const BULB = [['more', 'Bulb 1 gets brighter', 'Brighter'], ['less', 'Bulb 1 gets dimmer', 'Dimmer'], ['same', 'Bulb 1 stays just as bright', 'Just as bright']]
const C = MISCONCEPTIONS.constantCurrentSource.id
const P = MISCONCEPTIONS.moreResistanceBrighter.id

// level: the answer by the rule, the words, and the idea each wrong option shows.
const EXPECTED: Record<number, { answer: string; words: string[][]; ideas: Record<string, string> }> = {
  1: { answer: 'less', words: READING, ideas: { same: C } },
  2: { answer: 'more', words: READING, ideas: { less: P, same: C } },
  3: { answer: 'same', words: BULB, ideas: { less: C } },
  4: { answer: 'same', words: BULB, ideas: { more: C } },
  5: { answer: 'less', words: BULB, ideas: {} },
}

describe('predicting a change', () => {
  for (const level of [1, 2, 3, 4, 5]) {
    it(`level ${level}: the answer the rule gives, the options' words and ideas`, () => {
      for (const seed of [1, 2, 3]) {
        const task = circuits.generate(SKILL_CHANGE, level, createRng(seed)) as ChooseTask
        const want = EXPECTED[level]!
        expect(task.answer).toBe(want.answer)
        expect(task.options.map((o) => [o.id, o.text, o.short])).toEqual(want.words)
        for (const option of task.options) expect(option.misconception).toBe(option.id === task.answer ? undefined : want.ideas[option.id])
        expect(task.prompt).toMatch(want.words === READING ? /What happens to the ammeter reading\?/ : /What happens to Bulb 1\?/)
      }
    })
  }
})
