/**
 * The workbench every task uses, and the conventions its circuits are drawn with: the battery
 * stands at the left edge (+ at A1, - at A2), series parts run along row 1 from B1, parallel
 * branches stand in columns C onwards between rows 1 and 2.
 */
import { parseTerminalName, type Board, type Part, type PartKind } from '../model'
import type { TrayItem } from './types'

export const BOARD: Board = { cols: 7, rows: 5 }

export function at(name: string): number {
  const t = parseTerminalName(BOARD, name)
  if (t === null) throw new Error(`circuits: no terminal ${name} on the board`)
  return t
}

const KIND_LABEL: Record<PartKind, string> = { battery: 'Battery', resistor: 'Resistor', bulb: 'Bulb', switch: 'Switch', wire: 'Wire', voltmeter: 'Voltmeter', ammeter: 'Ammeter' }

/** Numbers parts of a circuit as it is drawn: 'bulb-2' labelled 'Bulb 2'. */
export class CircuitDraft {
  readonly parts: Part[] = []
  private counts: Partial<Record<PartKind, number>> = {}

  add(kind: PartKind, from: string, to: string, extra: Partial<Part> = {}): Part {
    const n = (this.counts[kind] = (this.counts[kind] ?? 0) + 1)
    const single = kind === 'battery' || kind === 'switch' || kind === 'voltmeter' || kind === 'ammeter'
    const part: Part = { id: `${kind}-${n}`, kind, a: at(from), b: at(to), label: single && n === 1 ? KIND_LABEL[kind] : `${KIND_LABEL[kind]} ${n}`, ...extra }
    this.parts.push(part)
    return part
  }

  battery(volts: number, internalResistance = 0): Part {
    return this.add('battery', 'A2', 'A1', { value: volts, ...(internalResistance > 0 ? { internalResistance } : {}) })
  }
}

export function nextId(parts: readonly Part[], kind: PartKind): { id: string; label: string } {
  let n = 1
  while (parts.some((p) => p.id === `${kind}-${n}`)) n++
  const single = (kind === 'battery' || kind === 'switch' || kind === 'voltmeter' || kind === 'ammeter') && n === 1
  return { id: `${kind}-${n}`, label: single ? KIND_LABEL[kind] : `${KIND_LABEL[kind]} ${n}` }
}

export const WIRES: TrayItem = { kind: 'wire', name: 'wire', count: null }

export function resistorItem(ohms: number, count = 1): TrayItem {
  return { kind: 'resistor', value: ohms, name: `${fmt(ohms)} ohm resistor`, count }
}

export function bulbItem(ohms: number, ratedPower: number, count = 1): TrayItem {
  return { kind: 'bulb', value: ohms, ratedPower, name: `${fmt(ohms)} ohm bulb`, count }
}

/** A number as a student reads it: up to `digits` decimals, no trailing zeros. */
export function fmt(x: number, digits = 2): string {
  // A small negative rounds to -0, which Number's toString already writes as '0'.
  return Number(x.toFixed(digits)).toString()
}

/** Rounds to a number of significant figures, so given values are ones a student can read. */
export function sig(x: number, figures = 3): number {
  return Number(x.toPrecision(figures))
}
