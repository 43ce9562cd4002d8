/**
 * What the circuit model tells a student, worked by hand: the board's terminal names, where a
 * part may go, every problem sentence (which parts, which words), a bulb's glow against its
 * rated power, and which terminals show a voltage. The numbers are Ohm's law on the parts drawn.
 */
import { describe, expect, it } from 'vitest'
import {
  adjacent, occupiedBy, parseTerminalName, placementError, solveCircuit, terminalCol, terminalId, terminalName, terminalRow, validateCircuit,
  type Circuit, type Part,
} from '../../../scenes/circuits/model'
import { build } from './build'

const board = { cols: 6, rows: 4 }
const problem = (c: Circuit, kind: string) => solveCircuit(c).problems.filter((p) => p.kind === kind)

describe('terminal names, as on a breadboard', () => {
  it('columns are letters from A, rows numbers from 1; ids run along the rows', () => {
    expect(terminalId(board, 0, 0)).toBe(0)
    expect(terminalId(board, 2, 1)).toBe(8)
    expect([terminalCol(board, 8), terminalRow(board, 8)]).toEqual([2, 1])
    expect(terminalName(board, 0)).toBe('A1')
    expect(terminalName(board, 8)).toBe('C2')
    expect(terminalName(board, 23)).toBe('F4')
    expect(terminalName({ cols: 26, rows: 12 }, 25 + 26 * 11)).toBe('Z12')
  })

  it('reads a typed name in either case and with spaces; refuses names off the board', () => {
    expect(parseTerminalName(board, 'C2')).toBe(8)
    expect(parseTerminalName(board, ' c 2 ')).toBe(8)
    expect(parseTerminalName(board, 'F4')).toBe(23)
    expect(parseTerminalName({ cols: 6, rows: 12 }, 'A12')).toBe(66)
    for (const name of ['G1', 'A5', 'A0', 'A', '2', 'AA1', 'A123', '', '@1', 'C2x']) expect(parseTerminalName(board, name), name).toBeNull()
  })
})

describe('where a part may go', () => {
  it('a resistor, bulb, battery or switch spans two neighbouring terminals; wires and meter leads anywhere', () => {
    expect(adjacent(board, 0, 1)).toBe(true)
    expect(adjacent(board, 0, 6)).toBe(true)
    expect(adjacent(board, 0, 7)).toBe(false) // diagonal
    expect(adjacent(board, 0, 2)).toBe(false)
    expect(adjacent(board, 5, 6)).toBe(false) // F1 and A2: next in number, not on the board
    for (const kind of ['resistor', 'bulb', 'battery', 'switch'] as const) {
      expect(placementError(board, { kind, a: 0, b: 1 })).toBeNull()
      expect(placementError(board, { kind, a: 0, b: 2 })).toBe(`a ${kind} spans two neighbouring terminals`)
    }
    for (const kind of ['wire', 'voltmeter', 'ammeter'] as const) expect(placementError(board, { kind, a: 0, b: 23 })).toBeNull()
  })

  it('names a terminal off the board, or both ends on one terminal', () => {
    expect(placementError(board, { kind: 'wire', a: -1, b: 3 })).toBe('terminal -1 is not on the 6 by 4 board')
    expect(placementError(board, { kind: 'wire', a: 3, b: 24 })).toBe('terminal 24 is not on the 6 by 4 board')
    expect(placementError(board, { kind: 'wire', a: 1.5, b: 3 })).toBe('terminal 1.5 is not on the 6 by 4 board')
    expect(placementError(board, { kind: 'wire', a: 23, b: 0 })).toBeNull()
    expect(placementError(board, { kind: 'wire', a: 4, b: 4 })).toBe('both ends are on the same terminal')
  })

  it('two parts may not share a pair of terminals, either way round; wires and meters may', () => {
    const parts = build(board, [
      { kind: 'resistor', from: 'A1', to: 'B1', value: 5 },
      { kind: 'wire', from: 'C1', to: 'D1' },
      { kind: 'voltmeter', from: 'A2', to: 'B2' },
    ]).parts
    expect(occupiedBy(parts, 0, 1)?.id).toBe('resistor-1')
    expect(occupiedBy(parts, 1, 0)?.id).toBe('resistor-1')
    expect(occupiedBy(parts, 2, 3)).toBeUndefined()
    expect(occupiedBy(parts, 6, 7)).toBeUndefined()
    expect(occupiedBy(parts, 0, 6)).toBeUndefined()
    // Sharing one terminal is not sharing the pair, whichever end it is.
    for (const [a, b] of [[6, 0], [5, 1], [1, 7], [7, 0]] as const) expect(occupiedBy(parts, a, b), `${a}-${b}`).toBeUndefined()
  })
})

describe('a malformed circuit is refused, naming the part and the fault', () => {
  const one = (part: Partial<Part>, b = board): Circuit => ({ board: b, parts: [{ id: 'p', kind: 'resistor', a: 0, b: 1, value: 5, label: 'Resistor 1', ...part }] })

  it('the board is 2 to 26 columns and at least a row', () => {
    for (const b of [{ cols: 1, rows: 4 }, { cols: 27, rows: 4 }, { cols: 6, rows: 0 }, { cols: 2.5, rows: 4 }, { cols: 6, rows: 1.5 }])
      expect(() => validateCircuit({ board: b, parts: [] }), JSON.stringify(b)).toThrow(`circuit: the board must be 2 to 26 columns wide and at least 1 row, got ${b.cols} x ${b.rows}`)
    for (const b of [{ cols: 2, rows: 1 }, { cols: 26, rows: 1 }]) expect(() => validateCircuit({ board: b, parts: [] })).not.toThrow()
  })

  it('ids are unique; a resistor or bulb needs ohms above 0; a battery volts and an internal resistance of 0 or more', () => {
    expect(() => validateCircuit({ board, parts: [one({}).parts[0]!, { ...one({}).parts[0]!, a: 2, b: 3 }] })).toThrow('circuit: two parts have the id "p"')
    for (const value of [0, -1, Infinity, NaN, undefined]) expect(() => validateCircuit(one({ value })), String(value)).toThrow(`circuit: Resistor 1 needs a resistance above 0 ohms, got ${value}`)
    expect(() => validateCircuit(one({ kind: 'bulb', value: 0, label: 'Bulb 2' }))).toThrow('circuit: Bulb 2 needs a resistance above 0 ohms, got 0')
    expect(() => validateCircuit(one({ kind: 'battery', value: undefined, label: 'Cell' }))).toThrow('circuit: Cell needs a voltage, got undefined')
    expect(() => validateCircuit(one({ kind: 'battery', value: Infinity, label: 'Cell' }))).toThrow('circuit: Cell needs a voltage, got Infinity')
    expect(() => validateCircuit(one({ kind: 'battery', value: 0, label: 'Cell' }))).not.toThrow()
    expect(() => validateCircuit(one({ kind: 'battery', value: 6, internalResistance: -0.5, label: 'Cell' }))).toThrow('circuit: Cell needs an internal resistance of 0 ohms or more, got -0.5')
    expect(() => validateCircuit(one({ kind: 'battery', value: 6, internalResistance: Infinity, label: 'Cell' }))).toThrow('got Infinity')
    // A part without a label is named by its id.
    expect(() => validateCircuit(one({ label: '', value: -2 }))).toThrow('circuit: p needs a resistance above 0 ohms, got -2')
    expect(() => validateCircuit(one({ label: '', a: 0, b: 2 }))).toThrow('circuit: p cannot go there: a resistor spans two neighbouring terminals')
  })
})

describe('problems, in the words the student reads', () => {
  it('an ideal battery shorted by a wire: nothing limits the current, and nothing is solved', () => {
    const c = build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'wire', from: 'A1', to: 'A2' },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 3 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ])
    const s = solveCircuit(c)
    expect(s.problems).toEqual([{ kind: 'short-circuit', parts: ['battery-1'], message: 'battery-1 is short-circuited: its terminals are joined with nothing to limit the current.' }])
    expect(s.parts['resistor-1']).toMatchObject({ powered: false, current: 0, voltage: 0 })
    expect(Array.from(s.terminalPowered).every((p) => p === 0)).toBe(true)
  })

  it('a real battery (1 ohm inside) shorted: 6 A, 36 W heating it, and it says why that is bad; not also "no current"', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6, r: 1 },
      { kind: 'wire', from: 'A1', to: 'A2' },
    ]))
    expect(s.problems).toEqual([{ kind: 'short-circuit', parts: ['battery-1'], message: 'battery-1 is short-circuited: its terminals are joined with nothing but its own internal resistance to limit the current, so it heats up and runs down fast.' }])
    expect(s.parts['battery-1']!.current).toBeCloseTo(6, 12)
    expect(s.parts['battery-1']!.power).toBeCloseTo(36, 12)
    expect(s.parts['battery-1']!.voltage).toBeCloseTo(0, 12)
  })

  it('a real battery (2 ohm inside) with a 4 ohm resistor: 1 A at 6 V, 4 V at its terminals, 2 W lost inside', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6, r: 2 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 4 },
      { kind: 'wire', from: 'B1', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ]))
    expect(s.problems).toEqual([])
    expect(s.parts['battery-1']!.current).toBeCloseTo(1, 12)
    expect(s.parts['battery-1']!.voltage).toBeCloseTo(4, 12)
    expect(s.parts['battery-1']!.power).toBeCloseTo(2, 12)
    expect(s.parts['resistor-1']!.power).toBeCloseTo(4, 12)
    // Potentials from the battery's - end: A2 = B2 = B1 = 0, A1 = 4 V.
    expect(s.terminalVoltage[parseTerminalName(board, 'A1')!]).toBeCloseTo(4, 12)
    expect(s.terminalVoltage[parseTerminalName(board, 'B2')!]).toBeCloseTo(0, 12)
  })

  it('an ideal battery across another: named, and its circuit unsolved', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'battery', from: 'B2', to: 'B1', value: 3 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'wire', from: 'A2', to: 'B2' },
    ]))
    expect(s.problems).toEqual([{ kind: 'battery-loop', parts: ['battery-2'], message: 'battery-2 is connected straight across another battery, with nothing between them to share the voltage.' }])
    expect(s.parts['battery-2']!.powered).toBe(false)
  })

  it('two real batteries in parallel share the load (no loop reported): 6 V and 3 V, 1 ohm each, meet at 4.5 V', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6, r: 1 },
      { kind: 'battery', from: 'B2', to: 'B1', value: 3, r: 1 },
      { kind: 'wire', from: 'A1', to: 'B1' },
      { kind: 'wire', from: 'A2', to: 'B2' },
    ]))
    expect(s.problems).toEqual([])
    expect(s.parts['battery-1']!.current).toBeCloseTo(1.5, 12)
    expect(s.parts['battery-2']!.current).toBeCloseTo(-1.5, 12)
    expect(s.parts['battery-1']!.voltage).toBeCloseTo(4.5, 12)
  })

  it('no closed loop: "back to it" for one battery, "back to them" for two', () => {
    const one = problem(build(board, [{ kind: 'battery', from: 'A2', to: 'A1', value: 6 }, { kind: 'resistor', from: 'A1', to: 'B1', value: 2 }]), 'open-circuit')
    expect(one).toEqual([{ kind: 'open-circuit', parts: ['battery-1'], message: 'No current flows: there is no closed loop from battery-1 back to it.' }])
    const two = problem(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'battery', from: 'A1', to: 'B1', value: 3 },
      { kind: 'resistor', from: 'B1', to: 'C1', value: 2 },
    ]), 'open-circuit')
    expect(two).toEqual([{ kind: 'open-circuit', parts: ['battery-1', 'battery-2'], message: 'No current flows: there is no closed loop from battery-1 and battery-2 back to them.' }])
  })

  it('an open switch stops the current; closed, it conducts like a wire', () => {
    const circuit = (closed: boolean) => build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'switch', from: 'A1', to: 'B1', closed },
      { kind: 'resistor', from: 'B1', to: 'B2', value: 3 },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ])
    const open = solveCircuit(circuit(false))
    expect(open.problems.map((p) => p.kind)).toEqual(['open-circuit'])
    // The whole 6 V appears across the open switch (A1 at 6 V, B1 pulled to 0 through the resistor).
    expect(open.parts['switch-1']).toMatchObject({ powered: true, current: 0 })
    expect(open.parts['switch-1']!.voltage).toBeCloseTo(-6, 12)
    const closed = solveCircuit(circuit(true))
    expect(closed.problems).toEqual([])
    expect(closed.parts['switch-1']!.current).toBeCloseTo(2, 12)
    expect(closed.parts['switch-1']!.voltage).toBe(0)
  })

  it('floating parts are listed by name, and a part loose at both ends says "neither end"', () => {
    const c = build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 2 },
      { kind: 'wire', from: 'B1', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
      { kind: 'resistor', from: 'E3', to: 'F3', value: 5 },
      { kind: 'bulb', from: 'E4', to: 'F4', value: 5 },
      { kind: 'voltmeter', from: 'D4', to: 'C4' },
    ])
    const s = solveCircuit(c)
    // The voltmeter is open (carries nothing), so only the resistor and bulb float; a meter is never "dangling".
    expect(problem(c, 'floating')).toEqual([{ kind: 'floating', parts: ['resistor-2', 'bulb-1'], message: 'Not joined to any battery: resistor-2, bulb-1.' }])
    expect(problem(c, 'dangling')).toEqual([
      { kind: 'dangling', parts: ['resistor-2'], message: 'resistor-2 is connected at neither end.' },
      { kind: 'dangling', parts: ['bulb-1'], message: 'bulb-1 is connected at neither end.' },
    ])
    expect(s.parts['resistor-2']!.powered).toBe(false)
    expect(s.parts['voltmeter-1']!.powered).toBe(false)
    // Terminals with nothing on them, or on an unpowered part, show no voltage.
    expect(s.terminalPowered[parseTerminalName(board, 'E3')!]).toBe(0)
    expect(s.terminalPowered[parseTerminalName(board, 'D1')!]).toBe(0)
    expect(s.terminalPowered[parseTerminalName(board, 'A1')!]).toBe(1)
  })

  it('a part joined at one end only says so', () => {
    const c = build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 2 },
      { kind: 'wire', from: 'B1', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
      { kind: 'resistor', from: 'B1', to: 'C1', value: 5, id: 'spare' },
    ])
    expect(problem(c, 'dangling')).toEqual([{ kind: 'dangling', parts: ['spare'], message: 'spare is connected at one end only.' }])
    // It hangs off the loop: powered, but no current through it, and its loose end sits at B1's potential.
    const s = solveCircuit(c)
    expect(s.parts.spare!.powered).toBe(true)
    expect(Math.abs(s.parts.spare!.current)).toBeLessThan(1e-12)
    expect(s.terminalVoltage[parseTerminalName(board, 'C1')!]).toBeCloseTo(s.terminalVoltage[parseTerminalName(board, 'B1')!]!, 12)
  })
})

describe('a bulb glows by its power against its rating', () => {
  const withBulb = (volts: number, ohms: number, ratedPower?: number): Circuit => {
    const c = build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: volts },
      { kind: 'bulb', from: 'A1', to: 'B1', value: ohms },
      { kind: 'wire', from: 'B1', to: 'B2' },
      { kind: 'wire', from: 'B2', to: 'A2' },
    ])
    const bulb = c.parts.find((p) => p.kind === 'bulb')!
    if (ratedPower === undefined) delete bulb.ratedPower
    else bulb.ratedPower = ratedPower
    return c
  }

  it('brightness is P / rated power, at most 1; lit from 5% of the rating', () => {
    // 6 V over 12 ohm: 0.5 A, 3 W. Rated 6 W: half bright.
    expect(solveCircuit(withBulb(6, 12, 6)).parts['bulb-1']).toMatchObject({ brightness: 0.5, lit: true })
    // Rated 1.5 W: past full, capped at 1.
    expect(solveCircuit(withBulb(6, 12, 1.5)).parts['bulb-1']).toMatchObject({ brightness: 1, lit: true })
    // 1 V over 10 ohm: 0.1 W. Rated 2 W: exactly 5%, lit; rated 2.1 W: just under, dark.
    const edge = solveCircuit(withBulb(1, 10, 2)).parts['bulb-1']!
    expect(edge.brightness).toBeCloseTo(0.05, 12)
    expect(edge.lit).toBe(true)
    expect(solveCircuit(withBulb(1, 10, 2.1)).parts['bulb-1']!.lit).toBe(false)
  })

  it('without a rating, 1 W is full brightness', () => {
    // 2 V over 8 ohm: 0.5 W.
    expect(solveCircuit(withBulb(2, 8)).parts['bulb-1']).toMatchObject({ brightness: 0.5, lit: true })
    // 0.2 V over 1 ohm: 0.04 W, under 5% of 1 W.
    expect(solveCircuit(withBulb(0.2, 1)).parts['bulb-1']!.lit).toBe(false)
  })

  it('a resistor does not glow', () => {
    const s = solveCircuit(build(board, [
      { kind: 'battery', from: 'A2', to: 'A1', value: 6 },
      { kind: 'resistor', from: 'A1', to: 'B1', value: 1 },
      { kind: 'wire', from: 'B1', to: 'A2' },
    ]))
    expect(s.parts['resistor-1']).toMatchObject({ brightness: 0, lit: false })
  })
})
