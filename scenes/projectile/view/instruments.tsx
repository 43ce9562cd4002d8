import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Color,
  CylinderGeometry,
  Float32BufferAttribute,
  Group,
  InstancedMesh,
  Line,
  LineBasicMaterial,
  Matrix4,
  MeshBasicMaterial,
  Quaternion,
  RingGeometry,
  SphereGeometry,
  TorusGeometry,
  Vector3,
  type Mesh,
} from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import type { InputMode } from '../../../src/core'
import { Label } from '../../../src/view/Label'
import { sharedStandardMaterial } from '../../../src/view/sharedMaterials'
import { BatchedPart } from '../../../src/view/meshBatch'
import type { Palette } from '../../../src/view/palette'
import { useAngleDrag } from '../../../src/view/useAngleDrag'
import { createFlight, simulateToLanding, type Flight, type LaunchParams, type Platform } from '../model'
import { projectileTracker, projectileWork } from './state'
import { dotSteps, tapeLabelStep } from './fieldMarks'

// ---------------------------------------------------------------------------------------------
// The launcher: a base (or a tower when it launches from a height), a trunnion hub, a barrel with
// a muzzle ring, and a protractor arc behind the barrel that the angle can be read from. Built in
// table metres (the field's scale is undone), so it looks the same size whatever the field's length.

const BARREL_LENGTH = 0.075
const ARC_RADIUS = 0.05
const ARC_Z = -0.022
const GUNMETAL = '#3d4450'
/** Every launcher's fixed parts, shared: each launcher's copy is drawn in its material's batch. */
const LAUNCHER_PARTS = {
  base: new BoxGeometry(0.06, 0.006, 0.05),
  yoke: new BoxGeometry(0.028, 0.014, 0.036),
  trunnion: new CylinderGeometry(0.012, 0.012, 0.04, 20),
  barrel: new CylinderGeometry(0.0095, 0.0125, BARREL_LENGTH, 20),
  muzzle: new TorusGeometry(0.0098, 0.0026, 8, 20),
}
/** The launcher's base and yoke: one look, one material for every launcher on the field. */
const GUNMETAL_LOOK = () => sharedStandardMaterial({ color: GUNMETAL, roughness: 0.5, metalness: 0.4 })
/** Where the angle readout's left end stands from the pivot (table metres): above the protractor's top. */
export const ANGLE_READOUT = { x: 0.004, y: ARC_RADIUS + 0.014, z: ARC_Z }
/** What the launcher covers round its pivot, table metres: the base's half-width behind it, the barrel's reach ahead and above. */
export const LAUNCHER_REACH = { back: 0.03, ahead: BARREL_LENGTH, up: BARREL_LENGTH }

let arc: BufferGeometry | null = null
/** The protractor's quarter ring, faced both ways (its back turned over), so it is seen from behind as from the front and can share the launcher's opaque batch. */
function protractorArc(): BufferGeometry {
  if (arc) return arc
  const front = new RingGeometry(ARC_RADIUS - 0.014, ARC_RADIUS, 24, 1, 0, Math.PI / 2)
  const back = front.clone()
  const normals = back.getAttribute('normal')
  for (let i = 0; i < normals.count; i++) normals.setZ(i, -normals.getZ(i))
  const index = back.index!
  for (let i = 0; i < index.count; i += 3) {
    const second = index.getX(i + 1)
    index.setX(i + 1, index.getX(i + 2))
    index.setX(i + 2, second)
  }
  arc = mergeGeometries([front, back])
  front.dispose()
  back.dispose()
  return arc!
}

/** Tick marks of the protractor every 10 degrees, longer every 30: one line geometry for all launchers. */
let arcTicks: BufferGeometry | null = null
function protractorTicks(): BufferGeometry {
  if (arcTicks) return arcTicks
  const points: number[] = []
  for (let deg = 0; deg <= 90; deg += 10) {
    const a = (deg * Math.PI) / 180
    const inner = deg % 30 === 0 ? ARC_RADIUS - 0.012 : ARC_RADIUS - 0.007
    points.push(Math.cos(a) * inner, Math.sin(a) * inner, 0.0005, Math.cos(a) * ARC_RADIUS, Math.sin(a) * ARC_RADIUS, 0.0005)
  }
  arcTicks = new BufferGeometry()
  arcTicks.setAttribute('position', new Float32BufferAttribute(points, 3))
  return arcTicks
}

export function Launcher({ launch, scale, aimable, palette, textScale, onAim }: { launch: LaunchParams; scale: number; aimable: boolean; palette: Palette; textScale: number; onAim?(angle: number, mode?: InputMode): void }) {
  const pivot = useRef<Group>(null)
  const barrel = useRef<Group>(null)
  const angleText = useRef<{ text: string; sync(): void } | null>(null)
  const shownAngle = useRef(Number.NaN)
  const aim = useAngleDrag({
    pivot,
    onStart: (mode) => {
      projectileTracker.begin(mode)
      projectileWork.setState({ dragging: true })
    },
    onAngle: (angle) => onAim?.(angle),
    onEnd: () => projectileWork.setState({ dragging: false }),
  })
  // The barrel and the angle readout follow the store by mutation while it is aimed; the text only when the angle changed.
  useFrame(() => {
    const angle = aimable ? projectileWork.getState().angleDeg : launch.angleDeg
    // Setting an Euler angle recomputes the quaternion (and allocated doing it): only when the angle moved.
    const radians = (angle * Math.PI) / 180
    if (barrel.current && barrel.current.rotation.z !== radians) barrel.current.rotation.z = radians
    if (angleText.current && angle !== shownAngle.current) {
      shownAngle.current = angle
      angleText.current.text = `${Number(angle.toFixed(1))}\u00b0`
      angleText.current.sync()
    }
  })
  const height = launch.height * scale
  const tower = useMemo(() => new BoxGeometry(0.05, height, 0.05), [height])
  useEffect(() => () => tower.dispose(), [tower])
  const barrelColour = aimable ? palette.accent : GUNMETAL
  // The muzzle ring is the barrel's colour.
  const barrelLook = sharedStandardMaterial({ color: barrelColour, roughness: 0.35, metalness: 0.45 })
  return (
    <group name="launcher">
      <group scale={1 / scale}>
      {height > 0.004 ? (
        <BatchedPart geometry={tower} position-y={height / 2} castShadow receiveShadow name="launcher-tower" material={sharedStandardMaterial({ color: '#a9a39a', roughness: 0.85 })} />
      ) : (
        <BatchedPart geometry={LAUNCHER_PARTS.base} position-y={0.003} castShadow receiveShadow name="launcher-base" material={GUNMETAL_LOOK()} />
      )}
      </group>
      {/* The pivot is the launch point, in field metres (tests aim along it); what is drawn around it is in table metres. */}
      <group ref={pivot} position-y={launch.height} name="launcher-pivot">
        <group scale={1 / scale}>
        {/* The yoke holding the trunnion, down to the base. */}
        <BatchedPart geometry={LAUNCHER_PARTS.yoke} position-y={-0.006} castShadow receiveShadow material={GUNMETAL_LOOK()} />
        <BatchedPart geometry={LAUNCHER_PARTS.trunnion} rotation-x={Math.PI / 2} castShadow receiveShadow material={sharedStandardMaterial({ color: '#8b929b', roughness: 0.3, metalness: 0.8 })} />
        <group ref={barrel} rotation-z={(launch.angleDeg * Math.PI) / 180}>
          <BatchedPart geometry={LAUNCHER_PARTS.barrel} name="barrel" position-x={BARREL_LENGTH / 2 - 0.008} rotation-z={-Math.PI / 2} castShadow receiveShadow material={barrelLook} {...(aimable ? aim : {})} />
          <BatchedPart geometry={LAUNCHER_PARTS.muzzle} position-x={BARREL_LENGTH - 0.008} rotation-y={Math.PI / 2} castShadow receiveShadow material={barrelLook} />
        </group>
        {/* The protractor: a quarter arc with ticks every 10 degrees, read against the barrel. */}
        <group position-z={ARC_Z}>
          <BatchedPart geometry={protractorArc()} material={sharedStandardMaterial({ color: palette.panel, roughness: 0.6 })} castShadow receiveShadow name="angle-arc" />
          <lineSegments geometry={protractorTicks()}>
            <lineBasicMaterial color={palette.marks} />
          </lineSegments>
        </group>
        <Label ref={angleText} text=" " heading distance={0.6} textScale={textScale} color={palette.text} position={[ANGLE_READOUT.x, ANGLE_READOUT.y, ANGLE_READOUT.z]} anchorX="left" name="angle-readout" />
        </group>
      </group>
    </group>
  )
}

// ---------------------------------------------------------------------------------------------
// A bullseye target: five rings in alternating colours, one geometry for all targets.

let bullseye: BufferGeometry | null = null
function bullseyeGeometry(): BufferGeometry {
  if (bullseye) return bullseye
  const red = new Color('#d32f2f')
  const white = new Color('#f6f4ef')
  const rings: BufferGeometry[] = []
  for (let i = 0; i < 5; i++) {
    const ring = new RingGeometry((4 - i) * 0.2, (5 - i) * 0.2, 40)
    const colour = i % 2 === 0 ? red : white
    const colours = new Float32Array(ring.getAttribute('position').count * 3)
    for (let v = 0; v < colours.length; v += 3) colour.toArray(colours, v)
    ring.setAttribute('color', new Float32BufferAttribute(colours, 3))
    rings.push(ring)
  }
  bullseye = mergeGeometries(rings)
  for (const r of rings) r.dispose()
  return bullseye!
}

/** Rings of the target, lying on the ground (or platform) at its centre; its radius in field metres. */
export function TargetRings({ x, y, radius, target }: { x: number; y: number; radius: number; target: React.RefObject<Mesh | null> }) {
  return (
    <mesh ref={target} position={[x, y + 0.05, 0]} rotation-x={-Math.PI / 2} scale={radius} geometry={bullseyeGeometry()} receiveShadow name="target">
      <meshStandardMaterial vertexColors roughness={0.6} polygonOffset polygonOffsetFactor={-2} />
    </mesh>
  )
}

// ---------------------------------------------------------------------------------------------
// A measuring tape along the near edge of the field, in table metres, labelled in field metres.

const TAPE_WIDTH = 0.022

export function MeasuringTape({ length, tableLength, textScale, position }: { length: number; tableLength: number; textScale: number; position: [number, number, number] }) {
  const labelStep = tapeLabelStep(length)
  const minor = labelStep / (labelStep % 5 === 0 ? 5 : 4)
  const perMetre = tableLength / length
  const ticks = useMemo(() => {
    const points: number[] = []
    for (let i = 0; i * minor <= length + 1e-9; i++) {
      const x = i * minor * perMetre
      const major = Math.abs((i * minor) / labelStep - Math.round((i * minor) / labelStep)) < 1e-9
      const reach = major ? TAPE_WIDTH * 0.45 : TAPE_WIDTH * 0.25
      points.push(x, 0.0012, -TAPE_WIDTH / 2, x, 0.0012, -TAPE_WIDTH / 2 + reach)
    }
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(points, 3))
    return g
  }, [length, minor, labelStep, perMetre])
  useEffect(() => () => ticks.dispose(), [ticks])
  const tape = useMemo(() => new BoxGeometry(tableLength, 0.001, TAPE_WIDTH), [tableLength])
  useEffect(() => () => tape.dispose(), [tape])
  const labels: number[] = []
  for (let v = 0; v <= length + 1e-9; v += labelStep) labels.push(v)
  return (
    <group position={position} name="measuring-tape">
      <BatchedPart geometry={tape} material={sharedStandardMaterial({ color: '#f2c230', roughness: 0.55 })} position={[tableLength / 2, 0.0005, 0]} castShadow receiveShadow name="tape" />
      <lineSegments geometry={ticks}>
        <lineBasicMaterial color="#1b1b1b" />
      </lineSegments>
      {labels.map((v, i) => (
        <Label
          key={v}
          text={i === labels.length - 1 ? `${v} m` : String(v)}
          distance={0.6}
          textScale={textScale}
          color="#1b1b1b"
          position={[v * perMetre, 0.0015, TAPE_WIDTH * 0.2]}
          rotation-x={-Math.PI / 2}
          anchorX={i === labels.length - 1 ? 'right' : 'center'}
        />
      ))}
    </group>
  )
}

// ---------------------------------------------------------------------------------------------
// Trails: each flight leaves its path and dots at equal time steps (as PhET does). The last
// launches stay, older ones fading, so the student can compare; a new task clears them. All
// buffers are made once; a launch fills them, and each frame only reveals what has flown.

const TRAIL_SLOTS = 4
const MAX_DOTS = 90
const MAX_PATH = 720
/** Dot radius, table metres. */
export const DOT_RADIUS = 0.0035
const OPACITY_BY_AGE = [1, 0.45, 0.2]

const _matrix = new Matrix4()
const _position = new Vector3()
const _size = new Vector3()
const _noTurn = new Quaternion()

class TrailSlot {
  readonly dots: InstancedMesh
  readonly line: Line
  readonly dotMaterial = new MeshBasicMaterial({ transparent: true })
  readonly lineMaterial = new LineBasicMaterial({ transparent: true })
  readonly dotTimes = new Float32Array(MAX_DOTS)
  readonly pathTimes = new Float32Array(MAX_PATH)
  dotCount = 0
  pathCount = 0
  shownDots = 0
  shownPath = 0
  launch = -1
  flight: Flight | null = null

  constructor(dotGeometry: SphereGeometry) {
    this.dots = new InstancedMesh(dotGeometry, this.dotMaterial, MAX_DOTS)
    this.dots.count = 0
    this.dots.frustumCulled = false
    const path = new BufferGeometry()
    path.setAttribute('position', new BufferAttribute(new Float32Array(MAX_PATH * 3), 3))
    path.setDrawRange(0, 0)
    this.line = new Line(path, this.lineMaterial)
    this.line.frustumCulled = false
    this.clear()
  }

  clear() {
    this.dotCount = this.pathCount = this.shownDots = this.shownPath = 0
    this.flight = null
    this.launch = -1
    this.dots.count = 0
    this.dots.visible = false
    this.line.visible = false
    this.line.geometry.setDrawRange(0, 0)
  }

  /** Flies the launch once ahead of the ball (same fixed steps, same path) and keeps its dots and path. */
  fill(params: LaunchParams, platform: Platform | null, z: number, dotScale: number, flight: Flight) {
    this.clear()
    this.flight = flight
    const total = simulateToLanding(params, undefined, { platform })
    const everySteps = dotSteps(total.timeOfFlight)
    const stride = Math.max(1, Math.ceil(total.steps / (MAX_PATH - 2)))
    const path = this.line.geometry.getAttribute('position') as BufferAttribute
    const ahead = createFlight(params, { platform })
    const { state } = ahead
    const keep = (dot: boolean, path_: boolean) => {
      if (dot && this.dotCount < MAX_DOTS) {
        _matrix.compose(_position.set(state.x, state.y, z), _noTurn, _size.setScalar(dotScale))
        this.dots.setMatrixAt(this.dotCount, _matrix)
        this.dotTimes[this.dotCount++] = state.t
      }
      if (path_ && this.pathCount < MAX_PATH) {
        path.setXYZ(this.pathCount, state.x, state.y, z)
        this.pathTimes[this.pathCount++] = state.t
      }
    }
    keep(true, true)
    while (!ahead.step()) keep(state.steps % everySteps === 0, state.steps % stride === 0)
    keep(false, true)
    this.dots.instanceMatrix.needsUpdate = true
    path.needsUpdate = true
    this.line.geometry.computeBoundingSphere()
  }

  /** Shows what the ball has flown so far. */
  reveal() {
    if (!this.flight) return
    const t = this.flight.state.landed ? Number.POSITIVE_INFINITY : this.flight.state.t
    while (this.shownDots < this.dotCount && this.dotTimes[this.shownDots]! <= t) this.shownDots++
    while (this.shownPath < this.pathCount && this.pathTimes[this.shownPath]! <= t) this.shownPath++
    if (this.dots.count !== this.shownDots) this.dots.count = this.shownDots
    this.dots.visible = this.shownDots > 0
    this.line.visible = this.shownPath > 1
    if (this.line.geometry.drawRange.count !== this.shownPath) this.line.geometry.setDrawRange(0, this.shownPath)
    if (this.flight.state.landed) this.flight = null
  }

  dispose() {
    this.dots.dispose()
    this.line.geometry.dispose()
    this.dotMaterial.dispose()
    this.lineMaterial.dispose()
  }
}

export class TrailSet {
  readonly group = new Group()
  private readonly dotGeometry = new SphereGeometry(1, 8, 6)
  private readonly slots: TrailSlot[] = []
  private launches = 0

  constructor() {
    this.group.name = 'trails'
    for (let i = 0; i < TRAIL_SLOTS; i++) {
      const slot = new TrailSlot(this.dotGeometry)
      slot.dots.name = `trail-dots-${i}`
      this.slots.push(slot)
      this.group.add(slot.line, slot.dots)
    }
  }

  /** A launch: each lane takes the oldest slot; older launches fade. */
  start(lanes: { params: LaunchParams; z: number; flight: Flight; colour: string }[], platform: Platform | null, dotScale: number) {
    this.launches++
    for (const lane of lanes) {
      const slot = this.slots.reduce((oldest, s) => (s.launch < oldest.launch ? s : oldest))
      slot.fill(lane.params, platform, lane.z, dotScale, lane.flight)
      slot.launch = this.launches
      slot.dotMaterial.color.set(lane.colour)
      slot.lineMaterial.color.set(lane.colour)
    }
    for (const slot of this.slots) {
      const age = slot.launch < 0 ? OPACITY_BY_AGE.length : this.launches - slot.launch
      if (age >= OPACITY_BY_AGE.length) {
        slot.clear()
        continue
      }
      slot.dotMaterial.opacity = slot.lineMaterial.opacity = OPACITY_BY_AGE[age]!
    }
  }

  reveal() {
    // An index, not for-of: this runs every frame, and an array iterator is an allocation.
    for (let i = 0; i < this.slots.length; i++) this.slots[i]!.reveal()
  }

  clear() {
    for (const slot of this.slots) slot.clear()
  }

  /** Dots drawn now, for tests and the bench. */
  dotsShown(): number {
    return this.slots.reduce((n, s) => n + s.dots.count, 0)
  }

  dispose() {
    for (const slot of this.slots) slot.dispose()
    this.dotGeometry.dispose()
  }
}
