/**
 * The assessor: solves the student's circuit and judges it against the goal, with specific
 * feedback and, where the attempt shows one, a recognised misconception.
 */
import type { Assessment, Misconception, SkillEvidence } from '../../src/core'
import { NO_CURRENT, nodesOf, solveCircuit, type Part, type Solution } from './model'
import { MISCONCEPTION_SKILL, MISCONCEPTIONS, STUDENT_WORDS } from './misconceptions'
import { SKILL_BRIGHTNESS, SKILL_OHM } from './skills'
import { fmt } from './tasks/board'
import type { BuildTask, ChooseTask, CircuitAttempt, CircuitTask, ComputeTask, MeasureTask } from './tasks/types'

const ALL_MISCONCEPTIONS: Misconception[] = Object.values(MISCONCEPTIONS)

function result(task: CircuitTask, correct: boolean, score: number, feedback: string, misconception?: Misconception, extra: SkillEvidence[] = []): Assessment {
  const evidence: SkillEvidence[] = [{ skill: task.skill, correct }, ...extra]
  const also = misconception ? MISCONCEPTION_SKILL[misconception.id] : undefined
  if (also && !evidence.some((e) => e.skill === also)) evidence.push({ skill: also, correct: false })
  const assessment: Assessment = { correct, score: correct ? 1 : Math.max(0, Math.min(0.95, score)), evidence, feedback }
  if (misconception && !correct) assessment.misconception = misconception
  return assessment
}

const sameTerminals = (a: Part, b: Part) => (a.a === b.a && a.b === b.b) || (a.a === b.b && a.b === b.a)
// What the solver reads of a part besides its kind and place: a bulb's rating sets how bright it
// counts, a battery's internal resistance the current it gives.
const sameMake = (a: Part, b: Part) => a.value === b.value && a.ratedPower === b.ratedPower && (a.internalResistance ?? 0) === (b.internalResistance ?? 0)

/**
 * Why the attempt's parts could not have come from this task's board and tray, or null. Fixed
 * parts must stay (switches may flip); start parts may stay or go; the rest must come from the tray.
 */
export function partsError(task: CircuitTask, parts: readonly Part[]): string | null {
  if (!Array.isArray(parts)) return 'the attempt has no list of parts'
  for (const fixed of task.fixed) {
    const mine = parts.find((p) => p.id === fixed.id)
    if (!mine || mine.kind !== fixed.kind || !sameTerminals(mine, fixed) || !sameMake(mine, fixed)) return `${fixed.label} must stay where it is`
  }
  const used = new Map<string, number>()
  for (const p of parts) {
    if (task.fixed.some((f) => f.id === p.id)) continue
    const start = task.start.find((s) => s.id === p.id)
    if (start && start.kind === p.kind && sameTerminals(start, p) && sameMake(start, p)) continue
    const item = task.tray.find((t) => t.kind === p.kind && t.value === p.value && t.ratedPower === p.ratedPower)
    if (!item) return `${p.label || p.id} is not in the tray`
    const key = `${item.kind}:${item.value ?? ''}`
    used.set(key, (used.get(key) ?? 0) + 1)
    if (item.count !== null && used.get(key)! > item.count) return `the tray has only ${item.count} ${item.name}${item.count > 1 ? 's' : ''}`
  }
  return null
}

function solveAttempt(task: CircuitTask, parts: Part[]): { solution: Solution } | { error: string } {
  const wrong = partsError(task, parts)
  if (wrong) return { error: wrong }
  try {
    return { solution: solveCircuit({ board: task.board, parts }) }
  } catch (e) {
    return { error: (e as Error).message.replace(/^circuit: /, '') }
  }
}

function problemText(s: Solution): string | null {
  const order = ['short-circuit', 'battery-loop', 'open-circuit', 'dangling', 'floating'] as const
  for (const kind of order) {
    const p = s.problems.find((q) => q.kind === kind)
    if (p) return p.message
  }
  return null
}

function placed(task: CircuitTask, parts: Part[], kind: Part['kind']): Part[] {
  return parts.filter((p) => p.kind === kind && !task.fixed.some((f) => f.id === p.id) && !task.start.some((s) => s.id === p.id))
}
const placedBulbs = (task: CircuitTask, parts: Part[]) => placed(task, parts, 'bulb')

const names = (parts: readonly Part[]) => (parts.length === 1 ? parts[0]!.label : `${parts.slice(0, -1).map((p) => p.label).join(', ')} and ${parts.at(-1)!.label}`)
const PROMISE = { series: 'in series', parallel: 'side by side (in parallel)', mixed: 'one in series with two side by side (in parallel)' } as const

type CurrentTask = BuildTask & { goal: { type: 'current' } }

/** Why the attempt does not use as many tray resistors as the prompt names, or null. */
function countError(task: CurrentTask, parts: Part[]): string | null {
  const goal = task.goal
  const used = placed(task, parts, 'resistor').length
  if (used === goal.resistors) return null
  const asked = goal.arrangement === 'mixed' ? `${goal.resistors} resistors, ${PROMISE.mixed}` : goal.resistors === 1 ? 'one resistor' : `${goal.resistors} resistors ${PROMISE[goal.arrangement]}`
  return `The task asks for ${asked}; your circuit uses ${used === 0 ? 'none' : used === 1 ? 'one' : used}.`
}

/**
 * Why the resistors, as many as asked and carrying current, are not arranged as the prompt
 * names, or null: a circuit that meets the current some other way has not done the task. 'In
 * series' is judged on the solved circuit (every part in the chain carries the battery's whole
 * current), 'side by side' on the points the resistors join (both ends on the same two points).
 * Names the resistors that are out of place, never the ones that would do.
 */
function arrangementError(task: CurrentTask, parts: Part[], s: Solution, amps: number): string | null {
  const resistors = placed(task, parts, 'resistor')
  const carries = (p: Part) => Math.abs(s.parts[p.id]!.current)
  const isWholeCurrent = (a: number) => Math.abs(a - amps) <= 1e-6 * amps
  const whole = (p: Part) => isWholeCurrent(carries(p))
  const node = nodesOf(parts)
  const ends = (p: Part) => [node(p.a), node(p.b)].sort((x, y) => x - y).join('-')
  const across = (a: Part, b: Part) => node(a.a) !== node(a.b) && ends(a) === ends(b)
  const does = (ps: readonly Part[]) => (ps.length === 1 ? 'does' : 'do')
  switch (task.goal.arrangement) {
    case 'series': {
      // A bulb fixed in the loop is part of the chain the prompt names ('through the bulb').
      const off = [...task.fixed.filter((p) => p.kind === 'bulb'), ...resistors].filter((p) => !whole(p))
      if (off.length === 0) return null
      return `${task.fixed.some((p) => p.kind === 'bulb') ? 'The bulb and the resistors are' : 'These resistors are'} not all in series: ${names(off)} ${does(off)} not carry the battery's whole current. In series there is one path, and the same current flows through every part on it.`
    }
    case 'parallel': {
      // Judged against the first resistor that has another beside it, else the first.
      const anchor = resistors.find((r) => resistors.some((q) => q !== r && across(r, q))) ?? resistors[0]!
      const off = resistors.filter((r) => r !== anchor && !across(r, anchor))
      if (off.length === 0) return null
      return `These resistors are not side by side: ${names(off)} ${does(off)} not join the same two points as ${anchor.label}. Side by side (in parallel), every resistor has one end on one shared point and its other end on the other.`
    }
    case 'mixed': {
      const pairs = resistors.flatMap((r, i) => resistors.slice(i + 1).filter((q) => across(r, q)).map((q) => [r, q] as const))
      if (pairs.length === 0) return `The task asks for two of the resistors side by side (in parallel): no two of ${names(resistors)} join the same two points.`
      const third = (p: Part, q: Part) => resistors.find((r) => r !== p && r !== q)!
      if (pairs.some(([p, q]) => whole(third(p, q)) && isWholeCurrent(carries(p) + carries(q)))) return null
      const [p, q] = pairs[0]!
      return `${third(p, q).label} is not in series with ${p.label} and ${q.label}: the battery's whole current should flow through it, then split between the two side by side.`
    }
  }
}

function assessBuild(task: BuildTask, parts: Part[]): Assessment {
  const solved = solveAttempt(task, parts)
  if ('error' in solved) return result(task, false, 0, `That circuit cannot be built: ${solved.error}.`)
  const s = solved.solution
  const short = s.problems.find((p) => p.kind === 'short-circuit' || p.kind === 'battery-loop')
  const goal = task.goal
  if (goal.type === 'light') {
    const bulbs = [...goal.bulbs.map((id) => parts.find((p) => p.id === id)!), ...placedBulbs(task, parts)]
    const dark = bulbs.filter((b) => !s.parts[b.id]!.lit)
    const missing = goal.placeBulbs - placedBulbs(task, parts).length
    if (!short && dark.length === 0 && missing <= 0) return result(task, true, 1, `${bulbs.length > 1 ? 'Every bulb lights' : 'The bulb lights'}: current flows round a closed loop from one end of the battery back to the other.`)
    const why = missing > 0 ? `Place ${missing === 1 ? 'the bulb' : `${missing} bulbs`} from the tray too.` : short ? short.message : (problemText(s) ?? `${dark.map((b) => b.label).join(' and ')} ${dark.length > 1 ? 'are' : 'is'} not lit.`)
    return result(task, false, (bulbs.length - dark.length) / Math.max(1, bulbs.length) / 2, why)
  }
  if (goal.type === 'full-brightness') {
    const bulbs = placedBulbs(task, parts)
    const wires = parts.filter((p) => p.kind === 'wire' && !task.start.some((st) => st.id === p.id)).length
    const full = bulbs.filter((b) => s.parts[b.id]!.brightness >= 0.98)
    if (!short && bulbs.length >= goal.placeBulbs && full.length === bulbs.length && wires <= goal.maxWires) {
      return result(task, true, 1, `All ${bulbs.length} bulbs glow fully with ${wires} wires: side by side (in parallel), each gets the whole battery voltage.`)
    }
    const why = short ? short.message
      : bulbs.length < goal.placeBulbs ? `Place all ${goal.placeBulbs} bulbs.`
        : full.length < bulbs.length ? `${bulbs.length - full.length} of the bulbs are dim or dark. Bulbs in a chain (series) share the voltage; give each its own path to the battery.`
          : `That uses ${wires} wires; the most allowed is ${goal.maxWires}.`
    return result(task, false, full.length / Math.max(1, goal.placeBulbs) / 2, why)
  }
  const battery = task.fixed.find((p) => p.kind === 'battery')!
  const amps = Math.abs(s.parts[battery.id]!.current)
  const error = Math.abs(amps - goal.amps) / goal.amps
  if (short) return result(task, false, 0, short.message)
  // The prompt names how many resistors and how they are joined; meeting the current some other
  // way earns nothing. The count is told at once, the arrangement once current flows to judge it by.
  // A task logged before goals carried the count is judged on its current alone, as it was then.
  const flows = amps >= NO_CURRENT
  const named = (goal as { resistors?: number }).resistors !== undefined
  const wrongly = !named ? null : countError(task as CurrentTask, parts) ?? (flows ? arrangementError(task as CurrentTask, parts, s, amps) : null)
  if (wrongly) return result(task, false, 0, wrongly)
  if (error <= task.tolerance) return result(task, true, 1, `The battery delivers ${fmt(amps, 3)} A, as asked.`)
  const hint = amps < goal.amps ? 'That is too little current: the circuit needs less resistance.' : 'That is too much current: the circuit needs more resistance.'
  return result(task, false, Math.max(0, 1 - error), !flows ? (problemText(s) ?? 'No current flows.') : `The battery delivers ${fmt(amps, 3)} A; the goal is ${fmt(goal.amps, 3)} A. ${hint}`)
}

function assessChoose(task: ChooseTask, choice: string): Assessment {
  const option = task.options.find((o) => o.id === choice)
  if (!option) return result(task, false, 0, `"${choice}" is not one of the choices.`)
  if (choice === task.answer) return result(task, true, 1, `Right. ${task.reason}`)
  const misconception = ALL_MISCONCEPTIONS.find((m) => m.id === option.misconception)
  // Neither the right choice nor why it is right: the student may try again.
  const idea = misconception ? ` That answer fits the idea that ${STUDENT_WORDS[misconception.id]}, which does not hold here.` : ''
  const next = task.skill === SKILL_BRIGHTNESS ? 'work out the current through each bulb, then its power (P = I^2 R).' : 'work out the total resistance before and after the switch flips, then the current.'
  return result(task, false, 0, `Not quite.${idea} Next step: ${next}`, misconception)
}

const UNIT_WORDS: Record<string, string> = { a: 'A', amp: 'A', amps: 'A', ampere: 'A', amperes: 'A', v: 'V', volt: 'V', volts: 'V', ohm: 'ohm', ohms: 'ohm', 'Ω': 'ohm', 'ω': 'ohm' }
export const normaliseUnit = (unit: string) => UNIT_WORDS[unit.trim().toLowerCase()] ?? unit.trim()

function assessCompute(task: ComputeTask, value: number, unit: string): Assessment {
  if (!Number.isFinite(value)) return result(task, false, 0, 'Enter a number.')
  const close = (x: number, target: number) => Math.abs(x - target) <= task.tolerance * Math.abs(target)
  if (normaliseUnit(unit) !== task.unit) return result(task, false, 0.2, `A ${task.quantity} is measured in ${task.unit === 'ohm' ? 'ohms' : task.unit}, not ${unit || 'no unit'}.`)
  if (close(value, task.answer)) return result(task, true, 1, `Yes: ${task.formula} gives ${fmt(task.answer, 3)} ${task.unit}.`)
  if (task.invertedAnswer !== null && close(value, task.invertedAnswer)) {
    return result(task, false, 0.1, `That multiplies where Ohm's law divides (or divides where it multiplies). Use ${task.formula}.`, MISCONCEPTIONS.ohmInverted)
  }
  const error = Math.abs(value - task.answer) / Math.abs(task.answer)
  return result(task, false, Math.max(0, 1 - error), `Not quite: ${fmt(value, 3)} ${task.unit} is ${value > task.answer ? 'too high' : 'too low'}. Use ${task.formula}.`)
}

function assessMeasure(task: MeasureTask, parts: Part[], value: number): Assessment {
  const solved = solveAttempt(task, parts)
  if ('error' in solved) return result(task, false, 0, `That circuit cannot be built: ${solved.error}.`)
  const s = solved.solution
  const before = solveCircuit({ board: task.board, parts: [...task.fixed, ...task.start] })
  const target = task.fixed.find((p) => p.id === task.target)!
  const near = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1e-9, Math.abs(y))
  const extra: SkillEvidence[] = task.quantity === 'resistance' ? [{ skill: SKILL_OHM, correct: false }] : []
  // Which circuit do the meters sit in? Try reading each meter as what it would be if placed
  // properly (an ammeter as a piece of wire in the loop, a voltmeter as nothing) and as what
  // it is if misplaced (an ammeter lifted off, a voltmeter standing in for a wire).
  const variant = (ammeter: 'wire' | 'off', voltmeter: 'off' | 'wire') =>
    solveCircuit({
      board: task.board,
      parts: parts.flatMap((p) => {
        const as = p.kind === 'ammeter' ? ammeter : p.kind === 'voltmeter' ? voltmeter : null
        return as === 'off' ? [] : as === 'wire' ? [{ ...p, kind: 'wire' as const }] : [p]
      }),
    })
  const matches = (sol: Solution) => near(Math.abs(sol.parts[target.id]!.current), Math.abs(before.parts[target.id]!.current))
  const bare = variant('wire', 'off')
  if (!matches(bare)) {
    const ammeterAcross = parts.some((p) => p.kind === 'ammeter') && matches(variant('off', 'off'))
    const voltmeterInLoop = parts.some((p) => p.kind === 'voltmeter') && (matches(variant('wire', 'wire')) || matches(variant('off', 'wire')))
    if (ammeterAcross) return result(task, false, 0.1, `The ammeter is across a part, so the current bypasses it: an ammeter goes in the loop, in line with ${target.label}.`, MISCONCEPTIONS.metersMisplaced, extra)
    if (voltmeterInLoop) return result(task, false, 0.1, 'A voltmeter in the loop stops the current: it goes across a part, its leads on either side of it.', MISCONCEPTIONS.metersMisplaced, extra)
    return result(task, false, 0, `The circuit around ${target.label} has changed; put it back as it was and only add the meters.`, undefined, extra)
  }
  const iTarget = Math.abs(s.parts[target.id]!.current)
  const meters = parts.filter((p) => p.kind === 'ammeter' || p.kind === 'voltmeter')
  const ammeterOk = !task.meters.includes('ammeter') || meters.some((m) => m.kind === 'ammeter' && s.parts[m.id]!.powered && near(Math.abs(s.parts[m.id]!.current), iTarget) && iTarget > 0)
  const voltmeterOk = !task.meters.includes('voltmeter') || meters.some((m) => m.kind === 'voltmeter' && s.parts[m.id]!.powered && near(Math.abs(s.parts[m.id]!.voltage), Math.abs(s.parts[target.id]!.voltage)))
  if (!ammeterOk) return result(task, false, 0.2, `The ammeter must be in line with ${target.label}, so the same current flows through both.`, undefined, extra)
  if (!voltmeterOk) return result(task, false, 0.2, `The voltmeter's leads go on the two ends of ${target.label}.`, undefined, extra)
  const valueOk = Math.abs(Math.abs(value) - task.answer) <= task.tolerance * task.answer
  if (task.quantity === 'resistance') extra[0]!.correct = valueOk
  if (valueOk) return result(task, true, 1, `Meters in the right places, and ${fmt(task.answer, 3)} ${task.unit} is right.`, undefined, extra)
  const hint = task.quantity === 'resistance' ? 'Divide the voltmeter reading by the ammeter reading: R = V / I.' : 'Read the value off the meter.'
  return result(task, false, 0.5, `The meters are placed well, but ${fmt(value, 3)} ${task.unit} is not what they show. ${hint}`, undefined, extra)
}

export function assessCircuit(task: CircuitTask, attempt: CircuitAttempt): Assessment {
  if (!attempt || attempt.kind !== task.kind) return result(task, false, 0, `This task needs a ${task.kind} answer.`)
  switch (attempt.kind) {
    case 'build':
      return assessBuild(task as BuildTask, attempt.parts)
    case 'choose':
      return assessChoose(task as ChooseTask, attempt.choice)
    case 'compute':
      return assessCompute(task as ComputeTask, attempt.value, attempt.unit)
    case 'measure':
      return assessMeasure(task as MeasureTask, attempt.parts, attempt.value)
  }
}
