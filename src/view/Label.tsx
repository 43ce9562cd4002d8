import { Text } from '@react-three/drei'
import { useCallback, type ComponentProps } from 'react'
import type React from 'react'
import type { Text as TroikaText } from 'troika-three-text'
import { FONT_BOLD, FONT_REGULAR } from './font'
import { BODY_DMM, HEADING_DMM, legibleTextHeight } from './legibility'
import { BATCHED_TEXT_LAYER, useTextBatch } from './textBatch'

type TextProps = ComponentProps<typeof Text>

export interface LabelProps extends Omit<TextProps, 'font' | 'fontSize' | 'children'> {
  text: string
  /** Expected viewing distance in metres; the size follows it (see legibility.ts). */
  distance?: number
  textScale?: number
  heading?: boolean
  /** The troika text mesh, for text that changes often (set .text, then .sync()). */
  ref?: React.Ref<{ text: string; sync(): void }>
  /**
   * The face the text must stay inside (metres, in the text's own plane), for a button or a
   * meter's face: on one line, and shrunk from its legible size only as far as it must to fit.
   */
  fit?: { width: number; height: number }
}

/** Text never takes pointer events: in XR the first object a ray meets is the target, and a label over a button would swallow the press. */
const ignoreRays = () => {}

interface LaidOutText {
  textRenderInfo?: { blockBounds: ArrayLike<number> }
  scale: { setScalar(s: number): void }
}

/** Scales laid-out text down (never up) so its block fits `fit`: once per layout, not per frame. */
function fitText(fit: { width: number; height: number }) {
  return (mesh: LaidOutText) => {
    const bounds = mesh.textRenderInfo?.blockBounds
    if (!bounds) return
    const width = bounds[2]! - bounds[0]!
    const height = bounds[3]! - bounds[1]!
    mesh.scale.setScalar(Math.min(1, width > 0 ? fit.width / width : 1, height > 0 ? fit.height / height : 1))
  }
}

/** In-world text with the shipped font, sized to stay legible at its viewing distance. */
export function Label({ text, distance = 0.8, textScale = 1, heading = false, fit, ref, ...rest }: LabelProps) {
  const batch = useTextBatch()
  // Joins the lab's text batch (one draw call for all labels) and hands the mesh on to the caller's ref.
  const mesh = useCallback(
    (text: TroikaText | null) => {
      if (typeof ref === 'function') ref(text)
      else if (ref) (ref as React.RefObject<unknown>).current = text
      if (!text || !batch) return
      text.layers.set(BATCHED_TEXT_LAYER)
      batch.addText(text)
      return () => batch.removeText(text)
    },
    [batch, ref],
  )
  return (
    <Text
      ref={mesh}
      font={heading ? FONT_BOLD : FONT_REGULAR}
      fontSize={legibleTextHeight(distance, textScale, heading ? HEADING_DMM : BODY_DMM)}
      anchorX="center"
      anchorY="middle"
      raycast={ignoreRays}
      {...(fit ? { whiteSpace: 'nowrap' as const, onSync: fitText(fit) } : {})}
      {...rest}
    >
      {text}
    </Text>
  )
}
