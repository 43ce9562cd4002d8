/**
 * Task and attempt shapes. A task is plain JSON carrying the board, the parts already on it and
 * the tray of parts the student may add, so a logged task can be replayed and re-assessed.
 */
import type { TaskBase } from '../../../src/core'
import type { Board, Part, PartKind } from '../model'

export type CircuitTaskKind = 'build' | 'choose' | 'compute' | 'measure'

/** Parts the student may take from the tray. */
export interface TrayItem {
  kind: PartKind
  /** Ohms for resistors and bulbs. */
  value?: number
  ratedPower?: number
  /** Student-facing: '4 ohm resistor'. */
  name: string
  /** How many may be placed; null for as many as needed (wires). */
  count: number | null
}

interface CircuitTaskCommon extends TaskBase {
  sceneId: 'circuits'
  kind: CircuitTaskKind
  board: Board
  /** On the board and fixed in place (switches may still be flipped). */
  fixed: Part[]
  /** On the board at the start; the student may move or remove them (a broken circuit to fix). */
  start: Part[]
  tray: TrayItem[]
  /** Relative tolerance on numbers. */
  tolerance: number
}

export type BuildGoal =
  /** Every listed bulb and `placeBulbs` bulbs from the tray glow, with no short circuit. */
  | { type: 'light'; bulbs: string[]; placeBulbs: number }
  /**
   * The battery delivers this current, in amperes, within the tolerance, through exactly
   * `resistors` resistors from the tray in the arrangement the prompt names: 'series', one path
   * through all of them (and any fixed bulb); 'parallel', all across the same two points;
   * 'mixed', one in series with two side by side.
   */
  | { type: 'current'; amps: number; arrangement: 'series' | 'parallel' | 'mixed'; resistors: number }
  /** `placeBulbs` bulbs from the tray all glow at full brightness using at most maxWires wires. */
  | { type: 'full-brightness'; placeBulbs: number; maxWires: number }

/** Build or fix a circuit on the board; the circuit is the answer. */
export interface BuildTask extends CircuitTaskCommon {
  kind: 'build'
  goal: BuildGoal
}

export interface ChoiceOption {
  id: string
  text: string
  /** A few words for the button in the headset: 'Bulb 1', 'Goes up'. */
  short: string
  /** Misconception this choice shows, when it shows one. */
  misconception?: string
}

/** Predict before the switch flips; then the view flips it and shows what happens. */
export interface ChooseTask extends CircuitTaskCommon {
  kind: 'choose'
  options: ChoiceOption[]
  answer: string
  /** The switch the view flips once the student has answered. */
  change: { partId: string; closed: boolean }
  /** Why the answer is right, shown after answering. */
  reason: string
}

export type Quantity = 'current' | 'voltage' | 'resistance'
export const UNIT_OF: Readonly<Record<Quantity, string>> = { current: 'A', voltage: 'V', resistance: 'ohm' }

/** Work out a value from the circuit's labelled values. */
export interface ComputeTask extends CircuitTaskCommon {
  kind: 'compute'
  quantity: Quantity
  unit: string
  answer: number
  /** What 'turning Ohm's law round wrongly' would give, to recognise that misconception. */
  invertedAnswer: number | null
  /** The relation that gives the answer, for the worked step. */
  formula: string
}

/** Place meters to measure a part, read them, and give the value. */
export interface MeasureTask extends CircuitTaskCommon {
  kind: 'measure'
  /** The part being measured. */
  target: string
  quantity: Quantity
  unit: string
  answer: number
  meters: ('ammeter' | 'voltmeter')[]
}

export type CircuitTask = BuildTask | ChooseTask | ComputeTask | MeasureTask

export type CircuitAttempt =
  | { kind: 'build'; parts: Part[] }
  | { kind: 'choose'; choice: string }
  | { kind: 'compute'; value: number; unit: string }
  | { kind: 'measure'; parts: Part[]; value: number }
