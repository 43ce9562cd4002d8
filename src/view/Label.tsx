import { Text } from '@react-three/drei'
import type { ComponentProps } from 'react'
import type React from 'react'
import { FONT_BOLD, FONT_REGULAR } from './font'
import { BODY_DMM, HEADING_DMM, legibleTextHeight } from './legibility'

type TextProps = ComponentProps<typeof Text>

export interface LabelProps extends Omit<TextProps, 'font' | 'fontSize' | 'children'> {
  text: string
  /** Expected viewing distance in metres; the size follows it (see legibility.ts). */
  distance?: number
  textScale?: number
  heading?: boolean
  /** The troika text mesh, for text that changes often (set .text, then .sync()). */
  ref?: React.Ref<{ text: string; sync(): void }>
}

/** Text never takes pointer events: in XR the first object a ray meets is the target, and a label over a button would swallow the press. */
const ignoreRays = () => {}

/** In-world text with the shipped font, sized to stay legible at its viewing distance. */
export function Label({ text, distance = 0.8, textScale = 1, heading = false, ...rest }: LabelProps) {
  return (
    <Text
      font={heading ? FONT_BOLD : FONT_REGULAR}
      fontSize={legibleTextHeight(distance, textScale, heading ? HEADING_DMM : BODY_DMM)}
      anchorX="center"
      anchorY="middle"
      raycast={ignoreRays}
      {...rest}
    >
      {text}
    </Text>
  )
}
