/**
 * Circuit Lab's assessor on hand-worked numbers, aimed at what mutation testing found unchecked:
 * the exact edge of a tolerance, the units and which way a wrong number is off, the next step
 * after a wrong choice, and which skills a wrong answer
 * counts against.
 */
import { describe, expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { assessCircuit, partsError } from '../../../scenes/circuits/assess'
import { MISCONCEPTION_SKILL, MISCONCEPTIONS, STUDENT_WORDS } from '../../../scenes/circuits/misconceptions'
import type { Part } from '../../../scenes/circuits/model'
import { SKILL_BRIGHTNESS, SKILL_CHANGE, SKILL_METERS, SKILL_OHM, SKILL_SERIES } from '../../../scenes/circuits/skills'
import { at } from '../../../scenes/circuits/tasks/board'
import type { BuildTask, ChooseTask, CircuitTask, ComputeTask, MeasureTask } from '../../../scenes/circuits/tasks/types'
import { createRng } from '../../../src/core'

const gen = <T extends CircuitTask>(skill: string, level: number, seed = 1) => circuits.generate(skill, level, createRng(seed)) as T
const reference = (task: CircuitTask) => (circuits.referenceSolution(task) as { parts: Part[] }).parts
const compute = (task: ComputeTask, value: number, unit: string) => assessCircuit(task, { kind: 'compute', value, unit })

describe("Ohm's law answers", () => {
  // Level 3, seed 1: "A current of 6 A flows through a 2 ohm resistor ... What is the battery's voltage?"
  const task = gen<ComputeTask>(SKILL_OHM, 3)

  it('the generated task is the one worked by hand: V = I R = 6 x 2 = 12 V; the inversion is 6 / 2 = 3', () => {
    expect(task.prompt).toMatch(/6 A .* 2 ohm/)
    expect(task.answer).toBe(12)
    expect(task.invertedAnswer).toBe(3)
  })

  it('an answer exactly on the edge of the tolerance counts (25% of 100 is 25, exact in binary)', () => {
    const wide: ComputeTask = { ...task, answer: 100, invertedAnswer: null, tolerance: 0.25 }
    expect(compute(wide, 125, 'V').correct).toBe(true)
    expect(compute(wide, 75, 'V').correct).toBe(true)
    expect(compute(wide, 125.001, 'V').correct).toBe(false)
  })

  it('a wrong unit gets a fifth and names the unit that fits; no unit says so', () => {
    expect(compute(task, 12, 'A')).toMatchObject({ correct: false, score: 0.2, feedback: 'A voltage is measured in V, not A.' })
    expect(compute(task, 12, '').feedback).toBe('A voltage is measured in V, not no unit.')
    expect(compute(task, 12, ' volts ').correct).toBe(true)
    const resistance: ComputeTask = { ...task, quantity: 'resistance', unit: 'ohm', answer: 2, invertedAnswer: null }
    expect(compute(resistance, 2, 'V').feedback).toBe('A resistance is measured in ohms, not V.')
  })

  it('3 V (I / R) is the inverted law: a tenth, named, counted against Ohm\'s law once', () => {
    const result = compute(task, 3, 'V')
    expect(result.score).toBe(0.1)
    expect(result.misconception).toEqual(MISCONCEPTIONS.ohmInverted)
    expect(result.evidence).toEqual([{ skill: SKILL_OHM, correct: false }])
  })

  it('no inverted answer: 0 is just wrong, not the inverted law', () => {
    const plain: ComputeTask = { ...task, invertedAnswer: null }
    expect(compute(plain, 0, 'V').misconception).toBeUndefined()
  })

  it('too high and too low are told apart, with credit 1 - relative error', () => {
    const high = compute(task, 15, 'V')
    expect(high.feedback).toBe("Not quite: 15 V is too high. Use V = I R.")
    expect(high.score).toBeCloseTo(1 - 3 / 12, 12)
    const low = compute(task, 9, 'V')
    expect(low.feedback).toBe("Not quite: 9 V is too low. Use V = I R.")
    expect(low.score).toBeCloseTo(1 - 3 / 12, 12)
    expect(compute(task, 40, 'V').score).toBe(0)
  })
})

describe('choosing', () => {
  it('a wrong brightness choice: the idea it fits, then the next step for power', () => {
    const task = gen<ChooseTask>(SKILL_BRIGHTNESS, 1)
    const used = task.options.find((o) => o.misconception === MISCONCEPTIONS.currentUsedUp.id)!
    const result = assessCircuit(task, { kind: 'choose', choice: used.id })
    expect(result.feedback).toBe(`Not quite. That answer fits the idea that ${STUDENT_WORDS[MISCONCEPTIONS.currentUsedUp.id]}, which does not hold here. Next step: work out the current through each bulb, then its power (P = I^2 R).`)
    const plain = task.options.find((o) => o.id !== task.answer && !o.misconception)!
    expect(assessCircuit(task, { kind: 'choose', choice: plain.id }).feedback).toBe('Not quite. Next step: work out the current through each bulb, then its power (P = I^2 R).')
    expect(assessCircuit(task, { kind: 'choose', choice: 'nope' }).feedback).toBe('"nope" is not one of the choices.')
  })

  it('a wrong change prediction: the next step is the resistance before and after', () => {
    const task = gen<ChooseTask>(SKILL_CHANGE, 1)
    const wrong = task.options.find((o) => o.id !== task.answer)!
    expect(assessCircuit(task, { kind: 'choose', choice: wrong.id }).feedback).toMatch(/ Next step: work out the total resistance before and after the switch flips, then the current\.$/)
  })

  it("a wrong answer showing a misconception also counts against that misconception's own skill", () => {
    let checked = 0
    for (const skill of [SKILL_BRIGHTNESS, SKILL_CHANGE]) {
      for (let level = 1; level <= 5; level++) {
        const task = gen<ChooseTask>(skill, level)
        if (task.kind !== 'choose') continue
        for (const option of task.options) {
          if (option.id === task.answer || !option.misconception) continue
          const result = assessCircuit(task, { kind: 'choose', choice: option.id })
          const also = MISCONCEPTION_SKILL[option.misconception]!
          const expected = also === task.skill ? [{ skill: task.skill, correct: false }] : [{ skill: task.skill, correct: false }, { skill: also, correct: false }]
          expect(result.evidence).toEqual(expected)
          if (also !== task.skill) checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(0)
    // A right answer carries no misconception, even on a task whose options name some.
    const task = gen<ChooseTask>(SKILL_BRIGHTNESS, 1)
    expect(assessCircuit(task, { kind: 'choose', choice: task.answer })).toEqual({ correct: true, score: 1, evidence: [{ skill: SKILL_BRIGHTNESS, correct: true }], feedback: `Right. ${task.reason}` })
  })
})

describe('reading the meters', () => {
  // Level 3, seed 1: Resistor 1 is 2 ohms across a 12 V battery; R = V / I = 12 / 6 = 2 ohms.
  const task = gen<MeasureTask>(SKILL_METERS, 3)
  const parts = reference(task)
  const measure = (value: number, t: MeasureTask = task) => assessCircuit(t, { kind: 'measure', parts, value })

  it('the right resistance also counts for Ohm\'s law; a wrong one against it, with the division as the hint', () => {
    expect(task.answer).toBe(2)
    expect(measure(2)).toEqual({ correct: true, score: 1, evidence: [{ skill: SKILL_METERS, correct: true }, { skill: SKILL_OHM, correct: true }], feedback: 'Meters in the right places, and 2 ohm is right.' })
    expect(measure(3)).toEqual({ correct: false, score: 0.5, evidence: [{ skill: SKILL_METERS, correct: false }, { skill: SKILL_OHM, correct: false }], feedback: 'The meters are placed well, but 3 ohm is not what they show. Divide the voltmeter reading by the ammeter reading: R = V / I.' })
  })

  it('a reading exactly on the tolerance counts (a quarter of 2 is 0.5, exact in binary)', () => {
    const wide: MeasureTask = { ...task, tolerance: 0.25 }
    expect(measure(2.5, wide).correct).toBe(true)
    expect(measure(1.5, wide).correct).toBe(true)
    expect(measure(2.5001, wide).correct).toBe(false)
  })

  it('a current to read: a wrong value is told to read the meter, no Ohm\'s law evidence', () => {
    const current = gen<MeasureTask>(SKILL_METERS, 1)
    const result = assessCircuit(current, { kind: 'measure', parts: reference(current), value: current.answer * 2 })
    expect(result.feedback).toMatch(/is not what they show\. Read the value off the meter\.$/)
    expect(result.evidence).toEqual([{ skill: SKILL_METERS, correct: false }])
  })
})

describe('parts that must stay where they are', () => {
  it('a fixed part with one end moved is moved, whichever end; both ends swapped is not', () => {
    const task = gen<BuildTask>(SKILL_SERIES, 2)
    const battery = task.fixed[0]!
    const elsewhere = at('G5')
    expect(partsError(task, [{ ...battery, b: elsewhere }])).toBe('Battery must stay where it is')
    expect(partsError(task, [{ ...battery, a: elsewhere }])).toBe('Battery must stay where it is')
    expect(partsError(task, [{ ...battery, a: battery.b, b: elsewhere }])).toBe('Battery must stay where it is')
    expect(partsError(task, [{ ...battery, a: elsewhere, b: battery.a }])).toBe('Battery must stay where it is')
    expect(partsError(task, [{ ...battery, kind: 'bulb' }])).toBe('Battery must stay where it is')
  })

  it('a resistor of a value the tray does not hold is not in the tray', () => {
    const task = gen<BuildTask>(SKILL_SERIES, 2)
    const resistor = task.tray.find((t) => t.kind === 'resistor')!
    expect(resistor.value).toBeDefined()
    const odd: Part = { id: 'r1', kind: 'resistor', a: at('B1'), b: at('C1'), value: resistor.value! + 1, label: 'R?' }
    expect(partsError(task, [...task.fixed, odd])).toBe('R? is not in the tray')
  })
})

describe('a voltmeter across the wrong resistor', () => {
  it('12 V across 2 and 6 ohms in series: 3 V across Resistor 1, 9 V across Resistor 2, so the reading is refused', () => {
    const task = gen<MeasureTask>(SKILL_METERS, 4)
    const target = task.fixed.find((p) => p.id === task.target)!
    const other = task.fixed.find((p) => p.kind === 'resistor' && p.id !== task.target)!
    expect([target.value, other.value]).toEqual([2, 6])
    const parts = reference(task).map((p) => (p.kind === 'voltmeter' ? { ...p, a: other.a, b: other.b } : p))
    const result = assessCircuit(task, { kind: 'measure', parts, value: 2 })
    expect(result).toMatchObject({ correct: false, score: 0.2, feedback: `The voltmeter's leads go on the two ends of ${target.label}.` })
    expect(result.evidence).toEqual([{ skill: SKILL_METERS, correct: false }, { skill: SKILL_OHM, correct: false }])
  })
})
