/**
 * More circuits a student can build, solved by hand, for what the solver's other tests leave
 * open: two separate circuits on one bench (each from its own battery; a short in one does not
 * stop the other), where potentials are measured from, meters with a lead in another circuit,
 * the power an ideal battery loses (none), and which loose parts are named how.
 */
import { describe, expect, it } from 'vitest'
import { parseTerminalName, solveCircuit } from '../../../scenes/circuits/model'
import { build } from './build'

const board = { cols: 6, rows: 4 }
const at = (name: string): number => parseTerminalName(board, name)!

describe('two circuits on one bench', () => {
  // Left: 6 V over 3 ohm (2 A). Right: 9 V with 1 ohm inside, over 2 ohm (3 A).
  const left = [
    { kind: 'battery' as const, from: 'A2', to: 'A1', value: 6 },
    { kind: 'resistor' as const, from: 'A1', to: 'B1', value: 3 },
    { kind: 'wire' as const, from: 'B1', to: 'A2' },
  ]
  const right = [
    { kind: 'battery' as const, from: 'E2', to: 'E1', value: 9, r: 1 },
    { kind: 'resistor' as const, from: 'E1', to: 'F1', value: 2 },
    { kind: 'wire' as const, from: 'F1', to: 'E2' },
  ]

  it('each is solved from its own battery, its potentials from its own - end', () => {
    const s = solveCircuit(build(board, [...left, ...right]))
    expect(s.problems).toEqual([])
    expect(s.parts['resistor-1']!.current).toBeCloseTo(2, 12)
    expect(s.parts['resistor-2']!.current).toBeCloseTo(3, 12)
    expect(s.parts['battery-2']!.voltage).toBeCloseTo(6, 12)
    expect(s.parts['battery-2']!.power).toBeCloseTo(9, 12)
    // Each circuit's - end is its 0 V.
    expect(s.terminalVoltage[at('A1')]).toBeCloseTo(6, 12)
    expect(s.terminalVoltage[at('A2')]).toBe(0)
    expect(s.terminalVoltage[at('E1')]).toBeCloseTo(6, 12)
    expect(s.terminalVoltage[at('E2')]).toBe(0)
    for (const t of ['A1', 'A2', 'B1', 'E1', 'E2', 'F1']) expect(s.terminalPowered[at(t)], t).toBe(1)
    for (const t of ['C1', 'D3', 'F4']) expect(s.terminalPowered[at(t)], t).toBe(0)
  })

  it('a short across one ideal battery leaves the other circuit working', () => {
    const s = solveCircuit(build(board, [...left, { kind: 'wire', from: 'A1', to: 'A2' }, ...right]))
    expect(s.problems.map((p) => [p.kind, p.parts])).toEqual([['short-circuit', ['battery-1']]])
    expect(s.parts['resistor-1']!.powered).toBe(false)
    expect(s.parts['resistor-2']).toMatchObject({ powered: true })
    expect(s.parts['resistor-2']!.current).toBeCloseTo(3, 12)
    expect(s.terminalPowered[at('A1')]).toBe(0)
    expect(s.terminalPowered[at('E1')]).toBe(1)
  })

  it('a loop with no battery in it floats; the other circuit still works', () => {
    const s = solveCircuit(build(board, [
      ...right,
      { kind: 'resistor', from: 'A3', to: 'B3', value: 4 },
      { kind: 'wire', from: 'B3', to: 'A3' },
    ]))
    expect(s.problems.map((p) => p.kind)).toEqual(['floating'])
    expect(s.problems[0]!.parts).toEqual(['resistor-2', 'wire-2'])
    expect(s.parts['resistor-1']!.current).toBeCloseTo(3, 12)
    expect(s.parts['resistor-2']).toMatchObject({ powered: false, current: 0 })
  })

  it('a voltmeter between the two circuits has no common reference: it reads nothing', () => {
    const s = solveCircuit(build(board, [...left, ...right, { kind: 'voltmeter', from: 'B1', to: 'E1' }]))
    expect(s.parts['voltmeter-1']).toMatchObject({ powered: false, voltage: 0, current: 0 })
    // Within one circuit it reads the difference: B1 (0 V) to A1 (6 V).
    const within = solveCircuit(build(board, [...left, { kind: 'voltmeter', from: 'B1', to: 'A1' }]))
    expect(within.parts['voltmeter-1']!.powered).toBe(true)
    expect(within.parts['voltmeter-1']!.voltage).toBeCloseTo(6, 12)
  })
})

describe('batteries', () => {
  it('an ideal battery loses no power; its current is what the loop draws', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 12 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 4 },
      { kind: 'wire', from: 'B1', to: 'A2' },
    ]))
    expect(s.parts['battery-1']).toMatchObject({ power: 0, powered: true, brightness: 0, lit: false })
    expect(s.parts['battery-1']!.current).toBeCloseTo(3, 12)
    expect(s.parts['battery-1']!.voltage).toBeCloseTo(12, 12)
  })

  it('potentials are measured from the - end of the first battery listed', () => {
    // 1.5 V (battery-1, - at B2) above 3 V (battery-2, - at A2), in series over 9 ohm: 0.5 A.
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'B2', to: 'B1', value: 1.5 },
      { kind: 'battery', from: 'A2', to: 'A1', value: 3 },
      { kind: 'wire', from: 'A1', to: 'B2' },
      { kind: 'resistor', from: 'B1', to: 'C1', value: 9 },
      { kind: 'wire', from: 'C1', to: 'A2' },
    ]))
    expect(s.parts['resistor-1']!.current).toBeCloseTo(0.5, 12)
    expect(s.terminalVoltage[at('B2')]).toBe(0)
    expect(s.terminalVoltage[at('B1')]).toBeCloseTo(1.5, 12)
    expect(s.terminalVoltage[at('A2')]).toBeCloseTo(-3, 12)
    expect(s.terminalVoltage[at('C1')]).toBeCloseTo(-3, 12)
  })
})

describe('where potentials are measured from, whatever order the parts were placed in', () => {
  it('a resistor placed before the battery: still 0 V at the battery\'s - end, 6 V at its +', () => {
    const s = solveCircuit(build(board, [
      { kind: 'resistor', from: 'B1', to: 'B2', value: 3 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ]))
    expect(s.terminalVoltage[at('A2')]).toBe(0)
    expect(s.terminalVoltage[at('B1')]).toBeCloseTo(6, 12)
    expect(s.terminalVoltage[at('B2')]).toBe(0)
  })
})

describe('loose parts', () => {
  it('an open switch on its own is loose at both ends but not "floating" (it carries nothing anyway)', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 2 },
      { kind: 'wire', from: 'B1', to: 'A2' },
      { kind: 'switch', from: 'D3', to: 'E3', closed: false },
    ]))
    expect(s.problems).toEqual([{ kind: 'dangling', parts: ['switch-1'], message: 'switch-1 is connected at neither end.' }])
    expect(s.parts['switch-1']!.powered).toBe(false)
  })

  it('a voltmeter with a loose lead is not "dangling", and reads nothing', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 2 },
      { kind: 'wire', from: 'B1', to: 'A2' },
      { kind: 'voltmeter', from: 'A1', to: 'D4' },
    ]))
    expect(s.problems).toEqual([])
    expect(s.parts['voltmeter-1']).toMatchObject({ powered: false, voltage: 0 })
    expect(s.terminalPowered[at('D4')]).toBe(0)
  })
})

describe('a circuit the elimination cannot trust', () => {
  it('a 1e-14 ohm resistor beside a 1 ohm one: reported as having no single answer, with no NaN', () => {
    // The second pivot (1 S) is under 1e-13 of the largest entry (1e14 S): singular to working
    // precision. The solver must say so rather than return numbers.
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 1 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 1e-14 },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 1 },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ]))
    expect(s.problems).toEqual([{ kind: 'battery-loop', parts: ['battery-1'], message: 'This circuit has no single answer: check for batteries joined straight to each other.' }])
    for (const id of ['battery-1', 'resistor-1', 'resistor-2', 'wire-1']) expect(s.parts[id], id).toMatchObject({ powered: false, current: 0, voltage: 0, power: 0 })
    expect(Array.from(s.terminalPowered).every((p) => p === 0)).toBe(true)
  })
})

describe('more circuits worked by hand', () => {
  it('two 1.5 V cells in series over 3 ohm: 1 A through each cell and the resistor; + of the second at 3 V', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 1.5 },
      { kind: 'battery', from: 'A3', to: 'A2', value: 1.5 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 3 },
      { kind: 'wire', from: 'B2', to: 'A3' },
    ]))
    expect(s.problems).toEqual([])
    for (const id of ['battery-1', 'battery-2', 'resistor-1']) expect(s.parts[id]!.current, id).toBeCloseTo(1, 12)
    // From battery-1's - end (A2): A1 is 1.5 V up, A3 1.5 V down; across the resistor 3 V.
    expect(s.terminalVoltage[at('A1')]).toBeCloseTo(1.5, 12)
    expect(s.terminalVoltage[at('A3')]).toBeCloseTo(-1.5, 12)
    expect(s.parts['resistor-1']!.voltage).toBeCloseTo(-3, 12)
  })

  it('a bulb at exactly 5% of its rating is lit: 2 V over 4 ohm is 1 W, rated 20 W', () => {
    const c = build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 2 },
      { kind: 'bulb', from: 'A1', to: 'B1', value: 4 },
      { kind: 'wire', from: 'B1', to: 'A2' },
    ])
    // 1 W is exactly the 5% threshold of 20 W (0.05 x 20 = 1 in binary too).
    c.parts[1]!.ratedPower = 20
    expect(solveCircuit(c).parts['bulb-1']).toMatchObject({ power: 1, brightness: 0.05, lit: true })
  })

  it('an open loop is named for its own battery only, beside a working circuit', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 3 },
      { kind: 'wire', from: 'B1', to: 'A2' },
      { kind: 'battery', from: 'E2', to: 'E1', value: 9 },
      { kind: 'resistor', from: 'E1', to: 'F1', value: 2 },
      { kind: 'wire', from: 'F1', to: 'F2' },
    ]))
    expect(s.problems.filter((p) => p.kind === 'open-circuit')).toEqual([{ kind: 'open-circuit', parts: ['battery-2'], message: 'No current flows: there is no closed loop from battery-2 back to it.' }])
    expect(s.parts['resistor-1']!.current).toBeCloseTo(2, 12)
  })

  it('a shorted real battery in one circuit does not hide an open loop in another', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6, r: 1 },
      { kind: 'wire', from: 'A1', to: 'A2' },
      { kind: 'battery', from: 'E2', to: 'E1', value: 9 },
      { kind: 'resistor', from: 'E1', to: 'F1', value: 2 },
      { kind: 'wire', from: 'F1', to: 'F2' },
    ]))
    expect(s.problems.map((p) => [p.kind, p.parts])).toEqual([['short-circuit', ['battery-1']], ['open-circuit', ['battery-2']], ['dangling', ['battery-2']], ['dangling', ['wire-2']]])
  })

  it('a flat (0 V) real cell shorted: no current, and the short is what is named, not also an open loop', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 0, r: 1 },
      { kind: 'wire', from: 'A1', to: 'A2' },
    ]))
    expect(s.parts['battery-1']!.current).toBe(0)
    expect(s.problems.map((p) => p.kind)).toEqual(['short-circuit'])
  })

  it('messages name parts by the label the student sees, not the id', () => {
    const c = build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'wire', from: 'A1', to: 'A2' },
      { kind: 'resistor', from: 'D3', to: 'E3', value: 5 },
    ])
    c.parts[0]!.label = 'Battery'
    c.parts[2]!.label = 'Resistor 1'
    const s = solveCircuit(c)
    expect(s.problems.map((p) => p.message)).toEqual([
      'Battery is short-circuited: its terminals are joined with nothing to limit the current.',
      'Not joined to any battery: Resistor 1.',
      'Resistor 1 is connected at neither end.',
    ])
  })

  it('wires branching from one point each carry their own branch: 2, 1 and 3 A from a 6 V battery', () => {
    // Top node: A1, B1, C1, D1 joined by wires drawn A1->B1, C1->B1, D1->A1. Branches to the
    // bottom: 3 ohm at B (2 A), 6 ohm at C (1 A), 2 ohm at D (3 A).
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'wire', from: 'C1', to: 'B1' },
      { kind: 'wire', from: 'D1', to: 'A1' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 3 },
      { kind: 'resistor', from: 'C1', to: 'C2', value: 6 },
      { kind: 'resistor', from: 'D1', to: 'D2', value: 2 },
      { kind: 'wire', from: 'B2', to: 'A2' },
      { kind: 'wire', from: 'C2', to: 'B2' },
      { kind: 'wire', from: 'D2', to: 'C2' },
    ]))
    expect(s.parts['battery-1']!.current).toBeCloseTo(6, 12)
    // A1 -> B1 feeds B's 2 A and C's 1 A; C1 -> B1 runs backwards (1 A from B1 to C1); D1 -> A1 backwards, 3 A.
    expect(s.parts['wire-1']!.current).toBeCloseTo(3, 12)
    expect(s.parts['wire-2']!.current).toBeCloseTo(-1, 12)
    expect(s.parts['wire-3']!.current).toBeCloseTo(-3, 12)
  })
})
