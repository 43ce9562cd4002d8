import { useEffect, useMemo, useRef, useState } from 'react'
import { useFrame } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import { useStore } from 'zustand'
import { BoxGeometry, BufferGeometry, Float32BufferAttribute, type Group, type Mesh } from 'three'
import type { InputMode, SceneViewModule, SceneViewProps } from '../../../src/core'
import { exposeForTests } from '../../../src/view/testHandles'
import { useCameraFocus } from '../../../src/view/cameraFocus'
import { Label } from '../../../src/view/Label'
import { paletteFor } from '../../../src/view/palette'
import { useAxisDrag } from '../../../src/view/useAxisDrag'
import { HintButton } from '../../../src/view/HintButton'
import { TaskPanel } from '../../../src/view/TaskPanel'
import { useDomInputMode } from '../../../src/view/useDomInputMode'
import { WorldButton } from '../../../src/view/WorldButton'
import { BatchedPart } from '../../../src/view/meshBatch'
import { sharedStandardMaterial } from '../../../src/view/sharedMaterials'
import measurePlugin from '..'
import { TRACK_LENGTH } from '../levels'
import { scaffoldFeatures } from '../scaffolds'
import { formatNumber, type PlaceAttempt, type PlaceTask } from '../tasks/place'
import { clampToTrack, measureTracker, measureWork, syncTask } from './state'

type Props = SceneViewProps<PlaceTask, PlaceAttempt>

/** The track is 80 cm long on the table: one unit is 8 cm. */
const TRACK_METRES = 0.8
const UNIT = TRACK_METRES / TRACK_LENGTH
const BLOCK = 0.045
/** The ruler is a real one: 5 mm thick, its scale printed on top; the slider rides on a rail behind it. */
const RULER_TOP = 0.005
const RIDER_Z = -0.068
/** The ruler, its rail and the block: shared by every task, drawn in one batched call. */
const RULER = new BoxGeometry(TRACK_METRES + 0.04, RULER_TOP, 0.062)
const RAIL = new BoxGeometry(TRACK_METRES + 0.06, 0.008, 0.016)
const BLOCK_SHAPE = new BoxGeometry(BLOCK, BLOCK, BLOCK)

exposeForTests({ stores: { measure: measureWork } })

function useTaskSync(task: PlaceTask) {
  useEffect(() => syncTask(task), [task])
}

/** Tick marks as one line geometry per task: long marks at whole numbers, short at halves or tenths. */
function useMarks(task: PlaceTask): BufferGeometry {
  const geometry = useMemo(() => {
    const fine = task.level >= 3 || task.skill !== 'measure.whole-numbers'
    const step = fine ? (task.level >= 3 ? 0.1 : 0.5) : 1
    const points: number[] = []
    for (let i = 0; i <= Math.round(TRACK_LENGTH / step); i++) {
      const value = i * step
      const whole = Math.abs(value - Math.round(value)) < 1e-9
      const half = Math.abs(value * 2 - Math.round(value * 2)) < 1e-9
      const length = whole ? 0.03 : half ? 0.02 : 0.012
      points.push(value * UNIT, RULER_TOP + 0.0003, 0.004, value * UNIT, RULER_TOP + 0.0003, 0.004 - length)
    }
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(points, 3))
    return g
  }, [task.level, task.skill])
  useEffect(() => () => geometry.dispose(), [geometry])
  return geometry
}

function Readout({ textScale, color }: { textScale: number; color: string }) {
  const position = useStore(measureWork, (s) => formatNumber(s.position))
  return <Label text={position} distance={0.7} textScale={textScale} color={color} position={[0, BLOCK + 0.03, 0]} />
}

function Scene({ task, scaffoldLevel, settings, lastAssessment, help, submit, requestHint, revealSolution }: Props) {
  useTaskSync(task)
  const palette = paletteFor(settings.highContrast)
  const features = scaffoldFeatures(scaffoldLevel)
  const inXR = useXR((s) => s.session != null)
  const track = useRef<Group>(null)
  // The line the block's centre slides on (the rail, behind the ruler): a drag must follow the
  // pointer there, not on the ruler's front edge, or the block lags the pointer by the depth between.
  const rail = useRef<Group>(null)
  const block = useRef<Mesh>(null)
  const grabOffset = useRef(0)
  const lastX = useRef(0)
  const marks = useMarks(task)
  const [dragging, setDragging] = useState(false)
  // Looked at from higher up than a flight needs: the scale is read from above.
  useCameraFocus(0, 0.02, 0.02, 0.92, 0.42, 0.06, 0.85)

  const drag = useAxisDrag({
    axis: rail,
    onStart(mode, x) {
      measureTracker.begin(mode)
      grabOffset.current = measureWork.getState().position - x / UNIT
      lastX.current = x
      setDragging(true)
      measureWork.setState({ dragging: true })
    },
    onDrag(x) {
      measureTracker.moved(x - lastX.current)
      lastX.current = x
      measureWork.setState({ position: clampToTrack(x / UNIT + grabOffset.current) })
    },
    onEnd() {
      setDragging(false)
      measureWork.setState({ dragging: false })
    },
  })

  // The block follows the store by mutation: no React render per pointer move.
  useFrame(() => {
    if (block.current) block.current.position.x = measureWork.getState().position * UNIT
  })

  const check = (mode: InputMode) => submit({ position: measureWork.getState().position }, measureTracker.summary(mode))
  const labels = useMemo(() => {
    const values: number[] = []
    for (let v = 0; v <= TRACK_LENGTH; v += task.labelEvery) values.push(v)
    if (values.at(-1) !== TRACK_LENGTH) values.push(TRACK_LENGTH)
    return values
  }, [task.labelEvery])

  return (
    <group name="measure-scene">
      <group ref={track} position={[-TRACK_METRES / 2, 0, 0.02]} name="track">
        <BatchedPart geometry={RULER} material={sharedStandardMaterial({ color: palette.track, roughness: 0.55 })} position={[TRACK_METRES / 2, RULER_TOP / 2, -0.012]} castShadow receiveShadow name="ruler" />
        <group ref={rail} position={[0, BLOCK / 2 + 0.008, RIDER_Z]} name="block-rail" />
        {/* The rail the slider rides on. */}
        <BatchedPart geometry={RAIL} material={sharedStandardMaterial({ color: '#aab1ba', roughness: 0.3, metalness: 0.8 })} position={[TRACK_METRES / 2, 0.004, RIDER_Z]} castShadow receiveShadow name="rail" />
        <lineSegments geometry={marks}>
          <lineBasicMaterial color={palette.marks} />
        </lineSegments>
        {labels.map((value) => (
          <Label
            key={value}
            text={String(value)}
            distance={0.6}
            textScale={settings.textScale}
            color={palette.marks}
            position={[value * UNIT, RULER_TOP + 0.0005, 0.011]}
            rotation-x={-Math.PI / 2}
          />
        ))}
        {features.guide ? (
          <mesh position={[task.target * UNIT, 0.04, -0.012]} name="guide">
            <boxGeometry args={[0.003, 0.08, 0.003]} />
            <meshBasicMaterial color={palette.guide} />
          </mesh>
        ) : null}
        <BatchedPart
          ref={block}
          geometry={BLOCK_SHAPE}
          material={sharedStandardMaterial({ color: dragging ? palette.guide : palette.accent, roughness: 0.4, metalness: 0.15 })}
          name="block"
          position={[task.start * UNIT, BLOCK / 2 + 0.008, RIDER_Z]}
          castShadow
          receiveShadow
          {...drag}
        >
          {/* The cursor: a clear plate over the scale with a hairline where the reading is. */}
          <mesh position={[0, RULER_TOP + 0.0012 - BLOCK / 2 - 0.008, (0.004 - RIDER_Z - BLOCK / 2) / 2 + BLOCK / 2 - 0.0005]} name="cursor">
            <boxGeometry args={[0.018, 0.0012, 0.004 - RIDER_Z - BLOCK / 2 + 0.004]} />
            <meshStandardMaterial color="#e8f2ff" transparent opacity={0.45} roughness={0.1} />
          </mesh>
          <mesh position={[0, RULER_TOP + 0.002 - BLOCK / 2 - 0.008, (0.004 - RIDER_Z - BLOCK / 2) / 2 + BLOCK / 2 - 0.0005]} name="hairline">
            <boxGeometry args={[0.0012, 0.0006, 0.004 - RIDER_Z - BLOCK / 2 + 0.004]} />
            <meshBasicMaterial color={palette.bad} />
          </mesh>
          {features.readout ? <Readout textScale={settings.textScale} color={palette.text} /> : null}
        </BatchedPart>
      </group>
      <WorldButton name="check-button" label="Check" position={[0.3, 0, 0.17]} palette={palette} textScale={settings.textScale} disabled={help?.takesAnswers === false} onPress={check} />
      <HintButton help={help} position={[-0.3, 0, 0.17]} palette={palette} textScale={settings.textScale} width={0.12} onPress={() => requestHint()} />
      {inXR ? <TaskPanel prompt={task.prompt} lastAssessment={lastAssessment} solution={help?.solution} onRevealSolution={help?.canReveal ? revealSolution : undefined} palette={palette} textScale={settings.textScale} position={[0, 0.28, -0.22]} width={0.9} /> : null}
    </group>
  )
}

/** Every action by keyboard, touch or mouse; the slider announces the position to screen readers. */
function Panel({ task, help, submit }: Props) {
  useTaskSync(task)
  const position = useStore(measureWork, (s) => s.position)
  const { mode: domMode, noteMode } = useDomInputMode()
  const change = (value: number) => {
    if (!Number.isFinite(value)) return
    measureTracker.begin(domMode.current)
    measureWork.setState({ position: clampToTrack(value) })
  }
  return (
    <form
      className="scene-controls"
      onSubmit={(e) => {
        e.preventDefault()
        submit({ position: measureWork.getState().position }, measureTracker.summary(domMode.current))
      }}
    >
      <p id="measure-description" className="sr-only">
        {measurePlugin.describe(task, { position })}
      </p>
      <label htmlFor="measure-position">Block position</label>
      <input
        id="measure-position"
        type="range"
        min={0}
        max={TRACK_LENGTH}
        step={0.05}
        value={position}
        aria-valuetext={`block at ${formatNumber(position)}`}
        aria-describedby="measure-description"
        onChange={(e) => change(Number(e.target.value))}
        {...noteMode}
      />
      <label htmlFor="measure-number">Type a position</label>
      <input
        id="measure-number"
        type="number"
        min={0}
        max={TRACK_LENGTH}
        step={0.01}
        value={position}
        onChange={(e) => change(Number(e.target.value))}
        {...noteMode}
      />
      <div className="row">
        <button type="submit" className="primary" data-testid="check" disabled={help?.takesAnswers === false} {...noteMode}>
          Check answer
        </button>
      </div>
    </form>
  )
}

export { Scene, Panel }
// Checked against the contract: the lazy loader in ../index.ts returns this module.
const _contract: SceneViewModule<PlaceTask, PlaceAttempt> = { Scene, Panel }
void _contract
