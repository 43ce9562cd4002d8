import type { SceneHelp } from '../core'
import type { Palette } from './palette'
import { WorldButton } from './WorldButton'

export interface HintButtonProps {
  help?: SceneHelp
  position: [number, number, number]
  width?: number
  palette: Palette
  textScale: number
  onPress(): void
}

/** The in-world Hint button: gone in assessment mode, and saying so, disabled, once no hint is left. */
export function HintButton({ help, position, width, palette, textScale, onPress }: HintButtonProps) {
  if (help?.hintsOff) return null
  const none = help !== undefined && help.hintsLeft <= 0
  return <WorldButton name="hint-button" label={none ? 'No hints left' : 'Hint'} position={position} width={width} palette={palette} textScale={textScale} disabled={none} onPress={onPress} />
}
