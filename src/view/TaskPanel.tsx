import type { Assessment } from '../core'
import { Label } from './Label'
import type { Palette } from './palette'
import { useTextHeights } from './useTextHeights'
import { WorldButton } from './WorldButton'

/** The panel's height at normal text; it grows downward, from a fixed top edge, when its texts need more. */
const PANEL_HEIGHT = 0.3
const PADDING = 0.025
const GAP = 0.02

export interface TaskPanelProps {
  prompt: string
  /** A line from the scene about the student's last action ("Wire 2 placed"), when it has one. */
  message?: string | null
  lastAssessment?: Assessment
  /** The task's solution, once the student asked for it: shown in place of the feedback. */
  solution?: string
  /** When given, a Show the solution button under the panel calls it. */
  onRevealSolution?: () => void
  palette: Palette
  textScale: number
  /** Where the panel stands behind the scene's table, metres. */
  position: [number, number, number]
  width?: number
}

/**
 * The task in the headset, where the DOM panel is out of sight: the prompt, the scene's last
 * message, and the feedback on the last attempt in the colour of its verdict, its letters about
 * 12% larger than the prompt's so that, lower on the panel and so farther from the eyes, they are
 * seen at least as large wherever the student stands (6% was not enough in Circuit Lab, whose
 * panel stands closer to the head).
 */
export function TaskPanel({ prompt, message, lastAssessment, solution, onRevealSolution, palette, textScale, position, width = 0.95 }: TaskPanelProps) {
  const inner = width - 0.05
  // Stacked from the panel's top edge down, each text under the last as tall as it lays out: at large
  // text sizes a fixed layout ran the prompt into the feedback and up into the buttons above it.
  const [heights, onSync] = useTextHeights({ prompt: 0.05, message: 0.02, verdict: 0.03 })
  const verdict = solution !== undefined ? `Solution: ${solution}` : lastAssessment?.feedback
  const top = PANEL_HEIGHT / 2
  const promptY = top - PADDING
  // The lowest edge of what is stacked so far.
  let stacked = promptY - heights.prompt
  const messageY = stacked - GAP
  if (message) stacked = messageY - heights.message
  const verdictY = stacked - GAP
  if (verdict !== undefined) stacked = verdictY - heights.verdict
  const bottom = Math.min(-PANEL_HEIGHT / 2, stacked - PADDING)
  return (
    <group position={position} name="task-panel">
      <mesh position-y={(top + bottom) / 2} scale-y={top - bottom}>
        <planeGeometry args={[width, 1]} />
        <meshBasicMaterial color={palette.panel} />
      </mesh>
      <Label text={prompt} heading distance={0.8} textScale={textScale} color={palette.text} position={[0, promptY, 0.002]} anchorY="top" maxWidth={inner} name="task-prompt" onSync={onSync('prompt')} />
      {message ? <Label text={message} distance={0.8} textScale={textScale} color={palette.text} position={[0, messageY, 0.002]} anchorY="top" maxWidth={inner} onSync={onSync('message')} /> : null}
      {verdict !== undefined ? (
        <Label
          text={verdict}
          name={solution !== undefined ? 'task-panel-solution' : 'task-feedback'}
          heading
          distance={0.9}
          textScale={textScale}
          color={solution !== undefined ? palette.text : lastAssessment!.correct ? palette.good : palette.bad}
          position={[0, verdictY, 0.002]}
          anchorY="top"
          maxWidth={inner}
          onSync={onSync('verdict')}
        />
      ) : null}
      {onRevealSolution ? (
        // Stood up to face the student: a table button turned to the panel's plane, under the panel.
        <group position={[0, bottom - 0.04, 0.02]} rotation-x={Math.PI / 2}>
          <WorldButton name="solution-button" label="Show the solution" width={0.24} position={[0, 0, 0]} palette={palette} textScale={textScale} onPress={onRevealSolution} />
        </group>
      ) : null}
    </group>
  )
}
