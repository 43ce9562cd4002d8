/**
 * The one contract every scene plug-in must pass. scene-contract.test.ts runs it for every
 * registered scene; a scene under construction can call describeSceneContract(plugin) itself.
 */
import { describe, expect, it } from 'vitest'
import { createRng, type AnyPlugin } from '../../src/core'

const SEEDS = [1, 2, 3, 42, 2024, 99991]

export function describeSceneContract(plugin: AnyPlugin): void {
  describe(`scene contract: ${plugin.id}`, () => {
    it('has a url-safe id, a version and non-empty texts', () => {
      expect(plugin.id).toMatch(/^[a-z][a-z0-9-]*$/)
      expect(plugin.version).toMatch(/^\d+\.\d+\.\d+$/)
      for (const text of [plugin.title, plugin.subject, plugin.summary]) expect(text.trim().length).toBeGreaterThan(0)
    })

    it('declares skills with scene-prefixed ids, known prerequisites, no cycles and valid BKT priors', () => {
      expect(plugin.skills.length).toBeGreaterThan(0)
      const ids = new Set(plugin.skills.map((s) => s.id))
      expect(ids.size).toBe(plugin.skills.length)
      for (const skill of plugin.skills) {
        expect(skill.id.startsWith(`${plugin.id}.`), skill.id).toBe(true)
        expect(skill.name.trim(), skill.id).not.toBe('')
        expect(skill.description.trim(), skill.id).not.toBe('')
        for (const pre of skill.prerequisites) expect(ids.has(pre), `${skill.id} needs unknown ${pre}`).toBe(true)
        const { prior, learn, guess, slip, forget } = skill.bkt
        for (const p of [prior, learn, guess, slip]) expect(p > 0 && p < 1, `${skill.id} bkt ${p}`).toBe(true)
        expect(forget >= 0 && forget < 1).toBe(true)
        expect(guess + slip).toBeLessThan(1)
      }
      // Depth-first search for a cycle in the prerequisite graph.
      const state = new Map<string, 'open' | 'done'>()
      const visit = (id: string, path: string[]): void => {
        if (state.get(id) === 'done') return
        if (state.get(id) === 'open') throw new Error(`prerequisite cycle: ${[...path, id].join(' -> ')}`)
        state.set(id, 'open')
        for (const pre of plugin.skills.find((s) => s.id === id)!.prerequisites) visit(pre, [...path, id])
        state.set(id, 'done')
      }
      for (const skill of plugin.skills) visit(skill.id, [])
    })

    it('numbers levels 1..N (N >= 5) with increasing difficulty and teacher-facing descriptions', () => {
      expect(plugin.levels.length).toBeGreaterThanOrEqual(5)
      plugin.levels.forEach((level, i) => {
        expect(level.level).toBe(i + 1)
        expect(level.description.trim()).not.toBe('')
        if (i > 0) expect(level.difficulty).toBeGreaterThan(plugin.levels[i - 1]!.difficulty)
      })
    })

    it('orders scaffolds from most support to least', () => {
      expect(plugin.scaffolds.length).toBeGreaterThanOrEqual(2)
      plugin.scaffolds.forEach((scaffold, i) => {
        expect(scaffold.level).toBe(i)
        expect(scaffold.description.trim()).not.toBe('')
        if (i > 0) expect(scaffold.support).toBeLessThan(plugin.scaffolds[i - 1]!.support)
      })
      expect(plugin.scaffolds[0]!.support).toBeLessThanOrEqual(1)
      expect(plugin.scaffolds.at(-1)!.support).toBeGreaterThanOrEqual(0)
    })

    it('generates the same task from the same seed, and different tasks from different seeds', () => {
      for (const skill of plugin.skills) {
        for (const { level } of plugin.levels) {
          const a = plugin.generate(skill.id, level, createRng(7))
          const b = plugin.generate(skill.id, level, createRng(7))
          expect(JSON.stringify(a)).toBe(JSON.stringify(b))
          const distinct = new Set(SEEDS.map((seed) => JSON.stringify(plugin.generate(skill.id, level, createRng(seed)))))
          expect(distinct.size, `${skill.id} level ${level} ignores its seed`).toBeGreaterThan(1)
        }
      }
    })

    it('yields, at every skill and level, solvable tasks whose reference solution is correct and a wrong attempt is not', () => {
      for (const skill of plugin.skills) {
        for (const { level } of plugin.levels) {
          for (const seed of SEEDS) {
            const task = plugin.generate(skill.id, level, createRng(seed))
            const where = `${skill.id} level ${level} seed ${seed}`
            expect(task.sceneId, where).toBe(plugin.id)
            expect(task.skill, where).toBe(skill.id)
            expect(task.level, where).toBe(level)
            expect(task.prompt.trim(), where).not.toBe('')
            // Tasks travel as JSON (telemetry, the hub): they must survive a round trip.
            expect(JSON.parse(JSON.stringify(task)), where).toEqual(task)

            const good = plugin.assess(task, plugin.referenceSolution(task))
            expect(good.correct, where).toBe(true)
            expect(good.score, where).toBe(1)
            expect(good.evidence[0]?.skill, where).toBe(skill.id)
            expect(good.feedback.trim(), where).not.toBe('')

            const bad = plugin.assess(task, plugin.wrongAttempt(task, createRng(seed + 1)))
            expect(bad.correct, where).toBe(false)
            expect(bad.score, where).toBeLessThan(1)
            expect(bad.evidence.find((e) => e.skill === skill.id)?.correct, where).toBe(false)
            expect(bad.feedback.trim(), where).not.toBe('')

            expect(plugin.describe(task).trim(), where).not.toBe('')
            expect(plugin.formatResponse(task, plugin.referenceSolution(task)).trim(), where).not.toBe('')
            for (const scaffold of plugin.scaffolds) {
              const hints = plugin.hints(task, scaffold.level)
              expect(hints.length, where).toBeGreaterThan(0)
              for (const hint of hints) expect(hint.trim(), where).not.toBe('')
            }
          }
        }
      }
    })

    it('rejects an unknown skill or level with an error that names it', () => {
      expect(() => plugin.generate(`${plugin.id}.no-such-skill`, 1, createRng(1))).toThrow(/no-such-skill/)
      expect(() => plugin.generate(plugin.skills[0]!.id, plugin.levels.length + 1, createRng(1))).toThrow(
        new RegExp(String(plugin.levels.length + 1)),
      )
    })
  })
}
