/**
 * The physics of each task kind in a sentence, shared by the hints, the feedback on a wrong
 * answer (its next step) and the solution.
 */
import type { CompareLaunchesTask, ComputeQuantityTask } from './tasks/types'

export function computeMethod(task: ComputeQuantityTask): string {
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

export function compareHint(task: CompareLaunchesTask): string {
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

export const OUTCOME_WORDS = { farther: 'lands farther', 'lands-first': 'lands first', higher: 'goes higher' } as const

export function compareReason(task: CompareLaunchesTask): string {
  switch (task.scenario) {
    case 'mass':
      return task.launchA.drag.enabled
        ? 'With air, the same drag force slows the lighter ball more, because it has less mass to push through the air.'
        : 'With no air, gravity gives every mass the same acceleration, so mass makes no difference to the path.'
    case 'gravity': return 'Weaker gravity takes longer to turn the ball around and bring it down, so it flies higher, longer and farther.'
    case 'drag': return 'Air resistance takes speed away all the way along the path, so the ball goes less high and less far.'
    case 'complementary-angles':
      return task.answer === 'same'
        ? 'On level ground with no air, angles that add up to 90 degrees give the same range: one flies faster sideways for less time, the other slower for longer.'
        : 'Angles adding to 90 degrees tie only on level ground with no air; here the launch height or the air breaks the tie.'
    case 'forty-five-vs-other':
      return '45 degrees gives the longest range only on level ground with no air; from a height, or through air, a lower angle goes farther.'
    case 'steeper-angle': return 'A steeper launch puts more of the speed into the vertical part, so it goes higher and stays up longer.'
    case 'drop-vs-horizontal': return 'The vertical motion does not care about the sideways motion: both start with no vertical speed and fall the same height, so they land together.'
    case 'speed': return 'A faster launch has bigger horizontal and vertical parts.'
  }
}

