/**
 * Competency-based progression over the scene's skill graph. A skill unlocks when every
 * prerequisite has been declared mastered (P(L) >= the mastery threshold, 0.95, with a streak
 * at the prerequisite's mastery level: see the tutor); unlocks are kept even if a prerequisite
 * later dips. The student may choose any unlocked skill and set a goal.
 */
import type { SkillId, SkillSpec } from '../core'
import type { LearnerState } from './state'

export const MASTERY_THRESHOLD = 0.95

export function prerequisitesMet(spec: SkillSpec, state: LearnerState, threshold = MASTERY_THRESHOLD): boolean {
  return spec.prerequisites.every((pre) => state.skills[pre]?.mastered === true && state.skills[pre]!.pMastery >= threshold)
}

/** Marks newly unlocked skills (mutates) and returns their ids, in scene order. */
export function unlockReady(skills: readonly SkillSpec[], state: LearnerState, threshold = MASTERY_THRESHOLD): SkillId[] {
  const opened: SkillId[] = []
  for (const spec of skills) {
    const s = state.skills[spec.id]!
    if (!s.unlocked && prerequisitesMet(spec, state, threshold)) {
      s.unlocked = true
      opened.push(spec.id)
    }
  }
  return opened
}

export function needsPractice(state: LearnerState, skill: SkillId, threshold = MASTERY_THRESHOLD): boolean {
  const s = state.skills[skill]!
  return !s.mastered || s.pMastery < threshold
}

/** On the way to `goal`: the goal itself if unlocked, else the first unlocked prerequisite (depth first) that needs practice. */
export function nextTowardGoal(skills: readonly SkillSpec[], state: LearnerState, goal: SkillId, threshold = MASTERY_THRESHOLD): SkillId | null {
  const byId = new Map(skills.map((s) => [s.id, s]))
  const seen = new Set<SkillId>()
  const visit = (id: SkillId): SkillId | null => {
    if (seen.has(id)) return null
    seen.add(id)
    const spec = byId.get(id)
    if (!spec) return null
    const s = state.skills[id]!
    if (s.unlocked) return needsPractice(state, id, threshold) ? id : null
    for (const pre of spec.prerequisites) {
      const found = visit(pre)
      if (found) return found
    }
    return null
  }
  return visit(goal)
}

/**
 * The tutor's pick when the student does not choose: toward the goal, else stay on the current
 * skill until mastered, else the first unlocked skill needing practice (scene order lists
 * prerequisites first), else review the weakest unlocked skill.
 */
export function pickSkill(skills: readonly SkillSpec[], state: LearnerState, current: SkillId | null, threshold = MASTERY_THRESHOLD): SkillId {
  if (state.goal && state.skills[state.goal.skill] && state.skills[state.goal.skill]!.pMastery < state.goal.targetMastery) {
    const toward = nextTowardGoal(skills, state, state.goal.skill, threshold)
    if (toward) return toward
  }
  if (current && state.skills[current]?.unlocked && needsPractice(state, current, threshold)) return current
  const open = skills.filter((s) => state.skills[s.id]!.unlocked)
  const pending = open.find((s) => needsPractice(state, s.id, threshold))
  if (pending) return pending.id
  if (open.length === 0) throw new Error('pickSkill: no skill is unlocked (a scene needs at least one skill without prerequisites)')
  let weakest = open[0]!
  for (const s of open) if (state.skills[s.id]!.pMastery < state.skills[weakest.id]!.pMastery) weakest = s
  return weakest.id
}

export function allMastered(skills: readonly SkillSpec[], state: LearnerState, threshold = MASTERY_THRESHOLD): boolean {
  return skills.every((s) => !needsPractice(state, s.id, threshold))
}
