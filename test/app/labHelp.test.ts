/**
 * The lab run's help on the page: hints that run out, the solution offered after two wrong
 * tries and closing the task to marking, and assessment mode with none of it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { canRevealSolution, createLabSession, takesAnswers, type LearnerStateStore } from '../../src/app/lab/labSession'
import { tutorFactory } from '../../src/app/lab/tutorFactory'
import { createRng, type AnyPlugin } from '../../src/core'

const plugin: AnyPlugin = measure
const memory = new Map<string, string>()
const states: LearnerStateStore = { load: async () => undefined, save: async () => {} }

beforeAll(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
  }
})

describe('help in a lab run', () => {
  it('counts the hints down to none, then offers the solution', async () => {
    const session = createLabSession(tutorFactory, states)
    await session.start(plugin, 'calm-heron-21')
    const { task, scaffoldLevel } = session.store.getState()
    const total = plugin.hints(task!, scaffoldLevel).length
    expect(session.store.getState().hintsLeft).toBe(total)
    expect(canRevealSolution(session.store.getState())).toBe(false)
    for (let i = 0; i < total; i++) session.requestHint()
    expect(session.store.getState().hints).toHaveLength(total)
    expect(session.store.getState().hintsLeft).toBe(0)
    session.requestHint()
    expect(session.store.getState().hints).toHaveLength(total)
    expect(canRevealSolution(session.store.getState())).toBe(true)
  })

  it('offers the solution after the second wrong try; once shown, a typed-back answer is not marked right', async () => {
    const session = createLabSession(tutorFactory, states)
    await session.start(plugin, 'calm-heron-22')
    const task = session.store.getState().task!
    session.submit(plugin.wrongAttempt(task, createRng(1)))
    expect(canRevealSolution(session.store.getState())).toBe(false)
    session.submit(plugin.wrongAttempt(task, createRng(2)))
    expect(session.store.getState().wrongTries).toBe(2)
    expect(canRevealSolution(session.store.getState())).toBe(true)
    session.revealSolution()
    const shown = session.store.getState().solution!
    const target = (task as unknown as { target: number }).target
    expect(shown).toContain(String(target))
    expect(canRevealSolution(session.store.getState())).toBe(false)
    session.submit(plugin.referenceSolution(task))
    expect(session.store.getState().lastAssessment?.correct).toBe(false)
    session.next()
    expect(session.store.getState().solution).toBeUndefined()
    expect(session.store.getState().wrongTries).toBe(0)
  })

  it('in assessment mode offers no hint and no solution, and takes one answer per task', async () => {
    const session = createLabSession(tutorFactory, states)
    await session.start(plugin, 'calm-heron-23', { assessmentMode: true })
    const task = session.store.getState().task!
    expect(session.store.getState().hintsLeft).toBe(0)
    expect(takesAnswers(session.store.getState())).toBe(true)
    session.submit(plugin.wrongAttempt(task, createRng(1)))
    expect(takesAnswers(session.store.getState())).toBe(false)
    session.submit(plugin.wrongAttempt(task, createRng(2)))
    expect(canRevealSolution(session.store.getState())).toBe(false)
    session.revealSolution()
    expect(session.store.getState().solution).toBeUndefined()
  })
})
