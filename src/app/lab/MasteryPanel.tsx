import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { MASTERY_THRESHOLD as MASTERED } from '../../learner/progression'
import type { LabSession } from './labSession'

/** Progress per skill (mastery and the level reached), the student's choice among the unlocked skills, and their own goal. */
export function MasteryPanel({ session }: { session: LabSession }) {
  const { plugin, mastery, levels, mastered, unlocked, current, goal } = useStore(
    session.store,
    useShallow((s) => ({ plugin: s.plugin, mastery: s.mastery, levels: s.levels, mastered: s.mastered, unlocked: s.unlocked, current: s.task?.skill, goal: s.goal })),
  )
  if (!plugin) return null
  const topLevel = Math.max(...plugin.levels.map((l) => l.level))
  const nameOf = (id: string) => plugin.skills.find((s) => s.id === id)?.name ?? id
  const goalReached = goal !== null && (mastery[goal.skill] ?? 0) >= goal.targetMastery
  return (
    // Open at first, and the student may fold it away: the task and Check come first in the panel.
    <details className="mastery panel-section" open>
      <summary>
        <h2 id="mastery-title">Your skills</h2>
      </summary>
      <div className="goal" aria-live="polite" data-testid="goal">
        {goal === null ? (
          <p>Choose a goal below, even a locked skill: the tasks lead you there, one step at a time.</p>
        ) : (
          <p>
            Your goal: <strong>{nameOf(goal.skill)}</strong>
            {/* A mastered skill the student chose to practise again is not a step toward the goal. */}
            {goalReached ? ' – reached ✓' : current && current !== goal.skill && !mastered.includes(current) ? `. On the way: ${nameOf(current)}` : ''}{' '}
            <button type="button" onClick={() => session.clearGoal()}>
              {goalReached ? 'Choose another goal' : 'Clear goal'}
            </button>
          </p>
        )}
      </div>
      <ul>
        {plugin.skills.map((skill) => {
          const p = mastery[skill.id] ?? 0
          const open = unlocked.includes(skill.id)
          const percent = Math.round(p * 100)
          const isGoal = goal?.skill === skill.id
          const done = mastered.includes(skill.id)
          const level = levels[skill.id] ?? 0
          return (
            <li key={skill.id} data-skill={skill.id} className={open ? 'open' : 'locked'}>
              <span className="skill-name">
                {skill.name}
                {done ? ' ✓ mastered' : ''}
                {isGoal ? <span className="goal-tag"> (your goal)</span> : null}{' '}
                <span className="skill-level" data-testid="skill-level" data-level={level}>
                  {level > 0 ? `level ${level} of ${topLevel}` : 'not started'}
                </span>
              </span>
              <meter min={0} max={1} low={0.5} high={MASTERED} optimum={1} value={p} aria-label={`${skill.name}: ${percent}% mastered`}>
                {percent}%
              </meter>
              {open ? (
                skill.id === current ? (
                  <span className="now">practising</span>
                ) : (
                  <button type="button" onClick={() => session.next(skill.id)}>
                    Practise
                  </button>
                )
              ) : (
                <span className="locked-note">locked: master {skill.prerequisites.map(nameOf).join(', ')} first</span>
              )}
              {!isGoal && !done ? (
                <button type="button" className="set-goal" aria-label={`Make ${skill.name} my goal`} onClick={() => session.setGoal(skill.id)}>
                  Goal
                </button>
              ) : null}
            </li>
          )
        })}
      </ul>
    </details>
  )
}
