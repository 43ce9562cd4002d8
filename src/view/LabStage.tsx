import { useEffect, useMemo, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { BackSide, BoxGeometry, BufferGeometry, Color, Float32BufferAttribute, Object3D, PMREMGenerator, type WebGLRenderTarget } from 'three'
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import { paletteFor } from './palette'

/**
 * The place every lab happens in: a calm classroom lab around the student (one mesh for the
 * shell, one for its furniture), a bench under the scene's board, a key light that casts soft
 * shadows, and reflections from three's procedural RoomEnvironment (no file, nothing fetched).
 * Everything static is merged into vertex-coloured meshes so the whole stage costs a handful of
 * draw calls.
 */

interface Tones {
  floor: string
  wallLow: string
  wallHigh: string
  skirting: string
  cabinet: string
  counter: string
  board: string
  boardFrame: string
  shelf: string
  window: string
  accents: string[]
  benchTop: string
  benchBody: string
  benchSeam: string
  plinth: string
}

const CALM: Tones = {
  floor: '#b9b2a6',
  wallLow: '#d9d5cc',
  wallHigh: '#eef0f0',
  skirting: '#8d877d',
  cabinet: '#e9e6df',
  counter: '#3b4046',
  board: '#f7f8f6',
  boardFrame: '#9aa1a8',
  shelf: '#b58f63',
  window: '#dcecf7',
  accents: ['#3f7cac', '#d98c3f', '#5b9a68', '#c2514b', '#e3c55b', '#7a6aa8'],
  benchTop: '#2f3438',
  benchBody: '#dedad2',
  benchSeam: '#9d978c',
  plinth: '#55595e',
}

/** High contrast: a dark, plain room, so the palette's bright text keeps its 7:1. */
const HIGH_CONTRAST: Tones = {
  floor: '#1a1a1a',
  wallLow: '#111111',
  wallHigh: '#161616',
  skirting: '#000000',
  cabinet: '#1d1d1d',
  counter: '#262626',
  board: '#202020',
  boardFrame: '#333333',
  shelf: '#262626',
  window: '#2a2a2a',
  accents: ['#2a2a2a'],
  benchTop: '#1c1c1c',
  benchBody: '#2b2b2b',
  benchSeam: '#000000',
  plinth: '#101010',
}

/** The worktop on the bench, in metres: its top is the scenes' y = 0. */
export const WORKTOP = { width: 1.0, depth: 0.56, thickness: 0.04 }

const ROOM = { width: 9, depth: 9, height: 3.1, centreZ: -1.2 }
const _colour = new Color()

/** A box at (x, y, z) of size (w, h, d), painted one colour, for merging. */
function box(w: number, h: number, d: number, x: number, y: number, z: number, colour: string): BufferGeometry {
  const g = new BoxGeometry(w, h, d)
  g.translate(x, y, z)
  _colour.set(colour)
  const count = g.getAttribute('position').count
  const colours = new Float32Array(count * 3)
  for (let i = 0; i < count; i++) _colour.toArray(colours, i * 3)
  g.setAttribute('color', new Float32BufferAttribute(colours, 3))
  return g
}

function merged(parts: BufferGeometry[]): BufferGeometry {
  const g = mergeGeometries(parts)
  for (const p of parts) p.dispose()
  if (!g) throw new Error('LabStage: could not merge the stage geometry')
  return g
}

/** The room's shell, seen from inside: floor, and walls that lighten towards the ceiling. */
function roomShell(t: Tones): BufferGeometry {
  const g = new BoxGeometry(ROOM.width, ROOM.height, ROOM.depth, 1, 8, 1)
  g.translate(0, ROOM.height / 2, ROOM.centreZ)
  const position = g.getAttribute('position')
  const colours = new Float32Array(position.count * 3)
  const low = new Color(t.wallLow)
  const high = new Color(t.wallHigh)
  const floor = new Color(t.floor)
  const skirting = new Color(t.skirting)
  const normal = g.getAttribute('normal')
  for (let i = 0; i < position.count; i++) {
    const y = position.getY(i)
    // Box normals point out of the room: the floor's is -y, the ceiling's +y.
    if (normal.getY(i) < -0.5) _colour.copy(floor)
    else if (normal.getY(i) > 0.5) _colour.copy(high)
    else if (y < 0.05) _colour.copy(skirting)
    else _colour.copy(low).lerp(high, Math.min(1, y / ROOM.height))
    _colour.toArray(colours, i * 3)
  }
  g.setAttribute('color', new Float32BufferAttribute(colours, 3))
  return g
}

/** What makes the shell a lab: wall benches, a whiteboard, shelves with bottles and boxes, windows. */
function furniture(t: Tones): BufferGeometry {
  const back = ROOM.centreZ - ROOM.depth / 2
  const left = -ROOM.width / 2
  const parts: BufferGeometry[] = []
  // Benches along the back wall, with a dark counter and a plinth.
  for (const x of [-2.6, 2.6]) {
    parts.push(box(2.8, 0.82, 0.65, x, 0.46, back + 0.33, t.cabinet))
    parts.push(box(2.8, 0.1, 0.6, x, 0.05, back + 0.31, t.plinth))
    parts.push(box(2.9, 0.05, 0.72, x, 0.895, back + 0.36, t.counter))
    for (let d = -1; d <= 1; d++) parts.push(box(0.01, 0.7, 0.005, x + d * 0.9, 0.48, back + 0.657, t.benchSeam))
  }
  // A whiteboard in the middle of the back wall.
  parts.push(box(2.5, 1.15, 0.04, 0, 1.6, back + 0.03, t.boardFrame))
  parts.push(box(2.4, 1.05, 0.05, 0, 1.6, back + 0.04, t.board))
  parts.push(box(2.0, 0.04, 0.08, 0, 1.01, back + 0.06, t.boardFrame))
  // Shelves over the side benches with a row of bottles and boxes.
  for (const x of [-2.6, 2.6]) {
    for (const y of [1.45, 1.95]) {
      parts.push(box(2.4, 0.03, 0.28, x, y, back + 0.14, t.shelf))
      for (let i = 0; i < 9; i++) {
        const tall = 0.12 + ((i * 37 + y * 10) % 5) * 0.03
        const wide = 0.07 + (i % 3) * 0.03
        parts.push(box(wide, tall, 0.1, x - 1.05 + i * 0.26, y + 0.015 + tall / 2, back + 0.12, t.accents[(i + Math.round(y * 3)) % t.accents.length]!))
      }
    }
  }
  // Tall windows on the left wall, with their frames.
  for (const z of [-3.6, -1.6, 0.4]) {
    parts.push(box(0.04, 1.7, 1.4, left + 0.02, 1.55, z, t.boardFrame))
    parts.push(box(0.05, 1.6, 1.3, left + 0.03, 1.55, z, t.window))
  }
  // A run of tall cupboards on the right wall.
  parts.push(box(0.6, 2.1, 3.2, ROOM.width / 2 - 0.3, 1.05, -2.4, t.cabinet))
  for (let i = 0; i < 4; i++) parts.push(box(0.005, 1.9, 0.01, ROOM.width / 2 - 0.602, 1.07, -3.6 + i * 0.8, t.benchSeam))
  return merged(parts)
}

/** The bench the scene's board stands on: a dark resin top over a cabinet, down to the floor. */
function bench(t: Tones, height: number, worktop: string): BufferGeometry {
  const top = -0.04
  const body = height + top - 0.05
  return merged([
    // The wooden worktop every lab is built on, its surface at the anchor's y = 0 (the scenes drew one each: a draw call each).
    box(WORKTOP.width, WORKTOP.thickness, WORKTOP.depth, 0, -WORKTOP.thickness / 2, 0, worktop),
    box(1.5, 0.05, 0.76, 0, top - 0.025, -0.07, t.benchTop),
    box(1.44, body - 0.1, 0.66, 0, top - 0.05 - (body - 0.1) / 2, -0.07, t.benchBody),
    box(1.4, 0.1, 0.6, 0, -height + 0.05, -0.1, t.plinth),
    // Drawer and door seams on the student's side.
    box(1.44, 0.006, 0.004, 0, top - 0.22, 0.262, t.benchSeam),
    box(0.006, body - 0.14, 0.004, -0.4, top - 0.05 - (body - 0.1) / 2, 0.262, t.benchSeam),
    box(0.006, body - 0.14, 0.004, 0.4, top - 0.05 - (body - 0.1) / 2, 0.262, t.benchSeam),
    box(0.12, 0.014, 0.02, -0.6, top - 0.14, 0.27, t.boardFrame),
    box(0.12, 0.014, 0.02, 0, top - 0.14, 0.27, t.boardFrame),
    box(0.12, 0.014, 0.02, 0.6, top - 0.14, 0.27, t.boardFrame),
  ])
}

function useDisposed<T extends { dispose(): void }>(thing: T): T {
  useEffect(() => () => thing.dispose(), [thing])
  return thing
}

/** Frames drawn before the reflections are made: the lab appears first, then gains its reflections. */
const REFLECTIONS_AFTER_FRAMES = 5
/** Reflections and soft fill light from three's procedural room: rendered once, never per frame. */
function RoomReflections({ intensity }: { intensity: number }) {
  const scene = useThree((s) => s.scene)
  const frames = useRef(0)
  const made = useRef<WebGLRenderTarget | null>(null)
  useFrame(({ gl }) => {
    if (made.current || ++frames.current < REFLECTIONS_AFTER_FRAMES) return
    // As three's CubeCamera does: the six faces are rendered with the cube's cameras, not the headset's.
    const xrEnabled = gl.xr.enabled
    gl.xr.enabled = false
    const pmrem = new PMREMGenerator(gl)
    const room = new RoomEnvironment()
    made.current = pmrem.fromScene(room, 0)
    room.dispose()
    pmrem.dispose()
    gl.xr.enabled = xrEnabled
    scene.environment = made.current.texture
  })
  useEffect(() => {
    scene.environmentIntensity = intensity
  }, [scene, intensity])
  useEffect(
    () => () => {
      if (made.current && scene.environment === made.current.texture) scene.environment = null
      made.current?.dispose()
      made.current = null
    },
    [scene],
  )
  return null
}

/** The room around the student, fixed in the world (outside the lab anchor). */
export function LabRoom({ highContrast }: { highContrast: boolean }) {
  const tones = highContrast ? HIGH_CONTRAST : CALM
  const shell = useDisposed(useMemo(() => roomShell(tones), [tones]))
  const things = useDisposed(useMemo(() => furniture(tones), [tones]))
  return (
    <group name="lab-room">
      <RoomReflections intensity={highContrast ? 0.2 : 0.35} />
      <hemisphereLight args={['#fffaf2', '#8a8378', highContrast ? 0.7 : 0.55]} />
      {/* Lambert: the room fills most of the screen, and a matte wall needs no reflections or shadows (cheap per pixel on a headset or in software). */}
      <mesh geometry={shell} name="room-shell">
        <meshLambertMaterial vertexColors side={BackSide} />
      </mesh>
      <mesh geometry={things} name="room-furniture">
        <meshLambertMaterial vertexColors />
      </mesh>
    </group>
  )
}

/** Side of the square the key light's shadow covers, centred on the bench (metres). */
const SHADOW_SPAN = 2.4

/**
 * Inside the lab anchor: the bench under the scene and the key light, which follow the anchor
 * when the student recentres. Scene parts cast shadows with `castShadow`; the bench receives them.
 */
export function LabBench({ height, highContrast }: { height: number; highContrast: boolean }) {
  const tones = highContrast ? HIGH_CONTRAST : CALM
  const worktop = paletteFor(highContrast).table
  const geometry = useDisposed(useMemo(() => bench(tones, height, worktop), [tones, height, worktop]))
  const aim = useMemo(() => new Object3D(), [])
  return (
    <group name="lab-bench">
      <mesh geometry={geometry} receiveShadow castShadow name="bench">
        <meshLambertMaterial vertexColors />
      </mesh>
      <primitive object={aim} position={[0.05, 0, -0.1]} />
      {/* Key light from above the student's left shoulder: shadows fall away from the student, where they are seen. */}
      <directionalLight
        position={[-0.9, 1.9, 1.1]}
        target={aim}
        intensity={highContrast ? 1.4 : 1.7}
        color="#fff6ea"
        castShadow
        shadow-mapSize={[1024, 1024]}
        shadow-bias={-0.0004}
        shadow-normalBias={0.004}
        shadow-radius={4}
        shadow-camera-left={-SHADOW_SPAN / 2}
        shadow-camera-right={SHADOW_SPAN / 2}
        shadow-camera-top={SHADOW_SPAN / 2}
        shadow-camera-bottom={-SHADOW_SPAN / 2}
        shadow-camera-near={0.5}
        shadow-camera-far={5}
      />
    </group>
  )
}
