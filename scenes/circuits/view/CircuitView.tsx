import { Fragment, useEffect, useMemo, useRef, useState } from 'react'
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import { useStore } from 'zustand'
import { BoxGeometry, BufferGeometry, Color, CylinderGeometry, InstancedMesh, Mesh, QuadraticBezierCurve3, SphereGeometry, TubeGeometry, Vector3, type Group } from 'three'
import type { InputMode, SceneViewModule, SceneViewProps } from '../../../src/core'
import { exposeForTests } from '../../../src/view/testHandles'
import { Label } from '../../../src/view/Label'
import { legibleTextHeight } from '../../../src/view/legibility'
import { paletteFor, type Palette } from '../../../src/view/palette'
import { inputModeOf } from '../../../src/view/useAxisDrag'
import { HintButton } from '../../../src/view/HintButton'
import { TaskPanel } from '../../../src/view/TaskPanel'
import { useDomInputMode } from '../../../src/view/useDomInputMode'
import { usePress } from '../../../src/view/usePress'
import { useCameraFocus } from '../../../src/view/cameraFocus'
import { WorldButton } from '../../../src/view/WorldButton'
import { sharedStandardMaterial } from '../../../src/view/sharedMaterials'
import { BatchedPart } from '../../../src/view/meshBatch'
import { NumberPad } from '../../../src/view/NumberPad'
import { ChoiceButtons } from '../../../src/view/ChoiceButtons'
import { studentDecimalSeparator } from '../../../src/view/locale'
import { parseNumberAnswer, type NumberAnswerRules } from '../../../src/core'
import circuitsPlugin from '..'
import { normaliseUnit } from '../assess'
import { workedStep } from '../guidance'
import { solveCircuit, terminalCol, terminalName, terminalRow, type Board, type Part, type Solution } from '../model'
import { scaffoldFeatures } from '../scaffolds'
import { labelRect, largestClearLayout, layOutLabels, type LabelRequest, type PlacedLabel, type Rect } from '../../../src/view/labelLayout'
import { fmt } from '../tasks/board'
import type { CircuitAttempt, CircuitTask, TrayItem } from '../tasks/types'
import { batteryGeometry, bulbBaseGeometry, filamentGeometry, meterGeometry, METER_FACE, postGeometry, resistorGeometry, sparkGeometry, switchBaseGeometry, switchLeverGeometry } from './partGeometry'
import { FLOW_DOTS_PER_LANE, FLOW_LANES, LANE, stepFlow } from './flow'
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
const _c = new Vector3()

/**
 * A lead's path (wire or meter lead): a quadratic curve from end a to end b that arches over the
 * board, bowed aside when it shares its terminals with other parts. Fills from, control and to.
 */
function leadCurve(board: Board, part: Part, bend: number, from: Vector3, control: Vector3, to: Vector3): void {
  terminalPosition(board, part.a, from)
  terminalPosition(board, part.b, to)
  // Jumper wires arch over the board so they never seem to touch the terminals they pass.
  const span = from.distanceTo(to)
  const lift = 0.012 + 0.08 * span
  control.copy(from).add(to).multiplyScalar(0.5).setY(BOARD_Y + lift)
  // A wire on the same two terminals as another part bows out to the side, so the part under it can still be pointed at.
  if (bend !== 0 && span > 0) {
    control.x += (-(to.z - from.z) / span) * BEND * bend
    control.z += ((to.x - from.x) / span) * BEND * bend
  }
  from.y = BOARD_Y + 0.006
  to.y = BOARD_Y + 0.006
}

/** The text of a part's label, or of a wire's readout; null when it shows none. */
function labelLines(part: Part, readout: string | null): string[] | null {
  if (!isLead(part)) return [valueLabel(part) || part.label, ...(readout ? [readout] : [])]
  return readout && part.kind === 'wire' ? [readout] : null
}

const readoutOf = (part: Part, solution: Solution | null, show: boolean): string | null => {
  const result = solution?.parts[part.id]
  return show && result && part.kind !== 'voltmeter' ? `${fmt(Math.abs(result.current), 2)} A` : null
}

/** How far beyond the first row the column letters stand, clear of a label above a part in that row. */
const LETTERS_OUT = 0.045
/** The gap between a part's middle and its label: clear of the part's body. */
const LABEL_CLEAR = 0.013

/** Where each part's label stands on the board, and the text scale the board's text is drawn at. */
interface BoardLabels {
  spots: Map<string, { x: number; z: number }>
  textScale: number
}

/** Text scales a crowded board steps down through, from the student's own setting, to normal text. */
const BOARD_TEXT_STEPS = [1.75, 1.5, 1.25]

/** The board's labels are read from about this far (metres), as the legibility rules count it. */
const BOARD_LABEL_DISTANCE = 0.7

/**
 * The board's labels at the largest text scale, up to the student's setting, at which none runs
 * into another or into the board's letters (which take the same scale); at worst normal text's size.
 */
function layOutBoardLabels(board: Board, parts: readonly Part[], solution: Solution | null, showReadouts: boolean, bends: Map<string, number>, textScale: number): BoardLabels {
  const scales = [textScale, ...BOARD_TEXT_STEPS.filter((s) => s < textScale), ...(textScale > 1 ? [1] : [])]
  const { scale, placed } = largestClearLayout(scales, (s) => layOutBoardLabelsAt(board, parts, solution, showReadouts, bends, s))
  return { spots: new Map(placed.map((p) => [p.id, { x: p.x, z: p.z }])), textScale: scale }
}

/**
 * Every label on the board laid out together, at one text scale, so none runs into another or into
 * the board's letters and numbers: a part's label beside it (toward the student for a part along a
 * row, to the right for one along a column, else the other side), a wire's readout at the top of its arch.
 */
function layOutBoardLabelsAt(board: Board, parts: readonly Part[], solution: Solution | null, showReadouts: boolean, bends: Map<string, number>, textScale: number): PlacedLabel[] {
  const fontSize = legibleTextHeight(BOARD_LABEL_DISTANCE, textScale)
  const obstacles: Rect[] = []
  for (let c = 0; c < board.cols; c++) obstacles.push(labelRect(['M'], fontSize, (c - (board.cols - 1) / 2) * PITCH, -(board.rows * PITCH) / 2 - LETTERS_OUT))
  for (let r = 0; r < board.rows; r++) obstacles.push(labelRect(['M'], fontSize, (board.cols * PITCH) / 2 + 0.02, (r - (board.rows - 1) / 2) * PITCH - 0.02))
  const requests: LabelRequest[] = []
  const wires: LabelRequest[] = []
  for (const p of parts) {
    terminalPosition(board, p.a, _a)
    terminalPosition(board, p.b, _b)
    if (p.kind === 'ammeter' || p.kind === 'voltmeter') {
      leadCurve(board, p, bends.get(p.id) ?? 0, _a, _c, _b)
      obstacles.push({ x: 0.25 * (_a.x + _b.x) + 0.5 * _c.x, z: 0.25 * (_a.z + _b.z) + 0.5 * _c.z, width: METER_FACE.width, depth: METER_FACE.height })
      continue
    }
    const lines = labelLines(p, readoutOf(p, solution, showReadouts))
    if (!lines) continue
    const size = labelRect(lines, fontSize, 0, 0)
    // A wire's readout lies beside its arch, as a part's label lies beside the part: by its middle
    // if that is clear, else further out, else (for a wire) by another point along it.
    const lead = isLead(p)
    if (lead) leadCurve(board, p, bends.get(p.id) ?? 0, _a, _c, _b)
    else _c.copy(_a).add(_b).multiplyScalar(0.5)
    const alongRow = Math.abs(_b.x - _a.x) >= Math.abs(_b.z - _a.z)
    const spots: { x: number; z: number }[] = []
    for (const f of lead ? [0.5, 0.3, 0.7] : [0.5]) {
      const u = 1 - f
      const x = u * u * _a.x + 2 * u * f * _c.x + f * f * _b.x
      const z = u * u * _a.z + 2 * u * f * _c.z + f * f * _b.z
      for (const out of [LABEL_CLEAR, LABEL_CLEAR + (alongRow ? size.depth : size.width) * 0.6]) {
        if (alongRow) spots.push({ x, z: z + out + size.depth / 2 }, { x, z: z - out - size.depth / 2 })
        else spots.push({ x: x + out + size.width / 2, z }, { x: x - out - size.width / 2, z })
      }
    }
    const queue = lead ? wires : requests
    queue.push({ id: p.id, lines, spots })
  }
  return layOutLabels([...requests, ...wires], fontSize, obstacles)
}

const HIGHLIGHT_GLOW = 0.55
/**
 * The board, its posts, leads and part bodies all cast and take the key light's shadows: they are
 * drawn in one batched call (and one in the shadow pass), which a part with other shadow settings
 * would split.
 */
const SHADED = { castShadow: true, receiveShadow: true } as const

/** A part's merged body, built when its kind, length or value changes and disposed after. */
function usePartGeometry(build: () => BufferGeometry, deps: unknown[]): BufferGeometry {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the geometry is built from
  const geometry = useMemo(build, deps)
  useEffect(() => () => geometry.dispose(), [geometry])
  return geometry
}

/** One part drawn between its two terminals; local X runs from end a to end b. */
function PartBody({ task, part, solution, palette, textScale, selected, showReadout, bend = 0, labelAt, labelScale }: { task: CircuitTask; part: Part; solution: Solution | null; palette: Palette; textScale: number; selected: boolean; showReadout: boolean; bend?: number; labelAt?: { x: number; z: number }; labelScale: number }) {
  const a = terminalPosition(task.board, part.a, new Vector3())
  const b = terminalPosition(task.board, part.b, new Vector3())
  const length = a.distanceTo(b)
  const mid = a.clone().add(b).multiplyScalar(0.5)
  const angle = Math.atan2(-(b.z - a.z), b.x - a.x)
  const result = solution?.parts[part.id]
  const lead = isLead(part)
  const wireGeometry = useMemo(() => {
    if (!lead) return null
    const from = new Vector3()
    const control = new Vector3()
    const to = new Vector3()
    leadCurve(task.board, part, bend, from, control, to)
    return new TubeGeometry(new QuadraticBezierCurve3(from, control, to), 20, part.kind === 'wire' ? 0.0025 : 0.0018, 8, false)
  }, [task.board, part, bend, lead])
  useEffect(() => () => wireGeometry?.dispose(), [wireGeometry])
  const press = usePress((mode) => (part.kind === 'switch' ? toggleSwitch(part.id, mode) : selectPart(selected ? null : part.id)))
  const glow = selected ? palette.guide : '#000000'
  const lines = labelLines(part, readoutOf(part, solution, showReadout))
  const wireColour = selected ? palette.guide : part.kind === 'wire' ? '#c2410c' : part.kind === 'ammeter' ? '#b91c1c' : '#1d4ed8'
  const meterTop = BOARD_Y + 0.02 + 0.08 * length
  return (
    <group name={`part-${part.id}`}>
      {wireGeometry ? (
        <BatchedPart geometry={wireGeometry} material={sharedStandardMaterial({ color: wireColour, roughness: 0.45, metalness: 0.05 })} {...SHADED} {...press} name={`${part.id}-lead`} />
      ) : null}
      <group position={mid} rotation-y={angle}>
        {part.kind === 'battery' ? <BodyMesh name={part.id} press={press} glow={glow} build={() => batteryGeometry(length)} deps={[length]} /> : null}
        {part.kind === 'resistor' ? <BodyMesh name={part.id} press={press} glow={glow} build={() => resistorGeometry(length, part.value)} deps={[length, part.value]} /> : null}
        {part.kind === 'bulb' ? <Bulb part={part} length={length} brightness={result?.brightness ?? 0} press={press} glow={glow} /> : null}
        {part.kind === 'switch' ? <Switch part={part} length={length} press={press} glow={glow} /> : null}
      </group>
      {part.kind === 'ammeter' || part.kind === 'voltmeter' ? (
        <group position={[mid.x, meterTop, mid.z]} rotation-x={LABEL_FACING + Math.PI / 2}>
          <BodyMesh name={part.id} press={press} glow={glow} build={() => meterGeometry(part.kind as 'ammeter' | 'voltmeter')} deps={[part.kind]} position={[0, METER_FACE.height / 2, 0]} />
          <Label text={meterText(task, part, solution)} distance={0.7} textScale={textScale} color="#14210f" heading position={[0, METER_FACE.height * 0.58, METER_FACE.depth / 2 + 0.0015]} fit={{ width: METER_FACE.width * 0.95, height: METER_FACE.height * 0.8 }} name={`${part.id}-reading`} />
        </group>
      ) : null}
      {lines && labelAt ? (
        <Label text={lines.join('\n')} name={`${part.id}-label`} distance={BOARD_LABEL_DISTANCE} textScale={labelScale} color={palette.text} position={[labelAt.x, BOARD_Y + LABEL_LIFT, labelAt.z]} lineHeight={1.1} textAlign="center" rotation-x={LABEL_FACING} />
      ) : null}
    </group>
  )
}

type Press = ReturnType<typeof usePress>

function BodyMesh({ name, press, glow, build, deps, position }: { name: string; press: Press; glow: string; build: () => BufferGeometry; deps: unknown[]; position?: [number, number, number] }) {
  const geometry = usePartGeometry(build, deps)
  return (
    <BatchedPart geometry={geometry} material={sharedStandardMaterial({ vertexColors: true, roughness: 0.5, metalness: 0.15, emissive: glow, emissiveIntensity: HIGHLIGHT_GLOW })} name={name} position={position} {...SHADED} {...press} />
  )
}

/** Shared by every bulb: only the looks differ (their glow). */
const FILAMENT = filamentGeometry()
const GLASS = new SphereGeometry(0.0135, 24, 16)
/** Glow in steps of a sixty-fourth of full power: a bounded number of looks, finer than an eye can tell apart. */
const GLOW_STEPS = 64

/** A bulb: holder, glass and a filament whose glow follows the power the model computes (dark when open or shorted out). */
function Bulb({ part, length, brightness, press, glow }: { part: Part; length: number; brightness: number; press: Press; glow: string }) {
  const base = usePartGeometry(() => bulbBaseGeometry(length), [length])
  const lit = Math.round(Math.max(0, Math.min(1, brightness)) * GLOW_STEPS) / GLOW_STEPS
  return (
    <group name={part.id} {...press} userData={{ brightness }}>
      <BatchedPart geometry={base} material={sharedStandardMaterial({ vertexColors: true, roughness: 0.4, metalness: 0.4, emissive: glow, emissiveIntensity: HIGHLIGHT_GLOW })} {...SHADED} />
      <BatchedPart geometry={FILAMENT} name={`${part.id}-filament`} material={sharedStandardMaterial({ vertexColors: true, color: lit > 0 ? '#ffe7a3' : '#777777', emissive: '#ffb020', emissiveIntensity: lit * 4 })} {...SHADED} />
      <BatchedPart
        geometry={GLASS}
        position-y={0.027}
        name={`${part.id}-glass`}
        material={sharedStandardMaterial({ color: lit > 0.05 ? '#fff6d6' : '#eef2f5', emissive: '#ffcf5a', emissiveIntensity: lit * 0.9, roughness: 0.1, opacity: 0.35 + 0.4 * lit })}
      />
    </group>
  )
}

/** A knife switch whose blade lies in its jaw when closed and stands open at an angle when open. */
function Switch({ part, length, press, glow }: { part: Part; length: number; press: Press; glow: string }) {
  const base = usePartGeometry(() => switchBaseGeometry(length), [length])
  const lever = usePartGeometry(() => switchLeverGeometry(length), [length])
  return (
    <group name={part.id} {...press} userData={{ closed: Boolean(part.closed) }}>
      <BatchedPart geometry={base} material={sharedStandardMaterial({ vertexColors: true, roughness: 0.6, emissive: glow, emissiveIntensity: HIGHLIGHT_GLOW })} {...SHADED} />
      <BatchedPart geometry={lever} material={sharedStandardMaterial({ vertexColors: true, roughness: 0.35, metalness: 0.5, emissive: glow, emissiveIntensity: HIGHLIGHT_GLOW })} name={`${part.id}-lever`} position={[-length * 0.35, 0.016, 0]} rotation-z={part.closed ? 0 : 0.75} {...SHADED} />
    </group>
  )
}

const LOW_VOLTAGE = new Color('#2563eb')
const HIGH_VOLTAGE = new Color('#dc2626')
const IDLE_POST = '#c8a24a'
/** Voltage colours in steps of a sixteenth of the battery: a handful of looks, not one per value. */
const VOLTAGE_STEPS = 16
const _colour = new Color()

/** A post's colour: the guide colour while pointed at or chosen, else its voltage from blue (0) to red (the battery), else brass. */
function postColour(voltage: number | null, maxVoltage: number, picked: boolean, guide: string): string {
  if (picked) return guide
  if (voltage === null) return IDLE_POST
  const share = maxVoltage > 0 ? Math.round((voltage / maxVoltage) * VOLTAGE_STEPS) / VOLTAGE_STEPS : 0
  return `#${_colour.copy(LOW_VOLTAGE).lerp(HIGH_VOLTAGE, share).getHexString()}`
}

/**
 * Every terminal post, drawn with the board and the parts in one batched call, with an invisible
 * post per terminal that takes the pointer, the ray and the pinch and carries the terminal's name.
 */
function Terminals({ task, palette, voltages, maxVoltage, pending }: { task: CircuitTask; palette: Palette; voltages: (number | null)[]; maxVoltage: number; pending: number | null }) {
  const count = task.board.cols * task.board.rows
  const [hovered, setHovered] = useState<number | null>(null)
  const geometry = useMemo(() => postGeometry(POST_RADIUS, POST_HEIGHT), [])
  useEffect(() => () => geometry.dispose(), [geometry])
  const controls = useThree((state) => state.controls) as { enabled: boolean } | null
  // A drag from a terminal lays a wire, so the orbit camera holds still until the pointer is released anywhere.
  const holdCamera = () => {
    if (!controls) return
    controls.enabled = false
    window.addEventListener('pointerup', () => (controls.enabled = true), { once: true })
  }
  const mode = (e: ThreeEvent<PointerEvent>) => inputModeOf(e as unknown as { pointerType: string })
  return (
    <>
      {Array.from({ length: count }, (_, t) => {
        const name = terminalName(task.board, t)
        const position = terminalPosition(task.board, t, new Vector3()).setY(BOARD_Y + POST_HEIGHT / 2)
        return (
          <Fragment key={t}>
            <BatchedPart
              geometry={geometry}
              material={sharedStandardMaterial({ color: postColour(voltages[t] ?? null, maxVoltage, pending === t || hovered === t, palette.guide), vertexColors: true, roughness: 0.45, metalness: 0.25 })}
              position={position}
              raycast={ignoreRays}
              {...SHADED}
              name={`post-${name}`}
            />
            <mesh
              name={`terminal-${name}`}
              position={position}
              onPointerOver={() => setHovered(t)}
              onPointerOut={() => setHovered((h) => (h === t ? null : h))}
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
              <cylinderGeometry args={[POST_RADIUS * 1.2, POST_RADIUS * 1.2, POST_HEIGHT, 8]} />
              <meshBasicMaterial visible={false} />
            </mesh>
          </Fragment>
        )
      })}
    </>
  )
}

const _from = new Vector3()
const _to = new Vector3()
const _up = new Vector3(0, 1, 0)

/**
 * The wire being laid: from the first terminal chosen to wherever the pointer (mouse, finger,
 * controller ray) now is on the bench, until the second end is chosen. Moved in place every
 * frame, never re-rendered.
 */
function WirePreview({ task, pending, pointer }: { task: CircuitTask; pending: number | null; pointer: { current: { at: Vector3; fresh: boolean } } }) {
  const mesh = useRef<Mesh>(null)
  useFrame(() => {
    const m = mesh.current
    if (!m) return
    const show = pending !== null && pointer.current.fresh
    m.visible = show
    if (!show) return
    terminalPosition(task.board, pending, _from).setY(BOARD_Y + POST_HEIGHT)
    _to.copy(pointer.current.at)
    const length = _from.distanceTo(_to)
    m.position.copy(_from)
    if (length > 1e-6) m.quaternion.setFromUnitVectors(_up, _to.sub(_from).divideScalar(length))
    m.scale.set(1, Math.max(length, 1e-4), 1)
  })
  return (
    <mesh ref={mesh} name="wire-preview" visible={false} raycast={ignoreRays} geometry={PREVIEW_GEOMETRY}>
      <meshBasicMaterial color="#f59e0b" transparent opacity={0.85} depthTest={false} />
    </mesh>
  )
}
/** A unit rod from y = 0 to y = 1, stretched to the pointer. */
const PREVIEW_GEOMETRY = new CylinderGeometry(0.0022, 0.0022, 1, 6).translate(0, 0.5, 0)

/** A spark and a red glow on the shorted battery, and the reason, standing over the board toward the student. */
function ShortWarning({ task, battery, message, palette, textScale }: { task: CircuitTask; battery: Part | undefined; message: string; palette: Palette; textScale: number }) {
  const at = battery ? terminalPosition(task.board, battery.a, new Vector3()).add(terminalPosition(task.board, battery.b, new Vector3())).multiplyScalar(0.5) : new Vector3()
  const spark = useRef<Mesh>(null)
  const glow = useRef<Mesh>(null)
  useFrame((state) => {
    const t = state.clock.elapsedTime
    // Flicker from a few incommensurate sines: no random numbers, no allocation.
    const flicker = 0.65 + 0.35 * Math.abs(Math.sin(t * 23) * Math.sin(t * 7.3 + 1))
    if (spark.current) {
      spark.current.rotation.z = t * 9
      spark.current.scale.setScalar(flicker * 1.3)
    }
    if (glow.current) glow.current.scale.setScalar(0.85 + 0.3 * flicker)
  })
  return (
    <group name="short-warning">
      {battery ? (
        <>
          <mesh ref={glow} position={[at.x, BOARD_Y + 0.02, at.z]} raycast={ignoreRays} name="short-glow">
            <sphereGeometry args={[0.03, 16, 12]} />
            <meshBasicMaterial color={palette.bad} transparent opacity={0.45} depthWrite={false} />
          </mesh>
          <group position={[at.x, BOARD_Y + 0.045, at.z]} rotation-x={LABEL_FACING + Math.PI / 2}>
            <mesh ref={spark} geometry={SPARK} raycast={ignoreRays} name="short-spark">
              <meshBasicMaterial vertexColors toneMapped={false} />
            </mesh>
          </group>
        </>
      ) : null}
      <Label text={message} heading distance={0.8} textScale={textScale} color={palette.bad} position={[0, BOARD_Y + 0.09, -((task.board.rows * PITCH) / 2) - 0.04]} rotation-x={LABEL_FACING + Math.PI / 2 - 0.35} maxWidth={0.5} anchorY="bottom" name="short-message" />
    </group>
  )
}
const SPARK = sparkGeometry()

/** Decoration that must not stand between a controller ray and the terminal or button behind it. */
const ignoreRays = () => {}
/** Dots a lead's length apart: the same spacing everywhere, so a loop reads as one stream. */
const FLOW_SPACING = 0.022
/** Drift speed per ampere, metres per second: speed is proportional to the current. */
const FLOW_SPEED_PER_AMP = 0.05

/** Dots drifting along every part that carries current, at a speed proportional to its current; one instanced mesh. */
function CurrentFlow({ task, parts, solution, bends }: { task: CircuitTask; parts: Part[]; solution: Solution | null; bends: Map<string, number> }) {
  const mesh = useRef<InstancedMesh>(null)
  const capacity = FLOW_LANES * FLOW_DOTS_PER_LANE
  const phases = useMemo(() => new Float32Array(FLOW_LANES), [])
  // Each lane: from (3), control (3), to (3), signed speed in lengths per second, dots; rebuilt when the circuit changes.
  const lanes = useMemo(() => {
    const out = new Float32Array(FLOW_LANES * LANE)
    let n = 0
    for (const p of parts) {
      const r = solution?.parts[p.id]
      if (!r || !r.powered || Math.abs(r.current) < 1e-6 || n >= FLOW_LANES) continue
      if (isLead(p)) leadCurve(task.board, p, bends.get(p.id) ?? 0, _a, _c, _b)
      else {
        terminalPosition(task.board, p.a, _a).setY(BOARD_Y + 0.012)
        terminalPosition(task.board, p.b, _b).setY(BOARD_Y + 0.012)
        _c.copy(_a).add(_b).multiplyScalar(0.5)
      }
      const length = _a.distanceTo(_c) + _c.distanceTo(_b)
      const dots = Math.max(2, Math.min(FLOW_DOTS_PER_LANE, Math.round(length / FLOW_SPACING)))
      out.set([_a.x, _a.y, _a.z, _c.x, _c.y, _c.z, _b.x, _b.y, _b.z, (r.current * FLOW_SPEED_PER_AMP) / Math.max(length, 1e-3), dots], n * LANE)
      n++
    }
    return { data: out, count: n }
  }, [parts, solution, task.board, bends])
  useFrame((_, delta) => {
    const m = mesh.current
    if (!m) return
    // Only the dots in use are drawn and uploaded; with no current there is nothing to move.
    if (lanes.count === 0 && m.count === 0) return
    const attribute = m.instanceMatrix
    m.count = stepFlow(lanes.data, lanes.count, phases, delta, attribute.array as Float32Array)
    attribute.clearUpdateRanges()
    attribute.addUpdateRange(0, m.count * 16)
    attribute.needsUpdate = true
  })
  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, capacity]} name="current-flow" frustumCulled={false} raycast={ignoreRays} userData={{ lanes }}>
      <sphereGeometry args={[0.0035, 8, 6]} />
      <meshBasicMaterial color="#fde047" toneMapped={false} />
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

/** The tray's buttons are wide enough for one line of their short names, so no name wraps into the next button. */
const TRAY_WIDTH = 0.2
/** The tray stands left of the board and the actions right of it; their first buttons are level with the board's far rows. */
const TRAY_X = -0.385
const ACTIONS_X = 0.4
const ACTIONS_WIDTH = 0.15
const BUTTON_ROWS_Z = -0.2
const BUTTON_PITCH = 0.075
const BUTTON_DEPTH = 0.06
const CHOICES_Z = 0.23
/** The board mesh's middle in the workbench's frame: it reaches past the letters printed beyond the far row. */
const BOARD_MIDDLE_Z = -0.02 - (LETTERS_OUT - 0.01) / 2
/** The desktop camera looks down at the board from where its labels face (see LABEL_FACING). */
const DESK_ELEVATION = -LABEL_FACING - BOARD_TILT

/**
 * The box the desktop camera frames, in lab-anchor metres: the tilted board with its posts, the
 * tray on its left, the actions on its right, and the choice buttons in front when there are some.
 */
function benchFocus(task: CircuitTask): { x: number; y: number; z: number; width: number; depth: number; height: number } {
  // The board mesh's near and far edges in the workbench's frame (as drawn in Scene).
  const boardLength = task.board.rows * PITCH + LETTERS_OUT + 0.025
  const boardMiddle = BOARD_MIDDLE_Z
  const boardNear = boardMiddle + boardLength / 2
  const boardFar = boardMiddle - boardLength / 2
  const cos = Math.cos(BOARD_TILT)
  const sin = Math.sin(BOARD_TILT)
  // The board's far edge rises as it leans toward the student, and its posts stand on it.
  const top = 0.06 - boardFar * sin + POST_HEIGHT * cos
  const far = Math.min(boardFar * cos, BUTTON_ROWS_Z - BUTTON_DEPTH / 2)
  const trayRows = task.kind === 'build' || task.kind === 'measure' ? task.tray.length : 0
  const near = Math.max(boardNear * cos, BUTTON_ROWS_Z + BUTTON_PITCH * Math.max(2, trayRows - 1) + BUTTON_DEPTH / 2, task.kind === 'choose' ? CHOICES_Z + BUTTON_DEPTH / 2 : -Infinity)
  const left = TRAY_X - TRAY_WIDTH / 2
  const right = ACTIONS_X + ACTIONS_WIDTH / 2
  return { x: (left + right) / 2, y: top / 2, z: (far + near) / 2, width: right - left, depth: near - far, height: top }
}
const trayName = (item: TrayItem): string => (item.kind === 'resistor' ? `${fmt(item.value!)} ohm` : item.kind === 'bulb' ? `Bulb ${fmt(item.value!)} ohm` : item.name.charAt(0).toUpperCase() + item.name.slice(1))

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
  const voltages = useMemo(() => Array.from({ length: task.board.cols * task.board.rows }, (_, t) => (features.voltageColour && solution?.terminalPowered[t] ? solution.terminalVoltage[t]! : null)), [task.board, features.voltageColour, solution])
  // Where the pointer is on the bench, in the workbench's frame, for the wire being laid; a ref, not state: it moves every event.
  const pointer = useRef({ at: new Vector3(), fresh: false })
  const bench = useRef<Group>(null)
  useEffect(() => {
    pointer.current.fresh = false
  }, [work.pending])
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
  const boardLabels = useMemo(() => layOutBoardLabels(task.board, parts, solution, features.liveReadouts, bends, settings.textScale), [task.board, parts, solution, features.liveReadouts, bends, settings.textScale])
  // A short circuit shows on the board the moment it is made, not only in the screen-reader text.
  const shorted = solution?.problems.find((p) => p.kind === 'short-circuit' || p.kind === 'battery-loop')
  const width = task.board.cols * PITCH
  const depth = task.board.rows * PITCH
  const focus = useMemo(() => benchFocus(task), [task])
  // The board reaches past the letters and numbers printed round its terminals.
  const boardGeometry = useMemo(() => new BoxGeometry(width + 0.05, 0.008, depth + LETTERS_OUT + 0.025), [width, depth])
  useEffect(() => () => boardGeometry.dispose(), [boardGeometry])
  useCameraFocus(focus.x, focus.y, focus.z, focus.width, focus.depth, focus.height, DESK_ELEVATION)
  return (
    <group name="circuits-scene">
      <group
        ref={bench}
        rotation-x={BOARD_TILT}
        position={[0, 0.06, 0]}
        name="workbench"
        onPointerMove={(e) => {
          if (!bench.current) return
          bench.current.worldToLocal(pointer.current.at.copy(e.point))
          pointer.current.fresh = true
        }}
      >
      <BatchedPart geometry={boardGeometry} material={sharedStandardMaterial({ color: settings.highContrast ? '#111827' : '#e8efe6', roughness: 0.8 })} position={[0.015, 0.004, BOARD_MIDDLE_Z]} name="board" {...SHADED} {...clearSelection} />
      <Terminals task={task} palette={palette} pending={work.pending} voltages={voltages} maxVoltage={maxVoltage} />
      {Array.from({ length: task.board.cols }, (_, c) => (
        <Label key={`c${c}`} text={String.fromCharCode(65 + c)} distance={BOARD_LABEL_DISTANCE} textScale={boardLabels.textScale} color={palette.text} position={[(c - (task.board.cols - 1) / 2) * PITCH, BOARD_Y + LABEL_LIFT, -depth / 2 - LETTERS_OUT]} rotation-x={LABEL_FACING} />
      ))}
      {Array.from({ length: task.board.rows }, (_, r) => (
        <Label key={`r${r}`} text={String(r + 1)} distance={BOARD_LABEL_DISTANCE} textScale={boardLabels.textScale} color={palette.text} position={[width / 2 + 0.02, BOARD_Y + LABEL_LIFT, (r - (task.board.rows - 1) / 2) * PITCH - 0.02]} rotation-x={LABEL_FACING} />
      ))}
      {parts.map((p) => (
        <PartBody key={p.id} task={task} part={p} solution={solution} palette={palette} textScale={settings.textScale} selected={work.selected === p.id} showReadout={features.liveReadouts} bend={bends.get(p.id) ?? 0} labelAt={boardLabels.spots.get(p.id)} labelScale={boardLabels.textScale} />
      ))}
      {features.currentFlow && !settings.reducedMotion ? <CurrentFlow task={task} parts={parts} solution={solution} bends={bends} /> : null}
      <WirePreview task={task} pending={work.pending} pointer={pointer} />
      {shorted ? <ShortWarning task={task} battery={parts.find((p) => p.id === shorted.parts[0])} message={shorted.message} palette={palette} textScale={settings.textScale} /> : null}
      </group>
      {task.kind === 'build' || task.kind === 'measure' ? (
        <group position={[TRAY_X, 0, BUTTON_ROWS_Z]} name="tray">
          <WorldButton name="tool-wire" label={work.tool === null ? '> Wire' : 'Wire'} width={TRAY_WIDTH} position={[0, 0, 0]} palette={palette} textScale={settings.textScale} onPress={() => selectTool(null)} />
          {task.tray.map((item, i) =>
            item.kind === 'wire' ? null : (
              <WorldButton key={i} name={`tool-${i}`} label={`${work.tool === i ? '> ' : ''}${trayName(item)}${item.count !== null ? ` x${remaining(task, work.parts, i)}` : ''}`} width={TRAY_WIDTH} position={[0, 0, BUTTON_PITCH * i]} palette={palette} textScale={settings.textScale} disabled={remaining(task, work.parts, i) === 0} onPress={() => selectTool(i)} />
            ),
          )}
        </group>
      ) : null}
      <group position={[ACTIONS_X, 0, BUTTON_ROWS_Z]} name="actions">
        {task.kind === 'build' || task.kind === 'measure' ? (
          <WorldButton name="remove-button" label="Remove" width={ACTIONS_WIDTH} position={[0, 0, 0]} palette={palette} textScale={settings.textScale} disabled={!work.selected || !isMovable(work.selected)} onPress={(mode) => work.selected && removePart(work.selected, mode)} />
        ) : null}
        <HintButton help={help} width={ACTIONS_WIDTH} position={[0, 0, BUTTON_PITCH]} palette={palette} textScale={settings.textScale} onPress={() => requestHint()} />
        {task.kind !== 'choose' && !keypad ? <WorldButton name="check-button" label="Check" width={ACTIONS_WIDTH} position={[0, 0, 2 * BUTTON_PITCH]} palette={palette} textScale={settings.textScale} disabled={help?.takesAnswers === false} onPress={check} /> : null}
      </group>
      {task.kind === 'choose' && !answered ? (
        <ChoiceButtons
          name="choice"
          choices={task.options.map((o) => ({ id: o.id, label: o.short }))}
          position={[0, 0, CHOICES_Z]}
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
