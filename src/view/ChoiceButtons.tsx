import type { InputMode } from '../core'
import type { Palette } from './palette'
import { WorldButton } from './WorldButton'

export interface Choice {
  id: string
  /** A few words: 'Launch A', 'Goes up'. */
  label: string
}

export interface ChoiceButtonsProps {
  /** Each button is named `${name}-${choice.id}`. */
  name: string
  choices: readonly Choice[]
  position: [number, number, number]
  /** Width of the whole row, metres. */
  width?: number
  /** The chosen one is marked, for choices that are picked before Check. */
  chosen?: string | null
  palette: Palette
  textScale: number
  disabled?: boolean
  onChoose(id: string, mode: InputMode): void
}

/** A row of in-world buttons, one per answer, for questions answered by choosing. */
export function ChoiceButtons({ name, choices, position, width = 0.7, chosen, palette, textScale, disabled, onChoose }: ChoiceButtonsProps) {
  const each = width / choices.length
  return (
    <group position={position} name={name}>
      {choices.map((c, i) => (
        <WorldButton
          key={c.id}
          name={`${name}-${c.id}`}
          label={chosen === c.id ? `> ${c.label}` : c.label}
          width={each - 0.01}
          position={[-width / 2 + each * (i + 0.5), 0, 0]}
          palette={palette}
          textScale={textScale}
          disabled={disabled}
          onPress={(mode) => onChoose(c.id, mode)}
        />
      ))}
    </group>
  )
}
