/**
 * The teacher's target success rate and assessment mode reach the real tutor of a lab run, at
 * its start and when the teacher changes them mid-run.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import measure from '../../../scenes/measure'
import { createLabSession, type LearnerStateStore } from '../../../src/app/lab/labSession'
import { tutorFactory } from '../../../src/app/lab/tutorFactory'
import { tutorPolicyOf, type StationControls } from '../../../src/app/station/controls'
import { createRng, type AnyPlugin } from '../../../src/core'

const plugin: AnyPlugin = measure
const LEAST_SUPPORT = plugin.scaffolds.length - 1
const memory = new Map<string, string>()
const states: LearnerStateStore = { load: async () => undefined, save: async () => {} }

beforeAll(() => {
  // The session keeps a local copy of progress: Node has no localStorage.
  ;(globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
  }
})

const controls = (over: Partial<StationControls>): StationControls => ({
  assignedScene: null,
  targetSuccess: 0.8,
  assessmentMode: false,
  rotation: { segmentMinutes: 20, vrSegmentMinutes: 10, startedAt: null },
  placement: true,
  paused: false,
  ...over,
})

describe('a lab run under the teacher\'s controls', () => {
  it('in assessment mode gives a new student the least-support rung and no hints', async () => {
    const session = createLabSession(tutorFactory, states)
    await session.start(plugin, 'calm-heron-11', tutorPolicyOf(controls({ assessmentMode: true })))
    // A fresh student would normally get the most support (rung 0).
    expect(session.store.getState().scaffoldLevel).toBe(LEAST_SUPPORT)
    session.requestHint()
    expect(session.store.getState().hints).toEqual([])
    expect(session.store.getState().events.some((e) => e.type === 'hint-requested')).toBe(false)
  })

  it('switches to assessment mode from the next task, keeping the open one and what the student has learned, and back again', async () => {
    const session = createLabSession(tutorFactory, states)
    await session.start(plugin, 'quick-wren-12', tutorPolicyOf(controls({ placement: false })))
    expect(session.store.getState().scaffoldLevel).toBe(0)
    const { task } = session.store.getState()
    session.submit(plugin.referenceSolution(task!))
    const mastery = session.store.getState().mastery
    const open = session.store.getState().task!

    session.setPolicy(tutorPolicyOf(controls({ assessmentMode: true })))
    // The open task is not thrown away: same task, same support, its hints still there.
    expect(session.store.getState().task!.id).toBe(open.id)
    expect(session.store.getState().scaffoldLevel).toBe(0)
    expect(session.store.getState().hintsLeft).toBeGreaterThan(0)

    session.next()
    const locked = session.store.getState()
    expect(locked.scaffoldLevel).toBe(LEAST_SUPPORT)
    expect(locked.task!.id).not.toBe(task!.id)
    expect(locked.mastery).toEqual(mastery)
    session.requestHint()
    expect(session.store.getState().hints).toEqual([])

    session.setPolicy(tutorPolicyOf(controls({ assessmentMode: false })))
    // Still the assessment task until the next one.
    session.requestHint()
    expect(session.store.getState().hints).toEqual([])
    session.next()
    session.requestHint()
    expect(session.store.getState().hints.length).toBe(1)
  })

  it('takes the controls on at once when they arrive after the run started, before the student did anything', async () => {
    const session = createLabSession(tutorFactory, states)
    // The station had not heard from the hub yet: the tutor's defaults (support and hints).
    await session.start(plugin, 'late-controls-13', {})
    expect(session.store.getState().scaffoldLevel).not.toBe(LEAST_SUPPORT)
    expect(session.store.getState().hintsLeft).toBeGreaterThan(0)
    session.setPolicy(tutorPolicyOf(controls({ assessmentMode: true, placement: false })))
    expect(session.store.getState().scaffoldLevel).toBe(LEAST_SUPPORT)
    expect(session.store.getState().hintsLeft).toBe(0)
  })

  it('aims the level choice at the teacher\'s target: a lower target gives harder tasks to the same student', async () => {
    // A student who gets four in five right: above a 50% target, below a 95% one.
    const levelFor = async (targetSuccess: number) => {
      const session = createLabSession(tutorFactory, states)
      await session.start(plugin, `steady-${Math.round(targetSuccess * 100)}`, tutorPolicyOf(controls({ targetSuccess, placement: false })))
      for (let i = 0; i < 20; i++) {
        const task = session.store.getState().task!
        session.submit(i % 5 === 4 ? plugin.wrongAttempt(task, createRng(i)) : plugin.referenceSolution(task))
        session.next()
      }
      return session.store.getState().task!.level
    }
    expect(await levelFor(0.5)).toBeGreaterThan(await levelFor(0.95))
  })
})
