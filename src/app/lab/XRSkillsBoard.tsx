import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { Label } from '../../view/Label'
import type { Palette } from '../../view/palette'
import { WorldButton } from '../../view/WorldButton'
import type { LabSession } from './labSession'

const BOARD_WIDTH = 0.52
const ROW_HEIGHT = 0.075
const BAR_WIDTH = 0.3

/**
 * "Your skills" in the headset, where the page's panel is out of sight: mastery and level per skill, and
 * the same choices as on the page (practise an open skill, make any skill the goal). It stands to
 * the left of the table, turned towards the student, clear of the simulation.
 */
export function XRSkillsBoard({ session, palette, textScale }: { session: LabSession; palette: Palette; textScale: number }) {
  const { plugin, mastery, levels, mastered, unlocked, current, goal } = useStore(
    session.store,
    useShallow((s) => ({ plugin: s.plugin, mastery: s.mastery, levels: s.levels, mastered: s.mastered, unlocked: s.unlocked, current: s.task?.skill, goal: s.goal?.skill })),
  )
  if (!plugin) return null
  const topLevel = Math.max(...plugin.levels.map((l) => l.level))
  const height = 0.11 + plugin.skills.length * ROW_HEIGHT
  const top = height / 2
  return (
    <group name="xr-skills-board" position={[-0.78, 0.08 + top, -0.12]} rotation-y={0.65}>
      <mesh position-z={-0.003}>
        <planeGeometry args={[BOARD_WIDTH, height]} />
        <meshBasicMaterial color={palette.panel} />
      </mesh>
      <Label text="Your skills" heading distance={1} textScale={textScale} color={palette.text} position={[0, top - 0.045, 0]} maxWidth={BOARD_WIDTH - 0.04} />
      {plugin.skills.map((skill, i) => {
        const p = mastery[skill.id] ?? 0
        const y = top - 0.11 - i * ROW_HEIGHT
        const open = unlocked.includes(skill.id)
        // Words, not symbols: the shipped font has no ✓, and a missing glyph makes troika fetch a fallback font from the internet.
        const done = mastered.includes(skill.id)
        const state = skill.id === current ? ' · now' : done ? ' · mastered' : open ? '' : ' · locked'
        const level = levels[skill.id] ?? 0
        const left = -BOARD_WIDTH / 2 + 0.02
        return (
          <group key={skill.id} position-y={y}>
            <Label
              text={`${skill.name} ${Math.round(p * 100)}%${level > 0 ? ` · L${level}/${topLevel}` : ''}${state}${goal === skill.id ? ' · goal' : ''}`}
              distance={1}
              textScale={textScale}
              color={palette.text}
              anchorX="left"
              position={[left, 0.012, 0]}
              maxWidth={BAR_WIDTH + 0.06}
            />
            {/* The mastery bar: its filled part is the share mastered. */}
            <mesh position={[left + BAR_WIDTH / 2, -0.018, 0]}>
              <planeGeometry args={[BAR_WIDTH, 0.008]} />
              <meshBasicMaterial color={palette.table} />
            </mesh>
            <mesh position={[left + (BAR_WIDTH * p) / 2, -0.018, 0.001]} scale-x={Math.max(p, 0.001)}>
              <planeGeometry args={[BAR_WIDTH, 0.008]} />
              <meshBasicMaterial color={done ? palette.good : palette.accent} />
            </mesh>
            {/* The same choice as the page's panel: practise what is open, else aim for it. */}
            <group position={[BOARD_WIDTH / 2 - 0.08, 0, 0.01]} rotation-x={Math.PI / 2}>
              {open && skill.id !== current ? (
                <WorldButton name={`practise-${skill.id}`} label="Practise" position={[0, 0, 0]} width={0.12} palette={palette} textScale={textScale} onPress={() => session.next(skill.id)} />
              ) : !open && goal !== skill.id ? (
                <WorldButton name={`goal-${skill.id}`} label="Goal" position={[0, 0, 0]} width={0.12} palette={palette} textScale={textScale} onPress={() => session.setGoal(skill.id)} />
              ) : null}
            </group>
          </group>
        )
      })}
    </group>
  )
}
