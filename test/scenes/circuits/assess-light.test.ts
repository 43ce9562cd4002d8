/**
 * The assessor on light-the-bulbs and full-brightness builds, worked by hand on the bench a task
 * gives: which bulbs are named as dark, how many bulbs are still to place, and which parts count
 * as the student's own (parts already on the bench at the start are not "placed" by the
 * student, and their wires do not count against the wire limit); and a voltmeter put in the
 * loop while the ammeter is rightly in line.
 */
import { describe, expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { assessCircuit } from '../../../scenes/circuits/assess'
import type { Part } from '../../../scenes/circuits/model'
import { MISCONCEPTIONS } from '../../../scenes/circuits/misconceptions'
import { SKILL_LOOP, SKILL_METERS, SKILL_OHM, SKILL_PARALLEL } from '../../../scenes/circuits/skills'
import { at, bulbItem, resistorItem, WIRES } from '../../../scenes/circuits/tasks/board'
import type { BuildTask, MeasureTask } from '../../../scenes/circuits/tasks/types'
import { createRng } from '../../../src/core'

const gen = (skill: string, level: number, seed = 1) => circuits.generate(skill, level, createRng(seed)) as BuildTask
const wire = (id: string, from: string, to: string): Part => ({ id, kind: 'wire', a: at(from), b: at(to), label: id })
const build = (task: BuildTask, parts: Part[]) => assessCircuit(task, { kind: 'build', parts })

describe('lighting two bulbs (the fix-it task, level 4: Bulb 1 at C1-D1, Bulb 2 at E1-F1)', () => {
  const task = gen(SKILL_LOOP, 4)

  it('Bulb 2 bypassed by a wire: Bulb 1 has the whole battery, Bulb 2 is named as dark, a quarter credit', () => {
    // A1-C1, Bulb 1, D1-E1, then a wire E1-F1 alongside Bulb 2, F1-A2.
    const result = build(task, [...task.fixed, wire('w1', 'A1', 'C1'), wire('w2', 'D1', 'E1'), wire('w3', 'E1', 'F1'), wire('w4', 'F1', 'A2')])
    expect(result).toMatchObject({ correct: false, feedback: 'Bulb 2 is not lit.' })
    // One of two lit, halved: 1/4.
    expect(result.score).toBeCloseTo(0.25, 12)
  })

  it('both in series behind a 1000 ohm resistor: both too dim, both named', () => {
    const withResistor: BuildTask = { ...task, tray: [WIRES, resistorItem(1000)] }
    const resistor: Part = { id: 'resistor-1', kind: 'resistor', a: at('A1'), b: at('B1'), value: 1000, label: 'Resistor 1' }
    const result = build(withResistor, [...task.fixed, resistor, wire('w1', 'B1', 'C1'), wire('w2', 'D1', 'E1'), wire('w3', 'F1', 'A2')])
    expect(result).toMatchObject({ correct: false, score: 0, feedback: 'Bulb 1 and Bulb 2 are not lit.' })
  })
})

describe('bulbs still in the tray', () => {
  const task = gen(SKILL_LOOP, 3)
  const fixedBulb = task.fixed.find((p) => p.kind === 'bulb')!

  it('two to place and none placed: "Place 2 bulbs from the tray too."', () => {
    const two: BuildTask = { ...task, tray: [WIRES, bulbItem(fixedBulb.value!, fixedBulb.ratedPower!, 2)], goal: { type: 'light', bulbs: [fixedBulb.id], placeBulbs: 2 } }
    const result = build(two, [...task.fixed, wire('w1', 'A1', 'C1'), wire('w2', 'D1', 'A2')])
    expect(result).toMatchObject({ correct: false, feedback: 'Place 2 bulbs from the tray too.' })
    // Bulb 1 lights (the only bulb there is): half of one, halved.
    expect(result.score).toBeCloseTo(0.5, 12)
  })

  it('a bulb that was on the bench from the start is not one the student placed', () => {
    const startBulb: Part = { id: 'bulb-2', kind: 'bulb', a: at('D1'), b: at('E1'), value: fixedBulb.value!, ratedPower: fixedBulb.ratedPower!, label: 'Bulb 2' }
    const withStartBulb: BuildTask = { ...task, start: [startBulb] }
    const result = build(withStartBulb, [...task.fixed, startBulb, wire('w1', 'A1', 'C1'), wire('w2', 'E1', 'A2')])
    expect(result.feedback).toBe('Place the bulb from the tray too.')
    expect(result.correct).toBe(false)
  })
})

describe('full brightness: wires already on the bench do not count', () => {
  const task = gen(SKILL_PARALLEL, 4)
  const reference = (circuits.referenceSolution(task) as { parts: Part[] }).parts

  it('six wires of the student\'s own and three left from the start: within the limit of six', () => {
    const leftOver = [wire('s1', 'A4', 'B4'), wire('s2', 'B4', 'C4'), wire('s3', 'C4', 'D4')]
    const result = build({ ...task, start: leftOver }, [...reference, ...leftOver])
    expect(result).toMatchObject({ correct: true, feedback: 'All 3 bulbs glow fully with 6 wires: side by side (in parallel), each gets the whole battery voltage.' })
  })

  it('a bulb from the start is not one of the three to place', () => {
    const item = task.tray.find((t) => t.kind === 'bulb')!
    const startBulb: Part = { id: 'bulb-9', kind: 'bulb', a: at('G1'), b: at('G2'), value: item.value!, ratedPower: item.ratedPower!, label: 'Bulb 9' }
    const placed = reference.filter((p) => p.kind === 'bulb' && !task.fixed.some((f) => f.id === p.id))
    // Two of the tray's bulbs and the start bulb, all side by side.
    const parts = [...reference.filter((p) => p !== placed.at(-1)), startBulb]
    const result = build({ ...task, start: [startBulb] }, parts)
    expect(result.feedback).toBe('Place all 3 bulbs.')
  })
})

describe('meters: a voltmeter standing in for a wire of the loop, with the ammeter rightly in line', () => {
  it('level 3: named as a voltmeter in the loop, a tenth of credit, counted against meters and Ohm\'s law', () => {
    const task = circuits.generate(SKILL_METERS, 3, createRng(1)) as MeasureTask
    expect(task.start.map((p) => [p.a, p.b])).toEqual([[at('A1'), at('B1')], [at('C1'), at('C2')], [at('C2'), at('A2')]])
    const ammeter: Part = { id: 'ammeter-1', kind: 'ammeter', a: at('A1'), b: at('B1'), label: 'Ammeter' }
    const voltmeter: Part = { id: 'voltmeter-1', kind: 'voltmeter', a: at('C2'), b: at('A2'), label: 'Voltmeter' }
    // The return wire C2-A2 replaced by the voltmeter: no current can flow.
    const parts = [...task.fixed, task.start[1]!, ammeter, voltmeter]
    const result = assessCircuit(task, { kind: 'measure', parts, value: task.answer })
    expect(result).toEqual({
      correct: false,
      score: 0.1,
      evidence: [{ skill: SKILL_METERS, correct: false }, { skill: SKILL_OHM, correct: false }],
      feedback: 'A voltmeter in the loop stops the current: it goes across a part, its leads on either side of it.',
      misconception: MISCONCEPTIONS.metersMisplaced,
    })
  })
})

describe('meters: the wrong meter for the question', () => {
  it('a current to measure with only a voltmeter across Bulb 1: told the ammeter must be in line, even with the right number', () => {
    const task = circuits.generate(SKILL_METERS, 1, createRng(1)) as MeasureTask
    const target = task.fixed.find((p) => p.id === task.target)!
    expect(target.label).toBe('Bulb 1')
    const voltmeter: Part = { id: 'voltmeter-1', kind: 'voltmeter', a: target.b, b: target.a, label: 'Voltmeter' }
    const result = assessCircuit({ ...task, tray: [...task.tray, { kind: 'voltmeter', name: 'voltmeter', count: 1 }] }, { kind: 'measure', parts: [...task.fixed, ...task.start, voltmeter], value: task.answer })
    expect(result).toMatchObject({ correct: false, score: 0.2, feedback: 'The ammeter must be in line with Bulb 1, so the same current flows through both.' })
  })
})
