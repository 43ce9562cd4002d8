/**
 * A scripted lab run of a scene through the real tutor loop: right and wrong answers, hints,
 * an idle spell, a goal, every input mode, and a completed end. Returns every TutorEvent.
 */
import { createRng, manualClock, type AnyPlugin, type InputMode, type InteractionSummary, type TutorEvent } from '../../src/core'
import { createTutor } from '../../src/tutor'

export const START = Date.UTC(2024, 4, 1, 9, 30, 0, 123)
const MODES: InputMode[] = ['mouse', 'touch', 'keyboard', 'xr-controller', 'xr-hand']

export function scriptedRun(plugin: AnyPlugin, learner: string, seed = 7): TutorEvent[] {
  const events: TutorEvent[] = []
  const clock = manualClock(START)
  const rng = createRng(seed)
  const tutor = createTutor({ plugin, learner, rng: createRng(seed + 1), clock, emit: (e) => events.push(e) })
  const pattern = [true, false, true, false, false, true, true, false, true, true, true, true, false, true, true, true, true, true, true, true, true, true, true, true]
  pattern.forEach((correct, i) => {
    const { task } = tutor.next()
    clock.advance(3_000 + rng.int(0, 20_000) + 0.37)
    if (i % 5 === 2) {
      tutor.requestHint()
      clock.advance(4_000)
    }
    if (i === 4) {
      clock.advance(150_000)
      tutor.checkIdle()
    }
    const interaction: InteractionSummary = { inputMode: MODES[i % MODES.length]!, timeToFirstActionMs: 800 + i * 10, adjustments: 1 + (i % 4), pathLength: 0.1234 * (i + 1) }
    const attempt = correct ? plugin.referenceSolution(task) : plugin.wrongAttempt(task, createRng(i))
    tutor.submit(attempt, i % 7 === 6 ? undefined : interaction)
    if (!correct && i % 3 === 0) {
      clock.advance(5_000)
      tutor.submit(plugin.referenceSolution(task), interaction)
    }
    clock.advance(1_000)
  })
  tutor.setGoal(plugin.skills[0]!.id, 0.9)
  // Rapid wrong guesses raise an alert.
  for (let i = 0; i < 4; i++) {
    const { task } = tutor.next()
    clock.advance(800)
    tutor.submit(plugin.wrongAttempt(task, createRng(100 + i)))
  }
  tutor.next()
  clock.advance(2_000)
  tutor.end('completed')
  return events
}

/** Events of every kind the tutor can emit, by hand, for kinds a run may not reach. */
export function handMadeEvents(sceneId: string, sceneVersion: string, learner: string, skill: string): TutorEvent[] {
  const base = { learner, sceneId, sceneVersion }
  const task = { id: `${sceneId}/${skill}/2/abc`, skill, level: 2, kind: 'place', seed: 12345, prompt: 'Put it at 3.' }
  return [
    { ...base, at: START, type: 'session-started' },
    { ...base, at: START + 1, type: 'task-presented', task, scaffoldLevel: 1, predictedSuccess: 0.81234567 },
    { ...base, at: START + 2, type: 'hint-requested', task, hintIndex: 0, scaffoldLevel: 1 },
    {
      ...base,
      at: START + 3,
      type: 'attempt-assessed',
      task,
      scaffoldLevel: 1,
      response: 'placed at 4',
      correct: false,
      score: 0.5,
      evidence: [{ skill, correct: false }],
      feedback: 'Off by one whole unit (too far right). Count the spaces from 0, not the marks.',
      misconception: { id: `${sceneId}.counts-marks-not-spaces`, description: 'Counts the marks starting from 1 instead of the spaces.' },
      durationMs: 12_345.678,
      hintsUsed: 1,
      masteryBefore: 0.3,
      masteryAfter: 0.25,
      interaction: { inputMode: 'xr-hand', timeToFirstActionMs: 1500.4, adjustments: 3, pathLength: 0.4567 },
    },
    { ...base, at: START + 4, type: 'scaffold-changed', skill, from: 1, to: 0, reason: 'Two wrong answers in a row: more support.' },
    { ...base, at: START + 5, type: 'level-changed', skill, from: 2, to: 1 },
    { ...base, at: START + 6, type: 'skill-mastered', skill, mastery: 0.9612 },
    { ...base, at: START + 7, type: 'skill-unlocked', skill },
    { ...base, at: START + 8, type: 'goal-set', skill, targetMastery: 0.95 },
    { ...base, at: START + 9, type: 'alert-raised', alert: { kind: 'wheel-spinning', skill, reason: 'No 3 correct in a row in 10 attempts on Whole numbers.' } },
    { ...base, at: START + 10, type: 'alert-raised', alert: { kind: 'idle', reason: 'No action for 3 min.' } },
    { ...base, at: START + 11, type: 'session-ended', reason: 'suspended' },
    { ...base, at: START + 12, type: 'session-ended', reason: 'terminated' },
    { ...base, at: START + 3_723_456, type: 'session-ended', reason: 'completed' },
  ]
}
