/**
 * Where the adaptive tutor's attempts fall outside the teacher's band, per scene: prints no pass or
 * fail, only figures to judge a change by.
 *   npx tsx scripts/band-diagnosis.ts [scene] [--students N] [--seed N] [--no-placement]
 * Runs the simulated classroom's students (test/sim/classroom.ts: same cohort, seeds and
 * assumptions as its adaptive policy) and, per attempt, compares the tutor's predicted success
 * with the student's true one. Tables: in band / too hard (< target - band) / too easy, by level,
 * by rung, by the skill's task number, for placement tasks and by the student's prior knowledge;
 * the rating error (tutor's logit minus the truth's) early, mid and late in a skill; and the
 * design ceiling: the share of attempts
 * for which SOME level and rung of the scene would have been in band had the tutor known the
 * student's true ability (what the scene's level and support spacing allow, whatever the policy).
 */
import { createRng, manualClock, type AnyPlugin } from '../src/core'
import { scenes } from '../src/app/registry'
import { createTutor } from '../src/tutor'
import { DEFAULT_RUN, drawCohort, learningGain, simulatedAttempt, trueSuccess, trulyMastered } from '../test/sim/classroom'

const args = process.argv.slice(2)
const studentsArg = args.indexOf('--students')
const students = studentsArg >= 0 ? Number(args[studentsArg + 1]) : 300
const seedArg = args.indexOf('--seed')
const cohortSeed = seedArg >= 0 ? Number(args[seedArg + 1]) : 2024
const placement = !args.includes('--no-placement')
const sceneId = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--students' && args[i - 1] !== '--seed')
const chosen = sceneId === undefined ? scenes : scenes.filter((s) => s.id === sceneId)
if (chosen.length === 0) throw new Error(`band-diagnosis: no scene ${sceneId} (scenes: ${scenes.map((s) => s.id).join(', ')})`)
const { targetSuccess: target, band, maxAttempts } = DEFAULT_RUN

interface Trace {
  level: number
  rung: number
  predicted: number
  truth: number
  ability: number
  guess: number
  placement: boolean
  skillIndex: number
  skillTask: number
  /** The student's prior knowledge (mu). */
  knowledge: number
}

function trace(plugin: AnyPlugin): Trace[] {
  const difficultyOf = (level: number) => plugin.levels.find((l) => l.level === level)!.difficulty
  const traces: Trace[] = []
  drawCohort(plugin, students, cohortSeed).forEach((template, i) => {
    // As runClassroom and runStudent do for the adaptive policies.
    const student = { ...template, skills: Object.fromEntries(Object.entries(template.skills).map(([k, v]) => [k, { ...v }])) }
    const seed = (cohortSeed * 7919 + i * 104729) >>> 0
    const behaviour = createRng(seed)
    const clock = manualClock(1_700_000_000_000)
    const tutor = createTutor({ plugin, learner: student.id, rng: createRng(seed ^ 0x5bd1e995), clock, policy: { targetSuccess: target, placement }, emit: () => {} })
    const perSkill = new Map<string, number>()
    for (let attempts = 0; attempts < maxAttempts && !tutor.done(); attempts++) {
      const presented = tutor.next()
      const truth = student.skills[presented.skill]!
      const support = plugin.scaffolds[presented.scaffoldLevel]!.support
      const difficulty = difficultyOf(presented.level)
      const p = trueSuccess(truth, difficulty, support)
      perSkill.set(presented.skill, (perSkill.get(presented.skill) ?? 0) + 1)
      traces.push({
        level: presented.level, rung: presented.scaffoldLevel, predicted: presented.predictedSuccess, truth: p, ability: truth.ability, guess: truth.guess,
        placement: presented.placement, skillIndex: plugin.skills.findIndex((s) => s.id === presented.skill), skillTask: perSkill.get(presented.skill)!, knowledge: template.knowledge,
      })
      clock.advance(5_000 + behaviour.int(0, 30_000))
      if (p < 0.5 && plugin.hints(presented.task, presented.scaffoldLevel).length > 0 && behaviour.chance(0.3)) {
        tutor.requestHint()
        clock.advance(6_000)
      }
      const attempt = simulatedAttempt(plugin, presented.task, p, behaviour)
      const spec = plugin.skills.find((s) => s.id === presented.skill)!
      const blocked = spec.prerequisites.some((pre) => !trulyMastered(plugin, student, pre))
      truth.ability += student.rate * learningGain(truth.ability - difficulty + support) * (blocked ? 0.25 : 1)
      tutor.submit(attempt)
    }
    tutor.end('completed')
  })
  return traces
}

const inBand = (p: number) => Math.abs(p - target) <= band + 1e-12
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`

function table(title: string, traces: Trace[], key: (t: Trace) => string): void {
  const groups = new Map<string, Trace[]>()
  for (const t of traces) groups.set(key(t), [...(groups.get(key(t)) ?? []), t])
  console.log(`\n| ${title} | attempts | share | in band | too hard | too easy | mean predicted | mean true |\n|---|---|---|---|---|---|---|---|`)
  for (const [k, g] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const mean = (f: (t: Trace) => number) => (g.reduce((a, t) => a + f(t), 0) / g.length).toFixed(3)
    console.log(`| ${k} | ${g.length} | ${pct(g.length, traces.length)} | ${pct(g.filter((t) => inBand(t.truth)).length, g.length)} | ${pct(g.filter((t) => t.truth < target - band - 1e-12).length, g.length)} | ${pct(g.filter((t) => t.truth > target + band + 1e-12).length, g.length)} | ${mean((t) => t.predicted)} | ${mean((t) => t.truth)} |`)
  }
}

for (const plugin of chosen) {
  const traces = trace(plugin)
  const difficultyOf = (level: number) => plugin.levels.find((l) => l.level === level)!.difficulty
  const rungs = plugin.scaffolds.map((_, i) => i)
  console.log(`\n## ${plugin.id}${placement ? '' : ', no placement'}: ${students} students, seed ${cohortSeed}, ${traces.length} attempts (${(traces.length / students).toFixed(1)} each), in band ${pct(traces.filter((t) => inBand(t.truth)).length, traces.length)}`)
  const ceiling = traces.filter((t) => plugin.levels.some((l) => rungs.some((r) => inBand(trueSuccess({ ability: t.ability, guess: t.guess }, l.difficulty, plugin.scaffolds[r]!.support))))).length
  const rungOnly = traces.filter((t) => rungs.some((r) => inBand(trueSuccess({ ability: t.ability, guess: t.guess }, difficultyOf(t.level), plugin.scaffolds[r]!.support)))).length
  console.log(`design ceiling: some level and rung in band for ${pct(ceiling, traces.length)} of attempts; some rung at the level presented for ${pct(rungOnly, traces.length)}`)
  table('level', traces, (t) => `level ${t.level}`)
  table('rung', traces, (t) => `rung ${t.rung}`)
  table('skill, its task number', traces, (t) => `skill ${t.skillIndex + 1}, task ${t.skillTask > 11 ? '12+' : String(t.skillTask).padStart(2, '0')}`)
  table('placement task', traces, (t) => String(t.placement))
  // The weakest students (mu near -2.5) are too hard even at level 1 with the most support at first.
  table('prior knowledge mu', traces, (t) => `mu ${Math.floor(t.knowledge)} to ${Math.floor(t.knowledge) + 1}`)
  const errors = new Map<string, number[]>()
  for (const t of traces) {
    if (t.placement) continue
    const p = Math.min(1 - 1e-9, Math.max(1e-9, t.predicted))
    const phase = t.skillTask <= 10 ? '1-10' : t.skillTask <= 25 ? '11-25' : '26+'
    const k = `skill ${t.skillIndex + 1}, tasks ${phase}`
    errors.set(k, [...(errors.get(k) ?? []), Math.log(p / (1 - p)) - (t.ability - difficultyOf(t.level) + plugin.scaffolds[t.rung]!.support)])
  }
  console.log('\n| rating minus true ability (logits) | attempts | mean | sd |\n|---|---|---|---|')
  for (const [k, e] of [...errors.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const mean = e.reduce((a, b) => a + b, 0) / e.length
    console.log(`| ${k} | ${e.length} | ${mean.toFixed(2)} | ${Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / e.length).toFixed(2)} |`)
  }
}
