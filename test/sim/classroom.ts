/**
 * Simulated classroom: synthetic students work through the REAL tutor loop and the REAL scene
 * plug-in (its generator, assessor, reference solution and wrong attempts). Three policies on
 * the same students: the adaptive tutor with its placement, the adaptive tutor without, and a
 * fixed sequence (the same scene tasks in a fixed order at one fixed scaffold rung).
 *
 * The simulated truth (assumptions of this harness, stated so that results can be judged). A
 * student has an ability per skill on the logit scale of the scene's level difficulties (an IRT
 * / Elo learner model, as in Klinkenberg et al. 2011):
 *   student     prior knowledge  mu ~ U(-2.5, 2)   (level 1 alone is hard at -2.5; at 2 the
 *                                                    top level is already right 62% of the time)
 *               learning speed   r = 0.15 exp(N(0, 0.35)) logits per task at most
 *   per skill   theta0 = mu + N(0, 0.5)
 *   P(correct)  g + (1 - g - 0.02) logistic(theta - d(level) + 1.0 support),  g = scene guess / 2
 *   learning    after each task, theta += r exp(-(logit q - logit 0.85)^2 / (2 1.5^2)),
 *               q = logistic(theta - d + support): most from a task the student gets right
 *               about 85% of the time (Wilson et al. 2019, "The Eighty Five Percent Rule for
 *               optimal learning"), half as much at 50% or 97%, little from a task that is sure
 *               or hopeless; x 0.25 while a prerequisite is not yet truly mastered
 *   hints       a student whose P(correct) is below 0.5 asks for a hint first w.p. 0.3 when
 *               the rung offers hints
 *   answers     right w.p. P(correct): the scene's reference solution, else its wrongAttempt (a
 *               common misconception). Where the scene judges answers against a tolerance
 *               (plugin.missedAttempt: Measure), the answer is placed instead with an error
 *               e ~ N(0, sigma), sigma = tol / Phi^-1((1 + P(correct)) / 2): right exactly w.p.
 *               P(correct), and a near miss (within 1.5 tol) as often as that model says. This is
 *               the tutor's own model of graded evidence (learner/difficulty.ts,
 *               placementEvidence), assumed here: it is what lets a near miss tell the tutor more
 *               than a far one. Real students also miss by a wrong idea or a slip of the hand,
 *               which this leaves out
 *               unless asked (RunOptions.slips: a share of answers lands 0-40 tolerances off,
 *               whatever the skill; a wrong idea, plugin.wrongAttempt, where no tolerance).
 * "Truly mastered" = P(correct) at the skill's mastery level without support >= MASTERY_P (0.7).
 * "False mastery" = a skill-mastered event while that P(correct) is below FALSE_MASTERY_P (0.6):
 * clearly not mastered. Students learn as they go, so a declaration a task or two before the
 * 0.7 line is crossed is not the same failure; the table also gives the share declared below 0.7.
 * "Attempts to mastery" = attempts until every skill is truly mastered.
 * "In the target band" = the student's true P(correct) on the task as presented (level and
 * support) lies within target +- band.
 * "Post-test" = mean over skills of the true P(correct) at the skill's mastery level without
 * support, after the run (the expected score of a one-task-per-skill post-test at the top level).
 */
import { createRng, manualClock, type AnyPlugin, type Rng, type SkillId, type TaskBase, type TutorEvent } from '../../src/core'
import { logistic } from '../../src/learner/difficulty'
import { normalQuantile } from '../../src/learner/normal'
import { createTutor, type TutorPolicy } from '../../src/tutor'

/** True success at the mastery level, without support, that counts as mastered. */
export const MASTERY_P = 0.7
/** Below this, a declaration of mastery is false. */
export const FALSE_MASTERY_P = 0.6
const SLIP_FLOOR = 0.02

export interface SimSkillTruth {
  ability: number
  guess: number
}

export interface SimStudent {
  id: string
  knowledge: number
  rate: number
  skills: Record<SkillId, SimSkillTruth>
}

function normal(rng: Rng): number {
  const u = Math.max(1e-12, rng.next())
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}

/** How many tolerances off a student places, when P(|error| <= tolerance) is p and the error is normal. */
export function placingMiss(p: number, rng: Rng): number {
  return Math.abs(normal(rng)) / -normalQuantile((1 - p) / 2)
}

/** How many tolerances off a slip of the hand lands: anywhere up to this, uniformly. */
const SLIP_MAX_MISS = 40

/** A simulated student's answer at true success p (the header's "answers"); a share `slips` lands anywhere whatever the skill. */
export function simulatedAttempt(plugin: AnyPlugin, task: TaskBase, p: number, rng: Rng, slips = 0): unknown {
  if (slips > 0 && rng.chance(slips)) return plugin.missedAttempt ? plugin.missedAttempt(task, rng.range(0, SLIP_MAX_MISS), rng) : plugin.wrongAttempt(task, rng)
  if (plugin.missedAttempt) return plugin.missedAttempt(task, placingMiss(p, rng), rng)
  return rng.chance(p) ? plugin.referenceSolution(task) : plugin.wrongAttempt(task, rng)
}

export function drawStudent(plugin: AnyPlugin, rng: Rng, index: number): SimStudent {
  const knowledge = rng.range(-2.5, 2)
  const rate = 0.15 * Math.exp(0.35 * normal(rng))
  const skills: Record<SkillId, SimSkillTruth> = {}
  for (const spec of plugin.skills) skills[spec.id] = { ability: knowledge + 0.5 * normal(rng), guess: spec.bkt.guess / 2 }
  return { id: `sim-student-${String(index).padStart(3, '0')}`, knowledge, rate, skills }
}

const difficultyOf = (plugin: AnyPlugin, level: number) => plugin.levels.find((l) => l.level === level)!.difficulty
const masteryLevelOf = (plugin: AnyPlugin, skill: SkillId) => plugin.skills.find((s) => s.id === skill)!.masteryLevel ?? Math.max(...plugin.levels.map((l) => l.level))

export function trueSuccess(truth: SimSkillTruth, difficulty: number, support: number): number {
  return truth.guess + (1 - truth.guess - SLIP_FLOOR) * logistic(truth.ability - difficulty + support)
}

const PEAK_LOGIT = Math.log(0.85 / 0.15)
/** Share of the full learning step a task at this logit of success gives (1 at 85% success). */
export function learningGain(logitOfSuccess: number): number {
  return Math.exp(-((logitOfSuccess - PEAK_LOGIT) ** 2) / (2 * 1.5 ** 2))
}

/** P(correct) at the skill's mastery level without support: the post-test's figure. */
export function topLevelSuccess(plugin: AnyPlugin, student: SimStudent, skill: SkillId): number {
  return trueSuccess(student.skills[skill]!, difficultyOf(plugin, masteryLevelOf(plugin, skill)), 0)
}

export function trulyMastered(plugin: AnyPlugin, student: SimStudent, skill: SkillId): boolean {
  return topLevelSuccess(plugin, student, skill) >= MASTERY_P
}

export type PolicyName = 'adaptive' | 'adaptive, no placement' | 'fixed'

export interface StudentRun {
  attempts: number
  /** Attempts until every skill was truly mastered; null if that never happened in the run. */
  attemptsToMastery: number | null
  declarations: number
  falseDeclarations: number
  /** Declarations while P(correct) at the top was below MASTERY_P (false ones included). */
  earlyDeclarations: number
  inBand: number
  /** The student's prior knowledge (mu), to compare placement on strong and weak students. */
  knowledge: number
  /** Mean over skills of the true P(correct) at the mastery level without support, after the run. */
  postTest: number
}

export interface RunOptions {
  maxAttempts: number
  targetSuccess: number
  /** Half-width of the target success band. */
  band: number
  /** Extra tutor policy for the adaptive runs. */
  tutorPolicy?: Partial<TutorPolicy>
  /** Share of answers that slip (land anywhere); the band is counted on the success with slips. */
  slips?: number
  /** Tell the tutor only right or wrong (the scene's assessment without its distance): the control for graded evidence. */
  binaryAnswers?: boolean
}

export const DEFAULT_RUN: RunOptions = { maxAttempts: 300, targetSuccess: 0.8, band: 0.1 }

/** The fixed baseline: every skill in scene order, each level in order, 4 tasks each, middle rung. */
export function fixedSequence(plugin: AnyPlugin): { steps: { skill: SkillId; level: number }[]; scaffoldLevel: number } {
  const steps: { skill: SkillId; level: number }[] = []
  for (const spec of plugin.skills) for (const l of plugin.levels) for (let i = 0; i < 4; i++) steps.push({ skill: spec.id, level: l.level })
  return { steps, scaffoldLevel: Math.floor((plugin.scaffolds.length - 1) / 2) }
}

function policyFor(plugin: AnyPlugin, policy: PolicyName, options: RunOptions): TutorPolicy {
  if (policy === 'fixed') return { targetSuccess: options.targetSuccess, fixedSequence: fixedSequence(plugin) }
  return { targetSuccess: options.targetSuccess, ...options.tutorPolicy, placement: policy === 'adaptive' }
}

export function runStudent(plugin: AnyPlugin, template: SimStudent, policy: PolicyName, seed: number, options: RunOptions = DEFAULT_RUN): StudentRun {
  // Each run gets its own copy of the truth: every policy starts from the same student.
  const student: SimStudent = { ...template, skills: Object.fromEntries(Object.entries(template.skills).map(([k, v]) => [k, { ...v }])) }
  const behaviour = createRng(seed)
  const clock = manualClock(1_700_000_000_000)
  let declarations = 0
  let falseDeclarations = 0
  let earlyDeclarations = 0
  const emit = (event: TutorEvent) => {
    if (event.type === 'skill-mastered') {
      declarations++
      const p = topLevelSuccess(plugin, student, event.skill)
      if (p < FALSE_MASTERY_P) falseDeclarations++
      if (p < MASTERY_P) earlyDeclarations++
    }
  }
  const slips = options.slips ?? 0
  const tutorPlugin: AnyPlugin = options.binaryAnswers ? { ...plugin, assess: (task, attempt) => ({ ...plugin.assess(task, attempt), missInTolerances: undefined }) } : plugin
  const tutor = createTutor({ plugin: tutorPlugin, learner: student.id, rng: createRng(seed ^ 0x5bd1e995), clock, policy: policyFor(plugin, policy, options), emit })
  const skillIds = plugin.skills.map((s) => s.id)
  const allTrulyMastered = () => skillIds.every((id) => trulyMastered(plugin, student, id))
  let attemptsToMastery: number | null = allTrulyMastered() ? 0 : null
  let attempts = 0
  let inBand = 0
  while (attempts < options.maxAttempts) {
    if (policy !== 'fixed' && tutor.done()) break
    const presented = tutor.next()
    const truth = student.skills[presented.skill]!
    const support = plugin.scaffolds[presented.scaffoldLevel]!.support
    const difficulty = difficultyOf(plugin, presented.level)
    const p = trueSuccess(truth, difficulty, support)
    const observed = (1 - slips) * p + (slips * (plugin.missedAttempt ? 1 / SLIP_MAX_MISS : 0))
    if (Math.abs(observed - options.targetSuccess) <= options.band + 1e-12) inBand++
    clock.advance(5_000 + behaviour.int(0, 30_000))
    if (p < 0.5 && plugin.hints(presented.task, presented.scaffoldLevel).length > 0 && behaviour.chance(0.3)) {
      tutor.requestHint()
      clock.advance(6_000)
    }
    const attempt = simulatedAttempt(plugin, presented.task, p, behaviour, slips)
    // Learning happens during the task (with feedback); the tutor's P(L) after the answer is
    // P(L_{t+1}), so the truth it is compared with is the ability after this task.
    const spec = plugin.skills.find((s) => s.id === presented.skill)!
    const blocked = spec.prerequisites.some((pre) => !trulyMastered(plugin, student, pre))
    truth.ability += student.rate * learningGain(truth.ability - difficulty + support) * (blocked ? 0.25 : 1)
    tutor.submit(attempt)
    attempts++
    if (attemptsToMastery === null && allTrulyMastered()) attemptsToMastery = attempts
  }
  tutor.end('completed')
  const postTest = skillIds.reduce((sum, id) => sum + topLevelSuccess(plugin, student, id), 0) / skillIds.length
  return { attempts, attemptsToMastery, declarations, falseDeclarations, earlyDeclarations, inBand, knowledge: student.knowledge, postTest }
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
  postTest: number
  declarations: number
  falseMasteryRate: number
  /** Share of declarations made while P(correct) at the top was below MASTERY_P. */
  earlyMasteryRate: number
  /** Mean attempts of the students with the most prior knowledge (mu >= 1): where a placement should save time. */
  meanAttemptsStrong: number
}

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length)

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
    postTest: runs.reduce((a, r) => a + r.postTest, 0) / runs.length,
    declarations,
    falseMasteryRate: declarations === 0 ? 0 : runs.reduce((a, r) => a + r.falseDeclarations, 0) / declarations,
    earlyMasteryRate: declarations === 0 ? 0 : runs.reduce((a, r) => a + r.earlyDeclarations, 0) / declarations,
    meanAttemptsStrong: mean(runs.filter((r) => r.knowledge >= 1).map((r) => r.attempts)),
  }
}

export interface ClassroomReport {
  adaptive: PolicySummary
  noPlacement: PolicySummary
  fixed: PolicySummary
}

export const drawCohort = (plugin: AnyPlugin, students: number, seed: number): SimStudent[] => {
  const draw = createRng(seed)
  return Array.from({ length: students }, (_, i) => drawStudent(plugin, draw, i))
}

export function runClassroom(plugin: AnyPlugin, students: number, seed: number, options: RunOptions = DEFAULT_RUN): ClassroomReport {
  const cohort = drawCohort(plugin, students, seed)
  const runs: Record<PolicyName, StudentRun[]> = { adaptive: [], 'adaptive, no placement': [], fixed: [] }
  cohort.forEach((student, i) => {
    const runSeed = (seed * 7919 + i * 104729) >>> 0
    for (const policy of Object.keys(runs) as PolicyName[]) runs[policy].push(runStudent(plugin, student, policy, runSeed, options))
  })
  return { adaptive: summarise('adaptive', runs.adaptive), noPlacement: summarise('adaptive, no placement', runs['adaptive, no placement']), fixed: summarise('fixed', runs.fixed) }
}

export function formatReport(report: ClassroomReport): string {
  const rows = [report.adaptive, report.noPlacement, report.fixed]
  const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'not reached')
  const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`
  return [
    `| policy | students | reached mastery | attempts to mastery: median | p90 | mean attempts | (strong students) | in target band | post-test at top level | mastery declarations | false mastery (P < ${FALSE_MASTERY_P}) | declared at P < ${MASTERY_P} |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.policy} | ${r.students} | ${pct(r.reachedMastery)} | ${fmt(r.medianAttemptsToMastery, 0)} | ${fmt(r.p90AttemptsToMastery, 0)} | ${r.meanAttempts.toFixed(1)} | ${r.meanAttemptsStrong.toFixed(1)} | ${pct(r.inBandShare)} | ${pct(r.postTest)} | ${r.declarations} | ${pct(r.falseMasteryRate, 2)} | ${pct(r.earlyMasteryRate, 2)} |`),
  ].join('\n')
}
