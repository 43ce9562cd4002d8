/**
 * Words for the student and the screen reader: hints (general to specific, stopping before the
 * answer), the worked step (the method on a parallel example with other numbers), the solution
 * (only on request, which ends the task), the description of the circuit as it stands, and the
 * short form of an answer for the teacher.
 */
import { createRng, firstAvoiding, numbersIn, type Rng } from '../../src/core'
import { nodesOf, solveCircuit, terminalName, type Circuit, type Part, type Solution } from './model'
import { hintCount } from './scaffolds'
import { SKILL_BRIGHTNESS } from './skills'
import { fmt } from './tasks/board'
import type { BuildTask, CircuitAttempt, CircuitTask } from './tasks/types'

/** The numbers a task gives: in its words, on its parts and in its tray. */
function givenNumbers(task: CircuitTask): number[] {
  const onParts = [...task.fixed, ...task.start].flatMap((p) => [p.value, p.internalResistance].filter((v): v is number => v !== undefined && !p.hideValue))
  const inTray = task.tray.flatMap((t) => (t.value === undefined ? [] : [t.value]))
  return [...numbersIn(task.prompt).map((n) => n.value), ...onParts, ...inTray]
}

/** The task's answer as numbers: what a hint or worked example must never show. */
export function answerNumbers(task: CircuitTask): number[] {
  switch (task.kind) {
    case 'compute':
    case 'measure': return [task.answer]
    case 'choose': return []
    case 'build': {
      if (task.goal.type !== 'current') return []
      const total = batteryOf(task).value! / task.goal.amps
      return [total, total - alreadyThere(task)]
    }
  }
}

const batteryOf = (task: CircuitTask) => task.fixed.find((p) => p.kind === 'battery')!

/** Resistance in the loop before any tray part: the battery's own and a fixed bulb's. */
function alreadyThere(task: CircuitTask): number {
  return (batteryOf(task).internalResistance ?? 0) + task.fixed.filter((p) => p.kind === 'bulb').reduce((sum, p) => sum + p.value!, 0)
}

const VOLTS = [3, 4.5, 6, 9, 12, 1.5, 24] as const
const OHMS = [3, 4, 5, 6, 8, 10, 12, 15, 20, 25] as const
const INSIDE = [0.5, 1, 1.5, 2.5] as const

/** Example values in an order drawn from the task, without the task's own. */
function examples(values: readonly number[], rng: Rng, not: readonly number[]): number[] {
  const pool = values.filter((v) => !not.includes(v))
  const out: number[] = []
  while (pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!)
  return out
}

const f = (x: number): string => fmt(x, 3)

/** The method worked through on a parallel example with other numbers: the worked-step scaffold. */
export function workedStep(task: CircuitTask): string {
  const given = givenNumbers(task)
  const rng = createRng(task.seed ^ 0x0c1c)
  const volts = examples(VOLTS, rng, given)
  const ohms = examples(OHMS, rng, given)
  const inside = examples(INSIDE, rng, given)
  return firstAvoiding((i) => {
    const V = volts[i % volts.length]!
    const R = ohms[i % ohms.length]!
    const R2 = ohms[(i + 1) % ohms.length]!
    const r = inside[i % inside.length]!
    return exampleFor(task, V, R, R2, r)
  }, [...answerNumbers(task), ...given])
}

function exampleFor(task: CircuitTask, V: number, R: number, R2: number, r: number): string | null {
  switch (task.kind) {
    case 'build': {
      const goal = task.goal
      if (goal.type === 'light') {
        return task.start.length > 0
          ? 'For example, a torch that will not light: follow the loop from the + end of the battery round to the - end. Where the path stops (an open switch, a missing wire), close it; where a wire joins + straight to - (a short circuit), take it out, because the current would go through it and not the bulbs.'
          : 'For example, a torch: one wire from the + end of the battery to one end of the bulb, a second wire from the bulb\'s other end back to the - end. That is one closed loop, so current flows and the bulb lights.'
      }
      if (goal.type === 'full-brightness') {
        return `For example, two bulbs on a ${f(V)} V battery: in a chain (series) they share the voltage, ${f(V / 2)} V each, and glow dimly; side by side (parallel), each has its own two wires to the battery, gets all ${f(V)} V and glows fully.`
      }
      const inLoop = alreadyThere(task) > 0 ? R2 : 0
      const hasInside = (batteryOf(task).internalResistance ?? 0) > 0
      const extra = hasInside ? r : 0
      const fromTray = goal.arrangement === 'series' ? R + R2 : goal.arrangement === 'parallel' ? R / 2 : R2 + R / 2
      const I = V / (fromTray + inLoop + extra)
      const already = inLoop > 0 || extra > 0 ? ` ${[inLoop > 0 ? `a ${f(inLoop)} ohm bulb` : '', extra > 0 ? `${f(extra)} ohm inside the battery` : ''].filter(Boolean).join(' and ')} already in the loop leave ${f(fromTray)} ohm for the tray's resistors:` : ''
      const how = goal.arrangement === 'series'
        ? `${f(R)} ohm and ${f(R2)} ohm in series add up to ${f(R + R2)} ohm.`
        : goal.arrangement === 'parallel'
          ? `two ${f(R)} ohm resistors side by side give half of one, ${f(R / 2)} ohm.`
          : `${f(R2)} ohm in series with two ${f(R)} ohm side by side gives ${f(R2)} + ${f(R / 2)} = ${f(R2 + R / 2)} ohm.`
      return `For example, a ${f(V)} V battery that must deliver ${f(I)} A needs R = V / I = ${f(V)} / ${f(I)} = ${f(V / I)} ohm in all.${already} ${how}`
    }
    case 'choose': {
      if (task.skill === SKILL_BRIGHTNESS) {
        if (task.level <= 2) {
          const I = V / (R + R2)
          return `For example, a ${f(R)} ohm and a ${f(R2)} ohm bulb in series on ${f(V)} V: the same current, ${f(V)} / ${f(R + R2)} = ${f(I)} A, flows through both, and P = I^2 R gives ${f(I * I * R)} W and ${f(I * I * R2)} W: the bigger resistance takes more power.`
        }
        if (task.level === 3) return `For example, a ${f(R)} ohm and a ${f(R2)} ohm bulb side by side on ${f(V)} V: each gets all ${f(V)} V, and P = V^2 / R gives ${f((V * V) / R)} W and ${f((V * V) / R2)} W: the smaller resistance takes more power.`
        const total = R + R / 2
        const I = V / total
        return `For example, three ${f(R)} ohm bulbs on ${f(V)} V, one in the main line and two side by side after it: R = ${f(R)} + ${f(R / 2)} = ${f(total)} ohm, so ${f(I)} A flows through the first and splits, ${f(I / 2)} A through each of the others; P = I^2 R gives ${f(I * I * R)} W against ${f((I * I * R) / 4)} W.`
      }
      if (task.level === 1) return `For example, one ${f(R)} ohm bulb on ${f(V)} V draws ${f(V)} / ${f(R)} = ${f(V / R)} A; with a ${f(R2)} ohm bulb added in series the loop has ${f(R + R2)} ohm and draws ${f(V)} / ${f(R + R2)} = ${f(V / (R + R2))} A.`
      if (task.level === 2) return `For example, one ${f(R)} ohm bulb on ${f(V)} V draws ${f(V / R)} A; a ${f(R2)} ohm bulb added alongside draws its own ${f(V)} / ${f(R2)} = ${f(V / R2)} A, so the battery gives ${f(V / R + V / R2)} A in all.`
      if (task.level <= 4) return `For example, a ${f(R)} ohm bulb on ${f(V)} V with a second branch beside it: each branch has all ${f(V)} V across it, so the bulb's current, ${f(V)} / ${f(R)} = ${f(V / R)} A, is the same with or without the other branch.`
      {
        const alone = V / (R + r)
        const both = V / (R / 2 + r)
        return `For example, a ${f(V)} V battery with ${f(r)} ohm inside: one ${f(R)} ohm bulb draws ${f(alone)} A and gets ${f(alone * R)} V; add an equal bulb alongside and the battery gives ${f(both)} A, loses ${f(both * r)} V inside, and each bulb gets ${f(V - both * r)} V.`
      }
    }
    case 'compute': {
      switch (task.formula) {
        case 'I = V / R': return `For example, a ${f(V)} V battery across a ${f(R)} ohm resistor: I = V / R = ${f(V)} / ${f(R)} = ${f(V / R)} A.`
        case 'R = V / I': return `For example, ${f(V)} V pushing ${f(V / R)} A through a resistor: R = V / I = ${f(V)} / ${f(V / R)} = ${f(R)} ohm.`
        case 'V = I R': return `For example, ${f(V / R)} A through a ${f(R)} ohm resistor: V = I R = ${f(V / R)} x ${f(R)} = ${f(V)} V.`
        case 'I = emf / (R + r), then V = I R': {
          const I = V / (R + r)
          return `For example, an emf of ${f(V)} V with ${f(r)} ohm inside, driving ${f(R)} ohm: I = ${f(V)} / (${f(R)} + ${f(r)}) = ${f(I)} A, then V = I R = ${f(I)} x ${f(R)} = ${f(I * R)} V.`
        }
        default: {
          const I = V / (R + r)
          return `For example, an emf of ${f(V)} V driving ${f(I)} A through ${f(R)} ohm: r = emf / I - R = ${f(V)} / ${f(I)} - ${f(R)} = ${f(V / I - R)} ohm.`
        }
      }
    }
    case 'measure': {
      if (task.quantity === 'current') return 'For example, to measure the current through a lamp: take out the wire next to it and put the ammeter in its place, so the same current flows through the lamp and the meter; then read the meter.'
      if (task.quantity === 'voltage') return 'For example, to measure the voltage across a lamp: leave the circuit as it is and touch the voltmeter\'s two leads to the lamp\'s two ends; then read the meter.'
      return `For example, with the ammeter in line with a lamp and the voltmeter across it, readings of ${f(V / R)} A and ${f(V)} V give R = V / I = ${f(V)} / ${f(V / R)} = ${f(R)} ohm.`
    }
  }
}

function allHints(task: CircuitTask): string[] {
  switch (task.kind) {
    case 'build': {
      const goal = task.goal
      if (goal.type === 'light') {
        return [
          'Current only flows round a complete loop: out of one end of the battery, through each bulb, and back into the other end.',
          task.start.length > 0
            ? 'Look for a gap in the loop, a switch left open, or a wire that joins the two ends of the battery directly (a short circuit takes all the current).'
            : 'Each bulb has two ends; both must be joined into the loop.',
          task.level === 2 ? 'Click the switch to close it once the loop is wired.' : 'Follow the loop with your finger from + back to -: every step must be a wire or a part.',
        ]
      }
      if (goal.type === 'full-brightness') {
        return [
          'A bulb glows fully when it gets the whole battery voltage.',
          'Bulbs in a chain (series) share the voltage; bulbs side by side (parallel) each get all of it.',
          'Give every bulb its own two wires: one from its top end to the + side, one from its bottom end to the - side.',
        ]
      }
      const battery = batteryOf(task)
      const r = battery.internalResistance ?? 0
      const bulb = task.fixed.some((p) => p.kind === 'bulb')
      return [
        `Work out the total resistance the circuit needs: R = V / I = ${fmt(battery.value!)} / ${fmt(goal.amps, 3)}.`,
        r > 0 || bulb
          ? `Part of that is already in the loop (${[r > 0 ? `the battery's ${fmt(r)} ohm inside` : '', bulb ? 'the bulb' : ''].filter(Boolean).join(' and ')}): take it away, and what is left must come from the tray's resistors.`
          : 'All of it must come from the tray\'s resistors.',
        goal.arrangement === 'series' ? 'In series resistances add: R = R1 + R2 + ...' : goal.arrangement === 'parallel' ? 'In parallel: 1/R = 1/R1 + 1/R2 + ...; two equal resistors in parallel give half of one.' : 'One resistor in series with a parallel pair: R = R1 + (R2 x R3) / (R2 + R3).',
      ]
    }
    case 'choose':
      return [
        'A battery keeps a fixed voltage, not a fixed current: the current depends on what is connected.',
        'Brightness comes from power: P = I^2 R = V^2 / R. In series parts share the current; in parallel each branch gets the full voltage.',
        task.skill === SKILL_BRIGHTNESS ? 'Work out the current through each bulb, then its power.' : 'Work out the total resistance before and after the switch flips, then the current, then what the question asks about.',
      ]
    case 'compute':
      return [
        "Ohm's law links the three: V = I R.",
        `Here you need ${task.formula}.`,
        `Put in the numbers from the question and work it out; the answer is in ${task.unit === 'ohm' ? 'ohms' : task.unit}.`,
      ]
    case 'measure':
      return [
        'An ammeter measures the current through a part, so it goes in the loop, in line with the part. A voltmeter measures the voltage across a part, so its two leads go on the part\'s two ends.',
        task.meters.includes('ammeter') ? 'To put the ammeter in the loop, take out one wire and put the ammeter where it was.' : 'Touch the voltmeter leads to the two ends of the part.',
        task.quantity === 'resistance' ? 'Then R = V / I, the voltmeter reading divided by the ammeter reading.' : 'Then type the reading shown on the meter.',
      ]
  }
}

/** How to wire it, to the terminal: shown only in the solution. */
function wiring(task: BuildTask): string {
  if (task.goal.type === 'light') return task.level >= 4 ? (task.level === 4 ? 'Close the switch, and add a wire from F1 back to A2.' : 'Remove the wire from A1 to A2, and add a wire from D1 to E1.') : 'Wire from A1 (+) to one end of the bulbs, and from the other end back to A2 (-).'
  if (task.goal.type === 'full-brightness') return 'Put the bulbs upright in columns C, D and E; wire A1 to C1, C1 to D1, D1 to E1, and A2 to C2, C2 to D2, D2 to E2.'
  const n = task.goal.resistors
  if (task.goal.arrangement === 'series') return n === 1 ? 'Put the resistor along row 1, then wire its far end back to A2.' : `Put the ${n} resistors end to end along row 1, then wire the last one back to A2.`
  if (task.goal.arrangement === 'parallel') return `Stand the ${n} resistors upright side by side and join all their tops together and all their bottoms together.`
  return 'Put one resistor along row 1, stand the other two upright side by side after it, join its far end to both their tops, and wire both their bottoms back to A2.'
}

/** The answer: shown only when the student asks to see it, which ends the task. */
export function solution(task: CircuitTask): string {
  switch (task.kind) {
    case 'build': {
      if (task.goal.type !== 'current') return wiring(task)
      const [total, needed] = answerNumbers(task) as [number, number]
      const fromTray = Math.abs(total - needed) < 1e-9 ? 'all of it from the tray' : `${fmt(needed, 3)} ohm of it from the tray`
      return `The circuit needs ${fmt(total, 3)} ohm in all, ${fromTray}. ${wiring(task)}`
    }
    case 'choose': return `${task.options.find((o) => o.id === task.answer)!.text}. ${task.reason}`
    case 'compute': return `${task.formula} gives ${fmt(task.answer, 3)} ${task.unit}.`
    case 'measure': return `The answer is ${fmt(task.answer, 3)} ${task.unit}.`
  }
}

export function hints(task: CircuitTask, scaffoldLevel: number): string[] {
  const all = allHints(task)
  return all.slice(0, hintCount(all.length, scaffoldLevel))
}

/** What the view knows right now. */
export interface CircuitDescribeState {
  parts?: Part[]
  /** Live currents are read out only where the scaffold shows them. */
  showCurrents?: boolean
}

const valueText = (p: Part): string => {
  if (p.kind === 'battery') {
    const r = p.internalResistance ?? 0
    return r > 0 ? `${p.hideValue && r === 0 ? '?' : fmt(p.value!)} V, internal resistance ${p.hideValue ? '?' : fmt(r)} ohm` : `${p.hideValue ? '?' : fmt(p.value!)} V`
  }
  if (p.kind === 'resistor' || p.kind === 'bulb') return `${p.hideValue ? '?' : fmt(p.value!)} ohm`
  if (p.kind === 'switch') return p.closed ? 'closed' : 'open'
  return ''
}

/** 'Bulb 2 and Resistor 1 are in series', 'Bulb 1 and Bulb 2 are in parallel': from the merged nodes. */
export function relations(circuit: Circuit): string[] {
  const find = nodesOf(circuit.parts)
  const all = circuit.parts.filter((p) => p.kind === 'battery' || p.kind === 'resistor' || p.kind === 'bulb')
  const ends = all.map((p) => [find(p.a), find(p.b)].sort((x, y) => x - y) as [number, number])
  const loads = all.map((p, i) => ({ p, i })).filter(({ p }) => p.kind !== 'battery')
  // Group loads pairwise related into chains (series) and bundles (parallel).
  const groups = (related: (i: number, j: number) => boolean): string[][] => {
    const group = new Map<number, number>()
    const root = (i: number): number => (group.get(i) === undefined || group.get(i) === i ? i : root(group.get(i)!))
    for (const x of loads) for (const y of loads) if (x.i < y.i && related(x.i, y.i)) group.set(root(y.i), root(x.i))
    const out = new Map<number, string[]>()
    for (const { p, i } of loads) {
      const r = root(i)
      out.set(r, [...(out.get(r) ?? []), p.label])
    }
    return [...out.values()].filter((g) => g.length > 1)
  }
  const parallel = (i: number, j: number) => ends[i]![0] === ends[j]![0] && ends[i]![1] === ends[j]![1] && ends[i]![0] !== ends[i]![1]
  const series = (i: number, j: number) => {
    const shared = ends[i]!.find((n) => n === ends[j]![0] || n === ends[j]![1])
    if (shared === undefined || parallel(i, j) || ends[i]![0] === ends[i]![1] || ends[j]![0] === ends[j]![1]) return false
    // In series when nothing else that carries current meets at the shared node.
    return !all.some((_, k) => k !== i && k !== j && (ends[k]![0] === shared || ends[k]![1] === shared))
  }
  const and = (names: string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  return [...groups(series).map((g) => `${and(g)} are in series`), ...groups(parallel).map((g) => `${and(g)} are in parallel`)]
}

export function describeCircuit(task: CircuitTask, parts: Part[], showCurrents: boolean): string {
  // In a compute task the numbers are given in words; a meter reading would be the answer.
  const showMeters = task.kind !== 'compute'
  const circuit = { board: task.board, parts }
  const sentences: string[] = []
  const listed = parts.filter((p) => p.kind !== 'wire').map((p) => `${p.label}${valueText(p) ? ` (${valueText(p)})` : ''} from ${terminalName(task.board, p.a)} to ${terminalName(task.board, p.b)}`)
  if (listed.length > 0) sentences.push(`On the board: ${listed.join('; ')}.`)
  const wires = parts.filter((p) => p.kind === 'wire').map((p) => `${terminalName(task.board, p.a)} to ${terminalName(task.board, p.b)}`)
  sentences.push(wires.length > 0 ? `Wires: ${wires.join(', ')}.` : 'No wires yet.')
  const links = relations(circuit)
  if (links.length > 0) sentences.push(`${links.join('; ')}.`)
  let s: Solution | null = null
  try {
    s = solveCircuit(circuit)
  } catch {
    return sentences.join(' ')
  }
  const state = parts.flatMap((p) => {
    const r = s.parts[p.id]!
    const amps = showCurrents ? `, ${fmt(Math.abs(r.current), 2)} A` : ''
    if (p.kind === 'bulb') return [`${p.label} is ${r.lit ? 'lit' : 'dark'}${amps}`]
    if (p.kind === 'ammeter' && showMeters) return [`${p.label} reads ${fmt(Math.abs(r.current), 3)} A`]
    if (p.kind === 'voltmeter' && showMeters) return [`${p.label} reads ${fmt(Math.abs(r.voltage), 3)} V`]
    if (p.kind === 'resistor' && showCurrents) return [`${p.label} carries ${fmt(Math.abs(r.current), 2)} A`]
    return []
  })
  if (state.length > 0) sentences.push(`${state.join('; ')}.`)
  const problem = s.problems.find((p) => p.kind === 'short-circuit' || p.kind === 'battery-loop')
  if (problem) sentences.push(problem.message)
  return sentences.join(' ')
}

export function describe(task: CircuitTask, state?: unknown): string {
  const s = (state ?? {}) as CircuitDescribeState
  return `${task.prompt} ${describeCircuit(task, s.parts ?? [...task.fixed, ...task.start], s.showCurrents ?? false)}`
}

export function formatResponse(task: CircuitTask, attempt: CircuitAttempt): string {
  switch (attempt.kind) {
    case 'build': {
      const added = attempt.parts.filter((p) => !task.fixed.some((f) => f.id === p.id) && !task.start.some((st) => st.id === p.id))
      const s = added.filter((p) => p.kind !== 'wire').map((p) => `${p.label}${p.value !== undefined ? ` ${fmt(p.value)} ohm` : ''} ${terminalName(task.board, p.a)}-${terminalName(task.board, p.b)}`)
      const wires = added.filter((p) => p.kind === 'wire').length
      const flips = attempt.parts.filter((p) => p.kind === 'switch').map((p) => `${p.label} ${p.closed ? 'closed' : 'open'}`)
      return [...s, `${wires} wire${wires === 1 ? '' : 's'}`, ...flips].join(', ')
    }
    case 'choose':
      return `chose: ${task.kind === 'choose' ? (task.options.find((o) => o.id === attempt.choice)?.text ?? attempt.choice) : attempt.choice}`
    case 'compute':
      return `${fmt(attempt.value, 3)} ${attempt.unit}`
    case 'measure': {
      const meters = attempt.parts.filter((p) => p.kind === 'ammeter' || p.kind === 'voltmeter').map((p) => `${p.label} ${terminalName(task.board, p.a)}-${terminalName(task.board, p.b)}`)
      return `${meters.join(', ') || 'no meters'}; answered ${fmt(attempt.value, 3)}`
    }
  }
}
