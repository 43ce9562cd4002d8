/**
 * The Circuit Lab workbench and task wording, worked by hand: terminal names, part labels and
 * ids, tray items, number formats, what each loop task asks for and offers, and the errors for
 * skills and levels the generator does not serve.
 */
import { describe, expect, it } from 'vitest'
import circuits from '../../../scenes/circuits'
import { at, BOARD, bulbItem, CircuitDraft, fmt, nextId, resistorItem, sig, WIRES } from '../../../scenes/circuits/tasks/board'
import { generateTask } from '../../../scenes/circuits/tasks/generate'
import { SKILL_LOOP, SKILL_METERS, SKILL_OHM, SKILL_PARALLEL, SKILL_SERIES } from '../../../scenes/circuits/skills'
import type { BuildTask, ComputeTask, MeasureTask } from '../../../scenes/circuits/tasks/types'
import { createRng } from '../../../src/core'

describe('the workbench', () => {
  it('is 7 columns by 5 rows; terminals are named like a breadboard', () => {
    expect(BOARD).toEqual({ cols: 7, rows: 5 })
    expect(at('A1')).toBe(0)
    expect(at('G1')).toBe(6)
    expect(at('A2')).toBe(7)
    expect(at('G5')).toBe(34)
    expect(() => at('H1')).toThrow('circuits: no terminal H1 on the board')
    expect(() => at('A6')).toThrow('circuits: no terminal A6 on the board')
  })

  it('numbers parts as drawn: the first battery, switch or meter has no number, the rest do', () => {
    const d = new CircuitDraft()
    const battery = d.battery(6)
    expect(battery).toEqual({ id: 'battery-1', kind: 'battery', a: at('A2'), b: at('A1'), label: 'Battery', value: 6 })
    expect(d.battery(9, 1.5)).toMatchObject({ id: 'battery-2', label: 'Battery 2', value: 9, internalResistance: 1.5 })
    expect(d.add('bulb', 'C1', 'D1', { value: 4 }).label).toBe('Bulb 1')
    expect(d.add('bulb', 'D1', 'E1', { value: 4 }).label).toBe('Bulb 2')
    expect(d.add('switch', 'E1', 'F1').label).toBe('Switch')
    expect(d.add('voltmeter', 'C1', 'D1').label).toBe('Voltmeter')
    expect(d.add('ammeter', 'A1', 'B1').label).toBe('Ammeter')
    expect(d.add('wire', 'B1', 'C1').label).toBe('Wire 1')
    expect(d.add('resistor', 'B2', 'C2').label).toBe('Resistor 1')
    expect(d.parts).toHaveLength(9)
  })

  it('the next free id for a part the student adds', () => {
    const d = new CircuitDraft()
    d.add('wire', 'A1', 'B1')
    d.add('wire', 'B1', 'C1')
    expect(nextId(d.parts, 'wire')).toEqual({ id: 'wire-3', label: 'Wire 3' })
    expect(nextId(d.parts, 'ammeter')).toEqual({ id: 'ammeter-1', label: 'Ammeter' })
    expect(nextId([{ ...d.parts[0]!, id: 'ammeter-1', kind: 'ammeter' }], 'ammeter')).toEqual({ id: 'ammeter-2', label: 'Ammeter 2' })
  })

  it('a part the student adds is labelled as the bench labels it: the first battery, switch or meter unnumbered, bulbs and resistors always numbered', () => {
    expect([nextId([], 'battery'), nextId([], 'switch'), nextId([], 'voltmeter'), nextId([], 'ammeter')]).toEqual([
      { id: 'battery-1', label: 'Battery' },
      { id: 'switch-1', label: 'Switch' },
      { id: 'voltmeter-1', label: 'Voltmeter' },
      { id: 'ammeter-1', label: 'Ammeter' },
    ])
    expect([nextId([], 'bulb'), nextId([], 'resistor'), nextId([], 'wire')]).toEqual([
      { id: 'bulb-1', label: 'Bulb 1' },
      { id: 'resistor-1', label: 'Resistor 1' },
      { id: 'wire-1', label: 'Wire 1' },
    ])
    const d = new CircuitDraft()
    d.battery(6)
    d.add('switch', 'B1', 'C1')
    d.add('voltmeter', 'C1', 'D1')
    expect(nextId(d.parts, 'battery')).toEqual({ id: 'battery-2', label: 'Battery 2' })
    expect(nextId(d.parts, 'switch')).toEqual({ id: 'switch-2', label: 'Switch 2' })
    expect(nextId(d.parts, 'voltmeter')).toEqual({ id: 'voltmeter-2', label: 'Voltmeter 2' })
    // A wire taken away leaves its number free for the next one.
    expect(nextId([{ ...d.parts[0]!, id: 'wire-2', kind: 'wire' }], 'wire')).toEqual({ id: 'wire-1', label: 'Wire 1' })
  })

  it('tray items and numbers', () => {
    expect(WIRES).toEqual({ kind: 'wire', name: 'wire', count: null })
    expect(resistorItem(4.5)).toEqual({ kind: 'resistor', value: 4.5, name: '4.5 ohm resistor', count: 1 })
    expect(resistorItem(10, 2).count).toBe(2)
    expect(bulbItem(6, 6, 3)).toEqual({ kind: 'bulb', value: 6, ratedPower: 6, name: '6 ohm bulb', count: 3 })
    expect(fmt(1.23456)).toBe('1.23')
    expect(fmt(1.23456, 3)).toBe('1.235')
    expect(fmt(-0.0001)).toBe('0')
    expect(sig(0.666666)).toBe(0.667)
    expect(sig(1234.5, 2)).toBe(1200)
  })
})

describe('what the tasks ask and offer', () => {
  const gen = <T>(skill: string, level: number, seed = 1) => generateTask(skill, level, createRng(seed)) as T

  it('closed loop: a bulb to wire at level 1, a switch to close at 2, a second bulb from the tray at 3', () => {
    const l1 = gen<BuildTask>(SKILL_LOOP, 1)
    expect(l1.prompt).toMatch(/^Join the \d+(\.\d)? V battery and the bulb with wires so that the bulb lights\.$/)
    expect(l1.tray).toEqual([WIRES])
    expect(l1.goal).toEqual({ type: 'light', bulbs: ['bulb-1'], placeBulbs: 0 })
    const l2 = gen<BuildTask>(SKILL_LOOP, 2)
    expect(l2.fixed.find((p) => p.kind === 'switch')).toMatchObject({ closed: false })
    const l3 = gen<BuildTask>(SKILL_LOOP, 3)
    expect(l3.goal).toEqual({ type: 'light', bulbs: ['bulb-1'], placeBulbs: 1 })
    expect(l3.tray.map((t) => t.kind)).toEqual(['wire', 'bulb'])
    expect(l3.tray[1]!.count).toBe(1)
  })

  it('the broken circuits: an open switch at level 4; a short and a real battery at level 5', () => {
    const l4 = gen<BuildTask>(SKILL_LOOP, 4)
    expect(l4.start.find((p) => p.kind === 'switch')).toMatchObject({ closed: false })
    expect(l4.prompt).toBe('This circuit should light both bulbs, but it is broken. Find what is wrong and fix it.')
    expect(l4.goal).toEqual({ type: 'light', bulbs: ['bulb-1', 'bulb-2'], placeBulbs: 0 })
    const l5 = gen<BuildTask>(SKILL_LOOP, 5)
    expect(l5.start.some((p) => p.kind === 'wire' && p.a === at('A1') && p.b === at('A2'))).toBe(true)
    expect(l5.fixed.find((p) => p.kind === 'battery')!.internalResistance).toBeGreaterThan(0)
    expect(l5.prompt).toMatch(/battery is getting warm/)
  })

  it('bulbs are rated at the power the battery gives them alone: V^2 / R', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const task = gen<BuildTask>(SKILL_LOOP, 1, seed)
      const battery = task.fixed.find((p) => p.kind === 'battery')!
      const bulb = task.fixed.find((p) => p.kind === 'bulb')!
      expect(bulb.ratedPower).toBeCloseTo(sig((battery.value! * battery.value!) / bulb.value!), 12)
    }
  })

  it('series tasks name how many resistors, parallel ones say side by side, level 5 names the internal resistance', () => {
    expect(gen<BuildTask>(SKILL_SERIES, 1).prompt).toMatch(/using one resistor from the tray\.$/)
    expect(gen<BuildTask>(SKILL_SERIES, 3).prompt).toMatch(/using 3 resistors in series from the tray\.$/)
    expect(gen<BuildTask>(SKILL_PARALLEL, 2).prompt).toMatch(/using 2 resistors side by side \(in parallel\) from the tray\.$/)
    expect(gen<BuildTask>(SKILL_PARALLEL, 5).prompt).toMatch(/\(internal resistance [\d.]+ ohm\) delivers .* using one resistor in series with two side by side \(in parallel\) from the tray\.$/)
    expect(gen<BuildTask>(SKILL_SERIES, 4).prompt).toMatch(/, through the \d+ ohm bulb, using 2 resistors in series/)
    // Each tray holds two more resistors than a series build needs, so the choice is the student's.
    expect(gen<BuildTask>(SKILL_SERIES, 2).tray.filter((t) => t.kind === 'resistor')).toHaveLength(4)
  })

  it('Ohm tasks name the formula; meter tasks offer only the meters they need', () => {
    expect(gen<ComputeTask>(SKILL_OHM, 1).formula).toBe('I = V / R')
    expect(gen<ComputeTask>(SKILL_OHM, 2).formula).toBe('R = V / I')
    expect(gen<ComputeTask>(SKILL_OHM, 3).formula).toBe('V = I R')
    const current = gen<MeasureTask>(SKILL_METERS, 1)
    expect(current.meters).toEqual(['ammeter'])
    expect(current.tray.map((t) => t.kind)).toEqual(['wire', 'ammeter'])
    const voltage = gen<MeasureTask>(SKILL_METERS, 2)
    expect(voltage.tray.map((t) => t.kind)).toEqual(['wire', 'voltmeter'])
    const resistance = gen<MeasureTask>(SKILL_METERS, 3)
    expect(resistance.meters).toEqual(['ammeter', 'voltmeter'])
    expect(resistance.unit).toBe('ohm')
    expect(resistance.fixed.find((p) => p.id === resistance.target)!.hideValue).toBe(true)
    expect(resistance.prompt).toMatch(/^Find the resistance of Resistor 1: measure the current through it and the voltage across it/)
  })

  it('refuses an unknown skill or level, naming it', () => {
    expect(() => generateTask('circuits.capacitors', 1, createRng(1))).toThrow('circuits: unknown skill "circuits.capacitors"')
    expect(() => generateTask(SKILL_LOOP, 0, createRng(1))).toThrow('circuits: no level 0 (levels are 1 to 5)')
    expect(circuits.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5])
  })

  it('ids name scene, skill, level and kind; the same seed gives the same task', () => {
    const a = gen<BuildTask>(SKILL_SERIES, 2, 9)
    expect(a.id).toMatch(/^circuits\/circuits\.series\/2\/build\/[0-9a-z]+$/)
    expect(gen<BuildTask>(SKILL_SERIES, 2, 9)).toEqual(a)
    expect(a).toMatchObject({ sceneId: 'circuits', board: BOARD, tolerance: 0.04 })
  })
})
