/**
 * Circuit Lab tasks against answers worked independently of the generator and the solver: Ohm's
 * law on the numbers the prompt shows the student, series and parallel sums written out here,
 * the brightness and change rules of thumb a teacher would use, and the tolerance each level's
 * description promises on a typed or meter-read answer.
 */
import { describe, expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { assessCircuit, normaliseUnit } from '../../../scenes/circuits/assess'
import type { Part } from '../../../scenes/circuits/model'
import { SKILL_BRIGHTNESS, SKILL_CHANGE, SKILL_METERS, SKILL_OHM, SKILL_PARALLEL, SKILL_SERIES } from '../../../scenes/circuits/skills'
import { combine } from '../../../scenes/circuits/tasks/generate'
import type { BuildTask, ChooseTask, ComputeTask, MeasureTask } from '../../../scenes/circuits/tasks/types'
import { createRng } from '../../../src/core'

/** "answers within 5%" ... from the level descriptions. */
const TOLERANCE_BY_LEVEL: Record<number, number> = { 1: 0.05, 2: 0.04, 3: 0.03, 4: 0.02, 5: 0.02 }
const SEEDS = Array.from({ length: 15 }, (_, i) => 300 + i)
const gen = <T>(skill: string, level: number, seed: number) => circuits.generate(skill, level, createRng(seed)) as T
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)

/** The numbers in a prompt, in order: what the student reads. */
const numbersIn = (text: string): number[] => [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]))

describe("Ohm's law tasks, from the numbers the prompt shows", () => {
  it('level 1: I = V / R', () => {
    for (const seed of SEEDS) {
      const task = gen<ComputeTask>(SKILL_OHM, 1, seed)
      const [volts, ohms] = numbersIn(task.prompt)
      expect(task).toMatchObject({ quantity: 'current', unit: 'A' })
      expect(rel(task.answer, volts! / ohms!)).toBeLessThan(1e-12)
      expect(rel(task.invertedAnswer!, volts! * ohms!)).toBeLessThan(1e-12)
    }
  })

  it('level 2: R = V / I with the current as shown (3 significant figures)', () => {
    for (const seed of SEEDS) {
      const task = gen<ComputeTask>(SKILL_OHM, 2, seed)
      const [volts, amps] = numbersIn(task.prompt)
      expect(task).toMatchObject({ quantity: 'resistance', unit: 'ohm' })
      expect(rel(task.answer, volts! / amps!)).toBeLessThan(1e-12)
      // The ammeter's hidden resistor is the answer to within the rounding of the reading.
      const resistor = task.fixed.find((p) => p.kind === 'resistor')!
      expect(resistor.hideValue).toBe(true)
      expect(rel(task.answer, resistor.value!)).toBeLessThan(0.005)
    }
  })

  it('level 3: V = I R', () => {
    for (const seed of SEEDS) {
      const task = gen<ComputeTask>(SKILL_OHM, 3, seed)
      const [amps, ohms] = numbersIn(task.prompt)
      expect(task).toMatchObject({ quantity: 'voltage', unit: 'V' })
      expect(rel(task.answer, amps! * ohms!)).toBeLessThan(1e-9)
      expect(rel(task.invertedAnswer!, amps! / ohms!)).toBeLessThan(1e-9)
    }
  })

  it('level 4: the voltmeter across R reads emf R / (R + r)', () => {
    for (const seed of SEEDS) {
      const task = gen<ComputeTask>(SKILL_OHM, 4, seed)
      const [emf, r, ohms] = numbersIn(task.prompt)
      expect(rel(task.answer, (emf! * ohms!) / (ohms! + r!))).toBeLessThan(1e-12)
      expect(task.invertedAnswer).toBe(emf)
    }
  })

  it('level 5: r = emf / I - R', () => {
    for (const seed of SEEDS) {
      const task = gen<ComputeTask>(SKILL_OHM, 5, seed)
      const [emf, amps, ohms] = numbersIn(task.prompt)
      expect(rel(task.answer, emf! / amps! - ohms!)).toBeLessThan(1e-9)
      expect(task.answer).toBeGreaterThan(0)
      expect(task.invertedAnswer).toBeNull()
    }
  })

  it('a worked example: 6 V across 4 ohm is 1.5 A; 24 A is Ohm turned round; volts are the wrong unit', () => {
    const base = gen<ComputeTask>(SKILL_OHM, 1, 1)
    const task: ComputeTask = { ...base, answer: 1.5, invertedAnswer: 24, tolerance: 0.05 }
    const say = (value: number, unit: string) => assessCircuit(task, { kind: 'compute', value, unit })
    expect(say(1.5, 'A').correct).toBe(true)
    expect(say(1.57, 'amps').correct).toBe(true)
    expect(say(1.43, 'Amperes').correct).toBe(true)
    expect(say(1.58, 'A').correct).toBe(false)
    expect(say(1.58, 'A').feedback).toBe('Not quite: 1.58 A is too high. Use I = V / R.')
    expect(say(1.42, 'A').feedback).toBe('Not quite: 1.42 A is too low. Use I = V / R.')
    expect(say(1.2, 'A').score).toBeCloseTo(0.8, 12)
    const inverted = say(24, 'A')
    expect(inverted.misconception?.id).toBe('circuits.ohm-inverted')
    expect(inverted.score).toBeCloseTo(0.1, 12)
    expect(inverted.evidence).toEqual([{ skill: SKILL_OHM, correct: false }])
    const unit = say(1.5, 'V')
    expect(unit).toMatchObject({ correct: false, score: 0.2, feedback: 'A current is measured in A, not V.' })
    expect(say(1.5, '').feedback).toBe('A current is measured in A, not no unit.')
    expect(say(Number.NaN, 'A')).toMatchObject({ correct: false, score: 0, feedback: 'Enter a number.' })
    expect(say(1.5, 'A').feedback).toBe('Yes: I = V / R gives 1.5 A.')
  })

  it('units: A, V and ohm by any of their names', () => {
    for (const a of ['a', 'A', ' amp ', 'amps', 'Ampere', 'amperes']) expect(normaliseUnit(a)).toBe('A')
    for (const v of ['v', 'volt', 'Volts']) expect(normaliseUnit(v)).toBe('V')
    for (const o of ['ohm', 'Ohms', 'Ω', 'ω']) expect(normaliseUnit(o)).toBe('ohm')
    expect(normaliseUnit(' kV ')).toBe('kV')
  })

  it('a typed answer is accepted within the level tolerance of the description', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      for (const seed of SEEDS.slice(0, 5)) {
        const task = gen<ComputeTask>(SKILL_OHM, level, seed)
        const tol = TOLERANCE_BY_LEVEL[level]!
        expect(task.tolerance).toBe(tol)
        const say = (value: number) => assessCircuit(task, { kind: 'compute', value, unit: task.unit }).correct
        expect(say(task.answer * (1 + 0.95 * tol))).toBe(true)
        expect(say(task.answer * (1 - 0.95 * tol))).toBe(true)
        expect(say(task.answer * (1 + 1.05 * tol))).toBe(false)
        expect(say(task.answer * (1 - 1.05 * tol))).toBe(false)
      }
    }
  })
})

describe('series and parallel build tasks', () => {
  it('equivalent resistance: 2 + 3 = 5; 3 || 6 = 2; 4 + (3 || 6) = 6', () => {
    expect(combine('series', [2, 3])).toBe(5)
    expect(combine('parallel', [3, 6])).toBeCloseTo(2, 12)
    expect(combine('mixed', [4, 3, 6])).toBeCloseTo(6, 12)
  })

  /** Subsets of the tray's resistors (each used at most as often as the tray holds it). */
  const subsets = (values: number[], n: number): number[][] => {
    if (n === 0) return [[]]
    return values.flatMap((v, i) => subsets(values.slice(i + 1), n - 1).map((rest) => [v, ...rest]))
  }
  const trayResistors = (task: BuildTask): number[] => task.tray.flatMap((t) => (t.kind === 'resistor' ? Array.from({ length: t.count ?? 1 }, () => t.value!) : []))

  it('the target current is reachable from the tray by the sum the prompt asks for, worked here', () => {
    for (const seed of SEEDS) {
      for (const [skill, level, n, sum] of [
        [SKILL_SERIES, 1, 1, (r: number[]) => r[0]!],
        [SKILL_SERIES, 2, 2, (r: number[]) => r[0]! + r[1]!],
        [SKILL_SERIES, 3, 3, (r: number[]) => r[0]! + r[1]! + r[2]!],
        [SKILL_PARALLEL, 1, 2, (r: number[]) => 1 / (1 / r[0]! + 1 / r[1]!)],
        [SKILL_PARALLEL, 2, 2, (r: number[]) => 1 / (1 / r[0]! + 1 / r[1]!)],
        [SKILL_PARALLEL, 3, 3, (r: number[]) => 1 / (1 / r[0]! + 1 / r[1]! + 1 / r[2]!)],
      ] as const) {
        const task = gen<BuildTask>(skill, level, seed)
        const battery = task.fixed.find((p) => p.kind === 'battery')!
        const goal = task.goal as { type: 'current'; amps: number }
        expect(goal.type).toBe('current')
        const [volts] = numbersIn(task.prompt)
        expect(volts).toBe(battery.value)
        const currents = subsets(trayResistors(task), n).map((r) => volts! / sum(r))
        expect(currents.some((i) => rel(i, goal.amps) < 1e-12), `${task.id}: ${goal.amps} from ${trayResistors(task)}`).toBe(true)
        // The prompt states the current to 3 decimals.
        expect(task.prompt).toContain(`delivers ${Number(goal.amps.toFixed(3))} A`)
      }
    }
  })

  it('with a bulb and a real battery the bulb and r add in series: I = emf / (R1 + R2 + bulb + r)', () => {
    for (const seed of SEEDS) {
      const task = gen<BuildTask>(SKILL_SERIES, 5, seed)
      const battery = task.fixed.find((p) => p.kind === 'battery')!
      const bulb = task.fixed.find((p) => p.kind === 'bulb')!
      const goal = task.goal as { amps: number }
      const currents = subsets(trayResistors(task), 2).map((r) => battery.value! / (r[0]! + r[1]! + bulb.value! + battery.internalResistance!))
      expect(currents.some((i) => rel(i, goal.amps) < 1e-12)).toBe(true)
      expect(battery.internalResistance).toBeGreaterThan(0)
    }
  })

  it('the built current is judged with the level tolerance', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      const task = gen<BuildTask>(SKILL_SERIES, level, 7)
      expect(task.tolerance).toBe(TOLERANCE_BY_LEVEL[level])
    }
  })
})

describe('brightness and change: the rules a teacher would use', () => {
  const bulbs = (task: ChooseTask): Part[] => task.fixed.filter((p) => p.kind === 'bulb')

  it('in series the bulb with more resistance is brightest; in parallel the one with less; first in line when the rest split', () => {
    for (const seed of SEEDS) {
      const series = gen<ChooseTask>(SKILL_BRIGHTNESS, 2, seed)
      const s = bulbs(series)
      expect(series.answer).toBe(s.reduce((a, b) => (b.value! > a.value! ? b : a)).id)
      const parallel = gen<ChooseTask>(SKILL_BRIGHTNESS, 3, seed)
      const p = bulbs(parallel)
      expect(parallel.answer).toBe(p.reduce((a, b) => (b.value! < a.value! ? b : a)).id)
      // Level 4: bulb 1 carries the whole current, then it splits between two equal bulbs.
      const mixed = gen<ChooseTask>(SKILL_BRIGHTNESS, 4, seed)
      expect(mixed.answer).toBe('bulb-1')
      expect(gen<ChooseTask>(SKILL_BRIGHTNESS, 1, seed).answer).toBe('same')
    }
  })

  it('adding a bulb in series lowers the current; a parallel branch raises it, leaves an ideal battery\'s other branch alone, and dims it on a real one', () => {
    for (const seed of SEEDS) {
      expect(gen<ChooseTask>(SKILL_CHANGE, 1, seed).answer).toBe('less')
      expect(gen<ChooseTask>(SKILL_CHANGE, 2, seed).answer).toBe('more')
      expect(gen<ChooseTask>(SKILL_CHANGE, 3, seed).answer).toBe('same')
      expect(gen<ChooseTask>(SKILL_CHANGE, 4, seed).answer).toBe('same')
      expect(gen<ChooseTask>(SKILL_CHANGE, 5, seed).answer).toBe('less')
    }
  })

  it('the wrong choices carry the idea they show', () => {
    const l2 = gen<ChooseTask>(SKILL_CHANGE, 2, 1)
    expect(Object.fromEntries(l2.options.map((o) => [o.id, o.misconception ?? null]))).toEqual({ more: null, less: 'circuits.parallel-resistance-adds', same: 'circuits.battery-constant-current' })
    const l3 = gen<ChooseTask>(SKILL_CHANGE, 3, 1)
    expect(Object.fromEntries(l3.options.map((o) => [o.id, o.misconception ?? null]))).toEqual({ more: null, less: 'circuits.battery-constant-current', same: null })
    const l4 = gen<ChooseTask>(SKILL_CHANGE, 4, 1)
    expect(Object.fromEntries(l4.options.map((o) => [o.id, o.misconception ?? null]))).toEqual({ more: 'circuits.battery-constant-current', less: null, same: null })
    const verdict = assessCircuit(l2, { kind: 'choose', choice: 'same' })
    expect(verdict.misconception?.id).toBe('circuits.battery-constant-current')
    expect(assessCircuit(l2, { kind: 'choose', choice: 'nonsense' })).toMatchObject({ correct: false, score: 0, feedback: '"nonsense" is not one of the choices.' })
  })
})

describe('meter tasks: the value the meters show, and the reading tolerance', () => {
  it('current I = emf / (R + other + r), voltage I R, resistance R, worked from the parts', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      for (const seed of SEEDS) {
        const task = gen<MeasureTask>(SKILL_METERS, level, seed)
        const battery = task.fixed.find((p) => p.kind === 'battery')!
        const target = task.fixed.find((p) => p.id === task.target)!
        const other = task.fixed.filter((p) => p.kind === 'resistor' && p.id !== task.target).reduce((sum, p) => sum + p.value!, 0)
        const current = battery.value! / (target.value! + other + (battery.internalResistance ?? 0))
        const expected = { current, voltage: current * target.value!, resistance: target.value! }[task.quantity]
        expect(rel(task.answer, expected), task.id).toBeLessThan(1e-12)
        expect(task.quantity).toBe(level === 1 ? 'current' : level === 2 ? 'voltage' : 'resistance')
      }
    }
  })

  it('a reading within the level tolerance of the description is right; beyond it the meters are praised but the value is not', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      const task = gen<MeasureTask>(SKILL_METERS, level, 11)
      const tol = TOLERANCE_BY_LEVEL[level]!
      expect(task.tolerance).toBe(tol)
      const reference = circuits.referenceSolution(task) as { kind: 'measure'; parts: Part[]; value: number }
      const read = (value: number) => assessCircuit(task, { ...reference, value })
      expect(read(task.answer * (1 + 0.95 * tol)).correct).toBe(true)
      expect(read(task.answer * (1 - 0.95 * tol)).correct).toBe(true)
      // A negative reading (leads swapped) counts by its size.
      expect(read(-task.answer).correct).toBe(true)
      const off = read(task.answer * (1 + 1.05 * tol))
      expect(off.correct).toBe(false)
      expect(off.score).toBe(0.5)
      expect(off.feedback).toMatch(/^The meters are placed well, but .* is not what they show\./)
      expect(read(task.answer * (1 - 1.05 * tol)).correct).toBe(false)
      if (task.quantity === 'resistance') {
        // Resistance is found with Ohm's law: the Ohm skill gets the evidence too.
        expect(read(task.answer).evidence).toEqual([{ skill: SKILL_METERS, correct: true }, { skill: SKILL_OHM, correct: true }])
        expect(off.evidence).toEqual([{ skill: SKILL_METERS, correct: false }, { skill: SKILL_OHM, correct: false }])
      } else {
        expect(read(task.answer).evidence).toEqual([{ skill: SKILL_METERS, correct: true }])
      }
    }
  })
})
