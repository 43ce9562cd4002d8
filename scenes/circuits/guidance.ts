/**
 * Words for the student and the screen reader: hints (general to specific, the last one a
 * bottom-out hint), the worked step, the description of the circuit as it stands, and the
 * short form of an answer for the teacher.
 */
import { solveCircuit, terminalName, type Circuit, type Part, type Solution } from './model'
import { hintCount } from './scaffolds'
import { fmt } from './tasks/board'
import type { CircuitAttempt, CircuitTask } from './tasks/types'

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
          referenceHint(task),
        ]
      }
      if (goal.type === 'full-brightness') {
        return [
          'A bulb glows fully when it gets the whole battery voltage.',
          'Bulbs in a chain (series) share the voltage; bulbs side by side (parallel) each get all of it.',
          'Give every bulb its own two wires: one from its top end to the + side, one from its bottom end to the - side.',
          referenceHint(task),
        ]
      }
      const battery = task.fixed.find((p) => p.kind === 'battery')!
      const r = battery.internalResistance ?? 0
      const needed = battery.value! / goal.amps - r - task.fixed.filter((p) => p.kind === 'bulb').reduce((sum, p) => sum + p.value!, 0)
      return [
        `Work out the total resistance you need: R = V / I = ${fmt(battery.value!)} / ${fmt(goal.amps, 3)} = ${fmt(battery.value! / goal.amps, 3)} ohm.`,
        r > 0 || task.fixed.some((p) => p.kind === 'bulb') ? `Part of that is already there (${r > 0 ? `the battery's ${fmt(r)} ohm inside` : ''}${r > 0 && task.fixed.some((p) => p.kind === 'bulb') ? ' and ' : ''}${task.fixed.some((p) => p.kind === 'bulb') ? 'the bulb' : ''}), so you need ${fmt(needed, 3)} ohm from the tray.` : `So the resistors must add up to ${fmt(needed, 3)} ohm.`,
        goal.arrangement === 'series' ? 'In series resistances add: R = R1 + R2 + ...' : goal.arrangement === 'parallel' ? 'In parallel: 1/R = 1/R1 + 1/R2 + ...; two equal resistors in parallel give half of one.' : 'One resistor in series with a parallel pair: R = R1 + (R2 x R3) / (R2 + R3).',
        referenceHint(task),
      ]
    }
    case 'choose':
      return [
        'A battery keeps a fixed voltage, not a fixed current: the current depends on what is connected.',
        'Brightness comes from power: P = I^2 R = V^2 / R. In series parts share the current; in parallel each branch gets the full voltage.',
        `The answer: ${task.options.find((o) => o.id === task.answer)!.text}.`,
      ]
    case 'compute':
      return [
        "Ohm's law links the three: V = I R.",
        `Here you need ${task.formula}.`,
        `${task.formula} gives ${fmt(task.answer, 3)} ${task.unit}.`,
      ]
    case 'measure':
      return [
        'An ammeter measures the current through a part, so it goes in the loop, in line with the part. A voltmeter measures the voltage across a part, so its two leads go on the part\'s two ends.',
        task.meters.includes('ammeter') ? 'To put the ammeter in the loop, take out one wire and put the ammeter where it was.' : 'Touch the voltmeter leads to the two ends of the part.',
        task.quantity === 'resistance' ? 'Then R = V / I, the voltmeter reading divided by the ammeter reading.' : 'Then type the reading shown on the meter.',
        `The answer is ${fmt(task.answer, 3)} ${task.unit}.`,
      ]
  }
}

function referenceHint(task: CircuitTask): string {
  if (task.kind !== 'build') return ''
  if (task.goal.type === 'light') return task.level >= 4 ? (task.level === 4 ? 'Close the switch, and add a wire from F1 back to A2.' : 'Remove the wire from A1 to A2, and add a wire from D1 to E1.') : 'Wire from A1 (+) to one end of the bulbs, and from the other end back to A2 (-).'
  if (task.goal.type === 'full-brightness') return 'Put the bulbs upright in columns C, D and E; wire A1 to C1, C1 to D1, D1 to E1, and A2 to C2, C2 to D2, D2 to E2.'
  return task.goal.arrangement === 'series' ? 'Put the resistors end to end along row 1, then wire the last one back to A2.' : 'Stand the resistors upright side by side and join all their tops together and all their bottoms together.'
}

export function hints(task: CircuitTask, scaffoldLevel: number): string[] {
  const all = allHints(task)
  return all.slice(0, hintCount(all.length, scaffoldLevel))
}

/** The worked first step, shown on the most supported rung. */
export function workedStep(task: CircuitTask): string {
  return allHints(task)[0]!
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
  const parent = new Map<number, number>()
  const find = (t: number): number => {
    while (parent.has(t) && parent.get(t) !== t) t = parent.get(t)!
    return t
  }
  for (const p of circuit.parts) {
    if (p.kind === 'wire' || p.kind === 'ammeter' || (p.kind === 'switch' && p.closed)) {
      const a = find(p.a)
      const b = find(p.b)
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b))
    }
  }
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
