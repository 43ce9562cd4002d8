/**
 * A circuit on the workbench board: parts between terminals of a grid. Plain JSON, so a
 * student's circuit travels in telemetry and is re-assessed from the log.
 */

export type PartKind = 'battery' | 'resistor' | 'bulb' | 'switch' | 'wire' | 'voltmeter' | 'ammeter'

/** A terminal is an index into the board's grid: row * cols + col. */
export type TerminalId = number

export interface Part {
  /** Unique within a circuit: 'battery-1', 'wire-3'. */
  id: string
  kind: PartKind
  /**
   * The two ends. For a battery, a is the negative and b the positive terminal; for a meter,
   * a is COM (black) and b the red probe. Current through a part is counted from a to b.
   */
  a: TerminalId
  b: TerminalId
  /** Ohms for a resistor or bulb; volts (emf) for a battery. */
  value?: number
  /** A battery's internal resistance in ohms; 0 or absent is an ideal battery. */
  internalResistance?: number
  /** A switch: true when closed (conducting). */
  closed?: boolean
  /** A bulb's rated power in watts: at this power it glows at full brightness. */
  ratedPower?: number
  /** The name the student sees: 'Bulb 2'. */
  label: string
  /** The value is what the student must find: the view shows '?' instead of it. */
  hideValue?: boolean
}

export interface Board {
  cols: number
  rows: number
}

export interface Circuit {
  board: Board
  parts: Part[]
}

export const terminalId = (board: Board, col: number, row: number): TerminalId => row * board.cols + col
export const terminalCol = (board: Board, t: TerminalId): number => t % board.cols
export const terminalRow = (board: Board, t: TerminalId): number => Math.floor(t / board.cols)

/** 'C3': column letter and row number, as on a breadboard; used by the keyboard controls and the screen reader. */
export function terminalName(board: Board, t: TerminalId): string {
  return `${String.fromCharCode(65 + terminalCol(board, t))}${terminalRow(board, t) + 1}`
}

export function parseTerminalName(board: Board, name: string): TerminalId | null {
  const match = /^\s*([A-Za-z])\s*(\d{1,2})\s*$/.exec(name)
  if (!match) return null
  const col = match[1]!.toUpperCase().charCodeAt(0) - 65
  const row = Number(match[2]) - 1
  if (col < 0 || col >= board.cols || row < 0 || row >= board.rows) return null
  return terminalId(board, col, row)
}

/** Wires and meters (on their probe leads) may join any two terminals; other parts sit between neighbours. */
export const FREE_SPAN: ReadonlySet<PartKind> = new Set(['wire', 'voltmeter', 'ammeter'])


export function adjacent(board: Board, a: TerminalId, b: TerminalId): boolean {
  const dc = Math.abs(terminalCol(board, a) - terminalCol(board, b))
  const dr = Math.abs(terminalRow(board, a) - terminalRow(board, b))
  return dc + dr === 1
}

/** Why a part cannot go on the board as given, or null when it can. */
export function placementError(board: Board, part: Pick<Part, 'kind' | 'a' | 'b'>): string | null {
  const count = board.cols * board.rows
  for (const t of [part.a, part.b]) {
    if (!Number.isInteger(t) || t < 0 || t >= count) return `terminal ${t} is not on the ${board.cols} by ${board.rows} board`
  }
  if (part.a === part.b) return 'both ends are on the same terminal'
  if (!FREE_SPAN.has(part.kind) && !adjacent(board, part.a, part.b)) return `a ${part.kind} spans two neighbouring terminals`
  return null
}

/** Two parts may not lie on the same pair of neighbouring terminals (wires and meter leads may double up). */
export function occupiedBy(parts: readonly Part[], a: TerminalId, b: TerminalId): Part | undefined {
  return parts.find((p) => !FREE_SPAN.has(p.kind) && ((p.a === a && p.b === b) || (p.a === b && p.b === a)))
}

/**
 * The node each terminal belongs to: terminals joined by parts without resistance (wires,
 * ammeters, closed switches) are one point of the circuit, named by its smallest terminal. What
 * 'side by side' and 'in a chain' are judged on, not the holes a part happens to sit in.
 */
export function nodesOf(parts: readonly Part[]): (t: TerminalId) => TerminalId {
  const parent = new Map<TerminalId, TerminalId>()
  const find = (t: TerminalId): TerminalId => {
    while (parent.has(t) && parent.get(t) !== t) t = parent.get(t)!
    return t
  }
  for (const p of parts) {
    if (p.kind === 'wire' || p.kind === 'ammeter' || (p.kind === 'switch' && p.closed)) {
      const a = find(p.a)
      const b = find(p.b)
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b))
    }
  }
  return find
}
