import { useEffect, useState } from 'react'
import { parseNumberAnswer, type InputMode, type NumberAnswerRules } from '../core'
import { studentDecimalSeparator as separator } from './locale'
import { Label } from './Label'
import type { Palette } from './palette'
import { WorldButton } from './WorldButton'

/** Key pitch, metres: a 6 cm key is about 6 degrees wide at arm's length, easy for a ray or a pinch. */
const PITCH = 0.07
const KEY_WIDTH = 0.062
/** The pad leans toward the student a little, so its keys and display face the eyes without hiding the bench behind. */
const TILT = 0.3
/** The near edge of the last row, along the pad. */
const NEAR_EDGE = 2 * PITCH + 0.035
/** Raised so that the near row, the lowest, stays above the table top. */
const LIFT = NEAR_EDGE * Math.sin(TILT) + 0.005

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
  const key = (id: string, label: string, col: number, row: number, onPress: (mode: InputMode) => void, keyDisabled = false) => (
    <WorldButton key={id} name={`${name}-${id}`} label={label} width={KEY_WIDTH} position={[(col - 2) * PITCH, 0, row * PITCH]} palette={palette} textScale={textScale} disabled={disabled || keyDisabled} onPress={onPress} />
  )
  const rows = [
    ['7', '8', '9'],
    ['4', '5', '6'],
    ['1', '2', '3'],
  ]
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
      {rows.flatMap((digits, row) => digits.map((d, col) => key(d, d, col, row, () => type(d))))}
      {key('0', '0', 3, 2, () => type('0'))}
      {key('point', separator, 3, 1, () => type(separator))}
      {allowMinus ? key('minus', '\u2212', 4, 1, () => type('-')) : null}
      {key('back', 'Back', 3, 0, () => type('back'))}
      {units.length > 0 && unit ? key('unit', unit, 4, 0, () => onUnit?.(units[(units.indexOf(unit) + 1) % units.length]!), units.length < 2) : null}
      {key('check', submitLabel, 4, 2, check)}
    </group>
  )
}
