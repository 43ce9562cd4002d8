/**
 * The bench's parts as single merged meshes with painted vertex colours: a battery with its + and
 * - marks, a resistor with its colour bands, a switch's base and lever, a meter's case and face.
 * One geometry per part keeps a whole circuit to a few draw calls. Local X runs from end a to
 * end b of the part; Y is up from the board.
 */
import { BoxGeometry, BufferAttribute, BufferGeometry, Color, CylinderGeometry, Euler, Matrix4, Quaternion, SphereGeometry, TorusGeometry, Vector3 } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import { BAND_PAINT, resistorBands } from '../resistorCode'

const _colour = new Color()
const _m = new Matrix4()
const _q = new Quaternion()
const _e = new Euler()
const _s = new Vector3()
const _p = new Vector3()

/** Collects painted pieces and merges them into one geometry. */
class Painter {
  private readonly pieces: BufferGeometry[] = []

  add(geometry: BufferGeometry, colour: string, at: [number, number, number], rotation: [number, number, number] = [0, 0, 0], scale: [number, number, number] = [1, 1, 1]): this {
    geometry.applyMatrix4(_m.compose(_p.set(...at), _q.setFromEuler(_e.set(...rotation)), _s.set(...scale)))
    _colour.set(colour)
    const count = geometry.getAttribute('position').count
    const colours = new Float32Array(count * 3)
    for (let i = 0; i < count * 3; i += 3) {
      colours[i] = _colour.r
      colours[i + 1] = _colour.g
      colours[i + 2] = _colour.b
    }
    geometry.setAttribute('color', new BufferAttribute(colours, 3))
    this.pieces.push(geometry.index ? geometry.toNonIndexed() : geometry)
    return this
  }

  /** A cylinder lying along local X. */
  rod(radius: number, length: number, colour: string, x: number, y: number, segments = 12, z = 0): this {
    return this.add(new CylinderGeometry(radius, radius, length, segments), colour, [x, y, z], [0, 0, Math.PI / 2])
  }

  merge(): BufferGeometry {
    const merged = mergeGeometries(this.pieces)
    for (const piece of this.pieces) piece.dispose()
    if (!merged) throw new Error('circuit part geometry: pieces could not be merged')
    return merged
  }
}

const LEAD = '#9aa1a8'
export const BATTERY_Y = 0.016
export const BATTERY_RADIUS = 0.011

/** Leads at the height of the post's lower half, end to end. */
function leads(p: Painter, length: number, y = 0.008): Painter {
  return p.rod(0.0014, length, LEAD, 0, y, 6)
}

/** A cell: black body, copper cap at +, a metal nub, and raised + and - marks on top, so which end is which can be seen. */
export function batteryGeometry(length: number): BufferGeometry {
  const body = length * 0.6
  const top = BATTERY_Y + BATTERY_RADIUS
  const mark = 0.0075
  const p = leads(new Painter(), length, BATTERY_Y)
    .rod(BATTERY_RADIUS, body * 0.72, '#1f2328', -body * 0.14, BATTERY_Y, 20)
    .rod(BATTERY_RADIUS, body * 0.28, '#c96a1b', body * 0.36, BATTERY_Y, 20)
    .rod(0.0045, 0.006, '#d9dde1', body / 2 + 0.003, BATTERY_Y, 12)
    .rod(BATTERY_RADIUS * 0.9, 0.003, '#d9dde1', -body / 2 - 0.0015, BATTERY_Y, 16)
  // + near end b, - near end a: bars standing proud of the body.
  p.add(new BoxGeometry(mark, 0.002, 0.0018), '#ffffff', [body * 0.36, top, 0])
  p.add(new BoxGeometry(0.0018, 0.002, mark), '#ffffff', [body * 0.36, top, 0])
  p.add(new BoxGeometry(mark, 0.002, 0.0018), '#ffffff', [-body * 0.36, top, 0])
  return p.merge()
}

/** A carbon-film resistor: beige body with rounded shoulders and its value's colour bands. */
export function resistorGeometry(length: number, ohms: number | undefined): BufferGeometry {
  const body = Math.min(0.032, length * 0.5)
  const radius = 0.0055
  const y = 0.014
  const p = leads(new Painter(), length, y)
  p.rod(radius, body, '#d8c08e', 0, y, 14)
  p.add(new SphereGeometry(radius * 1.25, 14, 10), '#d8c08e', [-body / 2, y, 0], [0, 0, 0], [0.8, 1, 1])
  p.add(new SphereGeometry(radius * 1.25, 14, 10), '#d8c08e', [body / 2, y, 0], [0, 0, 0], [0.8, 1, 1])
  const bands = ohms !== undefined && ohms > 0 ? safeBands(ohms) : []
  const digits = bands.slice(0, -1)
  const step = body / (digits.length + 2.5)
  digits.forEach((band, i) => p.rod(radius * 1.08, 0.0028, BAND_PAINT[band], -body / 2 + step * (i + 0.9), y, 14))
  if (bands.length > 0) p.rod(radius * 1.08, 0.0028, BAND_PAINT[bands.at(-1)!], body / 2 - step * 0.7, y, 14)
  return p.merge()
}

/** A value the code cannot paint (more than three digits) is shown without bands rather than failing the scene. */
function safeBands(ohms: number) {
  try {
    return resistorBands(ohms)
  } catch {
    return []
  }
}

/** The bulb's holder: leads and a threaded metal socket; the glass and filament are drawn apart because they glow. */
export function bulbBaseGeometry(length: number): BufferGeometry {
  return leads(new Painter(), length)
    .add(new CylinderGeometry(0.009, 0.011, 0.006, 16), '#3b4148', [0, 0.004, 0])
    .add(new CylinderGeometry(0.0065, 0.0065, 0.01, 16), '#b9bec4', [0, 0.012, 0])
    .add(new TorusGeometry(0.0066, 0.0009, 4, 16), '#8d939a', [0, 0.011, 0], [Math.PI / 2, 0, 0])
    .add(new TorusGeometry(0.0066, 0.0009, 4, 16), '#8d939a', [0, 0.014, 0], [Math.PI / 2, 0, 0])
    .merge()
}

/** A coiled filament between two support wires, inside the glass. */
export function filamentGeometry(): BufferGeometry {
  return new Painter()
    .add(new CylinderGeometry(0.0006, 0.0006, 0.012, 4), '#6b6b6b', [-0.003, 0.023, 0])
    .add(new CylinderGeometry(0.0006, 0.0006, 0.012, 4), '#6b6b6b', [0.003, 0.023, 0])
    .add(new TorusGeometry(0.0032, 0.0009, 6, 18, Math.PI), '#ffffff', [0, 0.0285, 0])
    .merge()
}

/** A knife switch's base: leads, an insulating block, the hinge post at end a and the jaw at end b. */
export function switchBaseGeometry(length: number): BufferGeometry {
  const span = length * 0.7
  return leads(new Painter(), length)
    .add(new BoxGeometry(span + 0.012, 0.005, 0.018), '#5b4636', [0, 0.006, 0])
    .add(new BoxGeometry(0.006, 0.012, 0.01), '#c9ccd1', [-span / 2, 0.013, 0])
    .add(new BoxGeometry(0.005, 0.012, 0.002), '#c9ccd1', [span / 2, 0.013, 0.0032])
    .add(new BoxGeometry(0.005, 0.012, 0.002), '#c9ccd1', [span / 2, 0.013, -0.0032])
    .merge()
}

/** The switch's blade from the hinge (local origin) to the jaw, with an insulated handle. */
export function switchLeverGeometry(length: number): BufferGeometry {
  const span = length * 0.7
  return new Painter()
    .add(new BoxGeometry(span, 0.0025, 0.004), '#d5893a', [span / 2, 0, 0])
    .add(new BoxGeometry(0.004, 0.012, 0.008), '#b91c1c', [span * 0.92, 0.006, 0])
    .merge()
}

export const METER_FACE = { width: 0.072, height: 0.036, depth: 0.014 }

/** A meter's case standing toward the student: a coloured rim (red for an ammeter, blue for a voltmeter) around a pale LCD face. */
export function meterGeometry(kind: 'ammeter' | 'voltmeter'): BufferGeometry {
  const { width, height, depth } = METER_FACE
  return new Painter()
    .add(new BoxGeometry(width, height, depth), kind === 'ammeter' ? '#a3222a' : '#1e4fa8', [0, 0, 0])
    .add(new BoxGeometry(width * 0.86, height * 0.62, 0.002), '#c9d8b6', [0, height * 0.08, depth / 2])
    .add(new BoxGeometry(width, 0.006, depth * 1.3), '#2b2f33', [0, -height / 2, 0])
    .merge()
}

/** Terminal post: a dark hex nut on the board and a brass post; the post takes each instance's colour. */
export function postGeometry(radius: number, height: number): BufferGeometry {
  return new Painter()
    .add(new CylinderGeometry(radius * 1.45, radius * 1.45, height * 0.22, 6), '#55595e', [0, -height * 0.39, 0])
    .add(new CylinderGeometry(radius, radius, height * 0.78, 16), '#ffffff', [0, height * 0.11, 0])
    .add(new CylinderGeometry(radius * 0.8, radius, height * 0.06, 16), '#ffffff', [0, height * 0.53, 0])
    .merge()
}

/** The spark of a short: thin rays from a point, flickered by the view. */
export function sparkGeometry(): BufferGeometry {
  const p = new Painter()
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2
    const long = i % 2 === 0 ? 0.03 : 0.018
    p.add(new BoxGeometry(long, 0.0016, 0.0016), i % 2 === 0 ? '#fff7c2' : '#ffd54a', [(Math.cos(a) * long) / 2, (Math.sin(a) * long) / 2, 0], [0, 0, a])
  }
  return p.merge()
}
