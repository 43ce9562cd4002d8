import { useState } from 'react'
import { Label } from './Label'
import { sharedStandardMaterial } from './sharedMaterials'
import { BatchedPart, UNIT_BOX } from './meshBatch'
import type { Palette } from './palette'
import { usePress } from './usePress'
import type { InputMode } from '../core'

export interface WorldButtonProps {
  name: string
  label: string
  position: [number, number, number]
  palette: Palette
  textScale: number
  /** Width in metres; big enough to hit with a controller ray at arm's length. */
  width?: number
  disabled?: boolean
  onPress(mode: InputMode): void
}

/** A button that cannot be pressed now (a number pad's keys too): grey, not the accent a student reads as pressable. */
export const DISABLED_BUTTON = '#8a8f98'
const HEIGHT = 0.03
const DEPTH = 0.06

/** A large push button on the table: mouse click, touch tap, controller trigger or hand pinch. */
export function WorldButton({ name, label, position, palette, textScale, width = 0.16, disabled, onPress }: WorldButtonProps) {
  const [hovered, setHovered] = useState(false)
  const [pressed, setPressed] = useState(false)
  const press = usePress(
    (mode) => {
      setPressed(false)
      if (!disabled) onPress(mode)
    },
    { onDown: () => setPressed(true), onCancel: () => setPressed(false) },
  )
  const color = disabled ? DISABLED_BUTTON : hovered ? palette.guide : palette.accent
  return (
    <group position={position}>
      {/* Inside a lab the box is drawn by the lab's batch with its parts (one draw call for all), and
          like them it casts and takes shadows, which a box with other settings would split off. */}
      <BatchedPart
        name={name}
        geometry={UNIT_BOX}
        material={sharedStandardMaterial({ color })}
        scale={[width, HEIGHT, DEPTH]}
        position-y={pressed ? 0.008 : 0.015}
        castShadow
        receiveShadow
        {...press}
        onPointerOver={() => setHovered(true)}
        onPointerOut={() => {
          setHovered(false)
          press.onPointerOut()
        }}
      />
      <Label
        text={label}
        heading
        textScale={textScale}
        distance={0.7}
        position={[0, 0.032, 0]}
        rotation-x={-Math.PI / 2}
        color={palette.panel}
        // At 200% text a long label shrinks to stay on its button rather than wrap off it.
        fit={{ width: width * 0.92, height: DEPTH * 0.8 }}
      />
    </group>
  )
}
