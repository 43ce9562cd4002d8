/**
 * The DC solver against circuits worked by hand (series, parallel, mixed, internal resistance,
 * meters in the right and wrong places, shorts, open and floating parts), then Kirchhoff's and
 * Ohm's laws on random circuits.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { solveCircuit, type Circuit, type Part, type Solution } from '../../../scenes/circuits/model'
import { build } from './build'

const board = { cols: 6, rows: 4 }
const REL = 1e-9

function expectClose(actual: number, expected: number, what: string) {
  const scale = Math.max(1, Math.abs(expected))
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(REL)
}
const current = (s: Solution, id: string) => s.parts[id]!.current
const kinds = (s: Solution) => s.problems.map((p) => p.kind).sort()

describe('reference circuits, worked by hand', () => {
  it('one resistor: I = V / R, and the battery drives current out of its + end', () => {
    // Battery - at A2, + at A1; the loop runs A1 -> B1 -> resistor -> C1 -> C2 -> A2.
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'C1', value: 3 },
      { kind: 'wire', from: 'C1', to: 'C2' },
      { kind: 'wire', from: 'C2', to: 'A2' },
    ]))
    expectClose(current(s, 'battery-1'), 2, 'battery current')
    expectClose(current(s, 'resistor-1'), 2, 'resistor current a->b')
    expectClose(s.parts['resistor-1']!.voltage, -6, 'potential falls by 6 V across the resistor')
    expectClose(s.parts['resistor-1']!.power, 12, 'P = I^2 R')
    for (const w of ['wire-1', 'wire-2', 'wire-3']) expectClose(Math.abs(current(s, w)), 2, w)
    expect(s.problems).toEqual([])
  })

  it('series: 9 V over 1 + 2 + 6 ohm gives 1 A and splits the voltage 1 : 2 : 6', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 9 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 1 },
      { kind: 'resistor', from: 'B1', to: 'C1', value: 2 },
      { kind: 'resistor', from: 'C1', to: 'D1', value: 6 },
      { kind: 'wire', from: 'D1', to: 'A2' },
    ]))
    for (const id of ['resistor-1', 'resistor-2', 'resistor-3']) expectClose(current(s, id), 1, `${id} same current in series`)
    expectClose(-s.parts['resistor-1']!.voltage, 1, 'V1')
    expectClose(-s.parts['resistor-2']!.voltage, 2, 'V2')
    expectClose(-s.parts['resistor-3']!.voltage, 6, 'V3')
  })

  it('parallel: 12 V across 4, 6 and 12 ohm gives 3, 2 and 1 A, 6 A from the battery', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 12 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 4 },
      { kind: 'wire', from: 'B1', to: 'C1' },
      { kind: 'resistor', from: 'C1', to: 'C2', value: 6 },
      { kind: 'wire', from: 'C1', to: 'D1' },
      { kind: 'resistor', from: 'D1', to: 'D2', value: 12 },
      { kind: 'wire', from: 'B2', to: 'A2' },
      { kind: 'wire', from: 'C2', to: 'B2' },
      { kind: 'wire', from: 'D2', to: 'C2' },
    ]))
    expectClose(current(s, 'battery-1'), 6, 'battery')
    expectClose(current(s, 'resistor-1'), 3, '4 ohm')
    expectClose(current(s, 'resistor-2'), 2, '6 ohm')
    expectClose(current(s, 'resistor-3'), 1, '12 ohm')
    for (const id of ['resistor-1', 'resistor-2', 'resistor-3']) expectClose(s.parts[id]!.voltage, -12, `${id} has the full 12 V`)
    // Wire currents by KCL: 6 A into B1, 3 A on to C1, 1 A on to D1.
    expectClose(Math.abs(current(s, 'wire-1')), 6, 'A1-B1')
    expectClose(Math.abs(current(s, 'wire-2')), 3, 'B1-C1')
    expectClose(Math.abs(current(s, 'wire-3')), 1, 'C1-D1')
  })

  it('mixed with internal resistance: 10 V, r = 1, 2 ohm then 6 || 3 ohm: 2 A, 8 V at the terminals', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 10, r: 1 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 2 },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 6 },
      { kind: 'wire', from: 'B1', to: 'C1' },
      { kind: 'resistor', from: 'C1', to: 'C2', value: 3 },
      { kind: 'wire', from: 'C2', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
      { kind: 'voltmeter', from: 'A2', to: 'A1' },
    ]))
    expectClose(current(s, 'battery-1'), 2, 'battery')
    expectClose(s.parts['voltmeter-1']!.voltage, 8, 'terminal voltage = emf - I r')
    expectClose(s.parts['battery-1']!.power, 4, 'heat in the internal resistance')
    expectClose(current(s, 'resistor-2'), 2 / 3, '6 ohm branch')
    expectClose(current(s, 'resistor-3'), 4 / 3, '3 ohm branch')
    expectClose(current(s, 'voltmeter-1'), 0, 'an ideal voltmeter takes no current')
  })

  it('a balanced Wheatstone bridge carries nothing across the middle', () => {
    // Left arm 1 + 2 ohm, right arm 2 + 4 ohm, bridge 7 ohm between the midpoints.
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A3', to: 'A2', value: 10 },
      { kind: 'wire', from: 'A2', to: 'A1' },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 1 },
      { kind: 'resistor', from: 'B2', to: 'B3', value: 2 },
      { kind: 'wire', from: 'B1', to: 'D1' },
      { kind: 'resistor', from: 'D1', to: 'D2', value: 2 },
      { kind: 'resistor', from: 'D2', to: 'D3', value: 4 },
      { kind: 'wire', from: 'B2', to: 'C2' },
      { kind: 'resistor', from: 'C2', to: 'D2', value: 7 },
      { kind: 'wire', from: 'B3', to: 'A3' },
      { kind: 'wire', from: 'D3', to: 'B3' },
    ]))
    expectClose(current(s, 'resistor-5'), 0, 'bridge')
    expectClose(current(s, 'resistor-1'), 10 / 3, 'left arm')
    expectClose(current(s, 'resistor-3'), 10 / 6, 'right arm')
    expectClose(current(s, 'battery-1'), 5, 'battery')
  })

  it('an unbalanced bridge matches its nodal solution worked by hand', () => {
    // R1 = 1 (top-left), R2 = 3 (bottom-left), R3 = 2 (top-right), R4 = 1 (bottom-right), R5 = 1 bridge; 12 V ideal.
    // Nodes: top 12 V, bottom 0; left midpoint x, right midpoint y.
    //   (12 - x)/1 = x/3 + (x - y)/1  and  (12 - y)/2 + (x - y)/1 = y/1
    //   give y = 7x/3 - 12 and y = (6 + x)/2.5, so x = 216/29 V and y = 156/29 V.
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A3', to: 'A2', value: 12 },
      { kind: 'wire', from: 'A2', to: 'A1' },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 1 },
      { kind: 'resistor', from: 'B2', to: 'B3', value: 3 },
      { kind: 'wire', from: 'B1', to: 'D1' },
      { kind: 'resistor', from: 'D1', to: 'D2', value: 2 },
      { kind: 'resistor', from: 'D2', to: 'D3', value: 1 },
      { kind: 'wire', from: 'B2', to: 'C2' },
      { kind: 'resistor', from: 'C2', to: 'D2', value: 1 },
      { kind: 'wire', from: 'B3', to: 'A3' },
      { kind: 'wire', from: 'D3', to: 'B3' },
    ]))
    expectClose(current(s, 'resistor-1'), 132 / 29, 'R1: 12 - x')
    expectClose(current(s, 'resistor-2'), 72 / 29, 'R2: x / 3')
    expectClose(current(s, 'resistor-5'), 60 / 29, 'bridge: x - y')
    expectClose(current(s, 'resistor-3'), 96 / 29, 'R3: (12 - y) / 2')
    expectClose(current(s, 'resistor-4'), 156 / 29, 'R4: y')
    expectClose(current(s, 'battery-1'), 228 / 29, 'battery: R1 + R3')
  })

  it('batteries in series add, and opposed they subtract', () => {
    const aiding = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 1.5 },
      { kind: 'battery', from: 'A3', to: 'A2', value: 1.5 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 3 },
      { kind: 'wire', from: 'B2', to: 'A3' },
    ]))
    expectClose(current(aiding, 'resistor-1'), 1, '3 V over 3 ohm')
    const opposed = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 9 },
      { kind: 'battery', from: 'A2', to: 'A3', value: 3 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 2 },
      { kind: 'wire', from: 'B2', to: 'A3' },
    ]))
    expectClose(current(opposed, 'resistor-1'), 3, '(9 - 3) V over 2 ohm')
    expectClose(current(opposed, 'battery-2'), -3, 'the 3 V battery is driven backwards (charged)')
  })

  it('two real batteries in parallel share the load as Millman says', () => {
    // 6 V and 3 V, 1 ohm each, across 1 ohm: V = (6 + 3) / 3 = 3 V; currents 3, 0 and 3 A.
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6, r: 1 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'battery', from: 'B2', to: 'B1', value: 3, r: 1 },
      { kind: 'wire', from: 'B1', to: 'C1' },
      { kind: 'resistor', from: 'C1', to: 'C2', value: 1 },
      { kind: 'wire', from: 'C2', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ]))
    expectClose(current(s, 'battery-1'), 3, '6 V battery')
    expectClose(current(s, 'battery-2'), 0, '3 V battery')
    expectClose(current(s, 'resistor-1'), 3, 'load')
    // A battery carrying nothing is not a problem to report.
    expect(s.parts['battery-2']!.current).toBeCloseTo(0, 12)
    expect(s.problems).toEqual([])
  })

  it('bulbs: brightness from power; equal bulbs in series glow equally', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 4 },
      { kind: 'bulb', from: 'A1', to: 'B1', value: 4 },
      { kind: 'bulb', from: 'B1', to: 'C1', value: 4 },
      { kind: 'wire', from: 'C1', to: 'A2' },
    ]))
    // 0.5 A each, 1 W each: full brightness at the 1 W rating.
    expectClose(s.parts['bulb-1']!.power, 1, 'P = I^2 R')
    expect(s.parts['bulb-1']!.brightness).toBe(s.parts['bulb-2']!.brightness)
    expect(s.parts['bulb-1']!.lit).toBe(true)
  })
})

describe('wrong places, shorts, gaps', () => {
  it('an open switch stops the current; a voltmeter across the gap reads the battery voltage', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'switch', from: 'A1', to: 'B1', closed: false },
      { kind: 'bulb', from: 'B1', to: 'B2', value: 10 },
      { kind: 'wire', from: 'B2', to: 'A2' },
      { kind: 'voltmeter', from: 'B1', to: 'A1' },
    ]))
    expectClose(current(s, 'bulb-1'), 0, 'no current')
    expect(s.parts['bulb-1']!.lit).toBe(false)
    expectClose(s.parts['voltmeter-1']!.voltage, 6, 'the whole voltage appears across the open switch')
    expect(kinds(s)).toEqual(['open-circuit'])
  })

  it('a voltmeter placed in series blocks the current and reads the battery voltage', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'voltmeter', from: 'B1', to: 'A1' },
      { kind: 'bulb', from: 'B1', to: 'B2', value: 10 },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ]))
    expectClose(current(s, 'bulb-1'), 0, 'no current through a voltmeter')
    expectClose(s.parts['voltmeter-1']!.voltage, 6, 'reading')
  })

  it('an ammeter across a resistor shorts it out and carries the whole current', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 2 },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 4 },
      { kind: 'ammeter', from: 'B1', to: 'C1' },
      { kind: 'wire', from: 'C1', to: 'C2' },
      { kind: 'wire', from: 'C2', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ]))
    expectClose(current(s, 'resistor-2'), 0, 'shorted resistor')
    expectClose(current(s, 'ammeter-1'), 3, 'ammeter takes all 3 A')
    expectClose(current(s, 'resistor-1'), 3, '6 V over 2 ohm')
  })

  it('a wire across an ideal battery is reported as a short, with finite numbers', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'wire', from: 'A1', to: 'A2' },
      { kind: 'bulb', from: 'A1', to: 'B1', value: 10 },
      { kind: 'wire', from: 'B1', to: 'A2' },
    ]))
    expect(kinds(s)).toContain('short-circuit')
    expect(s.problems.find((p) => p.kind === 'short-circuit')!.message).toMatch(/battery-1 is short-circuited/)
    for (const r of Object.values(s.parts)) for (const v of [r.current, r.voltage, r.power, r.brightness]) expect(Number.isFinite(v)).toBe(true)
    expect(s.parts['bulb-1']!.lit).toBe(false)
  })

  it('a shorted real battery pushes emf / r through the wire', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 1.5, r: 0.5 },
      { kind: 'wire', from: 'A1', to: 'A2' },
    ]))
    expectClose(current(s, 'battery-1'), 3, 'short-circuit current')
    expectClose(Math.abs(current(s, 'wire-1')), 3, 'through the wire')
    expect(kinds(s)).toEqual(['short-circuit'])
  })

  it('two ideal batteries straight across each other are reported, not solved', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'battery', from: 'B2', to: 'B1', value: 3 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'wire', from: 'A2', to: 'B2' },
    ]))
    expect(kinds(s)).toContain('battery-loop')
    expect(s.parts['battery-1']!.powered).toBe(false)
  })

  it('parallel wires share the current equally', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 2 },
      { kind: 'wire', from: 'A1', to: 'C1', id: 'wire-x' },
      { kind: 'wire', from: 'A1', to: 'C1', id: 'wire-y' },
      { kind: 'resistor', from: 'C1', to: 'C2', value: 1 },
      { kind: 'wire', from: 'C2', to: 'A2' },
    ]))
    expectClose(current(s, 'wire-x'), 1, 'half')
    expectClose(current(s, 'wire-y'), 1, 'half')
  })

  it('names floating and half-connected parts', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'bulb', from: 'A1', to: 'B1', value: 10 },
      { kind: 'resistor', from: 'E3', to: 'F3', value: 5 },
    ]))
    expect(kinds(s)).toEqual(['dangling', 'dangling', 'dangling', 'floating', 'open-circuit'])
    expect(s.problems.find((p) => p.kind === 'floating')!.parts).toEqual(['resistor-1'])
  })

  it('refuses a malformed circuit with an error naming the part', () => {
    expect(() => solveCircuit(build(board, [{ kind: 'resistor', from: 'A1', to: 'C1', value: 5 }]))).toThrow(/resistor-1 cannot go there: a resistor spans two neighbouring terminals/)
    expect(() => solveCircuit(build(board, [{ kind: 'resistor', from: 'A1', to: 'B1', value: -5 }]))).toThrow(/resistor-1 needs a resistance above 0 ohms, got -5/)
    expect(() => solveCircuit({ board, parts: [{ id: 'w', kind: 'wire', a: 0, b: 99, label: 'Wire 1' }] })).toThrow(/Wire 1 cannot go there: terminal 99 is not on the 6 by 4 board/)
  })
})

/** Random circuits on a 5 x 4 board: any mix of parts, loops, shorts and gaps. */
const smallBoard = { cols: 5, rows: 4 }
const edges: [number, number][] = []
for (let r = 0; r < smallBoard.rows; r++) {
  for (let c = 0; c < smallBoard.cols; c++) {
    const t = r * smallBoard.cols + c
    if (c + 1 < smallBoard.cols) edges.push([t, t + 1])
    if (r + 1 < smallBoard.rows) edges.push([t, t + smallBoard.cols])
  }
}
const partArb = fc.oneof(
  fc.record({ kind: fc.constantFrom('resistor' as const, 'bulb' as const), edge: fc.nat(edges.length - 1), value: fc.double({ min: 0.5, max: 100, noNaN: true }), flip: fc.boolean() }),
  fc.record({ kind: fc.constant('battery' as const), edge: fc.nat(edges.length - 1), value: fc.double({ min: 0.5, max: 12, noNaN: true }), r: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 2, noNaN: true })), flip: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('switch' as const), edge: fc.nat(edges.length - 1), closed: fc.boolean(), flip: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('ammeter' as const, 'voltmeter' as const), edge: fc.nat(edges.length - 1), flip: fc.boolean() }),
  fc.record({ kind: fc.constant('wire' as const), from: fc.nat(19), to: fc.nat(19) }),
)

type PartDraw = typeof partArb extends fc.Arbitrary<infer T> ? T : never

function randomCircuit(specs: PartDraw[]): Circuit {
  const parts: Part[] = []
  const used = new Set<number>()
  specs.forEach((s, i) => {
    const id = `${s.kind}-${i}`
    if (s.kind === 'wire') {
      if (s.from !== s.to) parts.push({ id, kind: 'wire', a: s.from, b: s.to, label: id })
      return
    }
    if (used.has(s.edge)) return
    used.add(s.edge)
    const [a, b] = s.flip ? [edges[s.edge]![1], edges[s.edge]![0]] : edges[s.edge]!
    const part: Part = { id, kind: s.kind, a, b, label: id }
    if ('value' in s) part.value = s.value
    if ('r' in s) part.internalResistance = s.r
    if ('closed' in s) part.closed = s.closed
    if (s.kind === 'bulb') part.ratedPower = 1
    parts.push(part)
  })
  return { board: smallBoard, parts }
}

describe('laws on random circuits', () => {
  it("Kirchhoff's current law holds at every terminal, Ohm's law in every part, and nothing is NaN", () => {
    fc.assert(
      fc.property(fc.array(partArb, { minLength: 1, maxLength: 24 }), (specs) => {
        const circuit = randomCircuit(specs)
        const s = solveCircuit(circuit)
        const net = new Float64Array(20)
        let scale = 1
        for (const p of circuit.parts) {
          const r = s.parts[p.id]!
          for (const v of [r.current, r.voltage, r.power, r.brightness]) expect(Number.isFinite(v), p.id).toBe(true)
          net[p.a] = net[p.a]! - r.current
          net[p.b] = net[p.b]! + r.current
          scale = Math.max(scale, Math.abs(r.current))
          if (!r.powered) continue
          const tol = 1e-9 * Math.max(1, Math.abs(r.voltage), Math.abs(r.current) * (p.value ?? 1))
          if (p.kind === 'resistor' || p.kind === 'bulb') expect(Math.abs(r.voltage + r.current * p.value!), `${p.id} V = IR`).toBeLessThanOrEqual(tol)
          if (p.kind === 'battery') expect(Math.abs(r.voltage - (p.value! - r.current * (p.internalResistance ?? 0))), `${p.id} V = emf - Ir`).toBeLessThanOrEqual(tol)
          if (p.kind === 'wire' || p.kind === 'ammeter' || (p.kind === 'switch' && p.closed)) expect(Math.abs(r.voltage), `${p.id} no voltage across a link`).toBeLessThanOrEqual(tol)
          if (p.kind === 'voltmeter' || (p.kind === 'switch' && !p.closed)) expect(r.current).toBe(0)
        }
        for (let t = 0; t < 20; t++) expect(Math.abs(net[t]!), `KCL at terminal ${t}`).toBeLessThanOrEqual(1e-9 * scale)
      }),
      { numRuns: 400 },
    )
  })

  it("Kirchhoff's voltage law: potentials are single-valued, so the voltages round any loop add to zero", () => {
    fc.assert(
      fc.property(fc.array(partArb, { minLength: 1, maxLength: 24 }), (specs) => {
        const circuit = randomCircuit(specs)
        const s = solveCircuit(circuit)
        // Each powered part's voltage equals the difference of its terminals' potentials: any loop sum then telescopes to 0.
        for (const p of circuit.parts) {
          const r = s.parts[p.id]!
          if (!r.powered) continue
          const expected = s.terminalVoltage[p.b]! - s.terminalVoltage[p.a]!
          expect(Math.abs(r.voltage - expected), p.id).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)))
        }
      }),
      { numRuns: 200 },
    )
  })
})
