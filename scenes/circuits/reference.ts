/**
 * Reference solutions (a circuit that meets the goal, built the way a teacher would) and
 * plausible wrong attempts, for the contract test and the simulated classroom.
 */
import type { Rng } from '../../src/core'
import { solveCircuit, type Part } from './model'
import { SKILL_LOOP } from './skills'
import { at, BOARD, nextId } from './tasks/board'
import { combine } from './tasks/generate'
import type { BuildTask, CircuitAttempt, CircuitTask, MeasureTask, TrayItem } from './tasks/types'

/** Adds parts to a copy of the task's starting circuit with fresh ids. */
class Workbench {
  readonly parts: Part[]
  constructor(task: CircuitTask) {
    this.parts = [...task.fixed, ...task.start].map((p) => ({ ...p }))
  }
  place(kind: Part['kind'], from: string, to: string, extra: Partial<Part> = {}): Part {
    const part: Part = { ...nextId(this.parts, kind), kind, a: at(from), b: at(to), ...extra }
    this.parts.push(part)
    return part
  }
  placeItem(item: TrayItem, from: string, to: string): Part {
    return this.place(item.kind, from, to, { ...(item.value !== undefined ? { value: item.value } : {}), ...(item.ratedPower !== undefined ? { ratedPower: item.ratedPower } : {}) })
  }
  remove(predicate: (p: Part) => boolean): void {
    const i = this.parts.findIndex(predicate)
    if (i >= 0) this.parts.splice(i, 1)
  }
  set(id: string, patch: Partial<Part>): void {
    const i = this.parts.findIndex((p) => p.id === id)
    this.parts[i] = { ...this.parts[i]!, ...patch }
  }
}

const name = (t: number) => `${String.fromCharCode(65 + (t % BOARD.cols))}${Math.floor(t / BOARD.cols) + 1}`

/** Which tray resistors, as many as the goal names and in which order, give the goal's current. */
function pickResistors(task: BuildTask & { goal: { type: 'current' } }): TrayItem[] {
  const items = task.tray.flatMap((item) => (item.kind === 'resistor' ? Array.from({ length: item.count ?? 1 }, () => item) : []))
  const battery = task.fixed.find((p) => p.kind === 'battery')!
  const extra = (battery.internalResistance ?? 0) + task.fixed.filter((p) => p.kind === 'bulb').reduce((sum, p) => sum + p.value!, 0)
  const search = (chosen: number[], size: number): TrayItem[] | null => {
    if (chosen.length === size) {
      const ohms = chosen.map((i) => items[i]!.value!)
      const amps = battery.value! / (combine(task.goal.arrangement, ohms) + extra)
      return Math.abs(amps - task.goal.amps) <= 1e-9 * task.goal.amps ? chosen.map((i) => items[i]!) : null
    }
    for (let i = 0; i < items.length; i++) {
      if (chosen.includes(i)) continue
      const found = search([...chosen, i], size)
      if (found) return found
    }
    return null
  }
  // As many as the prompt names: 2 + 20 ohm meets '3 resistors in series' for 22 ohm, but not as asked.
  const found = search([], task.goal.resistors)
  if (found) return found
  throw new Error(`circuits: no tray combination meets ${task.id}`)
}

function buildReference(task: BuildTask): Part[] {
  const bench = new Workbench(task)
  const goal = task.goal
  if (goal.type === 'light' && task.skill === SKILL_LOOP) {
    const bulb = task.fixed.find((p) => p.kind === 'bulb')!
    if (task.level === 1) {
      bench.place('wire', 'A1', name(bulb.a))
      bench.place('wire', name(bulb.b), 'A2')
    } else if (task.level === 2) {
      const sw = task.fixed.find((p) => p.kind === 'switch')!
      bench.set(sw.id, { closed: true })
      bench.place('wire', 'A1', name(bulb.a))
      bench.place('wire', name(bulb.b), name(sw.a))
      bench.place('wire', name(sw.b), 'A2')
    } else if (task.level === 3) {
      bench.placeItem(task.tray.find((t) => t.kind === 'bulb')!, 'D1', 'E1')
      bench.place('wire', 'A1', 'C1')
      bench.place('wire', 'E1', 'A2')
    } else if (task.level === 4) {
      bench.set(task.start.find((p) => p.kind === 'switch')!.id, { closed: true })
      bench.place('wire', 'F1', 'A2')
    } else {
      bench.remove((p) => p.kind === 'wire' && ((p.a === at('A1') && p.b === at('A2')) || (p.a === at('A2') && p.b === at('A1'))))
      bench.place('wire', 'D1', 'E1')
    }
    return bench.parts
  }
  if (goal.type === 'full-brightness') {
    const bulb = task.tray.find((t) => t.kind === 'bulb')!
    const cols = ['C', 'D', 'E', 'F', 'G'].slice(0, goal.placeBulbs)
    cols.forEach((c) => bench.placeItem(bulb, `${c}1`, `${c}2`))
    cols.forEach((c, i) => {
      bench.place('wire', i === 0 ? 'A1' : `${cols[i - 1]}1`, `${c}1`)
      bench.place('wire', i === 0 ? 'A2' : `${cols[i - 1]}2`, `${c}2`)
    })
    return bench.parts
  }
  if (goal.type !== 'current') throw new Error(`circuits: no reference for ${task.id}`)
  const chosen = pickResistors(task as BuildTask & { goal: typeof goal })
  if (goal.arrangement === 'series') {
    // After the fixed bulb (B1-C1) when there is one.
    const first = task.fixed.some((p) => p.kind === 'bulb') ? 2 : 1
    chosen.forEach((item, i) => bench.placeItem(item, `${String.fromCharCode(65 + first + i)}1`, `${String.fromCharCode(66 + first + i)}1`))
    bench.place('wire', 'A1', 'B1')
    bench.place('wire', `${String.fromCharCode(65 + first + chosen.length)}1`, 'A2')
  } else if (goal.arrangement === 'parallel') {
    const cols = ['C', 'D', 'E', 'F'].slice(0, chosen.length)
    chosen.forEach((item, i) => bench.placeItem(item, `${cols[i]}1`, `${cols[i]}2`))
    cols.forEach((c, i) => {
      bench.place('wire', i === 0 ? 'A1' : `${cols[i - 1]}1`, `${c}1`)
      bench.place('wire', i === 0 ? 'A2' : `${cols[i - 1]}2`, `${c}2`)
    })
  } else {
    bench.placeItem(chosen[0]!, 'B1', 'C1')
    bench.placeItem(chosen[1]!, 'D1', 'D2')
    bench.placeItem(chosen[2]!, 'E1', 'E2')
    bench.place('wire', 'A1', 'B1')
    bench.place('wire', 'C1', 'D1')
    bench.place('wire', 'D1', 'E1')
    bench.place('wire', 'D2', 'E2')
    bench.place('wire', 'D2', 'A2')
  }
  return bench.parts
}

/** Meters placed as they should be, and the value read from them. */
function measureReference(task: MeasureTask): { parts: Part[]; value: number } {
  const bench = new Workbench(task)
  const target = task.fixed.find((p) => p.id === task.target)!
  let ammeter: Part | null = null
  let voltmeter: Part | null = null
  if (task.meters.includes('ammeter')) {
    bench.remove((p) => p.kind === 'wire' && p.a === at('A1') && p.b === at('B1'))
    ammeter = bench.place('ammeter', 'A1', 'B1')
  }
  if (task.meters.includes('voltmeter')) voltmeter = bench.place('voltmeter', name(target.b), name(target.a))
  const s = solveCircuit({ board: task.board, parts: bench.parts })
  const amps = ammeter ? Math.abs(s.parts[ammeter.id]!.current) : 0
  const volts = voltmeter ? Math.abs(s.parts[voltmeter.id]!.voltage) : 0
  const value = task.quantity === 'current' ? amps : task.quantity === 'voltage' ? volts : volts / amps
  return { parts: bench.parts, value }
}

export function referenceSolution(task: CircuitTask): CircuitAttempt {
  switch (task.kind) {
    case 'build':
      return { kind: 'build', parts: buildReference(task) }
    case 'choose':
      return { kind: 'choose', choice: task.answer }
    case 'compute':
      return { kind: 'compute', value: Number(task.answer.toPrecision(4)), unit: task.unit }
    case 'measure': {
      const { parts, value } = measureReference(task)
      return { kind: 'measure', parts, value: Number(value.toPrecision(4)) }
    }
  }
}

export function wrongAttempt(task: CircuitTask, rng: Rng): CircuitAttempt {
  switch (task.kind) {
    case 'build': {
      // A gap: the reference without its last wire.
      const parts = buildReference(task)
      const lastWire = parts.map((p) => p.kind).lastIndexOf('wire')
      return { kind: 'build', parts: parts.filter((_, i) => i !== lastWire) }
    }
    case 'choose': {
      const wrong = task.options.filter((o) => o.id !== task.answer)
      const telling = wrong.filter((o) => o.misconception)
      return { kind: 'choose', choice: rng.pick(telling.length > 0 ? telling : wrong).id }
    }
    case 'compute':
      return { kind: 'compute', value: Number((task.invertedAnswer ?? task.answer * rng.pick([0.5, 2])).toPrecision(4)), unit: task.unit }
    case 'measure': {
      // The classic slip: a meter across the part when it belongs in the loop, or in the loop when it belongs across.
      const bench = new Workbench(task)
      const target = task.fixed.find((p) => p.id === task.target)!
      let reading = 0
      if (task.meters.includes('ammeter')) {
        const ammeter = bench.place('ammeter', name(target.a), name(target.b))
        reading = Math.abs(solveCircuit({ board: task.board, parts: bench.parts }).parts[ammeter.id]!.current)
      } else {
        bench.remove((p) => p.kind === 'wire' && p.a === at('A1') && p.b === at('B1'))
        const voltmeter = bench.place('voltmeter', 'A1', 'B1')
        reading = Math.abs(solveCircuit({ board: task.board, parts: bench.parts }).parts[voltmeter.id]!.voltage)
      }
      if (task.meters.includes('voltmeter') && task.meters.includes('ammeter')) bench.place('voltmeter', name(target.b), name(target.a))
      return { kind: 'measure', parts: bench.parts, value: Number((task.quantity === 'resistance' ? task.answer * 1.6 : reading).toPrecision(4)) }
    }
  }
}
