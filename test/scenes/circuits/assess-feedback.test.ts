/**
 * What the Circuit Lab assessor tells a student about a circuit, on attempts built by hand from
 * a task: an open gap, a dark bulb, a bulb left in the tray, too many wires, parts that are not
 * in the tray, meters left out or misplaced, a circuit changed under the meters, partial credit.
 */
import { describe, expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { assessCircuit, partsError } from '../../../scenes/circuits/assess'
import type { Part } from '../../../scenes/circuits/model'
import { SKILL_LOOP, SKILL_METERS, SKILL_PARALLEL, SKILL_SERIES } from '../../../scenes/circuits/skills'
import { at } from '../../../scenes/circuits/tasks/board'
import type { BuildTask, CircuitTask, MeasureTask } from '../../../scenes/circuits/tasks/types'
import { createRng } from '../../../src/core'

const gen = <T extends CircuitTask>(skill: string, level: number, seed = 1) => circuits.generate(skill, level, createRng(seed)) as T
const wire = (id: string, from: string, to: string): Part => ({ id, kind: 'wire', a: at(from), b: at(to), label: id })
const reference = (task: CircuitTask) => (circuits.referenceSolution(task) as { parts: Part[] }).parts
const build = (task: CircuitTask, parts: Part[]) => assessCircuit(task, { kind: 'build', parts })

describe('light the bulbs', () => {
  it('one bulb wired round: correct, and says why', () => {
    const task = gen<BuildTask>(SKILL_LOOP, 1)
    const result = build(task, reference(task))
    expect(result).toEqual({ correct: true, score: 1, evidence: [{ skill: SKILL_LOOP, correct: true }], feedback: 'The bulb lights: current flows round a closed loop from one end of the battery back to the other.' })
  })

  it('a gap: the open circuit is named, no credit for a dark bulb', () => {
    const task = gen<BuildTask>(SKILL_LOOP, 1)
    const parts = reference(task)
    const gap = parts.filter((p) => p !== parts.filter((q) => q.kind === 'wire').at(-1))
    const result = build(task, gap)
    expect(result.correct).toBe(false)
    expect(result.score).toBe(0)
    expect(result.feedback).toMatch(/^No current flows: there is no closed loop from Battery back to it\.|connected at one end only/)
  })

  it('a bulb left in the tray: asked to place it; both must light', () => {
    const task = gen<BuildTask>(SKILL_LOOP, 3)
    const withoutNew = reference(task).filter((p) => p.kind !== 'bulb' || task.fixed.some((f) => f.id === p.id))
    expect(build(task, withoutNew).feedback).toBe('Place the bulb from the tray too.')
    const done = build(task, reference(task))
    expect(done.correct).toBe(true)
    expect(done.feedback).toBe('Every bulb lights: current flows round a closed loop from one end of the battery back to the other.')
  })

  it('the broken circuits: as given, the short is named; fixed, both bulbs light', () => {
    const shorted = gen<BuildTask>(SKILL_LOOP, 5)
    const asGiven = build(shorted, [...shorted.fixed, ...shorted.start])
    expect(asGiven.correct).toBe(false)
    expect(asGiven.feedback).toMatch(/short-circuited/)
    const fixed = gen<BuildTask>(SKILL_LOOP, 4)
    const result = build(fixed, reference(fixed))
    expect(result.correct).toBe(true)
  })
})

describe('full brightness in parallel', () => {
  const task = gen<BuildTask>(SKILL_PARALLEL, 4)

  it('all three bulbs side by side with six wires: correct', () => {
    expect(task.goal).toEqual({ type: 'full-brightness', placeBulbs: 3, maxWires: 6 })
    expect(build(task, reference(task))).toMatchObject({ correct: true, feedback: 'All 3 bulbs glow fully with 6 wires: side by side (in parallel), each gets the whole battery voltage.' })
  })

  it('a seventh wire is one too many', () => {
    const result = build(task, [...reference(task), wire('extra', 'A1', 'G5')])
    expect(result.correct).toBe(false)
    expect(result.feedback).toBe('That uses 7 wires; the most allowed is 6.')
    // All three glow fully: half credit.
    expect(result.score).toBeCloseTo(0.5, 12)
  })

  it('two bulbs placed: asked for all three', () => {
    const parts = reference(task)
    const thirdBulb = parts.filter((p) => p.kind === 'bulb').at(-1)!
    const result = build(task, parts.filter((p) => p !== thirdBulb))
    expect(result.feedback).toBe('Place all 3 bulbs.')
    expect(result.score).toBeCloseTo((2 / 3) / 2, 12)
  })

  it('three bulbs in a chain: dim, and told why', () => {
    const bulb = task.tray.find((t) => t.kind === 'bulb')!
    const b = (id: string, from: string, to: string): Part => ({ id, kind: 'bulb', a: at(from), b: at(to), value: bulb.value, ratedPower: bulb.ratedPower, label: id })
    const chain = [...task.fixed, b('b1', 'B1', 'C1'), b('b2', 'C1', 'D1'), b('b3', 'D1', 'E1'), wire('w1', 'A1', 'B1'), wire('w2', 'E1', 'A2')]
    const result = build(task, chain)
    expect(result.correct).toBe(false)
    expect(result.feedback).toBe('3 of the bulbs are dim or dark. Bulbs in a chain (series) share the voltage; give each its own path to the battery.')
    expect(result.score).toBe(0)
  })
})

describe('a target current', () => {
  it('a short across the battery: no credit, the short named', () => {
    const task = gen<BuildTask>(SKILL_SERIES, 5)
    const result = build(task, [...reference(task), wire('short', 'A1', 'A2')])
    expect(result).toMatchObject({ correct: false, score: 0 })
    expect(result.feedback).toMatch(/short-circuited/)
  })

  it('the resistor set down but not wired: says no current flows, no credit', () => {
    const task = gen<BuildTask>(SKILL_SERIES, 1)
    const result = build(task, reference(task).filter((p) => p.kind !== 'wire'))
    expect(result.correct).toBe(false)
    expect(result.score).toBe(0)
    expect(result.feedback).toMatch(/No current flows|not joined|connected at/)
  })

  it('nothing placed: the resistor the task asks for is named, no credit', () => {
    const task = gen<BuildTask>(SKILL_SERIES, 1)
    expect(build(task, [...task.fixed])).toMatchObject({ correct: false, score: 0, feedback: 'The task asks for one resistor; your circuit uses none.' })
  })

  it('the right current is named with its value', () => {
    const task = gen<BuildTask>(SKILL_SERIES, 2)
    const result = build(task, reference(task))
    expect(result.correct).toBe(true)
    expect(result.feedback).toBe(`The battery delivers ${Number((task.goal as { amps: number }).amps.toFixed(3))} A, as asked.`)
  })
})

describe('parts that could not have come from the task', () => {
  const task = gen<BuildTask>(SKILL_SERIES, 2)

  it('more of a part than the tray holds', () => {
    const resistor = task.tray.find((t) => t.kind === 'resistor')!
    const r = (id: string, from: string, to: string): Part => ({ id, kind: 'resistor', a: at(from), b: at(to), value: resistor.value, label: id })
    expect(partsError(task, [...task.fixed, r('r1', 'B1', 'C1'), r('r2', 'C1', 'D1')])).toBe(`the tray has only 1 ${resistor.name}`)
    expect(build(task, [...task.fixed, r('r1', 'B1', 'C1'), r('r2', 'C1', 'D1')]).feedback).toBe(`That circuit cannot be built: the tray has only 1 ${resistor.name}.`)
    expect(partsError(task, [...task.fixed, r('r1', 'B1', 'C1')])).toBeNull()
  })

  it('a fixed part missing, a start part changed, no list at all', () => {
    expect(partsError(task, [])).toBe('Battery must stay where it is')
    expect(partsError(task, 'x' as unknown as Part[])).toBe('the attempt has no list of parts')
    const battery = task.fixed[0]!
    expect(partsError(task, [{ ...battery, value: 99 }])).toBe('Battery must stay where it is')
    // The battery turned round end to end is still where it was.
    expect(partsError(task, [{ ...battery, a: battery.b, b: battery.a }])).toBeNull()
    const broken = gen<BuildTask>(SKILL_LOOP, 4)
    const startWire = broken.start.find((p) => p.kind === 'wire')!
    // A start wire may stay, or be moved like any tray wire (wires are unlimited).
    expect(partsError(broken, [...broken.fixed, ...broken.start])).toBeNull()
    expect(partsError(broken, [...broken.fixed, { ...startWire, a: at('G5') }])).toBeNull()
  })

  it('an attempt of another kind', () => {
    expect(assessCircuit(task, { kind: 'choose', choice: 'x' })).toMatchObject({ correct: false, score: 0, feedback: 'This task needs a build answer.' })
    expect(assessCircuit(task, undefined as never).feedback).toBe('This task needs a build answer.')
  })
})

describe('meters', () => {
  it('no ammeter where one is needed, and no voltmeter where one is needed, are named', () => {
    const current = gen<MeasureTask>(SKILL_METERS, 1)
    const bare = [...current.fixed, ...current.start]
    const target = current.fixed.find((p) => p.id === current.target)!
    const result = assessCircuit(current, { kind: 'measure', parts: bare, value: current.answer })
    expect(result).toMatchObject({ correct: false, score: 0.2, feedback: `The ammeter must be in line with ${target.label}, so the same current flows through both.` })
    const voltage = gen<MeasureTask>(SKILL_METERS, 2)
    const vTarget = voltage.fixed.find((p) => p.id === voltage.target)!
    expect(assessCircuit(voltage, { kind: 'measure', parts: [...voltage.fixed, ...voltage.start], value: voltage.answer }).feedback).toBe(`The voltmeter's leads go on the two ends of ${vTarget.label}.`)
  })

  it('the circuit changed under the meters: told to put it back, no credit', () => {
    const task = gen<MeasureTask>(SKILL_METERS, 4)
    const target = task.fixed.find((p) => p.id === task.target)!
    const ref = reference(task)
    // A wire across the other resistor changes the current through the target.
    const other = task.fixed.find((p) => p.kind === 'resistor' && p.id !== task.target)!
    const result = assessCircuit(task, { kind: 'measure', parts: [...ref, { id: 'bypass', kind: 'wire', a: other.a, b: other.b, label: 'bypass' }], value: task.answer })
    expect(result).toMatchObject({ correct: false, score: 0, feedback: `The circuit around ${target.label} has changed; put it back as it was and only add the meters.` })
    expect(result.misconception).toBeUndefined()
  })

  it('a circuit that cannot be built is named', () => {
    const task = gen<MeasureTask>(SKILL_METERS, 1)
    const result = assessCircuit(task, { kind: 'measure', parts: [], value: 1 })
    expect(result.feedback).toMatch(/^That circuit cannot be built: .* must stay where it is\.$/)
  })
})
