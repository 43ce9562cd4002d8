/**
 * Progress that never rolls back, over real HTTP and real SQLite: a station that answered while
 * the hub was out of reach, and another station that loaded the student meanwhile, both end up
 * with every answer counted. The expected mastery is worked by hand from the answers' first
 * attempts through BKT (pyBKT-exact, test/learner/reference.test.ts) with Measure's parameters.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { SKILL_WHOLE } from '../../scenes/measure/skills'
import { createRng, manualClock, type TutorEvent } from '../../src/core'
import { ACTOR_HOME_PAGE } from '../../src/hub/api'
import { parseHubArgs } from '../../src/hub/config'
import { startHub, type RunningHub } from '../../src/hub/server'
import { bktUpdate } from '../../src/learner/bkt'
import { levelEase } from '../../src/learner/difficulty'
import { scaffoldedParams } from '../../src/learner/scaffold'
import { foldedThrough, LEARNER_STATE_ID, learnerStateActivity } from '../../src/shared/learnerFold'
import { buildAll } from '../../src/telemetry/builders'
import { createTutor } from '../../src/tutor'
import { basic, dist } from './store-helpers'

const LRS_KEY = 'rollback-tool:a-long-enough-password'
const LEARNER = 'steady-heron-17'

let hub: RunningHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

async function start() {
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-rollback-'))
  hub = await startHub(parseHubArgs(['--http', '--port', '0', '--data', dataDir, '--lrs-key', LRS_KEY, '--no-limits'], { dataDir }), { distDir: dist })
  return { h: hub, teacher: `${hub.teacherKey.id}:${hub.teacherKey.secret}` }
}

type Step = 'right' | 'wrong-then-right' | 'hint-then-right'

/** A station's lab run as the lab page drives it: the tutor from a saved state, its statements and the state it saves. */
function stationRun(saved: unknown, steps: Step[], startAt: number, seed: number) {
  const events: TutorEvent[] = []
  const clock = manualClock(startAt)
  const tutor = createTutor({ plugin: measure, learner: LEARNER, rng: createRng(seed), clock, state: saved, emit: (e) => events.push(e), policy: { placement: false } })
  for (const step of steps) {
    const { task } = tutor.next({ skill: SKILL_WHOLE })
    clock.advance(2_000)
    if (step === 'hint-then-right') {
      tutor.requestHint()
      clock.advance(2_000)
    }
    if (step === 'wrong-then-right') {
      tutor.submit(measure.wrongAttempt(task as never, createRng(seed)))
      clock.advance(2_000)
    }
    tutor.submit(measure.referenceSolution(task as never))
    clock.advance(2_000)
  }
  const registration = crypto.randomUUID()
  const statements = buildAll(events, { homePage: ACTOR_HOME_PAGE, registration, stationId: 'station', version: '2.0.0' })
  const lastEvidence = events.findLast((e) => e.type === 'attempt-assessed' || e.type === 'hint-requested')
  const previous = (saved as { folded?: Record<string, string> } | undefined)?.folded
  return { statements, events, state: { ...tutor.snapshot(), folded: foldedThrough(previous, registration, lastEvidence?.at) } }
}

const xapi = (h: RunningHub, path: string, init: RequestInit) =>
  fetch(new URL(`xapi/${path}`, h.url), { ...init, headers: { Authorization: basic(LRS_KEY), 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json', ...init.headers } })

async function deliver(h: RunningHub, statements: unknown[]) {
  const res = await xapi(h, 'statements', { method: 'POST', body: JSON.stringify(statements) })
  expect(res.status).toBe(200)
}

async function saveState(h: RunningHub, state: unknown) {
  const query = new URLSearchParams({ activityId: learnerStateActivity('measure'), agent: JSON.stringify({ objectType: 'Agent', account: { homePage: ACTOR_HOME_PAGE, name: LEARNER } }), stateId: LEARNER_STATE_ID })
  // As the station saves: POST, which replaces each top-level key it sends (the whole state).
  const res = await xapi(h, `activities/state?${query}`, { method: 'POST', body: JSON.stringify(state) })
  expect(res.status).toBe(204)
}

async function resume(h: RunningHub, key: string) {
  const res = await fetch(new URL(`api/learner-state/measure/${LEARNER}`, h.url), { headers: { Authorization: basic(key) } })
  return { status: res.status, state: res.status === 200 ? ((await res.json()) as { skills: Record<string, { pMastery: number; opportunities: number; correct: number }> }) : null }
}

/**
 * BKT through first attempts, by hand: right = 1; wrong-then-right and hint-then-right = 0, each
 * weighed as the tutor weighs evidence: the guess rate raised by the support of the rung and the
 * ease of the level the run's own events say each task was given at.
 */
function expectedMastery(from: number, steps: Step[], events: readonly TutorEvent[]): number {
  const spec = measure.skills.find((s) => s.id === SKILL_WHOLE)!
  const levels = measure.levels.map((l) => l.level)
  const presented = events.filter((e) => e.type === 'task-presented')
  return steps.reduce((p, step, i) => {
    const shown = presented[i] as Extract<TutorEvent, { type: 'task-presented' }>
    const ease = levelEase(shown.task.level, Math.min(...levels), spec.masteryLevel ?? Math.max(...levels))
    const weighed = scaffoldedParams(spec.bkt, measure.scaffolds[shown.scaffoldLevel]!.support, { ...spec.bkt }, ease)
    return bktUpdate(weighed, p, step === 'right' ? 1 : 0)
  }, from)
}

describe('a student whose progress follows them from station to station', () => {
  it('answers made at station A while the hub was away, then delivered, are in the state station B resumes', async () => {
    const { h, teacher } = await start()
    // Station A could save nothing: only its statements, delivered later, reach the hub.
    const steps: Step[] = ['right', 'right', 'wrong-then-right', 'right', 'hint-then-right', 'right']
    const a = stationRun(undefined, steps, Date.UTC(2026, 10, 30, 9), 1)
    expect((await resume(h, teacher)).status).toBe(404)
    await deliver(h, a.statements)
    const { state } = await resume(h, teacher)
    const prior = measure.skills.find((s) => s.id === SKILL_WHOLE)!.bkt.prior
    expect(state!.skills[SKILL_WHOLE]!.opportunities).toBe(6)
    expect(state!.skills[SKILL_WHOLE]!.correct).toBe(4)
    expect(state!.skills[SKILL_WHOLE]!.pMastery).toBeCloseTo(expectedMastery(prior, steps, a.events), 12)
    // What station A's own tutor held at the end: B resumes exactly there.
    expect(state!.skills[SKILL_WHOLE]!.pMastery).toBeCloseTo(a.state.skills[SKILL_WHOLE]!.pMastery, 12)
  })

  it("a stale state saved last never rolls back what another station's delivered answers added", async () => {
    const { h, teacher } = await start()
    // Lesson 1 at any station: saved and delivered.
    const first: Step[] = ['right', 'wrong-then-right']
    const lesson1 = stationRun(undefined, first, Date.UTC(2026, 10, 30, 9), 2)
    await deliver(h, lesson1.statements)
    await saveState(h, lesson1.state)
    // Station A works offline (its statements and its save wait); station B loads the student meanwhile.
    const offline: Step[] = ['right', 'right', 'right']
    const a = stationRun(lesson1.state, offline, Date.UTC(2026, 10, 30, 10), 3)
    const atB = (await resume(h, teacher)).state
    const later: Step[] = ['right', 'hint-then-right']
    const b = stationRun(atB, later, Date.UTC(2026, 10, 30, 11), 4)
    await deliver(h, b.statements)
    await saveState(h, b.state)
    // A comes back: its answers arrive, and its save, made before B's answers, lands last.
    await deliver(h, a.statements)
    await saveState(h, a.state)
    const { state } = await resume(h, teacher)
    const skill = state!.skills[SKILL_WHOLE]!
    expect(skill.opportunities).toBe(first.length + offline.length + later.length)
    expect(skill.correct).toBe(1 + 3 + 1)
    // A's saved state already holds lessons 1 and A; B's answers are folded on top, in time order.
    const prior = measure.skills.find((s) => s.id === SKILL_WHOLE)!.bkt.prior
    const throughA = a.state.skills[SKILL_WHOLE]!.pMastery
    expect(skill.pMastery).toBeCloseTo(expectedMastery(throughA, later, b.events), 12)
    expect(skill.pMastery).toBeGreaterThan(expectedMastery(prior, first, lesson1.events))
  })

  it('is read by stations and the teacher only, for a lab the hub has', async () => {
    const { h } = await start()
    expect((await resume(h, LRS_KEY)).status).toBe(403)
    const res = await fetch(new URL(`api/learner-state/no-such-lab/${LEARNER}`, h.url), { headers: { Authorization: basic(`${h.teacherKey.id}:${h.teacherKey.secret}`) } })
    expect(res.status).toBe(404)
  })
})
