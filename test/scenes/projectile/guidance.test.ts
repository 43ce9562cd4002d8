import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/core'
import projectilePlugin from '../../../scenes/projectile'
import { CONTEXTS, tellInContext } from '../../../scenes/projectile/contexts'
import { formulaCard, workedStep } from '../../../scenes/projectile/guidance'
import { scaffoldFeatures, scaffolds, visibleReadouts } from '../../../scenes/projectile/scaffolds'
import { SKILL_ANGLE_RANGE, SKILL_PREDICT, SKILL_RANGE } from '../../../scenes/projectile/skills'
import { generateOfKind } from '../../../scenes/projectile/tasks'
import type { HitTargetTask } from '../../../scenes/projectile/tasks/types'

describe('projectile scaffolds', () => {
  it('fade feature by feature: an aid once gone stays gone further down the ladder', () => {
    const keys = Object.keys(scaffoldFeatures(0)) as (keyof ReturnType<typeof scaffoldFeatures>)[]
    expect(keys.every((k) => scaffoldFeatures(0)[k])).toBe(true)
    expect(keys.some((k) => scaffoldFeatures(scaffolds.length - 1)[k])).toBe(false)
    for (let rung = 1; rung < scaffolds.length; rung++) {
      const on = keys.filter((k) => scaffoldFeatures(rung)[k]).length
      expect(on).toBeLessThan(keys.filter((k) => scaffoldFeatures(rung - 1)[k]).length)
      for (const k of keys) if (!scaffoldFeatures(rung - 1)[k]) expect(scaffoldFeatures(rung)[k]).toBe(false)
    }
  })

  it('never previews the path where the path is the answer', () => {
    expect(scaffoldFeatures(0, { kind: 'hit-target' }).preview).toBe(true)
    for (const kind of ['predict-landing', 'compute-quantity', 'compare-launches'] as const) expect(scaffoldFeatures(0, { kind }).preview).toBe(false)
  })

  it('shows the readouts the rung and the level both allow, and fewer hints as support fades', () => {
    const task = generateOfKind('hit-target', SKILL_PREDICT, 4, createRng(3)) as HitTargetTask
    expect(visibleReadouts(task, 0)).toEqual(['t', 'x'])
    expect(visibleReadouts(task, 4)).toEqual(['t'])
    const counts = scaffolds.map((s) => projectilePlugin.hints(task, s.level).length)
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!)
    expect(counts.at(-1)).toBeLessThan(counts[0]!)
    // The worked step is a parallel example: other numbers than the task's.
    expect(workedStep(task)).toMatch(/^For example/)
    expect(workedStep(task)).not.toContain(`${task.target.x.toFixed(1)} m`)
    expect(formulaCard(task).join(' ')).toMatch(/sin/)
  })
})

describe('projectile contexts', () => {
  it('change the story and the props, never the numbers', () => {
    for (const skill of projectilePlugin.skills) {
      const task = projectilePlugin.generate(skill.id, 4, createRng(11))
      const numbers = task.prompt.match(/-?\d+(\.\d+)?/g) ?? []
      for (const context of CONTEXTS) {
        const told = tellInContext(task, context.id)
        expect(told.startsWith(context.story)).toBe(true)
        expect(told.slice(context.story.length).match(/-?\d+(\.\d+)?/g) ?? []).toEqual(numbers)
      }
    }
    const task = generateOfKind('predict-landing', SKILL_RANGE, 1, createRng(2))
    expect(tellInContext(task, 'rescue')).toMatch(/supply pack/)
    expect(tellInContext(task, 'rescue')).not.toMatch(/\bball\b/)
  })
})

describe('projectile text for people', () => {
  it('formats answers briefly for the teacher', () => {
    const task = generateOfKind('hit-target', SKILL_PREDICT, 1, createRng(1)) as HitTargetTask
    expect(projectilePlugin.formatResponse(task, { kind: 'hit-target', angleDeg: 38, speed: 12 })).toBe('angle 38 deg, speed 12.0 m/s')
    const locked = generateOfKind('hit-target', SKILL_ANGLE_RANGE, 1, createRng(1)) as HitTargetTask
    expect(projectilePlugin.formatResponse(locked, { kind: 'hit-target', angleDeg: 38, speed: 99 })).toContain(`speed ${locked.reference.speed.toFixed(1)} m/s`)
  })

  it('describes the task and the current state for screen readers', () => {
    const task = generateOfKind('hit-target', SKILL_PREDICT, 2, createRng(4)) as HitTargetTask
    const text = projectilePlugin.describe(task, { angleDeg: 40, speed: 11.5, lastLaunch: { range: 12.34, timeOfFlight: 1.5, apexHeight: 3.2, hit: false } })
    expect(text).toContain(task.prompt)
    expect(text).toMatch(/40 degrees at 11.5 m\/s/)
    expect(text).toMatch(/landed at 12.3 m after 1.5 s/)
    expect(text).toMatch(/missed/)
  })
})
