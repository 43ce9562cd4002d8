import { useEffect, useMemo, useRef, useState } from 'react'
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import { useStore } from 'zustand'
import { Color, InstancedMesh, Matrix4, QuadraticBezierCurve3, TubeGeometry, Vector3 } from 'three'
import type { InputMode, SceneViewModule, SceneViewProps } from '../../../src/core'
import { exposeForTests } from '../../../src/app/testHandles'
import { Label } from '../../../src/view/Label'
import { paletteFor, type Palette } from '../../../src/view/palette'
import { inputModeOf } from '../../../src/view/useAxisDrag'
import { HintButton } from '../../../src/view/HintButton'
import { TaskPanel } from '../../../src/view/TaskPanel'
import { useDomInputMode } from '../../../src/view/useDomInputMode'
import { usePress } from '../../../src/view/usePress'
import { WorldButton } from '../../../src/view/WorldButton'
import { NumberPad } from '../../../src/view/NumberPad'
import { ChoiceButtons } from '../../../src/view/ChoiceButtons'
import { studentDecimalSeparator } from '../../../src/view/locale'
import { parseNumberAnswer, type NumberAnswerRules } from '../../../src/core'
import circuitsPlugin from '..'
import { normaliseUnit } from '../assess'
import { workedStep } from '../guidance'
import { solveCircuit, terminalCol, terminalName, terminalRow, type Board, type Part, type Solution } from '../model'
import { scaffoldFeatures } from '../scaffolds'
import { fmt } from '../tasks/board'
import type { CircuitAttempt, CircuitTask } from '../tasks/types'
import { circuitTracker, circuitWork, isMovable, pickTerminal, dropOnTerminal, placeBetween, remaining, removePart, selectPart, selectTool, shownParts, syncTask, toggleSwitch } from './state'

type Props = SceneViewProps<CircuitTask, CircuitAttempt>

exposeForTests({ stores: { circuits: circuitWork } })

/** Terminal pitch on the board, metres: wide enough to hit with a controller ray at arm's length. */
const PITCH = 0.07
/** Terminals are posts standing above the parts, so a ray or a finger always reaches them first. */
const POST_RADIUS = 0.009
const POST_HEIGHT = 0.03
const BOARD_Y = 0.012
/** The board leans toward the student like a drafting table, so its far rows stay readable. */
const BOARD_TILT = 0.35
const FLOW_DOTS_PER_PART = 3
/**
 * Labels on the board stand up toward the student's eyes (about 47 degrees above the table from
 * where they stand) instead of lying flat on the tilted board, where they were foreshortened.
 */
const LABEL_FACING = -(0.82 + BOARD_TILT)
const LABEL_LIFT = 0.008
/** How far a doubled-up wire bows sideways, metres per place in the bundle (a quadratic curve reaches half of it). */
const BEND = 0.05

const isLead = (p: Part) => p.kind === 'wire' || p.kind === 'ammeter' || p.kind === 'voltmeter'

/**
 * Which way each lead bows: 0 when it is alone on its two terminals, else 1, -1, 2, -2... in the
 * order placed, so no lead lies over another part or lead on the same terminals.
 */
function bendsOf(parts: readonly Part[]): Map<string, number> {
  const bends = new Map<string, number>()
  const groups = new Map<string, Part[]>()
  for (const p of parts) {
    const key = p.a < p.b ? `${p.a}-${p.b}` : `${p.b}-${p.a}`
    groups.set(key, [...(groups.get(key) ?? []), p])
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue
    // A lone body part (resistor, bulb...) keeps the straight line; every lead steps aside.
    let n = group.some((p) => !isLead(p)) ? 0 : -1
    for (const p of group) {
      if (!isLead(p)) continue
      n++
      if (n === 0) continue
      bends.set(p.id, n % 2 === 1 ? Math.ceil(n / 2) : -n / 2)
    }
  }
  return bends
}

function terminalPosition(board: Board, t: number, target: Vector3): Vector3 {
  return target.set((terminalCol(board, t) - (board.cols - 1) / 2) * PITCH, BOARD_Y, (terminalRow(board, t) - (board.rows - 1) / 2) * PITCH - 0.02)
}

/** Solves the circuit when it changes (never per frame); a circuit that cannot be built shows nothing. */
function useSolution(board: Board, parts: Part[]): Solution | null {
  return useMemo(() => {
    try {
      return solveCircuit({ board, parts })
    } catch {
      return null
    }
  }, [board, parts])
}

const valueLabel = (p: Part): string => {
  if (p.kind === 'battery') {
    const r = p.internalResistance ?? 0
    const emf = p.hideValue && r === 0 ? '?' : fmt(p.value!)
    return r > 0 ? `${emf} V, r ${p.hideValue ? '?' : fmt(r)} ohm` : `${emf} V`
  }
  if (p.kind === 'resistor' || p.kind === 'bulb') return `${p.hideValue ? '?' : fmt(p.value!)} ohm`
  return ''
}

function meterText(task: CircuitTask, p: Part, solution: Solution | null): string {
  if (task.kind === 'compute' || !solution) return p.kind === 'ammeter' ? '? A' : '? V'
  const r = solution.parts[p.id]
  if (!r) return ''
  return p.kind === 'ammeter' ? `${fmt(Math.abs(r.current), 3)} A` : `${fmt(Math.abs(r.voltage), 3)} V`
}

const _a = new Vector3()
const _b = new Vector3()

/** One part drawn between its two terminals; local X runs from end a to end b. */
function PartBody({ task, part, solution, palette, textScale, selected, showReadout, bend = 0 }: { task: CircuitTask; part: Part; solution: Solution | null; palette: Palette; textScale: number; selected: boolean; showReadout: boolean; bend?: number }) {
  const a = terminalPosition(task.board, part.a, new Vector3())
  const b = terminalPosition(task.board, part.b, new Vector3())
  const length = a.distanceTo(b)
  const mid = a.clone().add(b).multiplyScalar(0.5)
  const angle = Math.atan2(-(b.z - a.z), b.x - a.x)
  const result = solution?.parts[part.id]
  const wireGeometry = useMemo(() => {
    if (part.kind !== 'wire' && part.kind !== 'ammeter' && part.kind !== 'voltmeter') return null
    const from = terminalPosition(task.board, part.a, new Vector3())
    const to = terminalPosition(task.board, part.b, new Vector3())
    // Jumper wires arch over the board so they never seem to touch the terminals they pass.
    const span = from.distanceTo(to)
    const lift = 0.012 + 0.08 * span
    const top = from.clone().add(to).multiplyScalar(0.5).setY(BOARD_Y + lift)
    // A wire on the same two terminals as another part bows out to the side, so the part under it can still be pointed at.
    if (bend !== 0 && span > 0) top.add(new Vector3(-(to.z - from.z) / span, 0, (to.x - from.x) / span).multiplyScalar(BEND * bend))
    const curve = new QuadraticBezierCurve3(from.setY(BOARD_Y + 0.006), top, to.setY(BOARD_Y + 0.006))
    return new TubeGeometry(curve, 16, part.kind === 'wire' ? 0.0025 : 0.0018, 6, false)
  }, [task.board, part.a, part.b, part.kind, bend])
  useEffect(() => () => wireGeometry?.dispose(), [wireGeometry])
  const press = usePress((mode) => (part.kind === 'switch' ? toggleSwitch(part.id, mode) : selectPart(selected ? null : part.id)))
  const highlight = selected ? palette.guide : undefined
  const readout = showReadout && result && part.kind !== 'voltmeter' ? `${fmt(Math.abs(result.current), 2)} A` : null
  const lead = palette.marks
  const wireColour = highlight ?? (part.kind === 'wire' ? '#c2410c' : part.kind === 'ammeter' ? '#b91c1c' : '#1d4ed8')
  return (
    <group name={`part-${part.id}`}>
      {wireGeometry ? (
        <mesh geometry={wireGeometry} {...press} name={`${part.id}-lead`}>
          <meshStandardMaterial color={wireColour} />
        </mesh>
      ) : null}
      <group position={mid} rotation-y={angle}>
        {part.kind !== 'wire' && part.kind !== 'ammeter' && part.kind !== 'voltmeter' ? (
          <mesh position-y={0.004} rotation-z={Math.PI / 2}>
            <cylinderGeometry args={[0.0015, 0.0015, length, 6]} />
            <meshStandardMaterial color={lead} />
          </mesh>
        ) : null}
        {part.kind === 'battery' ? (
          <group {...press} name={part.id}>
            <mesh position-y={0.014} rotation-z={Math.PI / 2}>
              <cylinderGeometry args={[0.012, 0.012, length * 0.6, 16]} />
              <meshStandardMaterial color={highlight ?? '#374151'} />
            </mesh>
            <mesh position={[length * 0.32, 0.014, 0]} rotation-z={Math.PI / 2}>
              <cylinderGeometry args={[0.006, 0.006, 0.01, 12]} />
              <meshStandardMaterial color={palette.bad} />
            </mesh>
          </group>
        ) : null}
        {part.kind === 'resistor' ? (
          <mesh position-y={0.01} {...press} name={part.id}>
            <boxGeometry args={[length * 0.5, 0.012, 0.014]} />
            <meshStandardMaterial color={highlight ?? '#d6b98c'} />
          </mesh>
        ) : null}
        {part.kind === 'bulb' ? <Bulb part={part} glow={result?.brightness ?? 0} press={press} highlight={highlight} /> : null}
        {part.kind === 'switch' ? (
          <mesh position={[0, 0.012, 0]} rotation-z={part.closed ? 0 : 0.5} {...press} name={part.id}>
            <boxGeometry args={[length * 0.7, 0.006, 0.02]} />
            <meshStandardMaterial color={highlight ?? (part.closed ? palette.good : palette.bad)} />
          </mesh>
        ) : null}
      </group>
      {part.kind === 'ammeter' || part.kind === 'voltmeter' ? (
        <group position={[mid.x, BOARD_Y + 0.02 + 0.08 * length, mid.z]}>
          <mesh {...press} name={part.id}>
            <boxGeometry args={[0.05, 0.024, 0.03]} />
            <meshStandardMaterial color={highlight ?? palette.panel} />
          </mesh>
          <Label text={`${part.kind === 'ammeter' ? 'A' : 'V'} ${meterText(task, part, solution)}`} distance={0.7} textScale={textScale} color={palette.text} heading position={[0, 0.013 + LABEL_LIFT, 0]} rotation-x={LABEL_FACING} anchorY="bottom" maxWidth={0.12} name={`${part.id}-reading`} />
        </group>
      ) : null}
      {part.kind !== 'wire' && part.kind !== 'ammeter' && part.kind !== 'voltmeter' ? (
        <Label text={[valueLabel(part), readout].filter(Boolean).join('  ') || part.label} distance={0.7} textScale={textScale} color={palette.text} position={[mid.x, BOARD_Y + LABEL_LIFT, mid.z + 0.022]} rotation-x={LABEL_FACING} />
      ) : readout ? (
        <Label text={readout} distance={0.7} textScale={textScale} color={palette.text} position={[mid.x, BOARD_Y + 0.02 + 0.08 * length + LABEL_LIFT, mid.z + 0.01]} rotation-x={LABEL_FACING} />
      ) : null}
    </group>
  )
}

function Bulb({ part, glow, press, highlight }: { part: Part; glow: number; press: ReturnType<typeof usePress>; highlight?: string }) {
  return (
    <group name={part.id} {...press} userData={{ brightness: glow }}>
      <mesh position-y={0.022}>
        <sphereGeometry args={[0.015, 20, 14]} />
        <meshStandardMaterial color={highlight ?? (glow > 0.05 ? '#fff7c2' : '#e5e7eb')} emissive="#ffd54a" emissiveIntensity={glow * 1.6} transparent opacity={0.9} />
      </mesh>
      <mesh position-y={0.008}>
        <cylinderGeometry args={[0.007, 0.007, 0.012, 12]} />
        <meshStandardMaterial color="#6b7280" />
      </mesh>
    </group>
  )
}

const _colour = new Color()
const _low = new Color('#2563eb')
const _high = new Color('#dc2626')

function Terminal({ task, t, palette, voltage, maxVoltage, pending }: { task: CircuitTask; t: number; palette: Palette; voltage: number | null; maxVoltage: number; pending: boolean }) {
  const [hovered, setHovered] = useState(false)
  const position = terminalPosition(task.board, t, new Vector3()).setY(BOARD_Y + POST_HEIGHT / 2)
  const colour = pending || hovered ? palette.guide : voltage !== null ? '#' + _colour.copy(_low).lerp(_high, maxVoltage > 0 ? voltage / maxVoltage : 0).getHexString() : '#9ca3af'
  const mode = (e: ThreeEvent<PointerEvent>) => inputModeOf(e as unknown as { pointerType: string })
  const controls = useThree((state) => state.controls) as { enabled: boolean } | null
  // A drag from a terminal lays a wire, so the orbit camera holds still until the pointer is released anywhere.
  const holdCamera = () => {
    if (!controls) return
    controls.enabled = false
    window.addEventListener('pointerup', () => (controls.enabled = true), { once: true })
  }
  return (
    <mesh
      name={`terminal-${terminalName(task.board, t)}`}
      position={position}
      onPointerOver={() => setHovered(true)}
      onPointerOut={() => setHovered(false)}
      // The board behind clears the selection on click; a terminal's click is its own.
      onClick={(e) => e.stopPropagation()}
      onPointerDown={(e) => {
        e.stopPropagation()
        holdCamera()
        pickTerminal(t, mode(e))
      }}
      // A drag from one terminal that ends on another lays a wire (or the chosen part) between them.
      onPointerUp={(e) => {
        e.stopPropagation()
        dropOnTerminal(t, mode(e))
      }}
    >
      <cylinderGeometry args={[POST_RADIUS, POST_RADIUS, POST_HEIGHT, 16]} />
      <meshStandardMaterial color={colour} />
    </mesh>
  )
}

/** A red glow on the shorted battery and the reason, standing over the board toward the student. */
function ShortWarning({ task, battery, message, palette, textScale }: { task: CircuitTask; battery: Part | undefined; message: string; palette: Palette; textScale: number }) {
  const at = battery ? terminalPosition(task.board, battery.a, new Vector3()).add(terminalPosition(task.board, battery.b, new Vector3())).multiplyScalar(0.5) : new Vector3()
  return (
    <group name="short-warning">
      {battery ? (
        <mesh position={[at.x, BOARD_Y + 0.015, at.z]} raycast={ignoreRays} name="short-glow">
          <sphereGeometry args={[0.03, 16, 12]} />
          <meshBasicMaterial color={palette.bad} transparent opacity={0.45} depthWrite={false} />
        </mesh>
      ) : null}
      <Label text={message} heading distance={0.8} textScale={textScale} color={palette.bad} position={[0, BOARD_Y + 0.09, -((task.board.rows * PITCH) / 2) - 0.04]} rotation-x={LABEL_FACING + Math.PI / 2 - 0.35} maxWidth={0.5} anchorY="bottom" name="short-message" />
    </group>
  )
}

/** Decoration that must not stand between a controller ray and the terminal or button behind it. */
const ignoreRays = () => {}
const _matrix = new Matrix4()
const _dot = new Vector3()
const _hidden = new Matrix4().makeScale(0, 0, 0)

/** Dots drifting along every part that carries current; speed grows with the current. */
function CurrentFlow({ task, parts, solution }: { task: CircuitTask; parts: Part[]; solution: Solution | null }) {
  const mesh = useRef<InstancedMesh>(null)
  const capacity = 64 * FLOW_DOTS_PER_PART
  const phase = useRef(0)
  // Endpoints and signed speed per part, rebuilt when the circuit changes.
  const lanes = useMemo(() => {
    const out = new Float32Array(64 * 7)
    let n = 0
    for (const p of parts) {
      const r = solution?.parts[p.id]
      if (!r || !r.powered || Math.abs(r.current) < 1e-6 || n >= 64) continue
      terminalPosition(task.board, p.a, _a)
      terminalPosition(task.board, p.b, _b)
      out.set([_a.x, _a.z, _b.x, _b.z, Math.sign(r.current) * Math.min(3, 0.4 + Math.abs(r.current)), p.kind === 'wire' || p.kind === 'ammeter' || p.kind === 'voltmeter' ? 0.08 * _a.distanceTo(_b) : 0, 1], n * 7)
      n++
    }
    return { data: out, count: n }
  }, [parts, solution, task.board])
  useFrame((_, delta) => {
    const m = mesh.current
    if (!m) return
    phase.current = (phase.current + delta * 0.5) % 1
    for (let i = 0; i < capacity; i++) {
      const lane = Math.floor(i / FLOW_DOTS_PER_PART)
      if (lane >= lanes.count) {
        m.setMatrixAt(i, _hidden)
        continue
      }
      const d = lanes.data
      const o = lane * 7
      const speed = d[o + 4]!
      let f = ((i % FLOW_DOTS_PER_PART) / FLOW_DOTS_PER_PART + phase.current * Math.abs(speed)) % 1
      if (speed < 0) f = 1 - f
      const arch = d[o + 5]! * 4 * f * (1 - f)
      _dot.set(d[o]! + (d[o + 2]! - d[o]!) * f, BOARD_Y + 0.008 + arch, d[o + 1]! + (d[o + 3]! - d[o + 1]!) * f)
      m.setMatrixAt(i, _matrix.makeTranslation(_dot.x, _dot.y, _dot.z))
    }
    m.instanceMatrix.needsUpdate = true
  })
  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, capacity]} name="current-flow" frustumCulled={false} raycast={ignoreRays}>
      <sphereGeometry args={[0.004, 8, 6]} />
      <meshBasicMaterial color="#fde047" />
    </instancedMesh>
  )
}

/** A current, voltage or resistance is a size: the page and the keypad refuse a negative one alike. */
const answerRules = (task: { quantity: string }): NumberAnswerRules => ({ quantity: task.quantity, nonNegative: true })
const UNITS = ['A', 'V', 'ohm'] as const

/** The number answer in the headset: a keypad with the unit, read as the page's answer field reads it. */
function AnswerPad({ task, palette, textScale, onSubmit }: { task: CircuitTask & { kind: 'compute' | 'measure' }; palette: Palette; textScale: number; onSubmit(value: number, unit: string, mode: InputMode): void }) {
  const [unit, setUnit] = useState(task.unit)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new task only: the unit the student chose must survive other updates
  useEffect(() => setUnit(task.unit), [task.id])
  return (
    <NumberPad
      name="answer-pad"
      position={[0.28, 0, 0.16]}
      palette={palette}
      textScale={textScale}
      units={task.kind === 'compute' ? UNITS : [task.unit]}
      unit={unit}
      onUnit={setUnit}
      rules={answerRules(task)}
      resetKey={task.id}
      onSubmit={(value, mode) => onSubmit(value, unit, mode)}
    />
  )
}

function attemptFor(task: CircuitTask, parts: Part[], value: number | null, unit: string, choice: string | null): CircuitAttempt | null {
  switch (task.kind) {
    case 'build':
      return { kind: 'build', parts }
    case 'measure':
      return value === null ? null : { kind: 'measure', parts, value }
    case 'compute':
      return value === null ? null : { kind: 'compute', value, unit }
    case 'choose':
      return choice ? { kind: 'choose', choice } : null
  }
}

function Scene({ task, scaffoldLevel, settings, lastAssessment, help, submit, requestHint, revealSolution }: Props) {
  useEffect(() => syncTask(task), [task])
  const palette = paletteFor(settings.highContrast)
  const work = useStore(circuitWork)
  const parts = shownParts(task, work)
  const solution = useSolution(task.board, parts)
  const answered = task.kind === 'choose' && work.answered
  const features = scaffoldFeatures(scaffoldLevel, answered ? { kind: 'build' } : task)
  const inXR = useXR((s) => s.session != null)
  const terminals = useMemo(() => Array.from({ length: task.board.cols * task.board.rows }, (_, t) => t), [task.board])
  const maxVoltage = solution ? Math.max(0, ...solution.terminalVoltage) : 0
  const check = (mode: InputMode) => {
    const attempt = attemptFor(task, circuitWork.getState().parts, circuitWork.getState().answer, task.kind === 'compute' ? task.unit : '', null)
    if (attempt) submit(attempt, circuitTracker.summary(mode))
    else circuitWork.setState({ message: 'Type a number first.' })
  }
  const submitNumber = (value: number, unit: string, mode: InputMode) => {
    circuitWork.setState({ answer: value })
    const attempt = attemptFor(task, circuitWork.getState().parts, value, unit, null)
    if (attempt) submit(attempt, circuitTracker.summary(mode))
  }
  const keypad = inXR && (task.kind === 'compute' || task.kind === 'measure')
  const clearSelection = usePress(() => selectPart(null))
  const bends = useMemo(() => bendsOf(parts), [parts])
  // A short circuit shows on the board the moment it is made, not only in the screen-reader text.
  const shorted = solution?.problems.find((p) => p.kind === 'short-circuit' || p.kind === 'battery-loop')
  const width = task.board.cols * PITCH
  const depth = task.board.rows * PITCH
  return (
    <group name="circuits-scene">
      <mesh position={[0, -0.02, 0]} name="table">
        <boxGeometry args={[1.0, 0.04, 0.56]} />
        <meshStandardMaterial color={palette.table} />
      </mesh>
      <group rotation-x={BOARD_TILT} position={[0, 0.06, 0]} name="workbench">
      <mesh position={[0, 0.004, -0.02]} name="board" {...clearSelection}>
        <boxGeometry args={[width + 0.02, 0.008, depth + 0.02]} />
        <meshStandardMaterial color={settings.highContrast ? '#111827' : '#e8efe6'} />
      </mesh>
      {terminals.map((t) => (
        <Terminal key={t} task={task} t={t} palette={palette} pending={work.pending === t} voltage={features.voltageColour && solution?.terminalPowered[t] ? solution.terminalVoltage[t]! : null} maxVoltage={maxVoltage} />
      ))}
      {Array.from({ length: task.board.cols }, (_, c) => (
        <Label key={`c${c}`} text={String.fromCharCode(65 + c)} distance={0.7} textScale={settings.textScale} color={palette.text} position={[(c - (task.board.cols - 1) / 2) * PITCH, BOARD_Y + LABEL_LIFT, -depth / 2 - 0.035]} rotation-x={LABEL_FACING} />
      ))}
      {Array.from({ length: task.board.rows }, (_, r) => (
        <Label key={`r${r}`} text={String(r + 1)} distance={0.7} textScale={settings.textScale} color={palette.text} position={[-width / 2 - 0.02, BOARD_Y + LABEL_LIFT, (r - (task.board.rows - 1) / 2) * PITCH - 0.02]} rotation-x={LABEL_FACING} />
      ))}
      {parts.map((p) => (
        <PartBody key={p.id} task={task} part={p} solution={solution} palette={palette} textScale={settings.textScale} selected={work.selected === p.id} showReadout={features.liveReadouts} bend={bends.get(p.id) ?? 0} />
      ))}
      {features.currentFlow && !settings.reducedMotion ? <CurrentFlow task={task} parts={parts} solution={solution} /> : null}
      {shorted ? <ShortWarning task={task} battery={parts.find((p) => p.id === shorted.parts[0])} message={shorted.message} palette={palette} textScale={settings.textScale} /> : null}
      </group>
      {task.kind === 'build' || task.kind === 'measure' ? (
        <group position={[-0.4, 0, -0.2]} name="tray">
          <WorldButton name="tool-wire" label={work.tool === null ? '> Wire' : 'Wire'} width={0.15} position={[0, 0, 0]} palette={palette} textScale={settings.textScale} onPress={() => selectTool(null)} />
          {task.tray.map((item, i) =>
            item.kind === 'wire' ? null : (
              <WorldButton key={i} name={`tool-${i}`} label={`${work.tool === i ? '> ' : ''}${item.name}${item.count !== null ? ` (${remaining(task, work.parts, i)})` : ''}`} width={0.15} position={[0, 0, 0.075 * i]} palette={palette} textScale={settings.textScale} disabled={remaining(task, work.parts, i) === 0} onPress={() => selectTool(i)} />
            ),
          )}
        </group>
      ) : null}
      <group position={[0.4, 0, -0.2]} name="actions">
        {task.kind === 'build' || task.kind === 'measure' ? (
          <WorldButton name="remove-button" label="Remove" width={0.15} position={[0, 0, 0]} palette={palette} textScale={settings.textScale} disabled={!work.selected || !isMovable(work.selected)} onPress={(mode) => work.selected && removePart(work.selected, mode)} />
        ) : null}
        <HintButton help={help} width={0.15} position={[0, 0, 0.075]} palette={palette} textScale={settings.textScale} onPress={() => requestHint()} />
        {task.kind !== 'choose' && !keypad ? <WorldButton name="check-button" label="Check" width={0.15} position={[0, 0, 0.15]} palette={palette} textScale={settings.textScale} disabled={help?.takesAnswers === false} onPress={check} /> : null}
      </group>
      {task.kind === 'choose' && !answered ? (
        <ChoiceButtons
          name="choice"
          choices={task.options.map((o) => ({ id: o.id, label: o.short }))}
          position={[0, 0, 0.23]}
          palette={palette}
          textScale={settings.textScale}
          onChoose={(choice, mode) => {
            circuitWork.setState({ answered: true })
            submit({ kind: 'choose', choice }, circuitTracker.summary(mode))
          }}
        />
      ) : null}
      {keypad ? <AnswerPad task={task} palette={palette} textScale={settings.textScale} onSubmit={submitNumber} /> : null}
      {inXR ? <TaskPanel prompt={task.prompt} message={work.message} lastAssessment={lastAssessment} solution={help?.solution} onRevealSolution={help?.canReveal ? revealSolution : undefined} palette={palette} textScale={settings.textScale} position={[0, 0.32, -0.3]} /> : null}
    </group>
  )
}

// ---------------------------------------------------------------------------------------------
// The accessible panel: every action by keyboard, touch and mouse, and screen-reader text.

function TerminalSelect({ id, label, board, parts, value, onChange }: { id: string; label: string; board: Board; parts: Part[]; value: number; onChange(t: number): void }) {
  const options = Array.from({ length: board.cols * board.rows }, (_, t) => {
    const attached = parts.filter((p) => p.a === t || p.b === t).map((p) => (p.kind === 'battery' ? `${p.label} ${p.b === t ? '+' : '−'}` : p.label))
    return { t, text: `${terminalName(board, t)}${attached.length ? `: ${attached.join(', ')}` : ''}` }
  })
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((o) => (
          <option key={o.t} value={o.t}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  )
}

function Panel({ task, scaffoldLevel, help, submit }: Props) {
  useEffect(() => syncTask(task), [task])
  const work = useStore(circuitWork)
  const parts = shownParts(task, work)
  const features = scaffoldFeatures(scaffoldLevel, task)
  const { mode: mode, noteMode } = useDomInputMode()
  const [from, setFrom] = useState(0)
  const [to, setTo] = useState(1)
  const [text, setText] = useState('')
  const [unit, setUnit] = useState(task.kind === 'compute' ? task.unit : '')
  const [choice, setChoice] = useState<string | null>(null)
  const [answerMessage, setAnswerMessage] = useState<string | null>(null)
  // A new task empties the answer fields; nothing else may (the student is typing).
  useEffect(() => {
    // A new task, a new board: the terminal lists start again from the first two terminals.
    setFrom(0)
    setTo(1)
    setText('')
    setAnswerMessage(null)
    setChoice(null)
    setUnit(task.kind === 'compute' ? task.unit : '')
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new task only
  }, [task.id])
  const describe = circuitsPlugin.describe(task, { parts, showCurrents: features.liveReadouts || (task.kind === 'choose' && work.answered) })
  const building = task.kind === 'build' || task.kind === 'measure'
  const movable = parts.filter((p) => isMovable(p.id))
  // In a prediction the switch is the experiment: it flips by itself once the prediction is in.
  const switches = task.kind === 'choose' ? [] : parts.filter((p) => p.kind === 'switch')
  return (
    <form
      className="scene-controls"
      onSubmit={(e) => {
        e.preventDefault()
        let answer: number | null = null
        if (task.kind === 'compute' || task.kind === 'measure') {
          const read = parseNumberAnswer(text, { ...answerRules(task), decimalSeparator: studentDecimalSeparator })
          setAnswerMessage(read.ok ? null : read.message)
          if (!read.ok) return
          answer = read.value
          circuitWork.setState({ answer })
        }
        const attempt = attemptFor(task, work.parts, answer, unit, choice)
        if (!attempt) return
        if (task.kind === 'choose') circuitWork.setState({ answered: true })
        submit(attempt, circuitTracker.summary(mode.current))
      }}
      {...noteMode}
    >
      <p className="sr-only" id="circuits-description" aria-live="polite">
        {describe}
      </p>
      {building ? (
        <fieldset>
          <legend>Add a part</legend>
          <div className="control">
            <label htmlFor="circuits-tool">Part</label>
            <select id="circuits-tool" value={work.tool ?? -1} onChange={(e) => selectTool(Number(e.target.value) < 0 ? null : Number(e.target.value))}>
              <option value={-1}>Wire</option>
              {task.tray.map((item, i) =>
                item.kind === 'wire' ? null : (
                  <option key={i} value={i} disabled={remaining(task, work.parts, i) === 0}>
                    {item.name}
                    {item.count !== null ? ` (${remaining(task, work.parts, i)} left)` : ''}
                  </option>
                ),
              )}
            </select>
          </div>
          <TerminalSelect id="circuits-from" label="From terminal" board={task.board} parts={work.parts} value={from} onChange={setFrom} />
          <TerminalSelect id="circuits-to" label="To terminal" board={task.board} parts={work.parts} value={to} onChange={setTo} />
          <button type="button" data-testid="place" onClick={() => placeBetween(from, to, mode.current)}>
            Connect
          </button>
        </fieldset>
      ) : null}
      <p role="status" className="circuit-message" data-testid="circuit-message">
        {work.message ?? ''}
      </p>
      {movable.length > 0 || switches.length > 0 ? (
        <ul className="circuit-parts" aria-label="Parts you can change">
          {switches.map((p) => (
            <li key={p.id}>
              <button type="button" aria-pressed={Boolean(p.closed)} onClick={() => toggleSwitch(p.id, mode.current)} data-testid={`toggle-${p.id}`}>
                {p.closed ? `Open ${p.label}` : `Close ${p.label}`}
              </button>
            </li>
          ))}
          {building
            ? movable.map((p) => (
                <li key={p.id}>
                  <button type="button" onClick={() => removePart(p.id, mode.current)} data-testid={`remove-${p.id}`}>
                    Remove {p.label} ({terminalName(task.board, p.a)} to {terminalName(task.board, p.b)})
                  </button>
                </li>
              ))
            : null}
        </ul>
      ) : null}
      {task.kind === 'choose' ? (
        <fieldset>
          <legend>Your prediction</legend>
          {task.options.map((o) => (
            <label key={o.id} className="toggle">
              <input type="radio" name="circuits-choice" value={o.id} checked={choice === o.id} disabled={work.answered} onChange={() => setChoice(o.id)} /> {o.text}
            </label>
          ))}
        </fieldset>
      ) : null}
      {task.kind === 'compute' || task.kind === 'measure' ? (
        <div className="control">
          <label htmlFor="circuits-answer">Your answer ({task.unit === 'ohm' ? 'ohms' : task.unit})</label>
          <input
            id="circuits-answer"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            aria-invalid={answerMessage !== null}
            aria-describedby="circuits-answer-message"
            onChange={(e) => {
              setText(e.target.value)
              const read = parseNumberAnswer(e.target.value, { ...answerRules(task), decimalSeparator: studentDecimalSeparator })
              circuitWork.setState({ answer: read.ok ? read.value : null })
            }}
          />
          <p id="circuits-answer-message" className="bad" role="alert" data-testid="answer-message">
            {answerMessage ?? ''}
          </p>
          {task.kind === 'compute' ? (
            <>
              <label htmlFor="circuits-unit">Unit</label>
              <select id="circuits-unit" value={normaliseUnit(unit)} onChange={(e) => setUnit(e.target.value)}>
                {['A', 'V', 'ohm'].map((u) => (
                  <option key={u} value={u}>
                    {u === 'ohm' ? 'ohm (Ω)' : u}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
      ) : null}
      {features.workedStep && !help?.hintsOff ? (
        <p className="worked-step" data-testid="worked-step">
          <strong>Worked step: </strong>
          {workedStep(task)}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" data-testid="check" disabled={help?.takesAnswers === false || (task.kind === 'choose' && (choice === null || work.answered))}>
          {task.kind === 'choose' ? 'Predict' : 'Check'}
        </button>
      </div>
    </form>
  )
}

export { Scene, Panel }
// Checked against the contract: the lazy loader in ../index.ts returns this module.
const _contract: SceneViewModule<CircuitTask, CircuitAttempt> = { Scene, Panel }
void _contract
