/**
 * Task generators: every skill at every level, from a seeded rng. Answers to 'choose' tasks
 * come from the solver (the physics decides, not a table).
 */
import { hashSeed, type Rng, type SkillId } from '../../../src/core'
import { solveCircuit, type Part } from '../model'
import { checkLevel, TOLERANCE } from '../levels'
import { MISCONCEPTIONS } from '../misconceptions'
import { SKILL_BRIGHTNESS, SKILL_CHANGE, SKILL_IDS, SKILL_LOOP, SKILL_METERS, SKILL_OHM, SKILL_PARALLEL, SKILL_SERIES } from '../skills'
import { BOARD, bulbItem, CircuitDraft, fmt, resistorItem, sig, WIRES } from './board'
import type { BuildTask, ChooseTask, ChoiceOption, CircuitTask, ComputeTask, MeasureTask, TrayItem } from './types'
import { UNIT_OF } from './types'

type Common<K extends CircuitTask['kind']> = Pick<CircuitTask, 'id' | 'sceneId' | 'skill' | 'level' | 'seed' | 'board' | 'tolerance'> & { kind: K }

function common<K extends CircuitTask['kind']>(kind: K, skill: SkillId, level: number, seed: number): Common<K> {
  return { id: `circuits/${skill}/${level}/${kind}/${hashSeed(seed).toString(36)}`, sceneId: 'circuits', skill, level, seed, kind, board: BOARD, tolerance: TOLERANCE[level]! }
}

const VOLTS = [3, 4.5, 6, 9, 12] as const
const OHMS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20] as const
const BULB_OHMS = [2, 3, 4, 6, 8, 12] as const

/** Draws `n` different values. */
function distinct(rng: Rng, values: readonly number[], n: number): number[] {
  const pool = [...values]
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!)
  return out
}

function internalResistance(rng: Rng): number {
  return rng.pick([0.5, 1, 1.5, 2])
}

// ---------------------------------------------------------------------------------------------
// closed loop: light bulbs, then fix broken circuits

function closedLoop(level: number, rng: Rng, seed: number): BuildTask {
  const d = new CircuitDraft()
  const volts = rng.pick(VOLTS)
  const ohms = rng.pick(BULB_OHMS)
  const rated = sig((volts * volts) / ohms)
  const base = { ...common('build', SKILL_LOOP, level, seed), tray: [WIRES] as TrayItem[] }
  if (level === 1) {
    d.battery(volts)
    const [from, to] = rng.pick([['C1', 'D1'], ['C3', 'D3'], ['D2', 'E2']] as const)
    const bulb = d.add('bulb', from, to, { value: ohms, ratedPower: rated })
    return { ...base, prompt: `Join the ${fmt(volts)} V battery and the bulb with wires so that the bulb lights.`, fixed: d.parts, start: [], goal: { type: 'light', bulbs: [bulb.id], placeBulbs: 0 } }
  }
  if (level === 2) {
    d.battery(volts)
    const bulb = d.add('bulb', 'C1', 'D1', { value: ohms, ratedPower: rated })
    const [from, to] = rng.pick([['E1', 'F1'], ['C3', 'D3'], ['E3', 'E4']] as const)
    d.add('switch', from, to, { closed: false })
    return { ...base, prompt: 'Wire the battery, the bulb and the switch into one loop, then close the switch so the bulb lights.', fixed: d.parts, start: [], goal: { type: 'light', bulbs: [bulb.id], placeBulbs: 0 } }
  }
  if (level === 3) {
    d.battery(volts)
    const bulb = d.add('bulb', 'C1', 'D1', { value: ohms, ratedPower: rated })
    return {
      ...base,
      prompt: 'Add the second bulb from the tray and wire both bulbs to the battery so that both light.',
      fixed: d.parts,
      start: [],
      tray: [WIRES, bulbItem(ohms, rated)],
      goal: { type: 'light', bulbs: [bulb.id], placeBulbs: 1 },
    }
  }
  // Levels 4 and 5: a broken circuit to fix. Battery and bulbs are fixed; the wiring is not.
  d.battery(volts, level === 5 ? internalResistance(rng) : 0)
  const bulb1 = d.add('bulb', 'C1', 'D1', { value: ohms, ratedPower: rated })
  const bulb2 = d.add('bulb', 'E1', 'F1', { value: ohms, ratedPower: rated })
  const fixed = [...d.parts]
  const wiring = new CircuitDraft()
  wiring.add('wire', 'A1', 'C1')
  if (level === 4) {
    // The switch is open and the wire from F1 back to A2 is missing.
    wiring.add('switch', 'D1', 'D2', { closed: false })
    wiring.add('wire', 'D2', 'E1')
  } else {
    // A wire shorts the battery and the link from D1 to E1 is missing.
    wiring.add('wire', 'A1', 'A2')
    wiring.add('wire', 'F1', 'A2')
  }
  return {
    ...base,
    prompt: level === 4
      ? 'This circuit should light both bulbs, but it is broken. Find what is wrong and fix it.'
      : 'This circuit should light both bulbs, but nothing glows and the battery is getting warm. Find both faults and fix them.',
    fixed,
    start: wiring.parts,
    goal: { type: 'light', bulbs: [bulb1.id, bulb2.id], placeBulbs: 0 },
  }
}

// ---------------------------------------------------------------------------------------------
// Ohm's law: compute a value from a labelled circuit

function ohmsLaw(level: number, rng: Rng, seed: number): ComputeTask {
  const base = { ...common('compute', SKILL_OHM, level, seed), tray: [] as TrayItem[], start: [] as Part[] }
  const d = new CircuitDraft()
  const volts = rng.pick(VOLTS)
  const ohms = rng.pick(OHMS)
  const current = volts / ohms
  if (level === 1) {
    d.battery(volts)
    d.add('wire', 'A1', 'B1')
    d.add('resistor', 'B1', 'C1', { value: ohms })
    d.add('wire', 'C1', 'A2')
    return { ...base, fixed: d.parts, prompt: `A ${fmt(volts)} V battery drives current through a ${fmt(ohms)} ohm resistor. What current flows?`, quantity: 'current', unit: UNIT_OF.current, answer: current, invertedAnswer: volts * ohms, formula: 'I = V / R' }
  }
  if (level === 2) {
    d.battery(volts)
    d.add('ammeter', 'A1', 'B1')
    d.add('resistor', 'B1', 'C1', { value: ohms, hideValue: true })
    d.add('wire', 'C1', 'A2')
    return { ...base, fixed: d.parts, prompt: `The ${fmt(volts)} V battery pushes ${fmt(current, 3)} A through the resistor (the ammeter shows it). What is the resistor's resistance?`, quantity: 'resistance', unit: UNIT_OF.resistance, answer: volts / sig(current, 3), invertedAnswer: volts * sig(current, 3), formula: 'R = V / I' }
  }
  if (level === 3) {
    const amps = sig(current, 2)
    d.add('battery', 'A2', 'A1', { value: amps * ohms, hideValue: true })
    d.add('ammeter', 'A1', 'B1')
    d.add('resistor', 'B1', 'C1', { value: ohms })
    d.add('wire', 'C1', 'A2')
    return { ...base, fixed: d.parts, prompt: `A current of ${fmt(amps, 3)} A flows through a ${fmt(ohms)} ohm resistor joined straight across a battery. What is the battery's voltage?`, quantity: 'voltage', unit: UNIT_OF.voltage, answer: amps * ohms, invertedAnswer: amps / ohms, formula: 'V = I R' }
  }
  const r = internalResistance(rng)
  if (level === 4) {
    d.battery(volts, r)
    d.add('wire', 'A1', 'B1')
    d.add('resistor', 'B1', 'C1', { value: ohms })
    d.add('wire', 'C1', 'A2')
    d.add('voltmeter', 'C1', 'B1')
    const i = volts / (ohms + r)
    return { ...base, fixed: d.parts, prompt: `The battery has an emf of ${fmt(volts)} V and an internal resistance of ${fmt(r)} ohm. It drives a ${fmt(ohms)} ohm resistor. What does the voltmeter across the resistor read?`, quantity: 'voltage', unit: UNIT_OF.voltage, answer: i * ohms, invertedAnswer: volts, formula: 'I = emf / (R + r), then V = I R' }
  }
  const amps = sig(volts / (ohms + r), 3)
  d.add('battery', 'A2', 'A1', { value: volts, internalResistance: volts / amps - ohms, hideValue: true })
  d.add('ammeter', 'A1', 'B1')
  d.add('resistor', 'B1', 'C1', { value: ohms })
  d.add('wire', 'C1', 'A2')
  return { ...base, fixed: d.parts, prompt: `A battery with an emf of ${fmt(volts)} V drives ${fmt(amps, 3)} A through a ${fmt(ohms)} ohm resistor. What is the battery's internal resistance?`, quantity: 'resistance', unit: UNIT_OF.resistance, answer: volts / amps - ohms, invertedAnswer: null, formula: 'emf = I (R + r), so r = emf / I - R' }
}

// ---------------------------------------------------------------------------------------------
// series and parallel: build to a target current from the tray

/** Equivalent resistance of an arrangement drawn from the tray. */
export function combine(arrangement: 'series' | 'parallel' | 'mixed', ohms: number[]): number {
  if (arrangement === 'series') return ohms.reduce((a, b) => a + b, 0)
  if (arrangement === 'parallel') return 1 / ohms.reduce((a, b) => a + 1 / b, 0)
  const [first, ...rest] = ohms
  return first! + 1 / rest.reduce((a, b) => a + 1 / b, 0)
}

function buildCurrent(skill: SkillId, level: number, rng: Rng, seed: number): BuildTask {
  const d = new CircuitDraft()
  const series = skill === SKILL_SERIES
  const r = level === 5 ? internalResistance(rng) : 0
  const volts = rng.pick(VOLTS.filter((v) => v >= 4.5))
  d.battery(volts, r)
  let arrangement: 'series' | 'parallel' | 'mixed' = series ? 'series' : 'parallel'
  let use: number[]
  let tray: TrayItem[]
  let fixedBulb = 0
  if (series) {
    const n = level === 1 ? 1 : level === 2 ? 2 : level === 3 ? 3 : 2
    const values = distinct(rng, OHMS, n + 2)
    use = values.slice(0, n)
    tray = values.sort((a, b) => a - b).map((v) => resistorItem(v))
    if (level >= 4) {
      fixedBulb = rng.pick(BULB_OHMS)
      d.add('bulb', 'B1', 'C1', { value: fixedBulb, ratedPower: sig((volts * volts) / fixedBulb) })
    }
  } else if (level === 1) {
    const v = rng.pick(OHMS.filter((o) => o >= 2 && o <= 10))
    use = [v, v]
    tray = [resistorItem(v, 2), resistorItem(2 * v)]
  } else if (level === 5 || level === 4) {
    arrangement = 'mixed'
    const values = distinct(rng, OHMS, 4)
    use = values.slice(0, 3)
    tray = values.sort((a, b) => a - b).map((v) => resistorItem(v))
  } else {
    const n = level === 2 ? 2 : 3
    const values = distinct(rng, OHMS, n + 1)
    use = values.slice(0, n)
    tray = values.sort((a, b) => a - b).map((v) => resistorItem(v))
  }
  const amps = volts / (combine(arrangement, use) + fixedBulb + r)
  const how = arrangement === 'series' ? (use.length === 1 ? 'one resistor' : `${use.length} resistors in series`) : arrangement === 'parallel' ? `${use.length} resistors side by side (in parallel)` : 'one resistor in series with two side by side (in parallel)'
  return {
    ...common('build', skill, level, seed),
    prompt: `Build a circuit in which the ${fmt(volts)} V battery${r > 0 ? ` (internal resistance ${fmt(r)} ohm)` : ''} delivers ${fmt(amps, 3)} A${fixedBulb ? `, through the ${fmt(fixedBulb)} ohm bulb` : ''}, using ${how} from the tray.`,
    fixed: d.parts,
    start: [],
    tray: [WIRES, ...tray],
    goal: { type: 'current', amps, arrangement, resistors: use.length },
  }
}

function parallelDesign(level: number, rng: Rng, seed: number): BuildTask {
  const d = new CircuitDraft()
  const volts = rng.pick(VOLTS)
  const ohms = rng.pick(BULB_OHMS)
  d.battery(volts)
  const count = 3
  return {
    ...common('build', SKILL_PARALLEL, level, seed),
    prompt: `Make all ${count} bulbs from the tray glow at full brightness from the ${fmt(volts)} V battery, using no more than ${count * 2} wires.`,
    fixed: d.parts,
    start: [],
    tray: [WIRES, bulbItem(ohms, sig((volts * volts) / ohms), count)],
    goal: { type: 'full-brightness', placeBulbs: count, maxWires: count * 2 },
  }
}

// ---------------------------------------------------------------------------------------------
// brightness: which bulb glows brightest once the switch closes

function brightness(level: number, rng: Rng, seed: number): ChooseTask {
  for (let tries = 0; ; tries++) {
    const d = new CircuitDraft()
    const volts = rng.pick(VOLTS)
    d.battery(volts, level === 5 ? internalResistance(rng) : 0)
    d.add('wire', 'A1', 'B1')
    const sw = d.add('switch', 'B1', 'C1', { closed: false })
    const [r1, r2, r3] = level === 1 || level === 4 ? [rng.pick(BULB_OHMS), 0, 0].map((v, _, all) => v || all[0]!) : distinct(rng, BULB_OHMS, 3)
    // Rated for the least resistance on the board (levels 2 and 3 place two of the three drawn),
    // so that in parallel the brighter bulb glows fully and the difference shows.
    const rated = sig((volts * volts) / Math.min(r1!, r2!, level <= 3 ? r2! : r3!))
    if (level <= 2) {
      d.add('bulb', 'C1', 'D1', { value: r1!, ratedPower: rated })
      d.add('bulb', 'D1', 'E1', { value: r2!, ratedPower: rated })
      d.add('wire', 'E1', 'A2')
    } else if (level === 3) {
      d.add('wire', 'C1', 'D1')
      d.add('bulb', 'D1', 'D2', { value: r1!, ratedPower: rated })
      d.add('wire', 'D1', 'E1')
      d.add('bulb', 'E1', 'E2', { value: r2!, ratedPower: rated })
      d.add('wire', 'D2', 'E2')
      d.add('wire', 'D2', 'A2')
    } else {
      d.add('bulb', 'C1', 'D1', { value: r1!, ratedPower: rated })
      d.add('wire', 'D1', 'E1')
      d.add('bulb', 'E1', 'E2', { value: r2!, ratedPower: rated })
      d.add('wire', 'E1', 'F1')
      d.add('bulb', 'F1', 'F2', { value: level === 4 ? r2! : r3!, ratedPower: rated })
      d.add('wire', 'E2', 'F2')
      d.add('wire', 'E2', 'A2')
    }
    const bulbs = d.parts.filter((p) => p.kind === 'bulb')
    const closed = d.parts.map((p) => (p.id === sw.id ? { ...p, closed: true } : p))
    const solved = solveCircuit({ board: BOARD, parts: closed })
    const ranked = bulbs.map((b) => ({ b, power: solved.parts[b.id]!.power })).sort((x, y) => y.power - x.power)
    const allSame = ranked.every((x) => Math.abs(x.power - ranked[0]!.power) <= 0.02 * ranked[0]!.power)
    const clearWinner = ranked[0]!.power > 1.05 * ranked[1]!.power
    if (!allSame && !clearWinner && tries < 50) continue
    const answer = allSame ? 'same' : ranked[0]!.b.id
    const options: ChoiceOption[] = bulbs.map((b, i) => ({
      id: b.id,
      text: `${b.label} will be the brightest`,
      short: b.label,
      // Equal bulbs in series: picking the first one after the battery is the 'used up' idea.
      ...(level === 1 && i === 0 ? { misconception: MISCONCEPTIONS.currentUsedUp.id } : {}),
    }))
    options.push({ id: 'same', text: 'They will all be equally bright', short: 'All the same' })
    const why = level <= 2
      ? 'In series the same current flows through every bulb, so the bulb with more resistance takes more power (P = I^2 R); equal bulbs glow equally.'
      : level === 3
        ? 'In parallel each bulb gets the full voltage, so the bulb with less resistance takes more current and more power (P = V^2 / R).'
        : `The whole current passes through ${bulbs[0]!.label}; it then splits between the other two, so ${bulbs[0]!.label} takes the most power.`
    return {
      ...common('choose', SKILL_BRIGHTNESS, level, seed),
      prompt: 'Before you close the switch: which bulb will glow the brightest?',
      fixed: d.parts,
      start: [],
      tray: [],
      options,
      answer,
      change: { partId: sw.id, closed: true },
      reason: why,
    }
  }
}

// ---------------------------------------------------------------------------------------------
// predict a change: what happens when the switch flips

function predictChange(level: number, rng: Rng, seed: number): ChooseTask {
  const d = new CircuitDraft()
  const volts = rng.pick(VOLTS)
  const [r1, r2] = distinct(rng, BULB_OHMS, 2)
  const rated = sig((volts * volts) / Math.min(r1!, r2!))
  d.battery(volts, level === 5 ? internalResistance(rng) + 1 : 0)
  let sw: Part
  let asks: 'current' | 'brightness'
  let question: string
  if (level === 1) {
    d.add('ammeter', 'A1', 'B1')
    d.add('wire', 'B1', 'C1')
    d.add('bulb', 'C1', 'D1', { value: r1!, ratedPower: rated })
    d.add('bulb', 'D1', 'E1', { value: r2!, ratedPower: rated })
    d.add('wire', 'D1', 'D2')
    sw = d.add('switch', 'D2', 'E2', { closed: true })
    d.add('wire', 'E2', 'E1')
    d.add('wire', 'E1', 'A2')
    asks = 'current'
    question = `The switch now lets the current bypass Bulb 2. When you open it, Bulb 2 joins the loop in series. What happens to the ammeter reading?`
  } else {
    d.add(level === 2 ? 'ammeter' : 'wire', 'A1', 'B1')
    d.add('wire', 'B1', 'C1')
    d.add('bulb', 'C1', 'C2', { value: r1!, ratedPower: rated })
    d.add('wire', 'C1', 'D1')
    sw = d.add('switch', 'D1', 'E1', { closed: level === 4 })
    d.add('bulb', 'E1', 'E2', { value: r2!, ratedPower: rated })
    d.add('wire', 'C2', 'E2')
    d.add('wire', 'C2', 'A2')
    asks = level === 2 ? 'current' : 'brightness'
    question = level === 2
      ? 'Closing the switch adds Bulb 2 alongside Bulb 1 (in parallel). What happens to the ammeter reading?'
      : level === 4
        ? 'Opening the switch takes Bulb 2 out of the circuit. What happens to Bulb 1?'
        : `Closing the switch adds Bulb 2 alongside Bulb 1 (in parallel)${level === 5 ? '. This battery has internal resistance' : ''}. What happens to Bulb 1?`
  }
  const measure = (parts: Part[]) => {
    const s = solveCircuit({ board: BOARD, parts })
    return asks === 'current' ? Math.abs(s.parts['battery-1']!.current) : s.parts['bulb-1']!.power
  }
  const before = measure(d.parts)
  const after = measure(d.parts.map((p) => (p.id === sw.id ? { ...p, closed: !p.closed } : p)))
  const answer = after > before * 1.005 ? 'more' : after < before * 0.995 ? 'less' : 'same'
  const words = asks === 'current' ? { more: 'The reading goes up', less: 'The reading goes down', same: 'The reading stays the same' } : { more: 'Bulb 1 gets brighter', less: 'Bulb 1 gets dimmer', same: 'Bulb 1 stays just as bright' }
  const shortWords = asks === 'current' ? { more: 'Goes up', less: 'Goes down', same: 'Stays the same' } : { more: 'Brighter', less: 'Dimmer', same: 'Just as bright' }
  // Which wrong choice shows which idea depends on the change.
  const tag: Record<string, string | undefined> =
    level === 1 ? { same: MISCONCEPTIONS.constantCurrentSource.id }
      : level === 2 ? { same: MISCONCEPTIONS.constantCurrentSource.id, less: MISCONCEPTIONS.moreResistanceBrighter.id }
        : level === 3 ? { less: MISCONCEPTIONS.constantCurrentSource.id }
          : level === 4 ? { more: MISCONCEPTIONS.constantCurrentSource.id }
            : {}
  const options: ChoiceOption[] = (['more', 'less', 'same'] as const).map((id) => ({ id, text: words[id], short: shortWords[id], ...(tag[id] && id !== answer ? { misconception: tag[id] } : {}) }))
  const reason =
    level === 1 ? 'A second bulb in series adds resistance, so less current flows everywhere in the loop.'
      : level === 2 ? 'A parallel branch is a second path: the battery now drives current through both, so the total current goes up.'
        : level === 5 ? 'More current now flows through the battery, so more voltage is lost inside it and Bulb 1 gets a little less.'
          : 'Each parallel branch has the full battery voltage whatever the other branches do, so Bulb 1 is unchanged.'
  return {
    ...common('choose', SKILL_CHANGE, level, seed),
    prompt: `${question} Predict, then watch.`,
    fixed: d.parts,
    start: [],
    tray: [],
    options,
    answer,
    change: { partId: sw.id, closed: !sw.closed },
    reason,
  }
}

// ---------------------------------------------------------------------------------------------
// meters: place them, read them, work out the value

function meters(level: number, rng: Rng, seed: number): MeasureTask {
  const d = new CircuitDraft()
  const volts = rng.pick(VOLTS)
  const r = level === 5 ? internalResistance(rng) : 0
  d.battery(volts, r)
  const ohms = rng.pick(level <= 2 ? BULB_OHMS : OHMS)
  const target = level <= 2 ? d.add('bulb', 'B1', 'C1', { value: ohms, ratedPower: sig((volts * volts) / ohms) }) : d.add('resistor', 'B1', 'C1', { value: ohms, hideValue: true })
  const other = level >= 4 ? rng.pick(OHMS) : 0
  if (other) d.add('resistor', 'C1', 'D1', { value: other })
  const fixed = [...d.parts]
  const wiring = new CircuitDraft()
  wiring.add('wire', 'A1', 'B1')
  wiring.add('wire', other ? 'D1' : 'C1', other ? 'D2' : 'C2')
  wiring.add('wire', other ? 'D2' : 'C2', 'A2')
  const current = volts / (ohms + other + r)
  const quantity = level === 1 ? 'current' : level === 2 ? 'voltage' : 'resistance'
  const answer = quantity === 'current' ? current : quantity === 'voltage' ? current * ohms : ohms
  const prompt = quantity === 'current'
    ? `Use the ammeter to measure the current through ${target.label}. Put it in the circuit, read it, and enter the current.`
    : quantity === 'voltage'
      ? `Use the voltmeter to measure the voltage across ${target.label}, and enter it.`
      : `Find the resistance of ${target.label}: measure the current through it and the voltage across it with the meters, then work it out.`
  return {
    ...common('measure', SKILL_METERS, level, seed),
    prompt,
    fixed,
    start: wiring.parts,
    tray: [WIRES, ...(quantity !== 'voltage' ? [{ kind: 'ammeter', name: 'ammeter', count: 1 } as TrayItem] : []), ...(quantity !== 'current' ? [{ kind: 'voltmeter', name: 'voltmeter', count: 1 } as TrayItem] : [])],
    target: target.id,
    quantity,
    unit: UNIT_OF[quantity],
    answer,
    meters: quantity === 'current' ? ['ammeter'] : quantity === 'voltage' ? ['voltmeter'] : ['ammeter', 'voltmeter'],
  }
}

export function generateTask(skill: SkillId, level: number, rng: Rng): CircuitTask {
  if (!SKILL_IDS.has(skill)) throw new Error(`circuits: unknown skill "${skill}"`)
  checkLevel(level)
  const seed = rng.int(0, 2 ** 31 - 1)
  const own = rng.fork()
  switch (skill) {
    case SKILL_LOOP:
      return closedLoop(level, own, seed)
    case SKILL_OHM:
      return ohmsLaw(level, own, seed)
    case SKILL_SERIES:
      return buildCurrent(skill, level, own, seed)
    case SKILL_PARALLEL:
      return level === 4 ? parallelDesign(level, own, seed) : buildCurrent(skill, level, own, seed)
    case SKILL_BRIGHTNESS:
      return brightness(level, own, seed)
    case SKILL_CHANGE:
      return predictChange(level, own, seed)
    default:
      return meters(level, own, seed)
  }
}
