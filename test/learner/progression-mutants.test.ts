/**
 * Competency-based progression (src/learner/progression.ts) on a small hand-built skill graph,
 * pinned where mutation testing found the existing tests blind. The oracle is the graph drawn
 * below and the rules in the module's doc comments, applied by hand:
 *
 *   a ──> b ──> d
 *   a ──> c ──┘        (d needs both b and c)
 */
import { describe, expect, it } from 'vitest'
import type { SkillSpec } from '../../src/core'
import { allMastered, needsPractice, nextTowardGoal, pickSkill, prerequisitesMet, unlockReady } from '../../src/learner/progression'
import { createLearnerState, type LearnerState } from '../../src/learner/state'

const bkt = { prior: 0.2, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 }
const skill = (id: string, prerequisites: string[]): SkillSpec => ({ id, name: id.toUpperCase(), description: `Can do ${id}.`, prerequisites, bkt })
const skills = [skill('a', []), skill('b', ['a']), skill('c', ['a']), skill('d', ['b', 'c'])]
const scene = { id: 'graph', skills, levels: [{ level: 1, difficulty: 0 }] }

function fresh(): LearnerState {
  return createLearnerState(scene, 'quiet-wren-4')
}
function master(state: LearnerState, id: string, pMastery = 0.97): void {
  Object.assign(state.skills[id]!, { pMastery, mastered: true, unlocked: true })
}

describe('unlocking', () => {
  it('needs every prerequisite declared mastered and still at the threshold', () => {
    const state = fresh()
    master(state, 'a')
    master(state, 'b')
    // d needs c too.
    expect(prerequisitesMet(skills[3]!, state)).toBe(false)
    master(state, 'c')
    expect(prerequisitesMet(skills[3]!, state)).toBe(true)
    // Declared mastered but since dipped below 0.95: not enough to unlock anything new.
    state.skills.c!.pMastery = 0.9
    expect(prerequisitesMet(skills[3]!, state)).toBe(false)
    // At 0.95 without the declaration (no streak at the top level yet): not enough either.
    Object.assign(state.skills.c!, { pMastery: 0.99, mastered: false })
    expect(prerequisitesMet(skills[3]!, state)).toBe(false)
  })

  it('reports each skill once, when it opens, in scene order', () => {
    const state = fresh()
    master(state, 'a')
    expect(unlockReady(skills, state)).toEqual(['b', 'c'])
    expect(state.skills.b!.unlocked && state.skills.c!.unlocked).toBe(true)
    // Asked again: nothing new opened.
    expect(unlockReady(skills, state)).toEqual([])
    expect(state.skills.d!.unlocked).toBe(false)
  })
})

describe('a graph naming a skill the state does not hold', () => {
  it('treats an unknown prerequisite as not met, and an unknown current skill as no current skill', () => {
    const state = fresh()
    expect(prerequisitesMet(skill('e', ['ghost']), state)).toBe(false)
    expect(pickSkill(skills, state, 'ghost')).toBe('a')
  })
})

describe('what needs practice', () => {
  it('is a skill not declared mastered, or one declared but below the threshold since', () => {
    const state = fresh()
    expect(needsPractice(state, 'a')).toBe(true)
    master(state, 'a', 0.95)
    expect(needsPractice(state, 'a')).toBe(false)
    state.skills.a!.pMastery = 0.94
    expect(needsPractice(state, 'a')).toBe(true)
    Object.assign(state.skills.a!, { pMastery: 0.99, mastered: false })
    expect(needsPractice(state, 'a')).toBe(true)
  })

  it('is done only when every skill is mastered', () => {
    const state = fresh()
    for (const id of ['a', 'b', 'c']) master(state, id)
    expect(allMastered(skills, state)).toBe(false)
    master(state, 'd')
    expect(allMastered(skills, state)).toBe(true)
  })
})

describe('the way to a goal', () => {
  it('goes depth first through locked skills to the first open one needing practice', () => {
    const state = fresh()
    expect(nextTowardGoal(skills, state, 'd')).toBe('a')
    master(state, 'a')
    unlockReady(skills, state)
    // d's first prerequisite, b, is open and needs practice.
    expect(nextTowardGoal(skills, state, 'd')).toBe('b')
    master(state, 'b')
    expect(nextTowardGoal(skills, state, 'd')).toBe('c')
    master(state, 'c')
    unlockReady(skills, state)
    expect(nextTowardGoal(skills, state, 'd')).toBe('d')
    // An open goal that needs no practice, or a skill the scene lacks: nothing to practise.
    master(state, 'd')
    expect(nextTowardGoal(skills, state, 'd')).toBeNull()
    expect(nextTowardGoal(skills, state, 'zzz')).toBeNull()
  })

  it('visits a shared prerequisite once and survives a cycle in a faulty graph', () => {
    const cyclic = [skill('p', ['q']), skill('q', ['p'])]
    const state = createLearnerState({ id: 'cyclic', skills: cyclic, levels: [{ level: 1, difficulty: 0 }] }, 'quiet-wren-4')
    expect(nextTowardGoal(cyclic, state, 'p')).toBeNull()
  })
})

describe('pickSkill', () => {
  it('works toward an unreached goal, and leaves a reached one for the usual order', () => {
    const state = fresh()
    master(state, 'a')
    unlockReady(skills, state)
    state.goal = { skill: 'c', targetMastery: 0.9 }
    expect(pickSkill(skills, state, 'a')).toBe('c')
    // The goal is reached (0.92 >= 0.9): the tutor's own order, the first open skill needing practice.
    Object.assign(state.skills.c!, { pMastery: 0.92 })
    expect(pickSkill(skills, state, null)).toBe('b')
    // Exactly at the goal's target counts as reached.
    Object.assign(state.skills.c!, { pMastery: 0.9 })
    expect(pickSkill(skills, state, null)).toBe('b')
    // A goal on a skill this state does not have is ignored.
    state.goal = { skill: 'gone', targetMastery: 0.9 }
    expect(pickSkill(skills, state, null)).toBe('b')
  })

  it('stays on the current skill until it is mastered, unless it is locked', () => {
    const state = fresh()
    master(state, 'a')
    unlockReady(skills, state)
    expect(pickSkill(skills, state, 'c')).toBe('c')
    // d is locked: the first open skill needing practice instead.
    expect(pickSkill(skills, state, 'd')).toBe('b')
    master(state, 'c')
    expect(pickSkill(skills, state, 'c')).toBe('b')
  })

  it('takes the first open skill needing practice in scene order, not the weakest', () => {
    const state = fresh()
    master(state, 'a')
    unlockReady(skills, state)
    state.skills.b!.pMastery = 0.5
    state.skills.c!.pMastery = 0.3
    expect(pickSkill(skills, state, null)).toBe('b')
  })

  it('leaves a goal it cannot work toward (reached, but short of a target above mastery) for the usual order', () => {
    const state = fresh()
    master(state, 'a', 0.97)
    unlockReady(skills, state)
    state.goal = { skill: 'a', targetMastery: 1 }
    expect(pickSkill(skills, state, null)).toBe('b')
  })

  it('with everything mastered, reviews the weakest open skill', () => {
    const state = fresh()
    master(state, 'a', 0.99)
    master(state, 'b', 0.96)
    master(state, 'c', 0.97)
    master(state, 'd', 0.955)
    expect(pickSkill(skills, state, 'a')).toBe('d')
    state.skills.d!.pMastery = 0.999
    expect(pickSkill(skills, state, null)).toBe('b')
    // A tie goes to the first in scene order.
    for (const id of ['a', 'b', 'c', 'd']) state.skills[id]!.pMastery = 0.98
    expect(pickSkill(skills, state, null)).toBe('a')
  })

  it('names the problem when no skill can be opened', () => {
    const state = createLearnerState({ id: 'cyclic', skills: [skill('p', ['q']), skill('q', ['p'])], levels: [{ level: 1, difficulty: 0 }] }, 'quiet-wren-4')
    expect(() => pickSkill([skill('p', ['q']), skill('q', ['p'])], state, null)).toThrow(/no skill is unlocked/)
  })
})
