/**
 * Help that teaches, not tells: over many seeds, every task kind of every scene at every level
 * and scaffold rung. No hint and no worked step shows the task's answer; the worked step's
 * numbers are not the task's; feedback on a wrong answer does not show the right one.
 *
 * The oracle is independent of the scenes' own guard: it reads numbers out of the text with
 * its own pattern and takes the answer from the reference solution.
 */
import { describe, expect, it } from 'vitest'
import { createRng, type AnyPlugin, type TaskBase } from '../../src/core'
import circuitsPlugin from '../../scenes/circuits'
import { workedStep as circuitWorkedStep } from '../../scenes/circuits/guidance'
import type { CircuitTask } from '../../scenes/circuits/tasks/types'
import measurePlugin from '../../scenes/measure'
import projectilePlugin from '../../scenes/projectile'
import { workedStep as projectileWorkedStep } from '../../scenes/projectile/guidance'
import { generateOfKind, KINDS_BY_SKILL } from '../../scenes/projectile/tasks'
import type { ProjectileAttempt, ProjectileTask } from '../../scenes/projectile/tasks/types'

const SEEDS = 24

/** Numbers as written, unsigned: '17.23 m/s at 29 degrees' -> 17.23 (2 decimals), 29 (0). */
function written(text: string): { text: string; value: number; decimals: number; index: number }[] {
  return [...text.matchAll(/\d+(?:\.(\d+))?/g)].map((m) => ({ text: m[0], value: Number(m[0]), decimals: m[1]?.length ?? 0, index: m.index }))
}

/** The page shows a value with 1 to 3 decimals, trailing zeros dropped: 17.234 reads 17.2, 17.23, 17.234, and 17.02 reads 17. */
function reads(token: { value: number; decimals: number }, value: number): boolean {
  const v = Math.abs(value)
  if (token.decimals === 0) return token.value === Number(v.toFixed(1)) || token.value === Number(v.toFixed(2))
  return token.decimals <= 3 && token.value === Number(v.toFixed(token.decimals))
}

/** Whole numbers up to 2 are a formula's constants (2 vy / g, (1/2) g t^2). */
const constant = (t: { value: number; decimals: number }) => t.decimals === 0 && t.value <= 2

/**
 * Numbers in `text` that read as an answer value and are not something the student was already
 * told (a number of the prompt) or typed (their own attempt): those would give the answer away.
 */
function leaks(text: string, answers: readonly number[], told: string): string[] {
  const known = written(told)
  return written(text)
    .filter((t) => !constant(t) && !known.some((k) => k.value === t.value))
    .filter((t) => answers.some((a) => reads(t, a)))
    .map((t) => t.text)
}

/** A hit-target answer with its unit: '37 degrees' for the angle to set, '13.4 m/s' for the speed. */
function unitLeaks(text: string, values: { value: number; unit: RegExp }[]): string[] {
  return written(text).filter((t) => values.some(({ value, unit }) => reads(t, value) && unit.test(text.slice(t.index + t.text.length)))).map((t) => t.text)
}

function projectileAnswers(task: ProjectileTask): number[] {
  const solution = projectilePlugin.referenceSolution(task)
  switch (solution.kind) {
    case 'predict-landing': return [solution.markerX]
    case 'compute-quantity': return [solution.value]
    case 'design-experiment': return task.kind === 'design-experiment' ? [solution.launchB[task.testVariable]] : []
    default: return []
  }
}

/** Text that says which launch wins. */
const VERDICT = /\b(launch )?[AB] (lands|goes|hits|stays|wins)\b|\bthey tie\b|\bthe answer\b/i

function projectileLeaks(task: ProjectileTask, text: string, told = task.prompt, attempt?: ProjectileAttempt): string[] {
  switch (task.kind) {
    case 'hit-target':
      return unitLeaks(text, task.controls.map((c) => ({ value: task.reference[c.variable], unit: c.variable === 'angleDeg' ? /^ ?(deg|degrees)\b/ : /^ ?m\/s/ })))
    case 'compare-launches': {
      const { A, B } = task.outcomes
      const numbers = leaks(text, [A.range, B.range, A.timeOfFlight, B.timeOfFlight, A.apexHeight, B.apexHeight], told)
      return VERDICT.test(text) ? [...numbers, text.match(VERDICT)![0]] : numbers
    }
    case 'design-experiment': {
      // A verdict is a leak unless the student already gave it: their own prediction, marked right.
      const verdict = !(attempt?.kind === 'design-experiment' && attempt.prediction === task.reference.prediction) && VERDICT.test(text)
      return [...(verdict ? [text.match(VERDICT)![0]] : []), ...leaks(text, projectileAnswers(task), told)]
    }
    default:
      return leaks(text, projectileAnswers(task), told)
  }
}

function* projectileTasks(): Generator<ProjectileTask> {
  for (const skill of projectilePlugin.skills) {
    for (const kind of KINDS_BY_SKILL[skill.id]!) {
      for (const level of projectilePlugin.levels.map((l) => l.level)) {
        for (let seed = 1; seed <= SEEDS; seed++) yield generateOfKind(kind, skill.id, level, createRng(seed * 7919 + level))
      }
    }
  }
}

/** Numbers of the worked example that are the task's own (g and formula constants aside). */
function sharedNumbers(example: string, task: TaskBase, allowed: readonly number[]): string[] {
  const given = written(task.prompt).filter((t) => !constant(t) && !allowed.includes(t.value))
  return written(example).filter((t) => !constant(t) && given.some((g) => g.value === t.value)).map((t) => t.text)
}

function gravitiesOf(task: ProjectileTask): number[] {
  return task.kind === 'compare-launches' ? [task.worldA.gravity, task.worldB.gravity] : [task.world.gravity]
}

describe('projectile help teaches, not tells', () => {
  const tasks = [...projectileTasks()]
  const scene: AnyPlugin = projectilePlugin

  it('gives no hint, at any rung, that shows the answer', { timeout: 30_000 }, () => {
    const found: string[] = []
    for (const task of tasks) {
      for (const rung of projectilePlugin.scaffolds.map((s) => s.level)) {
        for (const hint of scene.hints(task, rung) as string[]) {
          const leaked = projectileLeaks(task, hint)
          if (leaked.length > 0) found.push(`${task.id} rung ${rung}: ${leaked.join(', ')} in "${hint}"`)
        }
      }
    }
    expect(found.slice(0, 5)).toEqual([])
  })

  it('works its example on other numbers than the task\'s, and never reaches the task\'s answer', { timeout: 30_000 }, () => {
    const found: string[] = []
    for (const task of tasks) {
      const example = projectileWorkedStep(task)
      const leaked = projectileLeaks(task, example)
      const shared = sharedNumbers(example, task, gravitiesOf(task))
      if (leaked.length > 0 || shared.length > 0) found.push(`${task.id}: answer ${leaked.join(', ')}; task's numbers ${shared.join(', ')} in "${example}"`)
    }
    expect(found.slice(0, 5)).toEqual([])
  })

  it('keeps the right value out of the feedback on a wrong answer', () => {
    const found: string[] = []
    for (const task of tasks) {
      {
        const attempt = projectilePlugin.wrongAttempt(task, createRng(task.seed))
        const result = projectilePlugin.assess(task, attempt)
        if (result.correct) continue
        const told = `${task.prompt} ${projectilePlugin.formatResponse(task, attempt)}`
        const leaked = projectileLeaks(task, result.feedback, told, attempt)
        if (leaked.length > 0) found.push(`${task.id}: ${leaked.join(', ')} in "${result.feedback}"`)
      }
    }
    expect(found.slice(0, 5)).toEqual([])
  }, 60_000)

  it('names the solution only when asked, with the answer in it', () => {
    const silent: string[] = []
    for (const task of tasks.filter((_, i) => i % 7 === 0)) {
      const text = projectilePlugin.solution!(task)
      const tells = task.kind === 'compare-launches' ? VERDICT.test(text)
        : task.kind === 'hit-target' ? projectileLeaks(task, text).length > 0
          : written(text).some((t) => projectileAnswers(task).some((a) => reads(t, a)))
      if (!tells) silent.push(`${task.id}: "${text}"`)
    }
    expect(silent.slice(0, 5)).toEqual([])
  })
})

// ------------------------------------------------------------------ Circuit Lab

/** The circuit's numbers a student can see: the words and the labelled parts. */
function circuitTold(task: CircuitTask): string {
  const parts = [...task.fixed, ...task.start].filter((p) => !p.hideValue).flatMap((p) => [p.value, p.internalResistance]).filter((v) => v !== undefined)
  return `${task.prompt} ${parts.join(' ')} ${task.tray.map((t) => t.name).join(' ')}`
}

function circuitAnswers(task: CircuitTask): number[] {
  if (task.kind === 'compute' || task.kind === 'measure') return [task.answer]
  if (task.kind === 'build' && task.goal.type === 'current') {
    // The oracle works the goal backwards itself: total resistance, and the part the tray must give.
    const battery = task.fixed.find((p) => p.kind === 'battery')!
    const total = battery.value! / task.goal.amps
    const there = (battery.internalResistance ?? 0) + task.fixed.filter((p) => p.kind === 'bulb').reduce((sum, p) => sum + p.value!, 0)
    return [total, total - there]
  }
  return []
}

/** Terminal names ('F1', 'A2') say where to wire: in a light-the-bulb task that is the answer. */
const TERMINAL = /\b[A-G][1-5]\b/

function circuitLeaks(task: CircuitTask, text: string, told = circuitTold(task)): string[] {
  const found = leaks(text, circuitAnswers(task), told)
  if (task.kind === 'choose') {
    const right = task.options.find((o) => o.id === task.answer)!
    if (text.toLowerCase().includes(right.text.toLowerCase())) found.push(right.text)
  }
  if (task.kind === 'build' && task.goal.type !== 'current' && TERMINAL.test(text)) found.push(text.match(TERMINAL)![0])
  return found
}

describe('circuit help teaches, not tells', () => {
  const tasks: CircuitTask[] = []
  for (const skill of circuitsPlugin.skills) {
    for (const level of circuitsPlugin.levels.map((l) => l.level)) {
      for (let seed = 1; seed <= SEEDS; seed++) tasks.push(circuitsPlugin.generate(skill.id, level, createRng(seed * 104729 + level)))
    }
  }

  it('covers every task kind', () => {
    expect(new Set(tasks.map((t) => t.kind))).toEqual(new Set(['build', 'choose', 'compute', 'measure']))
  })

  it('gives no hint, at any rung, that shows the answer', () => {
    const found: string[] = []
    for (const task of tasks) {
      for (const rung of circuitsPlugin.scaffolds.map((s) => s.level)) {
        for (const hint of circuitsPlugin.hints(task, rung)) {
          const leaked = circuitLeaks(task, hint)
          if (leaked.length > 0) found.push(`${task.id} rung ${rung}: ${leaked.join(', ')} in "${hint}"`)
        }
      }
    }
    expect(found.slice(0, 5)).toEqual([])
  })

  it('works its example on other numbers than the task\'s, and never reaches the task\'s answer', () => {
    const found: string[] = []
    for (const task of tasks) {
      const example = circuitWorkedStep(task)
      const leaked = circuitLeaks(task, example)
      const given = written(circuitTold(task)).filter((t) => !constant(t))
      const shared = written(example).filter((t) => !constant(t) && given.some((g) => g.value === t.value)).map((t) => t.text)
      if (leaked.length > 0 || shared.length > 0) found.push(`${task.id}: answer ${leaked.join(', ')}; task's numbers ${shared.join(', ')} in "${example}"`)
    }
    expect(found.slice(0, 5)).toEqual([])
  })

  it('keeps the right value out of the feedback on a wrong answer', () => {
    const found: string[] = []
    for (const task of tasks) {
      const attempt = circuitsPlugin.wrongAttempt(task, createRng(task.seed))
      const result = circuitsPlugin.assess(task, attempt)
      if (result.correct) continue
      // A wrong circuit's own wiring is the student's, not the answer: terminals are not checked here.
      const told = `${circuitTold(task)} ${circuitsPlugin.formatResponse(task, attempt)}`
      // A wrong circuit's current is in amperes; the answer to a build task is a resistance.
      const leaked = task.kind === 'build'
        ? unitLeaks(result.feedback, circuitAnswers(task).map((value) => ({ value, unit: /^ ?ohm/ })))
        : leaks(result.feedback, circuitAnswers(task), told)
      if (task.kind === 'choose') {
        const right = task.options.find((o) => o.id === task.answer)!
        if (result.feedback.toLowerCase().includes(right.text.toLowerCase())) leaked.push(right.text)
      }
      if (leaked.length > 0) found.push(`${task.id}: ${leaked.join(', ')} in "${result.feedback}"`)
    }
    expect(found.slice(0, 5)).toEqual([])
  })

  it('names the answer in the solution', () => {
    for (const task of tasks.filter((t) => t.kind === 'compute' || t.kind === 'measure')) {
      const text = circuitsPlugin.solution!(task)
      expect(written(text).some((t) => circuitAnswers(task).some((a) => reads(t, a)))).toBe(true)
    }
  })
})

// ------------------------------------------------------------------ Measure & Place

describe('measure help teaches, not tells', () => {
  const tasks = measurePlugin.skills.flatMap((skill) => measurePlugin.levels.flatMap((l) => Array.from({ length: SEEDS }, (_, i) => measurePlugin.generate(skill.id, l.level, createRng(i * 31 + l.level)))))

  it('gives no hint that says where the block goes (the prompt says the number; the hints teach how to find it)', () => {
    const found: string[] = []
    for (const task of tasks) {
      for (const rung of measurePlugin.scaffolds.map((s) => s.level)) {
        for (const hint of measurePlugin.hints(task, rung)) {
          const leaked = leaks(hint, [measurePlugin.referenceSolution(task).position], '')
          if (leaked.length > 0) found.push(`${task.id}: ${leaked.join(', ')} in "${hint}"`)
        }
      }
    }
    expect(found.slice(0, 5)).toEqual([])
  })

  it('keeps the target out of the feedback on a wrong answer', () => {
    const found: string[] = []
    for (const task of tasks) {
      const attempt = measurePlugin.wrongAttempt(task, createRng(task.seed))
      const result = measurePlugin.assess(task, attempt)
      expect(result.correct).toBe(false)
      const leaked = leaks(result.feedback, [task.target], measurePlugin.formatResponse(task, attempt))
      if (leaked.length > 0) found.push(`${task.id}: ${leaked.join(', ')} in "${result.feedback}"`)
    }
    expect(found.slice(0, 5)).toEqual([])
  })
})
