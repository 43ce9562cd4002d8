import { useEffect, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group } from 'three'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { Label } from '../../view/Label'
import type { Palette } from '../../view/palette'
import { useTextHeights } from '../../view/useTextHeights'
import { WorldButton } from '../../view/WorldButton'
import type { LabSession } from './labSession'

const WIDTH = 0.9
const MIN_HEIGHT = 0.1
const PADDING = 0.02
const GAP = 0.015
/** The note's bottom edge, over the table: just above the session buttons (Recenter, Skip, Leave VR), whose tops stand about 0.56 m up. */
const NOTE_BOTTOM = 0.575
/** Seconds the entrance of a new moment takes. */
const POP_S = 0.6

/**
 * The tutor's word in the headset, above the scene's task panel: why this task, the moment when
 * the level goes up, a skill is mastered or a new one opens (a short swell, none with reduced
 * motion), and Skip placement during the placement.
 */
export function XRTutorNote({ session, palette, textScale, reducedMotion }: { session: LabSession; palette: Palette; textScale: number; reducedMotion: boolean }) {
  const { why, placement, moment } = useStore(session.store, useShallow((s) => ({ why: s.why, placement: s.placement, moment: s.moment })))
  const pop = useRef<Group>(null)
  const [heights, onSync] = useTextHeights({ why: 0.025, moment: 0.035 })
  const since = useRef(POP_S)
  useEffect(() => {
    since.current = reducedMotion ? POP_S : 0
    if (reducedMotion) pop.current?.scale.setScalar(1)
  }, [moment?.id, reducedMotion])
  useFrame((_, delta) => {
    const group = pop.current
    if (!group || since.current >= POP_S) return
    since.current = Math.min(POP_S, since.current + delta)
    const t = since.current / POP_S
    // Swells past full size and settles: 0.85 -> 1.08 -> 1.
    const scale = t < 0.6 ? 0.85 + (0.23 * t) / 0.6 : 1.08 - (0.08 * (t - 0.6)) / 0.4
    group.scale.setScalar(scale)
  })
  if (!why && !moment) return null
  // Stacked from the note's bottom edge up, so that at any text size it stays above the session
  // buttons under it: the why line, then the moment over it.
  const whyHeight = why ? heights.why : 0
  const momentY = PADDING + whyHeight + (why ? GAP : 0)
  const contentTop = moment ? momentY + heights.moment : PADDING + whyHeight
  const height = Math.max(MIN_HEIGHT, contentTop + PADDING)
  return (
    <group name="tutor-note" position={[0, NOTE_BOTTOM, -0.3]}>
      <mesh position={[0, height / 2, -0.003]} scale-y={height}>
        <planeGeometry args={[WIDTH, 1]} />
        <meshBasicMaterial color={palette.panel} />
      </mesh>
      {moment ? (
        <group ref={pop} name="tutor-moment" position={[0, momentY + heights.moment / 2, 0]}>
          <Label text={moment.text} heading distance={0.9} textScale={textScale} color={palette.good} maxWidth={WIDTH - 0.05} onSync={onSync('moment')} />
        </group>
      ) : null}
      <Label text={why} distance={0.9} textScale={textScale} color={palette.text} position={[placement ? -0.07 : 0, PADDING, 0]} anchorY="bottom" maxWidth={placement ? WIDTH - 0.2 : WIDTH - 0.05} onSync={onSync('why')} />
      {placement ? (
        <group position={[WIDTH / 2 - 0.09, PADDING + whyHeight / 2, 0.01]} rotation-x={Math.PI / 2}>
          <WorldButton name="skip-placement" label="Skip" position={[0, 0, 0]} width={0.12} palette={palette} textScale={textScale} onPress={() => session.skipPlacement()} />
        </group>
      ) : null}
    </group>
  )
}
