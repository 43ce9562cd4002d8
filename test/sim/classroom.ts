/**
 * Simulated classroom: synthetic students with a hidden BKT state per skill work through the
 * REAL tutor loop and the REAL scene plug-in (its generator, assessor, reference solution and
 * wrong attempts). Two policies on the same students: the adaptive tutor, and a fixed sequence
 * (the same scene tasks in a fixed order at one fixed scaffold rung).
 *
 * The simulated truth (an assumption of this harness, stated so that results can be judged):
 *   student     speed ~ exp(N(0, 0.35)), prior knowledge factor k ~ U(0.3, 1.7)
 *   per skill   starts mastered w.p. min(0.9, prior k); learn = min(0.8, learn speed);
 *               guess, slip = scene value x U(0.8, 1.2)
 *   level       x = position of the level in [0, 1] (easiest 0, hardest 1)
 *   P(correct)  mastered:   1 - slip (0.5 + x) (1 - 0.5 support)
 *               unmastered: g + (1 - g - slip) 0.5 support, with g = guess (1.25 - 0.5 x)
 *   learning    after each task, unmastered -> mastered w.p.
 *               learn (0.6 + 0.8 support) (1.2 - 0.4 x), x 0.25 while a prerequisite is unmastered
 *   hints       an unmastered student asks for a hint first w.p. 0.15 when the rung offers hints
 * "False mastery" = a skill-mastered event for a skill the student has not truly mastered at that
 * moment. "Attempts to mastery" = attempts until every skill is truly mastered.
 */
import { createRng, manualClock, type AnyPlugin, type Rng, type SkillId, type TutorEvent } from '../../src/core'
import { createTutor, type TutorPolicy } from '../../src/tutor'

export interface SimSkillTruth {
  mastered: boolean
  learn: number
  guess: number
  slip: number
}

export interface SimStudent {
  id: string
  speed: number
  knowledge: number
  skills: Record<SkillId, SimSkillTruth>
}

function normal(rng: Rng): number {
  const u = Math.max(1e-12, rng.next())
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}

export function drawStudent(plugin: AnyPlugin, rng: Rng, index: number): SimStudent {
  const speed = Math.exp(0.35 * normal(rng))
  const knowledge = rng.range(0.3, 1.7)
  const skills: Record<SkillId, SimSkillTruth> = {}
  for (const spec of plugin.skills) {
    skills[spec.id] = {
      mastered: rng.chance(Math.min(0.9, spec.bkt.prior * knowledge)),
      learn: Math.min(0.8, spec.bkt.learn * speed),
      guess: spec.bkt.guess * rng.range(0.8, 1.2),
      slip: spec.bkt.slip * rng.range(0.8, 1.2),
    }
  }
  return { id: `sim-student-${String(index).padStart(3, '0')}`, speed, knowledge, skills }
}

function levelPosition(plugin: AnyPlugin, level: number): number {
  const levels = plugin.levels.map((l) => l.level)
  const lo = Math.min(...levels)
  const hi = Math.max(...levels)
  return hi === lo ? 0 : (level - lo) / (hi - lo)
}

export function trueSuccess(truth: SimSkillTruth, x: number, support: number): number {
  if (truth.mastered) return 1 - truth.slip * (0.5 + x) * (1 - 0.5 * support)
  const g = truth.guess * (1.25 - 0.5 * x)
  return g + (1 - g - truth.slip) * 0.5 * support
}

export type PolicyName = 'adaptive' | 'fixed'

export interface StudentRun {
  attempts: number
  /** Attempts until every skill was truly mastered; null if that never happened in the run. */
  attemptsToMastery: number | null
  /** Attempts until the tutor declared every skill mastered; null if it did not. */
  attemptsToDeclared: number | null
  declarations: number
  falseDeclarations: number
  inBand: number
  /** Attempts on a skill the student had truly mastered, and how many of those were in the band. */
  masteredAttempts: number
  masteredInBand: number
}

export interface RunOptions {
  maxAttempts: number
  targetSuccess: number
  /** Half-width of the target success band. */
  band: number
  /** Extra tutor policy for the adaptive runs (e.g. masteryStreak: 1 for BKT alone). */
  tutorPolicy?: Partial<TutorPolicy>
}

export const DEFAULT_RUN: RunOptions = { maxAttempts: 150, targetSuccess: 0.8, band: 0.1 }

/** The fixed baseline: every skill in scene order, each level in order, 4 tasks each, middle rung. */
export function fixedSequence(plugin: AnyPlugin): { steps: { skill: SkillId; level: number }[]; scaffoldLevel: number } {
  const steps: { skill: SkillId; level: number }[] = []
  for (const spec of plugin.skills) for (const l of plugin.levels) for (let i = 0; i < 4; i++) steps.push({ skill: spec.id, level: l.level })
  return { steps, scaffoldLevel: Math.floor((plugin.scaffolds.length - 1) / 2) }
}

export function runStudent(plugin: AnyPlugin, template: SimStudent, policy: PolicyName, seed: number, options: RunOptions = DEFAULT_RUN): StudentRun {
  // Each run gets its own copy of the truth: both policies start from the same student.
  const student: SimStudent = { ...template, skills: Object.fromEntries(Object.entries(template.skills).map(([k, v]) => [k, { ...v }])) }
  const behaviour = createRng(seed)
  const clock = manualClock(1_700_000_000_000)
  let declarations = 0
  let falseDeclarations = 0
  let allDeclaredAt: number | null = null
  let attempts = 0
  const emit = (event: TutorEvent) => {
    if (event.type === 'skill-mastered') {
      declarations++
      if (!student.skills[event.skill]!.mastered) falseDeclarations++
    }
  }
  const tutor = createTutor({
    plugin,
    learner: student.id,
    rng: createRng(seed ^ 0x5bd1e995),
    clock,
    policy: { targetSuccess: options.targetSuccess, ...(policy === 'fixed' ? { fixedSequence: fixedSequence(plugin) } : options.tutorPolicy) },
    emit,
  })
  const allTrulyMastered = () => Object.values(student.skills).every((s) => s.mastered)
  let attemptsToMastery: number | null = allTrulyMastered() ? 0 : null
  let inBand = 0
  let masteredAttempts = 0
  let masteredInBand = 0
  while (attempts < options.maxAttempts) {
    if (policy === 'adaptive' && tutor.done()) break
    const presented = tutor.next()
    const truth = student.skills[presented.skill]!
    const support = plugin.scaffolds[presented.scaffoldLevel]!.support
    const x = levelPosition(plugin, presented.level)
    const p = trueSuccess(truth, x, support)
    const within = Math.abs(p - options.targetSuccess) <= options.band
    if (within) inBand++
    if (truth.mastered) {
      masteredAttempts++
      if (within) masteredInBand++
    }
    clock.advance(5_000 + behaviour.int(0, 30_000))
    const offersHints = plugin.hints(presented.task, presented.scaffoldLevel).length > 0
    if (!truth.mastered && offersHints && behaviour.chance(0.15)) {
      tutor.requestHint()
      clock.advance(6_000)
    }
    const correct = behaviour.chance(p)
    const attempt = correct ? plugin.referenceSolution(presented.task) : plugin.wrongAttempt(presented.task, behaviour)
    // Learning happens during the task (with feedback); the tutor's P(L) after the answer is
    // P(L_{t+1}), so the truth it is compared with is the state after this transition.
    if (!truth.mastered) {
      const spec = plugin.skills.find((s) => s.id === presented.skill)!
      const blocked = spec.prerequisites.some((pre) => !student.skills[pre]!.mastered)
      const chance = truth.learn * (0.6 + 0.8 * support) * (1.2 - 0.4 * x) * (blocked ? 0.25 : 1)
      if (behaviour.chance(Math.min(1, chance))) truth.mastered = true
    }
    tutor.submit(attempt)
    attempts++
    if (attemptsToMastery === null && allTrulyMastered()) attemptsToMastery = attempts
    if (allDeclaredAt === null && tutor.done()) allDeclaredAt = attempts
  }
  tutor.end('completed')
  return { attempts, attemptsToMastery, attemptsToDeclared: allDeclaredAt, declarations, falseDeclarations, inBand, masteredAttempts, masteredInBand }
}

export interface PolicySummary {
  policy: PolicyName
  students: number
  /** Share of students who truly mastered every skill within the run. */
  reachedMastery: number
  /** Median and p90 attempts to true mastery; students who never got there count as Infinity. */
  medianAttemptsToMastery: number
  p90AttemptsToMastery: number
  meanAttempts: number
  inBandShare: number
  /** In-band share among attempts on skills the student had truly mastered: where level choice can act. */
  masteredInBandShare: number
  declarations: number
  falseMasteryRate: number
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  // Nearest-rank: an actual student's figure, so Infinity stays visible rather than averaged.
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[index]!
}

export function summarise(policy: PolicyName, runs: StudentRun[]): PolicySummary {
  const toMastery = runs.map((r) => r.attemptsToMastery ?? Infinity).sort((a, b) => a - b)
  const attempts = runs.reduce((a, r) => a + r.attempts, 0)
  const declarations = runs.reduce((a, r) => a + r.declarations, 0)
  return {
    policy,
    students: runs.length,
    reachedMastery: runs.filter((r) => r.attemptsToMastery !== null).length / runs.length,
    medianAttemptsToMastery: quantile(toMastery, 0.5),
    p90AttemptsToMastery: quantile(toMastery, 0.9),
    meanAttempts: attempts / runs.length,
    inBandShare: runs.reduce((a, r) => a + r.inBand, 0) / Math.max(1, attempts),
    masteredInBandShare: runs.reduce((a, r) => a + r.masteredInBand, 0) / Math.max(1, runs.reduce((a, r) => a + r.masteredAttempts, 0)),
    declarations,
    falseMasteryRate: declarations === 0 ? 0 : runs.reduce((a, r) => a + r.falseDeclarations, 0) / declarations,
  }
}

export interface ClassroomReport {
  adaptive: PolicySummary
  fixed: PolicySummary
  /** Median attempts to mastery, adaptive / fixed: below 1 means the adaptive tutor is faster. */
  medianRatio: number
}

export function runClassroom(plugin: AnyPlugin, students: number, seed: number, options: RunOptions = DEFAULT_RUN): ClassroomReport {
  const draw = createRng(seed)
  const cohort = Array.from({ length: students }, (_, i) => drawStudent(plugin, draw, i))
  const adaptive: StudentRun[] = []
  const fixed: StudentRun[] = []
  cohort.forEach((student, i) => {
    const runSeed = (seed * 7919 + i * 104729) >>> 0
    adaptive.push(runStudent(plugin, student, 'adaptive', runSeed, options))
    fixed.push(runStudent(plugin, student, 'fixed', runSeed, options))
  })
  const a = summarise('adaptive', adaptive)
  const f = summarise('fixed', fixed)
  return { adaptive: a, fixed: f, medianRatio: a.medianAttemptsToMastery / f.medianAttemptsToMastery }
}

export function formatReport(report: ClassroomReport): string {
  const rows = [report.adaptive, report.fixed]
  const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'not reached')
  const lines = [
    '| policy | students | reached mastery | attempts to mastery: median | p90 | mean attempts | in target band | in band once mastered | mastery declarations | false mastery |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.policy} | ${r.students} | ${(100 * r.reachedMastery).toFixed(1)}% | ${fmt(r.medianAttemptsToMastery, 0)} | ${fmt(r.p90AttemptsToMastery, 0)} | ${r.meanAttempts.toFixed(1)} | ${(100 * r.inBandShare).toFixed(1)}% | ${(100 * r.masteredInBandShare).toFixed(1)}% | ${r.declarations} | ${(100 * r.falseMasteryRate).toFixed(2)}% |`),
    `adaptive / fixed median attempts to mastery: ${fmt(report.medianRatio, 3)}`,
  ]
  return lines.join('\n')
}
