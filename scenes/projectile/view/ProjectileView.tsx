import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useFrame } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { BoxGeometry, BufferAttribute, BufferGeometry, ConeGeometry, type Group, type Mesh } from 'three'
import { useCameraFocus } from '../../../src/view/cameraFocus'
import { ANGLE_READOUT, DOT_RADIUS, LAUNCHER_REACH, Launcher, MeasuringTape, TargetRings, TrailSet } from './instruments'
import { labelRect, layOutLabels, type LabelRequest, type Rect } from '../../../src/view/labelLayout'
import { HEADING_DMM, legibleTextHeight } from '../../../src/view/legibility'
import type { InputMode, SceneViewModule, SceneViewProps } from '../../../src/core'
import { exposeForTests } from '../../../src/view/testHandles'
import { Label } from '../../../src/view/Label'
import { paletteFor, type Palette } from '../../../src/view/palette'
import { useAxisDrag } from '../../../src/view/useAxisDrag'
import { HintButton } from '../../../src/view/HintButton'
import { TaskPanel } from '../../../src/view/TaskPanel'
import { useDomInputMode } from '../../../src/view/useDomInputMode'
import { WorldButton } from '../../../src/view/WorldButton'
import { BatchedPart, UNIT_BOX } from '../../../src/view/meshBatch'
import { sharedStandardMaterial } from '../../../src/view/sharedMaterials'
import { NumberPad } from '../../../src/view/NumberPad'
import { ChoiceButtons } from '../../../src/view/ChoiceButtons'
import { studentDecimalSeparator } from '../../../src/view/locale'
import { parseNumberAnswer } from '../../../src/core'
import projectilePlugin from '..'
import { advance, createFlight, interpolatedPosition, simulateToLanding, type Flight, type LaunchParams, type Platform } from '../model'
import { CONTEXTS, contextById, tellInContext, type ContextId } from '../contexts'
import { formulaCard, workedStep } from '../guidance'
import { scaffoldFeatures, visibleReadouts } from '../scaffolds'
import { answerRules } from '../tasks/compute-quantity'
import { launchFromSettings } from '../tasks/design-experiment'
import type { CompareChoice, ComputeQuantityTask, DesignExperimentTask, ExperimentSettings, LaunchControlVariable, ProjectileAttempt, ProjectileTask, VariableControl } from '../tasks/types'
import type { ExperimentVariable } from '../levels'
import type { ReadoutId } from '../levels'
import { clamp, launchAndAnswer, launchNow, projectileTracker, projectileWork, syncTask } from './state'

type Props = SceneViewProps<ProjectileTask, ProjectileAttempt>

exposeForTests({ stores: { projectile: projectileWork } })

/** The field is a diorama 85 cm long on the table; its length in metres depends on the task. */
const FIELD_TABLE_LENGTH = 0.85
/** The green mat the field is drawn on, under the tape and the targets. */
const FIELD_MAT = new BoxGeometry(FIELD_TABLE_LENGTH + 0.04, 0.002, 0.22)
const FIELD_START = -0.42
const BALL_TABLE_RADIUS = 0.012
const PATH_POINTS = 160
const SPEED_TRACK = 0.3
/** The landing marker, a cone standing on the spot, in field metres. */
const MARKER = new ConeGeometry(0.5, 1.2, 12)
const SPEED_KNOB = new BoxGeometry(0.03, 0.03, 0.04)

function fieldLength(task: ProjectileTask): number {
  switch (task.kind) {
    case 'hit-target':
      return Math.max(5, (task.target.x + 3 * task.target.radius) * 1.15, (task.platform?.xEnd ?? 0) * 1.1)
    case 'predict-landing':
      return Math.max(5, task.marker.max)
    case 'compute-quantity':
      return Math.max(5, simulateToLanding(task.launch, undefined, { platform: task.platform }).range * 1.2)
    case 'compare-launches':
      return Math.max(5, task.outcomes.A.range, task.outcomes.B.range) * 1.15
    case 'design-experiment':
      return 40
  }
}

/** The launch the student's settings describe, for the kinds where they set angle and speed. */
function currentLaunch(task: ProjectileTask, angleDeg: number, speed: number): LaunchParams | null {
  if (task.kind === 'hit-target') return { ...task.launch, angleDeg, speed }
  if (task.kind === 'predict-landing' || task.kind === 'compute-quantity') return task.launch
  return null
}

/** A path drawn from a preallocated buffer: recomputed when the launch changes, never per frame. */
function usePath(launch: LaunchParams | null, platform: Platform | null) {
  const geometry = useMemo(() => {
    const g = new BufferGeometry()
    g.setAttribute('position', new BufferAttribute(new Float32Array(PATH_POINTS * 3), 3))
    g.setDrawRange(0, 0)
    return g
  }, [])
  const scratch = useMemo(() => new Float32Array(PATH_POINTS * 2), [])
  useEffect(() => {
    if (!launch) {
      geometry.setDrawRange(0, 0)
      return
    }
    const result = simulateToLanding(launch, undefined, { platform, target: scratch })
    const positions = geometry.getAttribute('position') as BufferAttribute
    for (let i = 0; i < result.samples; i++) positions.setXYZ(i, scratch[2 * i]!, scratch[2 * i + 1]!, 0)
    positions.needsUpdate = true
    geometry.setDrawRange(0, result.samples)
    geometry.computeBoundingSphere()
  }, [launch, platform, geometry, scratch])
  useEffect(() => () => geometry.dispose(), [geometry])
  return geometry
}

/** One lane of the field: launcher, optional flight, drawn in metres inside a scaled group. */
function Lane({ z, platform, palette, ball, children }: { z: number; platform: Platform | null; palette: Palette; ball: React.RefObject<Mesh | null>; children?: ReactNode }) {
  return (
    <group position-z={z}>
      {platform ? (
        <mesh position={[(platform.xStart + platform.xEnd) / 2, platform.height / 2, 0]} name="platform">
          <boxGeometry args={[platform.xEnd - platform.xStart, platform.height, 3]} />
          <meshStandardMaterial color={palette.marks} transparent opacity={0.55} roughness={0.8} />
        </mesh>
      ) : null}
      <mesh ref={ball} visible={false} castShadow name="ball">
        <sphereGeometry args={[1, 16, 12]} />
        <meshStandardMaterial color={palette.bad} roughness={0.35} metalness={0.1} />
      </mesh>
      {children}
    </group>
  )
}

const _ball = { x: 0, y: 0 }

function Scene({ task, scaffoldLevel, settings, lastAssessment, help, submit, requestHint, revealSolution }: Props) {
  useEffect(() => syncTask(task), [task])
  const palette = paletteFor(settings.highContrast)
  const features = scaffoldFeatures(scaffoldLevel, task)
  const readouts = visibleReadouts(task, scaffoldLevel)
  const inXR = useXR((s) => s.session != null)
  const length = useMemo(() => fieldLength(task), [task])
  const scale = FIELD_TABLE_LENGTH / length
  const field = useRef<Group>(null)
  const { angleDeg, speed, markerX, launches, launched, ghost } = useStore(projectileWork)
  const launch = currentLaunch(task, angleDeg, speed)
  const platform = 'platform' in task ? task.platform : null
  const preview = usePath(features.preview && launch ? launch : null, platform)
  // The previous launch under this task's conditions: recomputed when the ghost or the task changes, not per aim.
  const ghostLaunch = useMemo(() => {
    const conditions = ghost ? currentLaunch(task, ghost.angleDeg, ghost.speed) : null
    return ghost && conditions ? { ...conditions, angleDeg: ghost.angleDeg, speed: ghost.speed } : null
  }, [ghost, task])
  const ghostPath = usePath(features.ghost ? ghostLaunch : null, platform)
  const ballA = useRef<Mesh>(null)
  const ballB = useRef<Mesh>(null)
  const target = useRef<Mesh>(null)
  const flights = useRef<{ a: Flight | null; b: Flight | null }>({ a: null, b: null })

  const trails = useMemo(() => new TrailSet(), [])
  useEffect(() => () => trails.dispose(), [trails])
  // A new task starts still: no ball, no flight and no trail from the last one.
  useEffect(() => {
    flights.current = { a: null, b: null }
    trails.clear()
  }, [task.id, trails])
  // The launch count when this view opened: a launch from before (the lab left and opened again) is not replayed.
  const flown = useRef(launches)
  // A new launch: fresh fixed-step flights (allocated per launch, not per frame).
  useEffect(() => {
    if (launches === flown.current) return
    flown.current = launches
    const lanes = launchesFor(task, launched)
    flights.current = {
      a: lanes[0] ? createFlight(lanes[0], { platform }) : null,
      b: lanes[1] ? createFlight(lanes[1], { platform }) : null,
    }
    const z = (i: number) => (lanes.length > 1 ? (i === 0 ? LANE_OFFSET : -LANE_OFFSET) / scale : 0)
    const trailColours = [palette.accent, palette.guide]
    trails.start(
      lanes.flatMap((params, i) => {
        const flight = i === 0 ? flights.current.a : flights.current.b
        return flight ? [{ params, z: z(i), flight, colour: trailColours[i]! }] : []
      }),
      platform,
      DOT_RADIUS / scale,
    )
    if (settings.reducedMotion) for (const f of [flights.current.a, flights.current.b]) if (f) while (!f.step());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- flights start on a launch only, with the values of that render
  }, [launches])

  const moveBall = (flight: Flight | null, mesh: Mesh | null, delta: number) => {
    if (!mesh) return
    mesh.visible = flight != null
    if (!flight) return
    advance(flight, delta)
    interpolatedPosition(flight, _ball)
    mesh.position.set(_ball.x, _ball.y, 0)
    mesh.scale.setScalar(BALL_TABLE_RADIUS / scale)
  }

  useFrame((_, delta) => {
    moveBall(flights.current.a, ballA.current, delta)
    moveBall(flights.current.b, ballB.current, delta)
    trails.reveal()
    const awaiting = projectileWork.getState().awaitingLanding
    const { a, b } = flights.current
    if (awaiting && a && a.state.landed && (!b || b.state.landed)) {
      projectileWork.setState({ awaitingLanding: null })
      if (awaiting.taskId === task.id) submit(awaiting.attempt, awaiting.summary)
    }
    if (target.current && task.kind === 'hit-target') {
      const t = flights.current.a?.state.t ?? 0
      target.current.position.x = task.target.x + task.target.velocity * t
    }
  })

  const marker = useAxisDrag({
    axis: field,
    onStart: (mode) => {
      projectileTracker.begin(mode)
      projectileWork.setState({ dragging: true })
    },
    onEnd: () => projectileWork.setState({ dragging: false }),
    onDrag: (x) => {
      if (task.kind !== 'predict-landing') return
      projectileWork.setState({ markerX: clamp(x, task.marker.min, task.marker.max, task.marker.step) })
    },
  })

  const speedControl = task.kind === 'hit-target' ? task.controls.find((c) => c.variable === 'speed') : undefined
  const angleControl = task.kind === 'hit-target' ? task.controls.find((c) => c.variable === 'angleDeg') : undefined
  const speedTrack = useRef<Group>(null)
  const lever = useAxisDrag({
    axis: speedTrack,
    onStart: (mode) => {
      projectileTracker.begin(mode)
      projectileWork.setState({ dragging: true })
    },
    onEnd: () => projectileWork.setState({ dragging: false }),
    onDrag: (x) => {
      if (!speedControl) return
      const fraction = Math.min(1, Math.max(0, x / SPEED_TRACK))
      projectileWork.setState({ speed: clamp(speedControl.min + fraction * (speedControl.max - speedControl.min), speedControl.min, speedControl.max, speedControl.step) })
    },
  })

  // Where a prediction is the answer, the flight is too: it flies once the answer is right or the solution is shown.
  const showsAnswer = task.kind === 'predict-landing' || task.kind === 'compare-launches'
  const settled = lastAssessment?.correct === true || help?.solution !== undefined
  useEffect(() => {
    if (showsAnswer && settled) launchNow()
  }, [showsAnswer, settled, lastAssessment])

  // The fine mode: one step of the control per press, where a drag on a 30 cm lever cannot land on 0.1 m/s.
  const nudge = (control: VariableControl<LaunchControlVariable>, direction: 1 | -1, mode: InputMode) => {
    projectileTracker.begin(mode)
    const now = projectileWork.getState()[control.variable]
    projectileWork.setState({ [control.variable]: clamp(now + direction * control.step, control.min, control.max, control.step) })
  }
  const fire = (mode: InputMode) => {
    const attempt = attemptOnLaunch(task)
    if (!attempt) launchNow()
    // A prediction is graded at once and flies only once right (above), so a wrong one does not show the answer.
    else if (showsAnswer) submit(attempt, projectileTracker.summary(mode))
    // A launch is the experiment: the verdict comes when the ball lands.
    else launchAndAnswer(task.id, attempt, projectileTracker.summary(mode))
  }
  const design = useStore(projectileWork, (w) => w.design)
  const lanes = task.kind === 'compare-launches' ? [task.launchA, task.launchB] : task.kind === 'design-experiment' && design ? [launchFromSettings(design.A, task.drag), launchFromSettings(design.B, task.drag)] : launch ? [launch] : []
  const twoLanes = lanes.length > 1
  const laneLabelsAt = twoLanes ? laneLabels(lanes, scale, settings.textScale) : []
  // Low enough to see a flight's height, close enough that the field fills the canvas; with the lane labels when there are two lanes.
  const focusLeft = Math.min(-FOCUS_HALF_WIDTH, ...laneLabelsAt.map((l) => l.left))
  useCameraFocus((focusLeft + FOCUS_HALF_WIDTH) / 2, 0.06, 0.02, FOCUS_HALF_WIDTH - focusLeft, 0.42, 0.2, DESK_ELEVATION)

  return (
    <group name="projectile-scene">
      {settings.highContrast ? (
        <mesh geometry={FIELD_MAT} position={[FIELD_START + FIELD_TABLE_LENGTH / 2, 0.001, -0.05]} receiveShadow name="field-mat">
          <meshLambertMaterial color={palette.good} transparent opacity={0.35} />
        </mesh>
      ) : (
        <BatchedPart geometry={FIELD_MAT} material={sharedStandardMaterial({ color: FIELD_GREEN })} position={[FIELD_START + FIELD_TABLE_LENGTH / 2, 0.001, -0.05]} castShadow receiveShadow name="field-mat" />
      )}
      <MeasuringTape length={length} tableLength={FIELD_TABLE_LENGTH} textScale={settings.textScale} position={[FIELD_START, 0.002, 0.046]} />
      <group ref={field} position={[FIELD_START, 0.002, -0.05]} scale={scale} name="field">
        {lanes.map((laneLaunch, i) => (
          <Lane key={i} z={twoLanes ? (i === 0 ? LANE_OFFSET : -LANE_OFFSET) / scale : 0} platform={platform} palette={palette} ball={i === 0 ? ballA : ballB}>
            <Launcher
              launch={laneLaunch}
              scale={scale}
              aimable={i === 0 && angleControl != null}
              palette={palette}
              textScale={settings.textScale}
              onAim={(angle) => angleControl && projectileWork.setState({ angleDeg: clamp(angle, angleControl.min, angleControl.max, angleControl.step) })}
            />
          </Lane>
        ))}
        {task.kind === 'hit-target' ? <TargetRings x={task.target.x} y={task.target.y} radius={task.target.radius} target={target} /> : null}
        <primitive object={trails.group} />
        {task.kind === 'predict-landing' ? (
          <BatchedPart geometry={MARKER} material={sharedStandardMaterial({ color: palette.guide })} position={[markerX, 0.6, 0]} castShadow receiveShadow name="marker" {...marker} />
        ) : null}
        {features.componentArrows && (task.kind === 'hit-target' || task.kind === 'predict-landing') && launch ? <ComponentArrows launch={launch} length={length} palette={palette} /> : null}
        {features.preview ? (
          <line>
            <primitive object={preview} attach="geometry" />
            <lineBasicMaterial color={palette.guide} />
          </line>
        ) : null}
        {features.ghost ? (
          <line>
            <primitive object={ghostPath} attach="geometry" />
            <lineBasicMaterial color={palette.marks} transparent opacity={0.4} />
          </line>
        ) : null}
      </group>
      {twoLanes
        ? laneLabelsAt.map(({ id, position }) => (
            <Label key={id} text={`Launch ${id}`} heading distance={LANE_LABEL_DISTANCE} textScale={settings.textScale} color={palette.text} position={position} name={`lane-label-${id}`} />
          ))
        : null}
      {inXR && task.kind === 'predict-landing' ? (
        <NumberPad
          name="marker-pad"
          position={[0, 0, 0.16]}
          palette={palette}
          textScale={settings.textScale}
          units={['m']}
          unit="m"
          rules={{ quantity: 'distance', nonNegative: true }}
          resetKey={task.id}
          submitLabel="Set"
          onSubmit={(value, mode) => {
            projectileTracker.begin(mode)
            const { min, max, step } = task.marker
            const markerX = clamp(value, min, max, step)
            projectileWork.setState({ markerX })
            return markerX === value ? undefined : `The marker goes from ${min} to ${max} m in steps of ${step} m: set to ${Number(markerX.toFixed(3))} m.`
          }}
        />
      ) : null}
      {inXR && task.kind === 'compute-quantity' ? <ComputePad task={task} palette={palette} textScale={settings.textScale} submit={submit} /> : null}
      {inXR && task.kind === 'compare-launches' ? (
        <ChoiceButtons
          name="choice"
          choices={COMPARE_CHOICES}
          position={[0.08, 0, 0.17]}
          width={0.6}
          palette={palette}
          textScale={settings.textScale}
          onChoose={(choice, mode) => {
            projectileWork.setState({ choice: choice as CompareChoice })
            submit({ kind: 'compare-launches', choice: choice as CompareChoice }, projectileTracker.summary(mode))
          }}
        />
      ) : null}
      {inXR && task.kind === 'design-experiment' ? <DesignControls task={task} palette={palette} textScale={settings.textScale} submit={submit} /> : null}
      {readouts.length > 0 ? <Readouts flights={flights} shown={readouts} textScale={settings.textScale} color={palette.text} /> : null}
      {speedControl ? (
        <group ref={speedTrack} position={[-0.15, 0.01, 0.17]} name="speed-track">
          <mesh position-x={SPEED_TRACK / 2}>
            <boxGeometry args={[SPEED_TRACK, 0.006, 0.02]} />
            <meshStandardMaterial color={palette.marks} />
          </mesh>
          <SpeedKnob min={speedControl.min} max={speedControl.max} palette={palette} handlers={lever} />
          <SpeedLabel textScale={settings.textScale} color={palette.text} />
        </group>
      ) : null}
      {task.kind === 'hit-target'
        ? task.controls.map((c) => (
            <group key={c.variable} position={c.variable === 'speed' ? [0, 0, 0.17] : [-0.25, 0, 0.1]}>
              <WorldButton name={`nudge-${c.variable}-down`} label={`\u2212${c.step}`} width={0.06} position={c.variable === 'speed' ? [-0.215, 0, 0] : [-0.04, 0, 0]} palette={palette} textScale={settings.textScale} onPress={(mode) => nudge(c, -1, mode)} />
              <WorldButton name={`nudge-${c.variable}-up`} label={`+${c.step}`} width={0.06} position={c.variable === 'speed' ? [0.2, 0, 0] : [0.04, 0, 0]} palette={palette} textScale={settings.textScale} onPress={(mode) => nudge(c, 1, mode)} />
            </group>
          ))
        : null}
      {task.kind === 'hit-target' || task.kind === 'predict-landing' ? (
        <WorldButton name="launch-button" label="Launch" position={[0.33, 0, 0.17]} palette={palette} textScale={settings.textScale} disabled={help?.takesAnswers === false} onPress={fire} />
      ) : null}
      <HintButton help={help} position={[-0.36, 0, 0.17]} width={0.1} palette={palette} textScale={settings.textScale} onPress={() => requestHint()} />
      {inXR ? <TaskPanel prompt={task.prompt} lastAssessment={lastAssessment} solution={help?.solution} onRevealSolution={help?.canReveal ? revealSolution : undefined} palette={palette} textScale={settings.textScale} position={[0, 0.3, -0.24]} /> : null}
    </group>
  )
}

/** The field mat's grass green (the high-contrast palette keeps its own). */
const FIELD_GREEN = '#7da564'

/** Lanes of a two-launch task sit this far either side of the field's middle, metres of table. */
const LANE_OFFSET = 0.06
/** The desktop camera's angle above the table (the lane labels are laid out as seen from it). */
const DESK_ELEVATION = 0.5
/** The field and its launchers span this far either side of the table's middle (metres). */
const FOCUS_HALF_WIDTH = 0.44
const LANE_LABEL_DISTANCE = 0.8
/** Readouts and launchers count a little larger than they are: the nearer lane looks bigger in perspective. */
const PERSPECTIVE_ALLOWANCE = 1.25

/**
 * Where the "Launch A" and "Launch B" labels stand (scene metres, centred) so that neither runs
 * into a launcher, an angle readout (its own or the other lane's) or the other label, as the
 * student sees them: laid out in the picture plane of the desktop camera, where the far lane
 * stands higher than the near one.
 */
function laneLabels(lanes: readonly LaunchParams[], scale: number, textScale: number): { id: 'A' | 'B'; position: [number, number, number]; left: number }[] {
  const sin = Math.sin(DESK_ELEVATION)
  const cos = Math.cos(DESK_ELEVATION)
  // Up the picture: a point's height, less its distance from the student.
  const up = (y: number, z: number) => y * cos - z * sin
  const laneZ = (i: number) => -0.05 + (i === 0 ? LANE_OFFSET : -LANE_OFFSET)
  const pivotY = (i: number) => 0.002 + lanes[i]!.height * scale
  const readoutSize = legibleTextHeight(0.6, textScale, HEADING_DMM)
  const labelSize = legibleTextHeight(LANE_LABEL_DISTANCE, textScale, HEADING_DMM)
  const grown = (r: Rect): Rect => ({ ...r, width: r.width * PERSPECTIVE_ALLOWANCE, depth: r.depth * PERSPECTIVE_ALLOWANCE })
  const obstacles: Rect[] = []
  lanes.forEach((_, i) => {
    const z = laneZ(i)
    // The readout, as wide as its widest text ("90.5°"), from its left end; z in the picture runs down it.
    const readout = labelRect(['00.0\u00b0'], readoutSize, 0, 0)
    obstacles.push(grown({ ...readout, x: FIELD_START + ANGLE_READOUT.x + readout.width / 2, z: -up(pivotY(i) + ANGLE_READOUT.y, z + ANGLE_READOUT.z) }))
    const launcherTop = pivotY(i) + LAUNCHER_REACH.up
    obstacles.push(grown({ x: FIELD_START + (LAUNCHER_REACH.ahead - LAUNCHER_REACH.back) / 2, z: -up(launcherTop / 2, z), width: LAUNCHER_REACH.ahead + LAUNCHER_REACH.back, depth: launcherTop * cos }))
  })
  const requests: LabelRequest[] = (['A', 'B'] as const).map((id, i) => {
    const size = labelRect([`Launch ${id}`], labelSize, 0, 0)
    const z = laneZ(i)
    const left = (extra: number) => FIELD_START - LAUNCHER_REACH.back * PERSPECTIVE_ALLOWANCE - 0.01 - size.width / 2 - extra
    // Beside the launcher at its readout's height, then at its base, then above, then further out.
    const heights = [pivotY(i) + ANGLE_READOUT.y, size.depth / 2, pivotY(i) + ANGLE_READOUT.y + size.depth]
    return { id, lines: [`Launch ${id}`], spots: [0, size.width / 2].flatMap((extra) => heights.map((y) => ({ x: left(extra), z: -up(y, z) }))) }
  })
  return layOutLabels(requests, labelSize, obstacles).map((placed, i) => {
    const z = laneZ(i)
    // Back from the picture to the scene: the label keeps its lane's depth, and its height gives the picture height.
    return { id: placed.id as 'A' | 'B', position: [placed.x, (-placed.z + z * sin) / cos, z], left: placed.x - placed.rect.width / 2 }
  })
}
const COMPARE_CHOICES = [
  { id: 'A', label: 'Launch A' },
  { id: 'B', label: 'Launch B' },
  { id: 'same', label: 'The same' },
]

/** The number answer in the headset: keypad, unit and Check, read as the page's field reads it. */
function ComputePad({ task, palette, textScale, submit }: { task: ComputeQuantityTask; palette: Palette; textScale: number; submit: Props['submit'] }) {
  const [unit, setUnit] = useState(task.acceptedUnits[0] ?? task.answer.unit)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new task only: the unit the student chose must survive other updates
  useEffect(() => setUnit(task.acceptedUnits[0] ?? task.answer.unit), [task.id])
  return (
    <NumberPad
      name="answer-pad"
      position={[0.28, 0, 0.16]}
      palette={palette}
      textScale={textScale}
      units={task.acceptedUnits}
      unit={unit}
      onUnit={setUnit}
      rules={answerRules(task)}
      resetKey={task.id}
      onSubmit={(value, mode) => submit({ kind: 'compute-quantity', value, unit }, projectileTracker.summary(mode))}
    />
  )
}

/** Steps the headset's -/+ buttons take: about twenty across the range, on the control's own grid. */
function stepOf(control: VariableControl<ExperimentVariable>): number {
  return Math.max(control.step, Math.ceil((control.max - control.min) / 20 / control.step) * control.step)
}

function stepped(control: VariableControl<ExperimentVariable>, value: number, direction: 1 | -1): number {
  if (control.options) {
    const sorted = [...control.options].sort((a, b) => a - b)
    const at = sorted.findIndex((o) => Math.abs(o - value) < 1e-9)
    return sorted[Math.min(sorted.length - 1, Math.max(0, (at < 0 ? 0 : at) + direction))]!
  }
  return clamp(value + direction * stepOf(control), control.min, control.max, control.step)
}

const showValue = (control: VariableControl<ExperimentVariable>, value: number) => `${Number(value.toFixed(2))} ${control.unit}`

/** Both launches' variables on -/+ buttons in the headset, the prediction when asked, and Check. */
function DesignControls({ task, palette, textScale, submit }: { task: DesignExperimentTask; palette: Palette; textScale: number; submit: Props['submit'] }) {
  const { design, choice } = useStore(projectileWork, useShallow((w) => ({ design: w.design, choice: w.choice })))
  if (!design) return null
  const set = (lane: 'A' | 'B', control: VariableControl<ExperimentVariable>, direction: 1 | -1, mode: InputMode) => {
    projectileTracker.begin(mode)
    const now = projectileWork.getState().design!
    projectileWork.setState({ design: { ...now, [lane]: { ...now[lane], [control.variable]: stepped(control, now[lane][control.variable], direction) } } })
  }
  const ROW = 0.075
  return (
    <group position={[0.06, 0.04, 0.2]} rotation-x={0.3} name="design-controls">
      {task.controls.map((c, r) => (
        <group key={c.variable} position-z={-r * ROW}>
          <Label text={c.label} distance={0.8} textScale={textScale} color={palette.text} position={[-0.3, 0.003, 0]} rotation-x={-Math.PI / 2} maxWidth={0.13} />
          {(['A', 'B'] as const).map((lane, l) => (
            <group key={lane} position-x={-0.12 + l * 0.26}>
              <WorldButton name={`design-${lane}-${c.variable}-down`} label={'\u2212'} width={0.05} position={[-0.075, 0, 0]} palette={palette} textScale={textScale} onPress={(mode) => set(lane, c, -1, mode)} />
              <Label text={`${lane}: ${showValue(c, design[lane][c.variable])}`} distance={0.8} textScale={textScale} color={palette.text} position={[0, 0.003, 0]} rotation-x={-Math.PI / 2} maxWidth={0.1} name={`design-${lane}-${c.variable}-value`} />
              <WorldButton name={`design-${lane}-${c.variable}-up`} label="+" width={0.05} position={[0.075, 0, 0]} palette={palette} textScale={textScale} onPress={(mode) => set(lane, c, 1, mode)} />
            </group>
          ))}
        </group>
      ))}
      {task.asksPrediction ? (
        <ChoiceButtons name="choice" choices={COMPARE_CHOICES} chosen={choice} position={[-0.02, 0, ROW]} width={0.5} palette={palette} textScale={textScale} onChoose={(id) => projectileWork.setState({ choice: id as CompareChoice })} />
      ) : null}
      <WorldButton
        name="design-check"
        label="Check"
        width={0.1}
        position={[0.32, 0, task.asksPrediction ? ROW : 0]}
        palette={palette}
        textScale={textScale}
        disabled={task.asksPrediction && choice === null}
        onPress={(mode) => submit({ kind: 'design-experiment', launchA: design.A, launchB: design.B, prediction: task.asksPrediction ? choice : null }, projectileTracker.summary(mode))}
      />
    </group>
  )
}

const READOUT_INTERVAL = 0.1

/**
 * Live t, x, y, vx, vy of the flight, as the level and scaffold allow; text refreshed 10 times a second.
 * Below the in-world task panel (whose lowest line is the feedback), so the two never overlap.
 */
function Readouts({ flights, shown, textScale, color }: { flights: React.RefObject<{ a: Flight | null }>; shown: ReadoutId[]; textScale: number; color: string }) {
  const text = useRef<{ text: string; sync(): void } | null>(null)
  const since = useRef(0)
  useFrame((_, delta) => {
    since.current += delta
    const flight = flights.current.a
    if (!text.current || since.current < READOUT_INTERVAL) return
    if (!flight) {
      // A new task: the last flight's numbers go with it.
      if (text.current.text !== ' ') {
        text.current.text = ' '
        text.current.sync()
      }
      return
    }
    since.current = 0
    const { t, x, y, vx, vy } = flight.state
    const values: Record<ReadoutId, string> = { t: `t ${t.toFixed(2)} s`, x: `x ${x.toFixed(1)} m`, y: `y ${y.toFixed(1)} m`, vx: `vx ${vx.toFixed(1)} m/s`, vy: `vy ${vy.toFixed(1)} m/s` }
    text.current.text = shown.map((id) => values[id]).join('   ')
    text.current.sync()
  })
  return <Label ref={text} text=" " heading distance={0.9} textScale={textScale} color={color} position={[0, 0.11, -0.21]} name="readouts" />
}

/** Velocity components at launch: vx along the field, vy straight up, drawn from the muzzle. */
function ComponentArrows({ launch, length, palette }: { launch: LaunchParams; length: number; palette: Palette }) {
  const { angleDeg, speed } = useStore(projectileWork, useShallow((w) => ({ angleDeg: w.angleDeg, speed: w.speed })))
  const angle = (angleDeg * Math.PI) / 180
  // Scaled so the full launch speed spans a sixth of the field.
  const perSpeed = length / 6 / Math.max(1, speed)
  const vx = speed * Math.cos(angle) * perSpeed
  const vy = speed * Math.sin(angle) * perSpeed
  const thickness = length / 250
  // The shared unit cube, scaled to each component. Lit only by their glow (black, glowing their colour): flat colour, as an arrow on a diagram; shaded as the launcher is, so in its batch.
  return (
    <group position={[0, launch.height, 0]} name="velocity-components">
      <BatchedPart geometry={UNIT_BOX} material={sharedStandardMaterial({ color: '#000000', emissive: palette.accent })} position={[vx / 2, 0, 0]} scale={[Math.max(thickness, vx), thickness, thickness]} castShadow receiveShadow name="vx-arrow" />
      <BatchedPart geometry={UNIT_BOX} material={sharedStandardMaterial({ color: '#000000', emissive: palette.good })} position={[vx, vy / 2, 0]} scale={[thickness, Math.max(thickness, Math.abs(vy)), thickness]} castShadow receiveShadow name="vy-arrow" />
    </group>
  )
}

function SpeedKnob({ min, max, palette, handlers }: { min: number; max: number; palette: Palette; handlers: ReturnType<typeof useAxisDrag> }) {
  const knob = useRef<Mesh>(null)
  useFrame(() => {
    if (knob.current) knob.current.position.x = ((projectileWork.getState().speed - min) / (max - min)) * SPEED_TRACK
  })
  return (
    <BatchedPart ref={knob} geometry={SPEED_KNOB} material={sharedStandardMaterial({ color: palette.accent })} position-y={0.015} castShadow receiveShadow name="speed-knob" {...handlers} />
  )
}

function SpeedLabel({ textScale, color }: { textScale: number; color: string }) {
  const speed = useStore(projectileWork, (s) => s.speed)
  return <Label text={`speed ${speed.toFixed(1)} m/s`} distance={0.7} textScale={textScale} color={color} position={[SPEED_TRACK / 2, 0.002, 0.035]} rotation-x={-Math.PI / 2} />
}

function launchesFor(task: ProjectileTask, launched: { angleDeg: number; speed: number } | null): LaunchParams[] {
  switch (task.kind) {
    case 'hit-target':
      return [{ ...task.launch, ...(launched ?? {}) }]
    case 'predict-landing':
    case 'compute-quantity':
      return [task.launch]
    case 'compare-launches':
      return [task.launchA, task.launchB]
    case 'design-experiment':
      return []
  }
}

/** The attempt a launch makes, for the kinds where launching is answering. */
function attemptOnLaunch(task: ProjectileTask): ProjectileAttempt | null {
  const { angleDeg, speed, markerX } = projectileWork.getState()
  if (task.kind === 'hit-target') return { kind: 'hit-target', angleDeg, speed }
  if (task.kind === 'predict-landing') return { kind: 'predict-landing', markerX }
  return null
}

// ---------------------------------------------------------------------------------------------
// The accessible panel: every action by keyboard, touch and mouse, and screen-reader text.

/**
 * A variable set by slider or by typing. What is typed stays as typed until the student leaves the
 * field or presses Enter; then it is put on the control's range and grid, with a message when that
 * changed it (clamping every keystroke turned 25 into 80: the 2 alone was below the range).
 */
function NumberControl({ id, label, unit, min, max, step, value, onChange }: { id: string; label: string; unit: string; min: number; max: number; step: number; value: number; onChange(v: number): void }) {
  const [text, setText] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const commit = () => {
    if (text === null) return
    setText(null)
    const read = parseNumberAnswer(text, { quantity: label.toLowerCase(), decimalSeparator: studentDecimalSeparator })
    if (!read.ok) return setNote(`${read.message} ${label} stays at ${value} ${unit}.`)
    const fitted = clamp(read.value, min, max, step)
    const shown = Number(fitted.toFixed(6))
    setNote(Math.abs(fitted - read.value) < 1e-9 ? null : `${label} goes from ${min} to ${max} ${unit} in steps of ${step}: set to ${shown} ${unit}.`)
    onChange(fitted)
  }
  return (
    <div className="control">
      <label htmlFor={id}>
        {label} ({unit})
      </label>
      <input id={`${id}-range`} type="range" min={min} max={max} step={step} value={value} aria-label={`${label} slider`} aria-valuetext={`${value} ${unit}`} onChange={(e) => onChange(Number(e.target.value))} />
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text ?? String(Number(value.toFixed(6)))}
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          setText(e.target.value)
          setNote(null)
        }}
        onBlur={commit}
        // Enter submits the form: the typed value is taken first, so the launch uses it.
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <p id={`${id}-note`} role="status" className="control-note" data-testid={`${id}-note`}>
        {note ?? ''}
      </p>
    </div>
  )
}

function Panel({ task, scaffoldLevel, help, submit }: Props) {
  useEffect(() => syncTask(task), [task])
  const work = useStore(projectileWork)
  const features = scaffoldFeatures(scaffoldLevel, task)
  const { mode: mode, noteMode } = useDomInputMode()
  const summary = () => projectileTracker.summary(mode.current)
  const set = (patch: Partial<typeof work>) => {
    projectileTracker.begin(mode.current)
    projectileWork.setState(patch)
  }
  const [value, setValue] = useState('')
  const [unit, setUnit] = useState<string>(task.kind === 'compute-quantity' ? task.acceptedUnits[0] ?? task.answer.unit : '')
  // Until the store has caught up with a new task, its design and choice are the old task's.
  const current = work.taskId === task.id
  const choice = current ? work.choice : null
  const design = current ? work.design : null
  const [answerMessage, setAnswerMessage] = useState<string | null>(null)
  const setChoice = (c: CompareChoice) => projectileWork.setState({ choice: c })
  const setDesign = (d: { A: ExperimentSettings; B: ExperimentSettings }) => projectileWork.setState({ design: d })
  useEffect(() => {
    setValue('')
    setAnswerMessage(null)
    if (task.kind === 'compute-quantity') setUnit(task.acceptedUnits[0] ?? task.answer.unit)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new task only: the student's answer must survive other updates
  }, [task.id])

  const describe = projectilePlugin.describe(task, { angleDeg: work.angleDeg, speed: work.speed, markerX: work.markerX })
  return (
    <form
      className="scene-controls"
      onSubmit={(e) => {
        e.preventDefault()
        if (task.kind === 'hit-target' || task.kind === 'predict-landing') {
          // A predicted landing flies once it is right (the Scene launches it): a wrong one is not shown the answer.
          if (task.kind === 'hit-target') launchAndAnswer(task.id, attemptOnLaunch(task)!, summary())
          else submit(attemptOnLaunch(task)!, summary())
        } else if (task.kind === 'compute-quantity') {
          const read = parseNumberAnswer(value, { ...answerRules(task), decimalSeparator: studentDecimalSeparator })
          setAnswerMessage(read.ok ? null : read.message)
          if (read.ok) submit({ kind: 'compute-quantity', value: read.value, unit }, summary())
        } else if (task.kind === 'compare-launches' && choice) {
          submit({ kind: 'compare-launches', choice }, summary())
        } else if (task.kind === 'design-experiment' && design) {
          submit({ kind: 'design-experiment', launchA: design.A, launchB: design.B, prediction: task.asksPrediction ? choice : null }, summary())
        }
      }}
      {...noteMode}
    >
      <p className="sr-only" id="projectile-description">
        {describe}
      </p>
      <label htmlFor="projectile-context">Story</label>
      <select id="projectile-context" value={work.context} onChange={(e) => projectileWork.setState({ context: e.target.value as ContextId })}>
        {CONTEXTS.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <p className="story" data-testid="story">
        {/* The lab's own wording is the prompt above the panel: its story adds the setting, not the task a second time. */}
        {work.context === 'lab' ? contextById('lab').story : tellInContext(task, work.context)}
      </p>
      {task.kind === 'hit-target'
        ? task.controls.map((c) => (
            <NumberControl key={c.variable} id={`projectile-${c.variable}`} label={c.label} unit={c.unit} min={c.min} max={c.max} step={c.step} value={c.variable === 'angleDeg' ? work.angleDeg : work.speed} onChange={(v) => set({ [c.variable]: clamp(v, c.min, c.max, c.step) })} />
          ))
        : null}
      {task.kind === 'predict-landing' ? (
        <NumberControl id="projectile-marker" label="Marker distance" unit="m" min={task.marker.min} max={task.marker.max} step={task.marker.step} value={work.markerX} onChange={(v) => set({ markerX: clamp(v, task.marker.min, task.marker.max, task.marker.step) })} />
      ) : null}
      {task.kind === 'compute-quantity' ? (
        <div className="control">
          <label htmlFor="projectile-answer">Your answer</label>
          <input id="projectile-answer" type="text" inputMode="decimal" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={answerMessage !== null} aria-describedby="projectile-answer-message" />
          <p id="projectile-answer-message" className="bad" role="alert" data-testid="answer-message">
            {answerMessage ?? ''}
          </p>
          <label htmlFor="projectile-unit">Unit</label>
          <select id="projectile-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
            {task.acceptedUnits.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {task.kind === 'compare-launches' || (task.kind === 'design-experiment' && task.asksPrediction) ? (
        <fieldset>
          <legend>{task.kind === 'compare-launches' ? `Launch A: ${task.labelA}. Launch B: ${task.labelB}.` : 'Which launch will win?'}</legend>
          {(['A', 'B', 'same'] as const).map((c) => (
            <label key={c} className="toggle">
              <input type="radio" name="projectile-choice" value={c} checked={choice === c} onChange={() => setChoice(c)} /> {c === 'same' ? 'The same' : `Launch ${c}`}
            </label>
          ))}
        </fieldset>
      ) : null}
      {task.kind === 'design-experiment' && design
        ? (['A', 'B'] as const).map((laneId) => (
            <fieldset key={laneId}>
              <legend>Launch {laneId}</legend>
              {task.controls.map((c) => (
                <NumberControl key={c.variable} id={`projectile-${laneId}-${c.variable}`} label={c.label} unit={c.unit} min={c.min} max={c.max} step={c.step} value={design[laneId][c.variable]} onChange={(v) => setDesign({ ...design, [laneId]: { ...design[laneId], [c.variable]: clamp(v, c.min, c.max, c.step) } })} />
              ))}
            </fieldset>
          ))
        : null}
      {features.workedStep && !help?.hintsOff ? (
        <p className="worked-step" data-testid="worked-step">
          <strong>Worked step: </strong>
          {workedStep(task)}
        </p>
      ) : null}
      {features.formulaCard && !help?.hintsOff ? (
        <aside className="formula-card" aria-label="Formula card">
          {formulaCard(task).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </aside>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" data-testid="check" disabled={help?.takesAnswers === false || (task.kind === 'compare-launches' && choice === null)}>
          {task.kind === 'hit-target' || task.kind === 'predict-landing' ? 'Launch' : 'Check answer'}
        </button>
      </div>
    </form>
  )
}

export { Scene, Panel }
// Checked against the contract: the lazy loader in ../index.ts returns this module.
const _contract: SceneViewModule<ProjectileTask, ProjectileAttempt> = { Scene, Panel }
void _contract
