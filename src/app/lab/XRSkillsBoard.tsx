import { useEffect, useMemo } from 'react'
import { BufferGeometry, Color, Float32BufferAttribute } from 'three'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { Label } from '../../view/Label'
import type { Palette } from '../../view/palette'
import { WorldButton } from '../../view/WorldButton'
import type { LabSession } from './labSession'

const BOARD_WIDTH = 0.6
/**
 * Each skill's row: its name on one line, its progress on the next, then its mastery bar with the
 * Practise or Goal button beside it (offsets from the row's centre, metres).
 */
const ROW_HEIGHT = 0.095
const NAME_Y = 0.035
const STATUS_Y = 0.005
const BAR_Y = -0.02
const BUTTON_Y = -0.01
/** From the board's top edge to the first row's centre, under the heading; and the margin under the last row. */
const FIRST_ROW = 0.13
const BOTTOM_MARGIN = 0.045
const BAR_WIDTH = 0.3
const BUTTON_WIDTH = 0.12
/** Where the board's edge nearest the table stands, and the board's turn towards the student. */
const INNER_EDGE_X = -0.572
const INNER_EDGE_Z = -0.277
const BOARD_FOOT = 0.08
const BOARD_TURN = 0.65

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
      quad(left, left + BAR_WIDTH, bar.y + BAR_Y, 0, track)
      quad(left, left + BAR_WIDTH * Math.max(bar.share, 0.001), bar.y + BAR_Y, 0.001, bar.colour)
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
  const height = FIRST_ROW + (plugin.skills.length - 1) * ROW_HEIGHT + BOTTOM_MARGIN
  const top = height / 2
  const left = -BOARD_WIDTH / 2 + 0.02
  const rowY = (i: number) => top - FIRST_ROW - i * ROW_HEIGHT
  const bars: Bar[] = plugin.skills.map((skill, i) => ({
    y: rowY(i),
    share: mastery[skill.id] ?? 0,
    colour: mastered.includes(skill.id) ? palette.good : palette.accent,
  }))
  // Larger text enlarges the whole board, so its rows keep the spacing they have at normal text
  // (scaling only the letters ran each row into the next). Its edge nearest the table and its foot
  // stay where they are.
  const scale = Math.max(1, textScale)
  const halfWidth = (scale * BOARD_WIDTH) / 2
  return (
    <group
      name="xr-skills-board"
      position={[INNER_EDGE_X - halfWidth * Math.cos(BOARD_TURN), BOARD_FOOT + top * scale, INNER_EDGE_Z + halfWidth * Math.sin(BOARD_TURN)]}
      rotation-y={BOARD_TURN}
      scale={scale}
    >
      <mesh position-z={-0.003}>
        <planeGeometry args={[BOARD_WIDTH, height]} />
        <meshBasicMaterial color={palette.panel} />
      </mesh>
      {/* The mastery bars: each filled part is the share mastered. */}
      <MasteryBars bars={bars} left={left} track={palette.table} />
      <Label text="Your skills" heading distance={1} color={palette.text} position={[0, top - 0.045, 0]} maxWidth={BOARD_WIDTH - 0.04} />
      {plugin.skills.map((skill, i) => {
        const p = mastery[skill.id] ?? 0
        const y = rowY(i)
        const open = unlocked.includes(skill.id)
        // Words, not symbols: the shipped font has no ✓, and a missing glyph makes troika fetch a fallback font from the internet.
        const done = mastered.includes(skill.id)
        const state = skill.id === current ? ' · now' : done ? ' · mastered' : open ? '' : ' · locked'
        const level = levels[skill.id] ?? 0
        return (
          <group key={skill.id} position-y={y}>
            <Label text={skill.name} name={`skill-name-${skill.id}`} distance={1} color={palette.text} anchorX="left" position={[left, NAME_Y, 0]} maxWidth={BOARD_WIDTH - 0.04} />
            <Label
              name={`skill-status-${skill.id}`}
              text={`${Math.round(p * 100)}%${level > 0 ? ` · L${level}/${topLevel}` : ''}${state}${goal === skill.id ? ' · goal' : ''}`}
              distance={1}
              color={palette.text}
              anchorX="left"
              position={[left, STATUS_Y, 0]}
              maxWidth={BOARD_WIDTH - 0.06 - BUTTON_WIDTH}
            />
            {/* The same choice as the page's panel: practise what is open, else aim for it. */}
            <group position={[BOARD_WIDTH / 2 - 0.02 - BUTTON_WIDTH / 2, BUTTON_Y, 0.01]} rotation-x={Math.PI / 2}>
              {open && skill.id !== current ? (
                <WorldButton name={`practise-${skill.id}`} label="Practise" position={[0, 0, 0]} width={BUTTON_WIDTH} palette={palette} textScale={1} onPress={() => session.next(skill.id)} />
              ) : !open && goal !== skill.id ? (
                <WorldButton name={`goal-${skill.id}`} label="Goal" position={[0, 0, 0]} width={BUTTON_WIDTH} palette={palette} textScale={1} onPress={() => session.setGoal(skill.id)} />
              ) : null}
            </group>
          </group>
        )
      })}
    </group>
  )
}
