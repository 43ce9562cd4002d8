import type { Assessment } from '../core'
import { Label } from './Label'
import type { Palette } from './palette'
import { WorldButton } from './WorldButton'

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
  return (
    <group position={position} name="task-panel">
      <mesh>
        <planeGeometry args={[width, 0.3]} />
        <meshBasicMaterial color={palette.panel} />
      </mesh>
      <Label text={prompt} heading distance={0.8} textScale={textScale} color={palette.text} position={[0, 0.08, 0.002]} maxWidth={inner} name="task-prompt" />
      {message ? <Label text={message} distance={0.8} textScale={textScale} color={palette.text} position={[0, -0.02, 0.002]} maxWidth={inner} /> : null}
      {solution !== undefined ? (
        <Label text={`Solution: ${solution}`} name="task-panel-solution" heading distance={0.9} textScale={textScale} color={palette.text} position={[0, -0.09, 0.002]} maxWidth={inner} />
      ) : lastAssessment ? (
        <Label text={lastAssessment.feedback} heading distance={0.9} textScale={textScale} color={lastAssessment.correct ? palette.good : palette.bad} position={[0, -0.09, 0.002]} maxWidth={inner} name="task-feedback" />
      ) : null}
      {onRevealSolution ? (
        // Stood up to face the student: a table button turned to the panel's plane.
        <group position={[0, -0.19, 0.02]} rotation-x={Math.PI / 2}>
          <WorldButton name="solution-button" label="Show the solution" width={0.24} position={[0, 0, 0]} palette={palette} textScale={textScale} onPress={onRevealSolution} />
        </group>
      ) : null}
    </group>
  )
}
