/**
 * Words for the student and the screen reader: hints (general to specific, the last one a
 * bottom-out hint), the worked step and formula card scaffolds, the live description and the
 * short form of an answer for the teacher.
 */
import { hintCount } from './scaffolds'
import { DEG, type LaunchParams } from './model'
import { fmt } from './tasks/common'
import { VARIABLE_NAMES } from './tasks/design-experiment'
import type { ProjectileAttempt, ProjectileTask } from './tasks/types'

const parts = (p: LaunchParams): { vx: number; vy: number } => ({ vx: p.speed * Math.cos(p.angleDeg * DEG), vy: p.speed * Math.sin(p.angleDeg * DEG) })

function splitLine(p: LaunchParams): string {
  const { vx, vy } = parts(p)
  return `Horizontal part: ${fmt(p.speed, 1)} x cos ${fmt(p.angleDeg, 1)} = ${fmt(vx)} m/s; vertical part: ${fmt(p.speed, 1)} x sin ${fmt(p.angleDeg, 1)} = ${fmt(vy)} m/s.`
}

function allHints(task: ProjectileTask): string[] {
  switch (task.kind) {
    case 'hit-target': {
      const specific = task.target.velocity !== 0
        ? 'The target keeps moving while the ball flies: work out the flight time, then where the target will be by then, and aim there.'
        : task.target.onPlatform
          ? `The ball must come down to ${fmt(task.target.y, 1)} m, the top of the platform, not to the ground, and it must clear the platform's front edge.`
          : task.launch.drag.enabled
            ? 'Air resistance shortens every flight: first find a launch that would hit with no air, then launch a little harder.'
            : 'If it lands short, launch faster or nearer 45 degrees; if it goes past, the other way.'
      return [
        'Split the launch into a sideways part that stays the same all flight and an up-and-down part that gravity changes.',
        specific,
        'With no air: x = v cos(angle) t and y = h + v sin(angle) t - (1/2) g t^2. The ball lands when y reaches the target height.',
        `One launch that works: ${fmt(task.reference.angleDeg, 1)} degrees at ${fmt(task.reference.speed, 1)} m/s.`,
      ]
    }
    case 'predict-landing': {
      const { vx } = parts(task.launch)
      return [
        'Work out how long the ball is in the air from its vertical motion alone.',
        task.launch.drag.enabled
          ? 'With air, the ball slows down all the way, so it lands short of the no-air answer.'
          : `With no air, the sideways speed stays ${fmt(vx)} m/s for the whole flight: distance = sideways speed x time.`,
        `It is in the air for ${fmt(task.answer.timeOfFlight)} s.`,
        `It lands at ${fmt(task.answer.x, 1)} m.`,
      ]
    }
    case 'compute-quantity':
      return [
        'Split the launch velocity into horizontal and vertical parts first.',
        computeMethod(task),
        workedStep(task),
        `The ${task.quantityLabel} is ${fmt(task.answer.value)} ${task.answer.unit}.`,
      ]
    case 'compare-launches':
      return [
        'Look at what is different between the two launches, and ask what that changes: the horizontal part, the vertical part, or the pull of gravity.',
        compareHint(task),
        `The answer is ${task.answer === 'same' ? '"the same"' : task.answer}.`,
      ]
    case 'design-experiment': {
      const name = VARIABLE_NAMES[task.testVariable]
      return [
        'A fair test changes one thing and keeps everything else the same.',
        `The hypothesis is about the ${name}: that is the only thing that should differ between launch A and launch B.`,
        `Set both launches the same, then change only the ${name} by at least ${fmt(task.minDifference)}.`,
      ]
    }
  }
}

function computeMethod(task: Extract<ProjectileTask, { kind: 'compute-quantity' }>): string {
  switch (task.quantity) {
    case 'vx0': return 'The horizontal part is the speed times the cosine of the angle.'
    case 'vy0': return 'The vertical part is the speed times the sine of the angle.'
    case 'speed-at-apex': return 'At the top the vertical part is zero for a moment; the horizontal part has not changed.'
    case 'vx-at': return 'With no air, nothing pushes sideways, so the horizontal velocity never changes.'
    case 'vy-at': return 'The vertical velocity drops by g every second: vy = v sin(angle) - g t.'
    case 'time-of-flight': return task.launch.height > 0 || task.platform ? 'Solve h + vy t - (1/2) g t^2 = landing height for t, and take the later time.' : 'On level ground it goes up for vy / g seconds and takes as long to come down.'
    case 'time-to-apex': return 'It rises until the vertical velocity is zero: t = vy / g.'
    case 'range': return 'Find the time of flight from the vertical motion, then multiply by the horizontal part.'
    case 'x-at': return 'Sideways the ball moves at a steady speed: x = v cos(angle) t.'
    case 'apex-height': return 'At the top the vertical velocity is zero: rise = vy^2 / (2 g), added to the launch height.'
  }
}

function compareHint(task: Extract<ProjectileTask, { kind: 'compare-launches' }>): string {
  switch (task.scenario) {
    case 'mass': return task.launchA.drag.enabled ? 'Air pushes back equally on balls of the same size and speed; which one can that force slow down more?' : 'With no air, does gravity pull a heavier ball down with a bigger acceleration?'
    case 'gravity': return 'Weaker gravity slows the rise less and speeds the fall less.'
    case 'drag': return 'Air takes speed away all along the path.'
    case 'complementary-angles': return 'On level ground with no air, R = v^2 sin(2 x angle) / g; check whether that formula applies here.'
    case 'forty-five-vs-other': return 'Is 45 degrees best here? That holds only on level ground without air.'
    case 'steeper-angle': return 'The steeper launch has the bigger vertical part of the velocity.'
    case 'drop-vs-horizontal': return 'Look only at the vertical motion of each ball: starting vertical speed, height, gravity.'
    case 'speed': return 'Both parts of the velocity grow with the launch speed.'
  }
}

/** The first step of the reasoning, done: the worked-step scaffold. */
export function workedStep(task: ProjectileTask): string {
  switch (task.kind) {
    case 'hit-target': return `${splitLine({ ...task.launch, ...task.reference })} That launch stays up while the sideways part carries it to the target.`
    case 'predict-landing': return splitLine(task.launch)
    case 'compute-quantity': return splitLine(task.launch)
    case 'compare-launches': return `Launch A: ${splitLine(task.launchA)} Launch B: ${splitLine(task.launchB)}`
    case 'design-experiment': return `Start with both launches the same (they start that way), then change only the ${VARIABLE_NAMES[task.testVariable]} on launch B.`
  }
}

/** The formulas that apply to this task: the formula-card scaffold. */
export function formulaCard(task: ProjectileTask): string[] {
  const lines = [
    'vx = v cos(angle), vy = v sin(angle)',
    'x = vx t (with no air, vx never changes)',
    'y = h + vy t - (1/2) g t^2, and vertical velocity = vy - g t',
  ]
  const flat = 'launch' in task && task.launch.height === 0 && !('platform' in task && task.platform)
  if (flat) lines.push('Level ground, no air: time = 2 vy / g, range = v^2 sin(2 angle) / g')
  else lines.push('Landing at height L: solve h + vy t - (1/2) g t^2 = L and take the later t')
  if (task.kind === 'design-experiment') lines.push('Fair test: change only the variable under test')
  return lines
}

export function hints(task: ProjectileTask, scaffoldLevel: number): string[] {
  const all = allHints(task)
  return all.slice(0, hintCount(all.length, scaffoldLevel))
}

/** What the view knows right now, all optional. */
export interface ProjectileDescribeState {
  angleDeg?: number
  speed?: number
  markerX?: number
  /** The last launch flown for this task. */
  lastLaunch?: { range: number; timeOfFlight: number; apexHeight: number; hit?: boolean }
}

export function describe(task: ProjectileTask, state?: unknown): string {
  const s = (state ?? {}) as ProjectileDescribeState
  const sentences = [task.prompt]
  if (task.kind === 'hit-target') {
    const free = task.controls.map((c) => `${c.label.toLowerCase()} from ${fmt(c.min)} to ${fmt(c.max)} ${c.unit}`).join(' and ')
    sentences.push(`You can set the ${free}.`)
    if (typeof s.angleDeg === 'number' || typeof s.speed === 'number') {
      sentences.push(`Now set to ${fmt(s.angleDeg ?? task.launch.angleDeg, 1)} degrees at ${fmt(s.speed ?? task.launch.speed, 1)} m/s.`)
    }
  }
  if (task.kind === 'predict-landing' && typeof s.markerX === 'number') sentences.push(`The marker is at ${fmt(s.markerX, 1)} m.`)
  if (task.hiddenReadouts.length > 0) sentences.push(`At this level these readouts are off: ${task.hiddenReadouts.join(', ')}.`)
  if (s.lastLaunch) {
    const hit = s.lastLaunch.hit === undefined ? '' : s.lastLaunch.hit ? ' It hit the target.' : ' It missed the target.'
    sentences.push(`Last launch: landed at ${fmt(s.lastLaunch.range, 1)} m after ${fmt(s.lastLaunch.timeOfFlight)} s, highest point ${fmt(s.lastLaunch.apexHeight, 1)} m.${hit}`)
  }
  return sentences.join(' ')
}

export function formatResponse(task: ProjectileTask, attempt: ProjectileAttempt): string {
  switch (attempt.kind) {
    case 'hit-target': {
      const angle = task.kind === 'hit-target' && !task.controls.some((c) => c.variable === 'angleDeg') ? task.reference.angleDeg : attempt.angleDeg
      const speed = task.kind === 'hit-target' && !task.controls.some((c) => c.variable === 'speed') ? task.reference.speed : attempt.speed
      return `angle ${fmt(angle, 1)} deg, speed ${Number(speed).toFixed(1)} m/s`
    }
    case 'predict-landing': return `marker at ${fmt(attempt.markerX)} m`
    case 'compute-quantity': return `${fmt(attempt.value, 3)} ${attempt.unit}`
    case 'compare-launches': return attempt.choice === 'same' ? 'chose: the same' : `chose launch ${attempt.choice}`
    case 'design-experiment': {
      const show = (v: number): string => fmt(v, 3)
      const diff = (['speed', 'angleDeg', 'height', 'mass', 'diameter', 'gravity'] as const)
        .filter((v) => attempt.launchA[v] !== attempt.launchB[v])
        .map((v) => `${VARIABLE_NAMES[v]} ${show(attempt.launchA[v])} vs ${show(attempt.launchB[v])}`)
      const prediction = attempt.prediction ? `; predicted ${attempt.prediction === 'same' ? 'the same' : attempt.prediction}` : ''
      return `${diff.length === 0 ? 'A and B identical' : `changed ${diff.join(', ')}`}${prediction}`
    }
  }
}
