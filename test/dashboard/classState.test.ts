import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { createRng, manualClock, type TutorEvent } from '../../src/core'
import { applyStatements, attemptsCsv, bktCsv, classListCsv, emptyClass, IDLE_AFTER_MS, statusOf } from '../../src/shared/classState'
import { parseBktCsv } from '../../src/learner/csv'
import { buildAll } from '../../src/telemetry/builders'
import { VERBS } from '../../src/telemetry/profile'
import { createTutor } from '../../src/tutor'

/** A scripted station run through the real tutor, turned into the statements the hub would hold. */
function run(learner: string, answers: boolean[], start = Date.UTC(2026, 10, 22, 9)) {
  const events: TutorEvent[] = []
  const clock = manualClock(start)
  const tutor = createTutor({ plugin: measure, learner, rng: createRng(3), clock, emit: (e) => events.push(e) })
  for (const correct of answers) {
    const { task } = tutor.next()
    clock.advance(1_000)
    tutor.submit(correct ? measure.referenceSolution(task as never) : measure.wrongAttempt(task as never, createRng(1)))
    clock.advance(1_000)
  }
  return { events, statements: buildAll(events, { homePage: 'urn:benchtop:hub', registration: crypto.randomUUID(), stationId: 'station-1', version: '2.0.0' }), now: clock.now() }
}

describe("the teacher's class view", () => {
  it('adds up the time a student spent answering in the headset, not at the desktop', () => {
    const events: TutorEvent[] = []
    const clock = manualClock(Date.UTC(2026, 10, 22, 9))
    const tutor = createTutor({ plugin: measure, learner: 'brisk-wren-5', rng: createRng(3), clock, emit: (e) => events.push(e) })
    const answer = (seconds: number, inputMode: 'xr-controller' | 'xr-hand' | 'mouse') => {
      const { task } = tutor.next()
      clock.advance(seconds * 1000)
      tutor.submit(measure.referenceSolution(task as never), { inputMode, timeToFirstActionMs: 500, adjustments: 1, pathLength: 0.1 })
    }
    answer(12, 'xr-controller')
    answer(30, 'mouse')
    answer(8, 'xr-hand')
    const statements = buildAll(events, { homePage: 'urn:benchtop:hub', registration: crypto.randomUUID(), stationId: 'station-1', version: '2.0.0' })
    expect(applyStatements(emptyClass(), statements).get('brisk-wren-5')!.vrMs).toBe(20_000)
  })

  it('shows where each student is, their mastery after the last answer, and their status', () => {
    const a = run('calm-otter-11', [true, true, false])
    const b = run('bold-lynx-22', [false, false, false, false, false])
    const rows = applyStatements(emptyClass(), [...a.statements, ...b.statements])
    const otter = rows.get('calm-otter-11')!
    const lastAnswer = a.events.filter((e) => e.type === 'attempt-assessed').at(-1) as Extract<TutorEvent, { type: 'attempt-assessed' }>
    expect(otter).toMatchObject({ stationId: 'station-1', sceneId: 'measure', attempts: 3, correct: 2 })
    expect(otter.mastery[lastAnswer.task.skill]).toBeCloseTo(lastAnswer.masteryAfter, 3)
    expect(statusOf(otter, a.now)).toBe('active')
    expect(statusOf(otter, a.now + IDLE_AFTER_MS + 1)).toBe('idle')
    // Five quick wrong answers: the tutor's rapid-guessing alert makes the student "stuck".
    const lynx = rows.get('bold-lynx-22')!
    expect(lynx.alerts.map((x) => x.kind)).toContain('rapid-guessing')
    expect(lynx.alerts[0]!.reason.length).toBeGreaterThan(10)
    expect(statusOf(lynx, b.now)).toBe('stuck')
  })

  it('does not depend on the order statements arrive in', () => {
    const { statements } = run('calm-otter-11', [true, false, true, true])
    const forward = applyStatements(emptyClass(), statements).get('calm-otter-11')
    const backward = applyStatements(emptyClass(), [...statements].reverse()).get('calm-otter-11')
    expect(backward).toEqual(forward)
  })

  it("keeps a student's lab, station and level when a later statement without them arrives first", () => {
    const { statements, now } = run('calm-otter-11', [true, true])
    // A lab's completion names no lab or level; delivered before the answers (a queue flushed
    // out of order), it must not hide where the student was.
    const completion = { actor: { account: { name: 'calm-otter-11' } }, verb: { id: VERBS.completed.id }, timestamp: new Date(now + 5_000).toISOString() }
    const inOrder = applyStatements(emptyClass(), [...statements, completion]).get('calm-otter-11')!
    const completionFirst = applyStatements(emptyClass(), [completion, ...statements]).get('calm-otter-11')!
    expect(inOrder).toMatchObject({ sceneId: 'measure', stationId: 'station-1', completed: true })
    expect(typeof inOrder.level).toBe('number')
    expect(completionFirst).toEqual(inOrder)
  })

  it('exports the learner CSV that the BKT fit reads', () => {
    const { statements } = run('calm-otter-11', [true, false, true])
    const rows = parseBktCsv(bktCsv(statements))
    expect(rows.map((r) => r.correct)).toEqual([1, 0, 1])
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set(['calm-otter-11']))
  })

  it("puts only each task's first attempt in the learner CSV, a hint first counting as wrong", () => {
    // Hand-worked: task 1 wrong then right (first attempt 0), task 2 a hint then right (0, as the
    // learner model counts a first hint), task 3 right at once (1).
    const events: TutorEvent[] = []
    const clock = manualClock(Date.UTC(2026, 10, 22, 9))
    const tutor = createTutor({ plugin: measure, learner: 'calm-otter-11', rng: createRng(5), clock, emit: (e) => events.push(e) })
    const step = () => clock.advance(1_000)
    let { task } = tutor.next()
    step()
    tutor.submit(measure.wrongAttempt(task as never, createRng(1)))
    step()
    tutor.submit(measure.referenceSolution(task as never))
    step()
    ;({ task } = tutor.next())
    step()
    expect(tutor.requestHint()).not.toBeNull()
    step()
    tutor.submit(measure.referenceSolution(task as never))
    step()
    ;({ task } = tutor.next())
    step()
    tutor.submit(measure.referenceSolution(task as never))
    const statements = buildAll(events, { homePage: 'urn:benchtop:hub', registration: crypto.randomUUID(), stationId: 'station-1', version: '2.0.0' })
    const rows = parseBktCsv(bktCsv(statements))
    expect(rows.map((r) => [r.correct, r.orderId])).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
    ])
    // The same answers arriving in another order give the same file.
    expect(bktCsv([...statements].reverse())).toBe(bktCsv(statements))
  })

  it('exports attempts without real names, with station labels, and neutralises formulas', () => {
    const { statements } = run('calm-otter-11', [true, false])
    const answered = statements.filter((s) => (s as { verb: { id: string } }).verb.id.endsWith('/answered'))
    ;(answered[1] as { result: { response: string } }).result.response = '=HYPERLINK("http://evil","x")'
    const lines = attemptsCsv(statements, { 'station-1': 'Window bench' }).trim().split('\n')
    expect(lines[0]).toBe('timestamp,pseudonym,station,scene,skill,task,level,response,correct,mastery_after')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(',calm-otter-11,Window bench,measure,')
    expect(lines[1]).not.toContain('station-1')
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`)
  })

  it('exports the class list, the one file with names, quoted where needed', () => {
    const csv = classListCsv([
      { displayName: 'Katherine Johnson', pseudonym: 'calm-otter-11', code: 'K7Q2M' },
      { displayName: 'Smith, "Jo"', pseudonym: 'bold-lynx-22', code: 'P3X9T' },
      { displayName: '=cmd|calc', pseudonym: 'keen-fox-3', code: 'A1B2C' },
    ])
    expect(csv).toBe('name,lab_name,code\nKatherine Johnson,calm-otter-11,K7Q2M\n"Smith, ""Jo""",bold-lynx-22,P3X9T\n\'=cmd|calc,keen-fox-3,A1B2C\n')
  })
})
