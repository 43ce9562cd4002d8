import { useEffect, useMemo } from 'react'
import { BufferGeometry, Color, Float32BufferAttribute } from 'three'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { Label } from '../../view/Label'
import type { Palette } from '../../view/palette'
import { WorldButton } from '../../view/WorldButton'
import type { LabSession } from './labSession'

const BOARD_WIDTH = 0.52
const ROW_HEIGHT = 0.075
const BAR_WIDTH = 0.3

interface Bar {
  y: number
  share: number
  colour: string
}

const _colour = new Color()

/**
 * Every skill's mastery bar, track and filled part, as one mesh (one draw call per eye instead of
 * two per skill); rebuilt when mastery changes, never per frame.
 */
function MasteryBars({ bars, left, track }: { bars: Bar[]; left: number; track: string }) {
  const key = bars.map((b) => `${b.y}:${b.share}:${b.colour}`).join(' ')
  const geometry = useMemo(() => {
    const positions: number[] = []
    const colours: number[] = []
    const quad = (x0: number, x1: number, y: number, z: number, colour: string) => {
      const h = 0.004
      positions.push(x0, y - h, z, x1, y - h, z, x1, y + h, z, x0, y - h, z, x1, y + h, z, x0, y + h, z)
      _colour.set(colour)
      for (let v = 0; v < 6; v++) colours.push(_colour.r, _colour.g, _colour.b)
    }
    for (const bar of bars) {
      quad(left, left + BAR_WIDTH, bar.y - 0.018, 0, track)
      quad(left, left + BAR_WIDTH * Math.max(bar.share, 0.001), bar.y - 0.018, 0.001, bar.colour)
    }
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(positions, 3))
    g.setAttribute('color', new Float32BufferAttribute(colours, 3))
    return g
    // key says everything of bars that is drawn
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, left, track])
  useEffect(() => () => geometry.dispose(), [geometry])
  return (
    <mesh geometry={geometry} name="mastery-bars">
      <meshBasicMaterial vertexColors />
    </mesh>
  )
}

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
  const left = -BOARD_WIDTH / 2 + 0.02
  const bars: Bar[] = plugin.skills.map((skill, i) => ({
    y: top - 0.11 - i * ROW_HEIGHT,
    share: mastery[skill.id] ?? 0,
    colour: mastered.includes(skill.id) ? palette.good : palette.accent,
  }))
  return (
    <group name="xr-skills-board" position={[-0.78, 0.08 + top, -0.12]} rotation-y={0.65}>
      <mesh position-z={-0.003}>
        <planeGeometry args={[BOARD_WIDTH, height]} />
        <meshBasicMaterial color={palette.panel} />
      </mesh>
      {/* The mastery bars: each filled part is the share mastered. */}
      <MasteryBars bars={bars} left={left} track={palette.table} />
      <Label text="Your skills" heading distance={1} textScale={textScale} color={palette.text} position={[0, top - 0.045, 0]} maxWidth={BOARD_WIDTH - 0.04} />
      {plugin.skills.map((skill, i) => {
        const p = mastery[skill.id] ?? 0
        const y = top - 0.11 - i * ROW_HEIGHT
        const open = unlocked.includes(skill.id)
        // Words, not symbols: the shipped font has no ✓, and a missing glyph makes troika fetch a fallback font from the internet.
        const done = mastered.includes(skill.id)
        const state = skill.id === current ? ' · now' : done ? ' · mastered' : open ? '' : ' · locked'
        const level = levels[skill.id] ?? 0
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
