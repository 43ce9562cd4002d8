import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { LabSession } from './labSession'

const MASTERED = 0.95

/** Progress per skill, and the student's choice among the unlocked skills. */
export function MasteryPanel({ session }: { session: LabSession }) {
  const { plugin, mastery, unlocked, current } = useStore(
    session.store,
    useShallow((s) => ({ plugin: s.plugin, mastery: s.mastery, unlocked: s.unlocked, current: s.task?.skill })),
  )
  if (!plugin) return null
  return (
    <section className="mastery" aria-labelledby="mastery-title">
      <h2 id="mastery-title">Your skills</h2>
      <ul>
        {plugin.skills.map((skill) => {
          const p = mastery[skill.id] ?? 0
          const open = unlocked.includes(skill.id)
          const percent = Math.round(p * 100)
          return (
            <li key={skill.id} data-skill={skill.id} className={open ? 'open' : 'locked'}>
              <span className="skill-name">
                {skill.name}
                {p >= MASTERED ? ' ✓' : ''}
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
                <span className="locked-note">locked: master {skill.prerequisites.map((id) => plugin.skills.find((s) => s.id === id)?.name ?? id).join(', ')} first</span>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
