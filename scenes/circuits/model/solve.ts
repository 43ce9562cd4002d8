/**
 * DC circuit solver: modified nodal analysis (MNA).
 *
 * Wires, closed switches and ammeters have no resistance: their terminals are merged into one
 * node first, so the MNA system only holds real unknowns (node voltages and the currents of
 * ideal batteries). The current in each zero-resistance part is then recovered from Kirchhoff's
 * current law inside its merged node, sharing it equally between parallel wires (the limit of
 * equal tiny wire resistances). Shorts, battery loops and floating parts are reported as
 * problems, never as NaN or Infinity.
 */
import { type Circuit, type Part, placementError } from './circuit'
import { solveDense } from './linear'

export interface PartResult {
  /** Amperes through the part from its a end to its b end (for a battery: out of its + terminal). */
  current: number
  /** Volts: potential at b minus potential at a (a voltmeter's reading). */
  voltage: number
  /** Watts turned into heat and light in the part (a battery: in its internal resistance). */
  power: number
  /** A bulb's glow from 0 (dark) to 1 (full, at its rated power); 0 for other parts. */
  brightness: number
  /** A bulb glows visibly (at least 5% of its rated power). */
  lit: boolean
  /** The part is joined to a battery by some path, and its values were solved. */
  powered: boolean
}

export type ProblemKind = 'short-circuit' | 'battery-loop' | 'open-circuit' | 'floating' | 'dangling'

export interface CircuitProblem {
  kind: ProblemKind
  /** Part ids involved, the battery first where there is one. */
  parts: string[]
  /** Student-facing sentence naming the parts. */
  message: string
}

export interface Solution {
  parts: Record<string, PartResult>
  /** Potential of each terminal in volts, from the negative end of its circuit's first battery; 0 where unpowered. */
  terminalVoltage: Float64Array
  /** Whether each terminal is part of a powered, solved circuit. */
  terminalPowered: Uint8Array
  problems: CircuitProblem[]
}

/** A bulb counts as lit from this share of its rated power. */
export const LIT_FRACTION = 0.05
/** Currents smaller than this are treated as none (amperes). */
export const NO_CURRENT = 1e-12

type Role = 'zero' | 'open' | 'resistive' | 'ideal-source'

function roleOf(part: Part): Role {
  switch (part.kind) {
    case 'wire':
    case 'ammeter':
      return 'zero'
    case 'switch':
      return part.closed ? 'zero' : 'open'
    case 'voltmeter':
      return 'open'
    case 'resistor':
    case 'bulb':
      return 'resistive'
    case 'battery':
      return (part.internalResistance ?? 0) > 0 ? 'resistive' : 'ideal-source'
  }
}

/** Throws an Error naming the part and what is wrong with it. */
export function validateCircuit(circuit: Circuit): void {
  const { board, parts } = circuit
  if (!Number.isInteger(board.cols) || !Number.isInteger(board.rows) || board.cols < 2 || board.rows < 1 || board.cols > 26) {
    throw new Error(`circuit: the board must be 2 to 26 columns wide and at least 1 row, got ${board.cols} x ${board.rows}`)
  }
  const seen = new Set<string>()
  for (const part of parts) {
    if (seen.has(part.id)) throw new Error(`circuit: two parts have the id "${part.id}"`)
    seen.add(part.id)
    const where = placementError(board, part)
    if (where) throw new Error(`circuit: ${part.label || part.id} cannot go there: ${where}`)
    if (part.kind === 'resistor' || part.kind === 'bulb') {
      if (!(typeof part.value === 'number' && part.value > 0 && Number.isFinite(part.value))) throw new Error(`circuit: ${part.label || part.id} needs a resistance above 0 ohms, got ${part.value}`)
    }
    if (part.kind === 'battery') {
      if (!(typeof part.value === 'number' && Number.isFinite(part.value))) throw new Error(`circuit: ${part.label || part.id} needs a voltage, got ${part.value}`)
      const r = part.internalResistance ?? 0
      if (!(r >= 0 && Number.isFinite(r))) throw new Error(`circuit: ${part.label || part.id} needs an internal resistance of 0 ohms or more, got ${r}`)
    }
  }
}

class UnionFind {
  readonly parent: Int32Array
  constructor(n: number) {
    this.parent = new Int32Array(n)
    for (let i = 0; i < n; i++) this.parent[i] = i
  }
  find(i: number): number {
    let root = i
    while (this.parent[root] !== root) root = this.parent[root]!
    while (this.parent[i] !== root) {
      const next = this.parent[i]!
      this.parent[i] = root
      i = next
    }
    return root
  }
  /** Joins two sets; false when they were already one. */
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    // The smaller root wins, so a merged node is named by its first terminal in board order.
    if (ra < rb) this.parent[rb] = ra
    else this.parent[ra] = rb
    return true
  }
}

const emptyResult = (): PartResult => ({ current: 0, voltage: 0, power: 0, brightness: 0, lit: false, powered: false })

export function solveCircuit(circuit: Circuit): Solution {
  validateCircuit(circuit)
  const { board, parts } = circuit
  const terminals = board.cols * board.rows
  const roles = parts.map(roleOf)
  const name = (p: Part) => p.label || p.id
  const problems: CircuitProblem[] = []

  // 1. Merge terminals joined by zero-resistance parts into nodes.
  const merged = new UnionFind(terminals)
  parts.forEach((p, i) => roles[i] === 'zero' && merged.union(p.a, p.b))
  const node = (t: number) => merged.find(t)

  // 2. Connected circuits over nodes, through every part that can carry current.
  const circuits = new UnionFind(terminals)
  parts.forEach((p, i) => roles[i] !== 'open' && circuits.union(node(p.a), node(p.b)))
  const circuitOf = (t: number) => circuits.find(node(t))

  // 3. Which circuits have a battery, and which cannot be solved (an ideal battery shorted, or ideal batteries in a loop).
  const sourced = new Set<number>()
  const unsolvable = new Set<number>()
  const idealLoops = new UnionFind(terminals)
  parts.forEach((p, i) => {
    if (p.kind !== 'battery') return
    const c = circuitOf(p.a)
    sourced.add(c)
    const shorted = node(p.a) === node(p.b)
    if (shorted) {
      const ideal = roles[i] === 'ideal-source'
      problems.push({
        kind: 'short-circuit',
        parts: [p.id],
        message: ideal
          ? `${name(p)} is short-circuited: its terminals are joined with nothing to limit the current.`
          : `${name(p)} is short-circuited: its terminals are joined with nothing but its own internal resistance to limit the current, so it heats up and runs down fast.`,
      })
      if (ideal) unsolvable.add(c)
    } else if (roles[i] === 'ideal-source' && !idealLoops.union(node(p.a), node(p.b))) {
      problems.push({ kind: 'battery-loop', parts: [p.id], message: `${name(p)} is connected straight across another battery, with nothing between them to share the voltage.` })
      unsolvable.add(c)
    }
  })

  // 4. Number the unknowns: node voltages (one ground per circuit, at its first battery's negative end), then ideal-battery currents.
  const ground = new Map<number, number>()
  parts.forEach((p) => {
    if (p.kind === 'battery' && !ground.has(circuitOf(p.a))) ground.set(circuitOf(p.a), node(p.a))
  })
  const index = new Int32Array(terminals).fill(-1)
  let n = 0
  for (let t = 0; t < terminals; t++) {
    if (node(t) !== t) continue
    const c = circuits.find(t)
    if (!sourced.has(c) || unsolvable.has(c) || ground.get(c) === t) continue
    index[t] = n++
  }
  const sourceIndex = new Int32Array(parts.length).fill(-1)
  parts.forEach((p, i) => {
    const c = circuitOf(p.a)
    if (roles[i] === 'ideal-source' && sourced.has(c) && !unsolvable.has(c)) sourceIndex[i] = n++
  })

  // 5. Stamp and solve.
  const a = new Float64Array(n * n)
  const rhs = new Float64Array(n)
  const stampConductance = (ia: number, ib: number, g: number) => {
    if (ia >= 0) a[ia * n + ia] = a[ia * n + ia]! + g
    if (ib >= 0) a[ib * n + ib] = a[ib * n + ib]! + g
    if (ia >= 0 && ib >= 0) {
      a[ia * n + ib] = a[ia * n + ib]! - g
      a[ib * n + ia] = a[ib * n + ia]! - g
    }
  }
  parts.forEach((p, i) => {
    const c = circuitOf(p.a)
    if (!sourced.has(c) || unsolvable.has(c)) return
    const ia = index[node(p.a)]!
    const ib = index[node(p.b)]!
    if (roles[i] === 'resistive') {
      const r = p.kind === 'battery' ? p.internalResistance! : p.value!
      const g = 1 / r
      stampConductance(ia, ib, g)
      if (p.kind === 'battery') {
        // Norton form: the emf drives g*emf from a to b inside the battery.
        if (ia >= 0) rhs[ia] = rhs[ia]! - g * p.value!
        if (ib >= 0) rhs[ib] = rhs[ib]! + g * p.value!
      }
    } else if (roles[i] === 'ideal-source') {
      const k = sourceIndex[i]!
      if (ia >= 0) {
        a[ia * n + k] = a[ia * n + k]! + 1
        a[k * n + ia] = a[k * n + ia]! - 1
      }
      if (ib >= 0) {
        a[ib * n + k] = a[ib * n + k]! - 1
        a[k * n + ib] = a[k * n + ib]! + 1
      }
      rhs[k] = p.value!
    }
  })
  if (n > 0 && !solveDense(a, rhs, n)) {
    // Not expected after the checks above; kept so that a surprise is a reported problem, not NaN.
    for (const c of sourced) unsolvable.add(c)
    problems.push({ kind: 'battery-loop', parts: parts.filter((p) => p.kind === 'battery').map((p) => p.id), message: 'This circuit has no single answer: check for batteries joined straight to each other.' })
  }
  const solvedCircuit = (c: number) => sourced.has(c) && !unsolvable.has(c)
  const potential = (t: number) => {
    const i = index[node(t)]!
    return i >= 0 ? rhs[i]! : 0
  }

  // 6. Results for every part that is not a zero-resistance link.
  const results: Record<string, PartResult> = {}
  const injection = new Float64Array(terminals)
  parts.forEach((p, i) => {
    const r = emptyResult()
    results[p.id] = r
    const c = circuitOf(p.a)
    const powered = solvedCircuit(c) && (roles[i] !== 'open' || circuitOf(p.b) === c)
    r.powered = powered
    if (!powered) return
    r.voltage = potential(p.b) - potential(p.a)
    if (roles[i] === 'resistive') {
      if (p.kind === 'battery') {
        r.current = (p.value! - r.voltage) / p.internalResistance!
        r.power = r.current * r.current * p.internalResistance!
      } else {
        r.current = -r.voltage / p.value!
        r.power = r.current * r.current * p.value!
      }
    } else if (roles[i] === 'ideal-source') {
      r.current = rhs[sourceIndex[i]!]!
    }
    if (roles[i] !== 'zero') {
      injection[p.a] = injection[p.a]! - r.current
      injection[p.b] = injection[p.b]! + r.current
    }
    if (p.kind === 'bulb') {
      r.brightness = Math.min(1, r.power / (p.ratedPower ?? 1))
      r.lit = r.power >= LIT_FRACTION * (p.ratedPower ?? 1)
    }
  })
  distributeZeroResistanceCurrents(circuit, roles, node, solvedCircuit, circuitOf, injection, results)

  // 7. Report open circuits, floating and dangling parts.
  for (const c of sourced) {
    if (!solvedCircuit(c)) continue
    const batteries = parts.filter((p) => p.kind === 'battery' && circuitOf(p.a) === c)
    if (batteries.every((p) => Math.abs(results[p.id]!.current) < NO_CURRENT) && !problems.some((q) => q.kind === 'short-circuit' && batteries.some((b) => b.id === q.parts[0]))) {
      problems.push({ kind: 'open-circuit', parts: batteries.map((p) => p.id), message: `No current flows: there is no closed loop from ${batteries.map(name).join(' and ')} back to ${batteries.length > 1 ? 'them' : 'it'}.` })
    }
  }
  const unpowered = parts.filter((p, i) => roles[i] !== 'open' && !sourced.has(circuitOf(p.a)))
  if (unpowered.length > 0) {
    problems.push({ kind: 'floating', parts: unpowered.map((p) => p.id), message: `Not joined to any battery: ${unpowered.map(name).join(', ')}.` })
  }
  const degree = new Int32Array(terminals)
  for (const p of parts) {
    degree[p.a] = degree[p.a]! + 1
    degree[p.b] = degree[p.b]! + 1
  }
  for (const p of parts) {
    if (p.kind === 'voltmeter') continue
    const loose = [p.a, p.b].filter((t) => degree[t] === 1)
    if (loose.length > 0) problems.push({ kind: 'dangling', parts: [p.id], message: `${name(p)} is connected at ${loose.length === 2 ? 'neither end' : 'one end only'}.` })
  }

  const terminalVoltage = new Float64Array(terminals)
  const terminalPowered = new Uint8Array(terminals)
  for (let t = 0; t < terminals; t++) {
    if (degree[t] === 0 || !solvedCircuit(circuitOf(t))) continue
    terminalVoltage[t] = potential(t)
    terminalPowered[t] = 1
  }
  return { parts: results, terminalVoltage, terminalPowered, problems }
}

/**
 * Inside each merged node, the current entering from resistive parts and batteries flows through
 * the wires, closed switches and ammeters. With a unit conductance per link, the potentials
 * x solving L x = injection give each link's current x_a - x_b: exact for a tree of wires,
 * an equal split where wires run in parallel.
 */
function distributeZeroResistanceCurrents(
  circuit: Circuit,
  roles: Role[],
  node: (t: number) => number,
  solvedCircuit: (c: number) => boolean,
  circuitOf: (t: number) => number,
  injection: Float64Array,
  results: Record<string, PartResult>,
): void {
  const groups = new Map<number, number[]>()
  circuit.parts.forEach((p, i) => {
    if (roles[i] !== 'zero' || !solvedCircuit(circuitOf(p.a))) return
    const key = node(p.a)
    const list = groups.get(key)
    if (list) list.push(i)
    else groups.set(key, [i])
  })
  for (const links of groups.values()) {
    const local = new Map<number, number>()
    for (const i of links) {
      const p = circuit.parts[i]!
      for (const t of [p.a, p.b]) if (!local.has(t)) local.set(t, local.size)
    }
    // The first terminal is the reference (x = 0); the rest are unknowns.
    const m = local.size - 1
    const lap = new Float64Array(m * m)
    const x = new Float64Array(m)
    for (const [t, k] of local) if (k > 0) x[k - 1] = injection[t]!
    for (const i of links) {
      const p = circuit.parts[i]!
      const ka = local.get(p.a)! - 1
      const kb = local.get(p.b)! - 1
      if (ka >= 0) lap[ka * m + ka] = lap[ka * m + ka]! + 1
      if (kb >= 0) lap[kb * m + kb] = lap[kb * m + kb]! + 1
      if (ka >= 0 && kb >= 0) {
        lap[ka * m + kb] = lap[ka * m + kb]! - 1
        lap[kb * m + ka] = lap[kb * m + ka]! - 1
      }
    }
    if (m > 0) solveDense(lap, x, m)
    for (const i of links) {
      const p = circuit.parts[i]!
      const ka = local.get(p.a)! - 1
      const kb = local.get(p.b)! - 1
      // Injection is current entering a terminal from outside the links; it leaves through them, so the link current a->b is x_a - x_b.
      results[p.id]!.current = (ka >= 0 ? x[ka]! : 0) - (kb >= 0 ? x[kb]! : 0)
    }
  }
}
