import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { BoxGeometry, Color, Matrix4, type InstancedMesh } from 'three'
import { parseNumberAnswer, type InputMode, type NumberAnswerRules } from '../core'
import { studentDecimalSeparator as separator } from './locale'
import { Label } from './Label'
import type { Palette } from './palette'
import { usePress } from './usePress'
import { DISABLED_BUTTON } from './WorldButton'

/** Key pitch, metres: a 6 cm key is about 6 degrees wide at arm's length, easy for a ray or a pinch. */
const PITCH = 0.07
const KEY_WIDTH = 0.062
/** The pad leans toward the student a little, so its keys and display face the eyes without hiding the bench behind. */
const TILT = 0.3
/** The near edge of the last row, along the pad. */
const NEAR_EDGE = 2 * PITCH + 0.035
/** Raised so that the near row, the lowest, stays above the table top. */
const LIFT = NEAR_EDGE * Math.sin(TILT) + 0.005
/** Key size and travel as a WorldButton's. */
const KEY_HEIGHT = 0.03
const KEY_DEPTH = 0.06
const KEY_UP = 0.015
const KEY_DOWN = 0.008

interface KeySpec {
  id: string
  label: string
  col: number
  row: number
  onPress(mode: InputMode): void
  disabled: boolean
}

const ignoreRays = () => {}
const _key = new Matrix4()
const _keyColour = new Color()
/** Pointers hit the key's invisible box; the visible keys are drawn together. */
const hitMaterialProps = { visible: false } as const

/** A key's own pointer state in the pad's: `id` while it holds, null once this key lets go (a neighbour's may have begun). */
type KeyState = (update: (current: string | null) => string | null) => void

function PadKey({ spec, name, onHover, onDown }: { spec: KeySpec; name: string; onHover: KeyState; onDown: KeyState }) {
  const release = (current: string | null) => (current === spec.id ? null : current)
  const press = usePress(
    (mode) => {
      onDown(release)
      if (!spec.disabled) spec.onPress(mode)
    },
    { onDown: () => onDown(() => spec.id), onCancel: () => onDown(release) },
  )
  return (
    <mesh
      name={name}
      position={[(spec.col - 2) * PITCH, KEY_UP, spec.row * PITCH]}
      {...press}
      onPointerOver={() => onHover(() => spec.id)}
      onPointerOut={() => {
        onHover(release)
        press.onPointerOut()
      }}
    >
      <boxGeometry args={[KEY_WIDTH, KEY_HEIGHT, KEY_DEPTH]} />
      <meshBasicMaterial {...hitMaterialProps} />
    </mesh>
  )
}

export interface NumberPadProps {
  /** Prefix of every key's object name: `${name}-7`, `${name}-check`. */
  name: string
  position: [number, number, number]
  palette: Palette
  textScale: number
  /** The units the student may choose from; the key cycles through them. Empty: no unit. */
  units: readonly string[]
  unit?: string
  onUnit?(unit: string): void
  /** The same rules as the page's answer field (see src/core/numberAnswer.ts). */
  rules: NumberAnswerRules
  /** Cleared when this changes (a new task). */
  resetKey: string
  submitLabel?: string
  disabled?: boolean
  /** Takes the number; a returned sentence is shown on the pad (a value put back in range, say). */
  onSubmit(value: number, mode: InputMode): string | void
}

/**
 * Typing a number in the headset: digits, the decimal point of the student's language, a minus
 * only where a negative answer makes sense, backspace, the unit, and Check. A refused entry is
 * said on the pad and nothing is submitted.
 */
export function NumberPad({ name, position, palette, textScale, units, unit, onUnit, rules, resetKey, submitLabel = 'Check', disabled, onSubmit }: NumberPadProps) {
  const [text, setText] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    setText('')
    setMessage(null)
  }, [resetKey])
  const allowMinus = !rules.nonNegative
  const type = (key: string) => {
    setMessage(null)
    setText((t) => {
      if (key === 'back') return t.slice(0, -1)
      if (key === '-') return t.startsWith('\u2212') ? t.slice(1) : `\u2212${t}`
      if (key === separator && t.includes(separator)) return t
      return t.length >= 12 ? t : t + key
    })
  }
  const check = (mode: InputMode) => {
    const read = parseNumberAnswer(text, { ...rules, decimalSeparator: separator })
    if (!read.ok) return setMessage(read.message)
    setMessage(onSubmit(read.value, mode) ?? null)
  }
  const key = (id: string, label: string, col: number, row: number, onPress: (mode: InputMode) => void, keyDisabled = false): KeySpec => ({ id, label, col, row, onPress, disabled: Boolean(disabled || keyDisabled) })
  const rows = [
    ['7', '8', '9'],
    ['4', '5', '6'],
    ['1', '2', '3'],
  ]
  const keys: KeySpec[] = [
    ...rows.flatMap((digits, row) => digits.map((d, col) => key(d, d, col, row, () => type(d)))),
    key('0', '0', 3, 2, () => type('0')),
    key('point', separator, 3, 1, () => type(separator)),
    ...(allowMinus ? [key('minus', '\u2212', 4, 1, () => type('-'))] : []),
    key('back', 'Back', 3, 0, () => type('back')),
    ...(units.length > 0 && unit ? [key('unit', unit, 4, 0, () => onUnit?.(units[(units.indexOf(unit) + 1) % units.length]!), units.length < 2)] : []),
    key('check', submitLabel, 4, 2, check),
  ]
  const [hovered, setHovered] = useState<string | null>(null)
  const [pressed, setPressed] = useState<string | null>(null)
  // Every key in one instanced mesh (one draw call per eye instead of one per key); colours and travel change on hover and press, never per frame.
  const keyMesh = useRef<InstancedMesh>(null)
  const keyGeometry = useMemo(() => new BoxGeometry(KEY_WIDTH, KEY_HEIGHT, KEY_DEPTH), [])
  useEffect(() => () => keyGeometry.dispose(), [keyGeometry])
  const keyLook = keys.map((k) => `${k.id}:${k.col},${k.row},${k.disabled}`).join(' ')
  useLayoutEffect(() => {
    const mesh = keyMesh.current
    if (!mesh) return
    keys.forEach((k, i) => {
      mesh.setMatrixAt(i, _key.makeTranslation((k.col - 2) * PITCH, pressed === k.id ? KEY_DOWN : KEY_UP, k.row * PITCH))
      mesh.setColorAt(i, _keyColour.set(k.disabled ? DISABLED_BUTTON : hovered === k.id ? palette.guide : palette.accent))
    })
    mesh.count = keys.length
    mesh.instanceMatrix.needsUpdate = true
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true
    // keys is rebuilt each render; keyLook says what of it is drawn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keyLook, hovered, pressed, palette.guide, palette.accent])
  const shown = `${text === '' ? '_' : text}${unit ? ` ${unit}` : ''}`
  return (
    <group position={[position[0], position[1] + LIFT, position[2]]} rotation-x={TILT} name={name}>
      <mesh position={[0, -0.002, (NEAR_EDGE - 1.7 * PITCH) / 2]} name={`${name}-backing`}>
        <boxGeometry args={[5 * PITCH + 0.02, 0.004, NEAR_EDGE + 1.7 * PITCH]} />
        <meshStandardMaterial color={palette.panel} />
      </mesh>
      <Label text={shown} heading distance={0.8} textScale={textScale} color={palette.text} position={[-0.5 * PITCH, 0.003, -1.25 * PITCH]} rotation-x={-Math.PI / 2} maxWidth={3.6 * PITCH} name={`${name}-display`} />
      {message ? (
        <Label text={message} heading distance={0.8} textScale={textScale} color={palette.bad} position={[0, 0.003, -2.2 * PITCH]} rotation-x={-Math.PI / 2} maxWidth={6 * PITCH} anchorY="bottom" name={`${name}-message`} />
      ) : null}
      <instancedMesh ref={keyMesh} args={[keyGeometry, undefined, 17]} name={`${name}-keys`} raycast={ignoreRays}>
        <meshStandardMaterial />
      </instancedMesh>
      {keys.map((k) => (
        <group key={k.id}>
          <PadKey spec={k} name={`${name}-${k.id}`} onHover={setHovered} onDown={setPressed} />
          <Label text={k.label} heading textScale={textScale} distance={0.7} position={[(k.col - 2) * PITCH, 0.032, k.row * PITCH]} rotation-x={-Math.PI / 2} color={palette.panel} maxWidth={KEY_WIDTH * 0.95} />
        </group>
      ))}
    </group>
  )
}
