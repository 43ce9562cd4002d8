/**
 * Which wrong pick in a comparison is put down to which idea, and which is not, by the rules a
 * teacher states: choosing the heavier ball without air is "heavier falls faster"; choosing the
 * 45-degree launch when the other wins, or a tie for complementary angles from a height, is
 * "45 degrees is always best"; a tie between air and a vacuum ignores the air. Any other wrong
 * pick in those scenarios names no idea.
 */
import { describe, expect, it } from 'vitest'
import { assessCompare } from '../../../scenes/projectile/assess'
import { MISCONCEPTIONS } from '../../../scenes/projectile/misconceptions'
import { SKILL_ANGLE_RANGE, SKILL_COMPONENTS, SKILL_GRAVITY_DRAG, SKILL_PREDICT, SKILL_RANGE, SKILL_TIME_OF_FLIGHT } from '../../../scenes/projectile/skills'
import { generateOfKind, KINDS_BY_SKILL } from '../../../scenes/projectile/tasks'
import type { CompareChoice, CompareLaunchesTask } from '../../../scenes/projectile/tasks/types'
import { createRng } from '../../../src/core'

const SKILLS = [SKILL_COMPONENTS, SKILL_TIME_OF_FLIGHT, SKILL_RANGE, SKILL_ANGLE_RANGE, SKILL_GRAVITY_DRAG, SKILL_PREDICT]

function tasksOf(scenario: string): CompareLaunchesTask[] {
  const found: CompareLaunchesTask[] = []
  for (const skill of SKILLS.filter((s) => KINDS_BY_SKILL[s]?.includes('compare-launches'))) {
    for (let level = 1; level <= 5; level++) {
      for (let seed = 1; seed <= 40; seed++) {
        const task = generateOfKind('compare-launches', skill, level, createRng(seed)) as CompareLaunchesTask
        if (task.scenario === scenario) found.push(task)
      }
    }
  }
  return found
}

const idea = (task: CompareLaunchesTask, choice: CompareChoice) => assessCompare(task, { kind: 'compare-launches', choice }).misconception?.id

describe('wrong picks and the idea they show', () => {
  it('mass without air: the heavier ball is "heavier falls faster"; the lighter one is no named idea', () => {
    const tasks = tasksOf('mass').filter((t) => !t.launchA.drag.enabled)
    expect(tasks.length).toBeGreaterThan(0)
    for (const task of tasks) {
      expect(task.answer).toBe('same')
      const heavier: CompareChoice = task.launchA.mass > task.launchB.mass ? 'A' : 'B'
      const lighter: CompareChoice = heavier === 'A' ? 'B' : 'A'
      expect(idea(task, heavier)).toBe(MISCONCEPTIONS.heavierFallsFaster.id)
      expect(idea(task, lighter)).toBeUndefined()
    }
  })

  it('45 degrees against another angle: picking the 45 is the 45-degree rule; a tie is not', () => {
    const fortyFiveOf = (task: CompareLaunchesTask): CompareChoice => (task.launchA.angleDeg === 45 ? 'A' : 'B')
    // Where 45 really wins, picking it is right; the rule shows only where the other wins.
    const tasks = tasksOf('forty-five-vs-other').filter((t) => t.answer !== 'same' && t.answer !== fortyFiveOf(t))
    expect(tasks.length).toBeGreaterThan(0)
    for (const task of tasks) {
      expect(idea(task, fortyFiveOf(task))).toBe(MISCONCEPTIONS.fortyFiveAlwaysBest.id)
      expect(idea(task, 'same')).toBeUndefined()
    }
  })

  it('complementary angles: a tie is the 45-degree rule; the wrong one of the two is not', () => {
    const tasks = tasksOf('complementary-angles').filter((t) => t.answer !== 'same')
    expect(tasks.length).toBeGreaterThan(0)
    for (const task of tasks) {
      expect(idea(task, 'same')).toBe(MISCONCEPTIONS.fortyFiveAlwaysBest.id)
      expect(idea(task, task.answer === 'A' ? 'B' : 'A')).toBeUndefined()
    }
  })

  it('air against no air: a tie ignores the air; the wrong one of the two is no named idea', () => {
    const tasks = tasksOf('drag').filter((t) => t.answer !== 'same')
    expect(tasks.length).toBeGreaterThan(0)
    for (const task of tasks) {
      expect(idea(task, 'same')).toBe(MISCONCEPTIONS.ignoresAirResistance.id)
      expect(idea(task, task.answer === 'A' ? 'B' : 'A')).toBeUndefined()
    }
  })
})
