import { describe, expect, it } from 'vitest'
import measurePlugin from '../../scenes/measure'
import projectile from '../../scenes/projectile'
import { createRng, manualClock, type AnyPlugin, type TutorEvent } from '../../src/core'
import { createTutor, type TutorPolicy } from '../../src/tutor'

/** The tutor hands out tasks type-erased, as the app holds plug-ins. */
const measure: AnyPlugin = measurePlugin

function setup(plugin: AnyPlugin, policy?: TutorPolicy) {
  const events: TutorEvent[] = []
  const clock = manualClock(1_700_000_000_000)
  const tutor = createTutor({ plugin, learner: 'calm-heron-7', rng: createRng(3), clock, policy, emit: (e) => events.push(e) })
  return { tutor, events, clock }
}

describe('show the solution', () => {
  it('returns the solution, and a revealed answer typed back is not marked correct and is not new evidence', () => {
    const { tutor, clock } = setup(measure)
    const { task } = tutor.next()
    clock.advance(20_000)
    const wrong1 = tutor.submit(measure.wrongAttempt(task, createRng(1)))
    const wrong2 = tutor.submit(measure.wrongAttempt(task, createRng(2)))
    expect([wrong1.assessment.correct, wrong2.assessment.correct]).toEqual([false, false])
    // Only the first attempt moved the model.
    expect([wrong1.counted, wrong2.counted]).toEqual([true, false])
    const solution = tutor.revealSolution()
    // Measure's target is a number the solution names: 3.5 reads '3.5'.
    expect(solution).toContain(String(Number((task as unknown as { target: number }).target.toFixed(2))))
    const before = tutor.masteryBySkill()[task.skill]
    const typedBack = tutor.submit(measure.referenceSolution(task))
    expect(typedBack.assessment.correct).toBe(false)
    expect(typedBack.assessment.score).toBe(0)
    expect(typedBack.assessment.feedback).toMatch(/solution was shown/)
    expect(typedBack.counted).toBe(false)
    expect(tutor.masteryBySkill()[task.skill]).toBe(before)
  })

  it('counts a solution asked for before any attempt as a wrong first attempt', () => {
    const asked = setup(measure)
    const wrong = setup(measure)
    const a = asked.tutor.next()
    const w = wrong.tutor.next()
    expect(a.task.id).toBe(w.task.id)
    asked.tutor.revealSolution()
    wrong.tutor.submit(measure.wrongAttempt(w.task, createRng(1)))
    expect(asked.tutor.masteryBySkill()).toEqual(wrong.tutor.masteryBySkill())
    // The next task is answered fresh: reveal closes only the task it was asked on.
    const next = asked.tutor.next()
    expect(asked.tutor.submit(measure.referenceSolution(next.task)).assessment.correct).toBe(true)
  })

  it('uses the scene\'s own solution text where it has one', () => {
    const { tutor } = setup(projectile)
    const { task } = tutor.next()
    expect(tutor.revealSolution()).toBe((projectile as AnyPlugin).solution!(task))
  })
})

describe('assessment mode', () => {
  it('gives no hint and no solution, and marks only the first answer of a task', () => {
    const { tutor } = setup(measure, { assessmentMode: true })
    const { task } = tutor.next()
    expect(tutor.requestHint()).toBeNull()
    expect(tutor.revealSolution()).toBeNull()
    const first = tutor.submit(measure.wrongAttempt(task, createRng(1)))
    expect(first.assessment.correct).toBe(false)
    const second = tutor.submit(measure.referenceSolution(task))
    expect(second.assessment.correct).toBe(false)
    expect(second.assessment.feedback).toMatch(/one answer/)
    expect(second.counted).toBe(false)
  })

  it('marks a right first answer right', () => {
    const { tutor } = setup(measure, { assessmentMode: true })
    const { task } = tutor.next()
    expect(tutor.submit(measure.referenceSolution(task)).assessment.correct).toBe(true)
  })
})
