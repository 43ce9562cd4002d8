import { createStore } from 'zustand/vanilla'
import type { InputMode } from '../../../src/core'
import { InteractionTracker } from '../../../src/view/interaction'
import { occupiedBy, placementError, terminalName, type Part, type TerminalId } from '../model'
import { nextId } from '../tasks/board'
import type { CircuitTask, TrayItem } from '../tasks/types'

/**
 * The circuit on the workbench as the student builds it, shared by the 3D scene and the
 * accessible panel. Every action goes through the functions below, so mouse, touch, keyboard,
 * controller and hand all build the same way.
 */
export interface CircuitWork {
  taskId: string | null
  parts: Part[]
  /** Index into the task's tray of the part being placed; wires when null. */
  tool: number | null
  /** The first end chosen for the next part. */
  pending: TerminalId | null
  /** The part picked on the board (to remove it). */
  selected: string | null
  /** A choose task was answered: the view now makes the change it asked about. */
  answered: boolean
  /** Why the last placement did not happen, for the student. */
  message: string | null
  /** The number answer of a compute or measure task, typed in the panel or on the headset's keypad; null until one is typed. */
  answer: number | null
}

export const circuitWork = createStore<CircuitWork>()(() => ({ taskId: null, parts: [], tool: null, pending: null, selected: null, answered: false, message: null, answer: null }))
export const circuitTracker = new InteractionTracker()

let currentTask: CircuitTask | null = null

export function syncTask(task: CircuitTask): void {
  currentTask = task
  if (circuitWork.getState().taskId === task.id) return
  circuitWork.setState({ taskId: task.id, parts: [...task.fixed, ...task.start].map((p) => ({ ...p })), tool: null, pending: null, selected: null, answered: false, message: null, answer: null })
  circuitTracker.reset()
}

/** Parts of a tray item still in the tray. */
export function remaining(task: CircuitTask, parts: readonly Part[], index: number): number | null {
  const item = task.tray[index]!
  if (item.count === null) return null
  const placed = parts.filter((p) => p.kind === item.kind && (item.value === undefined || p.value === item.value) && !task.fixed.some((f) => f.id === p.id) && !task.start.some((s) => s.id === p.id)).length
  return Math.max(0, item.count - placed)
}

export function toolItem(task: CircuitTask, tool: number | null): TrayItem {
  return tool === null ? { kind: 'wire', name: 'wire', count: null } : task.tray[tool]!
}

export function selectTool(tool: number | null): void {
  circuitWork.setState({ tool, pending: null, message: null })
}

/** Places the current tool's part between two terminals; returns why not, or null. */
export function placeBetween(a: TerminalId, b: TerminalId, mode: InputMode): string | null {
  const task = currentTask
  if (!task) return 'no task'
  const { parts, tool } = circuitWork.getState()
  const item = toolItem(task, tool)
  const where = placementError(task.board, { kind: item.kind, a, b })
  const taken = item.kind === 'wire' || item.kind === 'ammeter' || item.kind === 'voltmeter' ? undefined : occupiedBy(parts, a, b)
  const left = tool === null ? null : remaining(task, parts, tool)
  const why = where ? `A ${item.name} cannot go there: ${where}.` : taken ? `${taken.label} is already between ${terminalName(task.board, a)} and ${terminalName(task.board, b)}.` : left === 0 ? `There is no ${item.name} left in the tray.` : null
  if (why) {
    circuitWork.setState({ pending: null, message: why })
    return why
  }
  const part: Part = {
    ...nextId(parts, item.kind),
    kind: item.kind,
    a,
    b,
    ...(item.value !== undefined ? { value: item.value } : {}),
    ...(item.ratedPower !== undefined ? { ratedPower: item.ratedPower } : {}),
  }
  circuitTracker.begin(mode)
  const exhausted = left === 1
  circuitWork.setState({ parts: [...parts, part], pending: null, message: `${part.label} placed from ${terminalName(task.board, a)} to ${terminalName(task.board, b)}.`, tool: exhausted ? null : tool })
  return null
}

/** A terminal was picked (clicked, tapped, pressed, pinched, or a drag ended on it). */
export function pickTerminal(t: TerminalId, mode: InputMode): void {
  const { pending } = circuitWork.getState()
  if (pending === null) circuitWork.setState({ pending: t, selected: null, message: null })
  else if (pending === t) circuitWork.setState({ pending: null })
  else placeBetween(pending, t, mode)
}

/** A drag that started on one terminal ended on another. */
export function dropOnTerminal(t: TerminalId, mode: InputMode): void {
  const { pending } = circuitWork.getState()
  if (pending !== null && pending !== t) placeBetween(pending, t, mode)
}

export function isMovable(partId: string): boolean {
  return currentTask !== null && !currentTask.fixed.some((f) => f.id === partId)
}

export function removePart(partId: string, mode: InputMode): void {
  const { parts } = circuitWork.getState()
  const part = parts.find((p) => p.id === partId)
  if (!part) return
  if (!isMovable(partId)) {
    circuitWork.setState({ message: `${part.label} is fixed to the board.` })
    return
  }
  circuitTracker.begin(mode)
  circuitWork.setState({ parts: parts.filter((p) => p.id !== partId), selected: null, message: `${part.label} removed.` })
}

export function toggleSwitch(partId: string, mode: InputMode): void {
  const task = currentTask
  const { parts, answered } = circuitWork.getState()
  // In a prediction task the switch is the experiment: it flips once the prediction is in.
  if (task?.kind === 'choose' && !answered) {
    circuitWork.setState({ message: 'Make your prediction first; then the switch flips.' })
    return
  }
  circuitTracker.begin(mode)
  circuitWork.setState({ parts: parts.map((p) => (p.id === partId ? { ...p, closed: !p.closed } : p)), message: null })
}

export function selectPart(partId: string | null): void {
  circuitWork.setState({ selected: partId, pending: null })
}

/** The circuit as it should be drawn: after a prediction, with the change made. */
export function shownParts(task: CircuitTask, work: Pick<CircuitWork, 'parts' | 'answered'>): Part[] {
  if (task.kind !== 'choose' || !work.answered) return work.parts
  return work.parts.map((p) => (p.id === task.change.partId ? { ...p, closed: task.change.closed } : p))
}
