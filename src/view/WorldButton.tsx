import { useState } from 'react'
import type { ThreeEvent } from '@react-three/fiber'
import { Label } from './Label'
import type { Palette } from './palette'
import { inputModeOf } from './useAxisDrag'
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

/** A large push button on the table: mouse click, touch tap, controller trigger or hand pinch. */
export function WorldButton({ name, label, position, palette, textScale, width = 0.16, disabled, onPress }: WorldButtonProps) {
  const [hovered, setHovered] = useState(false)
  const [pressed, setPressed] = useState(false)
  const depth = 0.06
  const color = disabled ? '#8a8f98' : hovered ? palette.guide : palette.accent
  return (
    <group position={position}>
      <mesh
        name={name}
        position-y={pressed ? 0.008 : 0.015}
        onPointerOver={() => setHovered(true)}
        onPointerOut={() => {
          setHovered(false)
          setPressed(false)
        }}
        onPointerDown={(e: ThreeEvent<PointerEvent>) => {
          e.stopPropagation()
          setPressed(true)
        }}
        onPointerUp={() => setPressed(false)}
        onClick={(e: ThreeEvent<MouseEvent>) => {
          e.stopPropagation()
          if (!disabled) onPress(inputModeOf(e as unknown as { pointerType: string }))
        }}
      >
        <boxGeometry args={[width, 0.03, depth]} />
        <meshStandardMaterial color={color} />
      </mesh>
      <Label
        text={label}
        heading
        textScale={textScale}
        distance={0.7}
        position={[0, 0.032, 0]}
        rotation-x={-Math.PI / 2}
        color={palette.panel}
        maxWidth={width * 0.95}
      />
    </group>
  )
}
