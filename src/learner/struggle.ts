/**
 * Struggle detectors. Each returns a typed alert with a sentence a teacher can read, or null.
 *   wheel-spinning  no three correct in a row within ten opportunities on a skill (Beck & Gong 2013)
 *   rapid-guessing  3 of the last 5 tasks answered wrong faster than `rapidGuessMs`
 *   hint-abuse      2 of the last 3 tasks where the student clicked through to the last hint,
 *                   each hint within `hintAbuseMs` of the previous action
 *   idle            no action on an open task for `idleMs`
 */
import type { StruggleAlert } from '../core'
import type { RecentTask, SkillState } from './state'

export interface StruggleOptions {
  wheelSpinWindow: number
  wheelSpinStreak: number
  rapidGuessMs: number
  rapidGuessWindow: number
  rapidGuessCount: number
  hintAbuseMs: number
  hintAbuseWindow: number
  hintAbuseCount: number
  idleMs: number
}

export const DEFAULT_STRUGGLE: StruggleOptions = {
  wheelSpinWindow: 10,
  wheelSpinStreak: 3,
  rapidGuessMs: 5_000,
  rapidGuessWindow: 5,
  rapidGuessCount: 3,
  hintAbuseMs: 4_000,
  hintAbuseWindow: 3,
  hintAbuseCount: 2,
  idleMs: 120_000,
}

/** Records one opportunity's outcome on the skill (mutates) and returns a wheel-spinning alert when it starts. */
export function recordOpportunity(skill: SkillState, correct: boolean, skillId: string, skillName: string, options: StruggleOptions = DEFAULT_STRUGGLE): StruggleAlert | null {
  skill.opportunities++
  if (correct) {
    skill.correct++
    skill.correctStreak++
    skill.consecutiveErrors = 0
  } else {
    skill.correctStreak = 0
    skill.consecutiveErrors++
  }
  if (skill.correctStreak >= options.wheelSpinStreak) {
    skill.opportunitiesSinceThreeInRow = 0
    skill.struggling = false
    return null
  }
  skill.opportunitiesSinceThreeInRow++
  if (skill.opportunitiesSinceThreeInRow === options.wheelSpinWindow) {
    skill.struggling = true
    return {
      kind: 'wheel-spinning',
      skill: skillId,
      reason: `No ${options.wheelSpinStreak} correct in a row in ${options.wheelSpinWindow} attempts on ${skillName}; more practice alone may not help: the student may need a different explanation.`,
    }
  }
  return null
}

/** Adds a finished task to the window (mutates `recent`) and returns a rapid-guessing or hint-abuse alert. */
export function recordRecentTask(recent: RecentTask[], task: RecentTask, skillName: string, options: StruggleOptions = DEFAULT_STRUGGLE): StruggleAlert | null {
  recent.push(task)
  const keep = Math.max(options.rapidGuessWindow, options.hintAbuseWindow)
  while (recent.length > keep) recent.shift()
  const rapid = recent.slice(-options.rapidGuessWindow).filter((t) => t.rapidWrong).length
  if (task.rapidWrong && rapid >= options.rapidGuessCount) {
    // Start a fresh window so one burst raises one alert.
    for (const t of recent) t.rapidWrong = false
    return {
      kind: 'rapid-guessing',
      skill: task.skill,
      reason: `${rapid} of the last ${options.rapidGuessWindow} answers were wrong and given in under ${Math.round(options.rapidGuessMs / 1000)} s (latest on ${skillName}): the student may be guessing rather than working the task.`,
    }
  }
  const abused = recent.slice(-options.hintAbuseWindow).filter((t) => t.hintAbuse).length
  if (task.hintAbuse && abused >= options.hintAbuseCount) {
    for (const t of recent) t.hintAbuse = false
    return {
      kind: 'hint-abuse',
      skill: task.skill,
      reason: `On ${abused} of the last ${options.hintAbuseWindow} tasks the student clicked straight through to the last hint (latest on ${skillName}): the hints are being used to get the answer, not to learn.`,
    }
  }
  return null
}

export function idleAlert(lastActivityAt: number, now: number, skillId: string, skillName: string, options: StruggleOptions = DEFAULT_STRUGGLE): StruggleAlert | null {
  const idle = now - lastActivityAt
  if (idle < options.idleMs) return null
  return {
    kind: 'idle',
    skill: skillId,
    reason: `No action for ${Math.round(idle / 60_000) >= 1 ? `${Math.round(idle / 60_000)} min` : `${Math.round(idle / 1000)} s`} on a ${skillName} task: the student may be stuck, distracted or away from the station.`,
  }
}
