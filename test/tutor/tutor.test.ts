import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { createRng, manualClock, type AnyPlugin, type TutorEvent } from '../../src/core'
import { restoreLearnerState } from '../../src/learner/state'
import { createTutor, type TutorPolicy } from '../../src/tutor'

const [WHOLE, DECIMAL] = measure.skills.map((s) => s.id) as [string, string]
const LEARNER = 'swift-otter-42'
/** The tutor hands out tasks type-erased, as the app holds plug-ins. */
const scene: AnyPlugin = measure

function setup(options: { seed?: number; policy?: TutorPolicy; state?: unknown } = {}) {
  const events: TutorEvent[] = []
  const clock = manualClock(1_700_000_000_000)
  // The placement has its own tests (adaptation.test.ts); these start on the tutor's own order.
  const policy: TutorPolicy = { placement: false, ...options.policy }
  const tutor = createTutor({ plugin: measure, learner: LEARNER, rng: createRng(options.seed ?? 1), clock, state: options.state, policy, emit: (e) => events.push(e) })
  return { tutor, events, clock }
}

/** A scripted student: answers right or wrong by pattern, 20 s per task. */
function play(t: ReturnType<typeof setup>, pattern: boolean[]) {
  for (const correct of pattern) {
    const { task } = t.tutor.next()
    t.clock.advance(20_000)
    t.tutor.submit(correct ? scene.referenceSolution(task) : scene.wrongAttempt(task, createRng(task.seed)))
  }
}

describe('tutor loop', () => {
  it('is deterministic given rng and clock', () => {
    const a = setup({ seed: 5 })
    const b = setup({ seed: 5 })
    const pattern = [true, false, true, true, false, true, true, true, true, true, true, true]
    play(a, pattern)
    play(b, pattern)
    expect(a.events).toEqual(b.events)
    expect(a.tutor.snapshot()).toEqual(b.tutor.snapshot())
  })

  it('presents a task, assesses it, and reports mastery before and after in the event', () => {
    const t = setup()
    const presented = t.tutor.next()
    expect(presented.skill).toBe(WHOLE)
    expect(presented.scaffoldLevel).toBe(0)
    expect(presented.predictedSuccess).toBeGreaterThan(0)
    t.clock.advance(12_000)
    const result = t.tutor.submit(scene.referenceSolution(presented.task), { inputMode: 'mouse', timeToFirstActionMs: 1000, adjustments: 2, pathLength: 0.3 })
    expect(result.assessment.correct).toBe(true)
    expect(result.counted).toBe(true)
    expect(result.mastery).toBeGreaterThan(result.masteryBefore)
    const types = t.events.map((e) => e.type)
    expect(types).toEqual(['session-started', 'skill-unlocked', 'task-presented', 'attempt-assessed'])
    const assessed = t.events.at(-1)!
    if (assessed.type !== 'attempt-assessed') throw new Error('unreachable')
    expect(assessed).toMatchObject({ learner: LEARNER, sceneId: 'measure', durationMs: 12_000, hintsUsed: 0, masteryBefore: result.masteryBefore, masteryAfter: result.mastery, response: expect.stringContaining('placed at') })
    expect(assessed.interaction?.inputMode).toBe('mouse')
    // A second attempt on the same task is assessed but is not a new opportunity.
    const again = t.tutor.submit(scene.referenceSolution(presented.task))
    expect(again.counted).toBe(false)
    expect(again.mastery).toBe(result.mastery)
  })

  it('fades scaffolds as mastery rises, declares mastery, unlocks the next skill and moves on', () => {
    const t = setup()
    // Three right per level up to the top (level 5), then two right there: 14 tasks.
    play(t, Array(14).fill(true))
    const types = t.events.map((e) => e.type)
    expect(types).toContain('scaffold-changed')
    expect(types).toContain('skill-mastered')
    const unlocked = t.events.filter((e) => e.type === 'skill-unlocked').map((e) => (e as { skill: string }).skill)
    expect(unlocked).toEqual([WHOLE, DECIMAL])
    expect(t.tutor.unlockedSkills()).toEqual([WHOLE, DECIMAL])
    const mastered = t.events.find((e) => e.type === 'skill-mastered')!
    expect(mastered).toMatchObject({ skill: WHOLE })
    expect((mastered as { mastery: number }).mastery).toBeGreaterThanOrEqual(0.95)
    expect(t.tutor.next().skill).toBe(DECIMAL)
    const rungs = t.events.filter((e) => e.type === 'scaffold-changed').map((e) => e as { from: number; to: number })
    for (const change of rungs.filter((c) => c.to > c.from)) expect(change.to - change.from).toBe(1)
  })

  it('counts a first hint before any attempt as a wrong first attempt (OATutor), once', () => {
    const t = setup()
    const { task } = t.tutor.next()
    const before = t.tutor.masteryBySkill()[WHOLE]!
    const hint = t.tutor.requestHint()
    expect(hint).toEqual({ text: scene.hints(task, 0)[0], index: 0 })
    const afterHint = t.tutor.masteryBySkill()[WHOLE]!
    expect(afterHint).toBeLessThan(before + 0.2) // wrong evidence, then the learn step
    expect(t.tutor.requestHint()!.index).toBe(1)
    expect(t.tutor.masteryBySkill()[WHOLE]).toBe(afterHint)
    const result = t.tutor.submit(scene.referenceSolution(task))
    expect(result.counted).toBe(false)
    expect(t.events.filter((e) => e.type === 'hint-requested')).toHaveLength(2)
    expect(t.events.at(-1)).toMatchObject({ type: 'attempt-assessed', hintsUsed: 2 })
  })

  it('turns hints off and locks the least support in assessment mode', () => {
    const t = setup({ policy: { assessmentMode: true } })
    expect(t.tutor.next().scaffoldLevel).toBe(measure.scaffolds.length - 1)
    expect(t.tutor.requestHint()).toBeNull()
  })

  it('raises wheel-spinning with a readable reason and changes tactic', () => {
    const t = setup()
    play(t, [false, true, false, true, true, false, false, true, false, true, false])
    const alert = t.events.find((e) => e.type === 'alert-raised')
    expect(alert).toMatchObject({ alert: { kind: 'wheel-spinning', skill: WHOLE, reason: expect.stringContaining('No 3 correct in a row in 10 attempts') } })
    expect(t.tutor.snapshot().skills[WHOLE]!.struggling).toBe(true)
    expect(t.tutor.next().scaffoldLevel).toBe(0)
  })

  it('raises rapid guessing when wrong answers come too fast', () => {
    const t = setup()
    for (let i = 0; i < 3; i++) {
      const { task } = t.tutor.next()
      t.clock.advance(1_000)
      t.tutor.submit(scene.wrongAttempt(task, createRng(i)))
    }
    t.tutor.next()
    expect(t.events.some((e) => e.type === 'alert-raised' && e.alert.kind === 'rapid-guessing')).toBe(true)
  })

  it('raises hint abuse when students click straight through to the last hint', () => {
    const t = setup()
    for (let i = 0; i < 2; i++) {
      const { task } = t.tutor.next()
      while (t.tutor.requestHint()) t.clock.advance(1_000)
      t.tutor.submit(scene.referenceSolution(task))
    }
    expect(t.events.some((e) => e.type === 'alert-raised' && e.alert.kind === 'hint-abuse')).toBe(true)
  })

  it('raises idle once per task after two minutes without action', () => {
    const t = setup()
    t.tutor.next()
    t.clock.advance(60_000)
    expect(t.tutor.checkIdle()).toBeNull()
    t.clock.advance(90_000)
    expect(t.tutor.checkIdle()).toMatchObject({ kind: 'idle', skill: WHOLE })
    expect(t.tutor.checkIdle()).toBeNull()
    expect(t.events.filter((e) => e.type === 'alert-raised')).toHaveLength(1)
  })

  it('lets the student choose among unlocked skills and set a goal; locked skills say why', () => {
    const t = setup()
    expect(() => t.tutor.next({ skill: DECIMAL })).toThrow(/locked until Whole numbers on a scale reach mastery/)
    expect(() => t.tutor.next({ skill: 'measure.nope' })).toThrow(/unknown skill/)
    // Decimals are locked: the way there starts with their prerequisite.
    expect(t.tutor.setGoal(DECIMAL, 0.9)).toBe(WHOLE)
    expect(t.events.at(-1)).toMatchObject({ type: 'goal-set', skill: DECIMAL, targetMastery: 0.9 })
    expect(t.tutor.next().skill).toBe(WHOLE)
    expect(() => t.tutor.setGoal(DECIMAL, 2)).toThrow(/targetMastery/)
    expect(t.tutor.goal()).toEqual({ skill: DECIMAL, targetMastery: 0.9 })
    expect(t.tutor.snapshot().goal).toEqual({ skill: DECIMAL, targetMastery: 0.9 })
    t.tutor.clearGoal()
    expect(t.tutor.goal()).toBeNull()
  })

  it('snapshots plain JSON that restores at another station and continues identically', () => {
    const a = setup({ seed: 3 })
    play(a, [true, true, false, true])
    const saved = JSON.parse(JSON.stringify(a.tutor.snapshot()))
    expect(restoreLearnerState(saved, measure, LEARNER)).toEqual(a.tutor.snapshot())
    const b = setup({ seed: 9, state: saved })
    expect(b.tutor.masteryBySkill()).toEqual(a.tutor.masteryBySkill())
    expect(b.events.map((e) => e.type)).toEqual(['session-started'])
    expect(() => setup({ state: { ...saved, version: 7 } })).toThrow(/LearnerState.version: expected one of 1, 2, 3, got 7/)
  })

  it('runs a fixed sequence at a fixed rung when asked (the baseline policy)', () => {
    const t = setup({ policy: { fixedSequence: { steps: [{ skill: WHOLE, level: 1 }, { skill: WHOLE, level: 3 }], scaffoldLevel: 1 } } })
    const seen = [t.tutor.next(), t.tutor.next(), t.tutor.next()].map((p) => [p.level, p.scaffoldLevel])
    expect(seen).toEqual([[1, 1], [3, 1], [1, 1]])
  })

  it('ends the session once', () => {
    const t = setup()
    t.tutor.end('suspended')
    t.tutor.end()
    expect(t.events.filter((e) => e.type === 'session-ended')).toEqual([expect.objectContaining({ reason: 'suspended' })])
    expect(() => t.tutor.next()).toThrow(/ended/)
  })
})
