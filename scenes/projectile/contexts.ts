/**
 * Stories the student can choose. A context renames the props and frames the prompt; the
 * physics, numbers and assessment of a task stay exactly the same.
 */
import type { ProjectileTask } from './tasks/types'

export type ContextId = 'lab' | 'sports' | 'space' | 'rescue'

export interface ContextProps {
  projectile: string
  launcher: string
  target: string
  platform: string
  movingTarget: string
  field: string
}

export interface StoryContext {
  id: ContextId
  name: string
  /** One sentence the view shows before the task. */
  story: string
  props: ContextProps
}

export const CONTEXTS: readonly StoryContext[] = [
  {
    id: 'lab', name: 'Physics lab', story: 'A launcher on the lab bench fires a ball down a measured range.',
    props: { projectile: 'ball', launcher: 'launcher', target: 'target', platform: 'platform', movingTarget: 'rolling cart', field: 'range' },
  },
  {
    id: 'sports', name: 'Sports', story: 'You are the coach setting up a ball machine for practice on the pitch.',
    props: { projectile: 'ball', launcher: 'ball machine', target: 'hoop', platform: 'stand', movingTarget: 'running teammate', field: 'pitch' },
  },
  {
    id: 'space', name: 'Space', story: 'You run the sample launcher at a planetary base, sending canisters to the landers.',
    props: { projectile: 'sample canister', launcher: 'sample launcher', target: 'landing pad', platform: 'lander deck', movingTarget: 'rover', field: 'landing zone' },
  },
  {
    id: 'rescue', name: 'Rescue drop', story: 'You fire supply packs to people cut off by a flood.',
    props: { projectile: 'supply pack', launcher: 'supply cannon', target: 'drop zone', platform: 'rooftop', movingTarget: 'rescue boat', field: 'flood plain' },
  },
]

export function contextById(id: ContextId): StoryContext {
  const context = CONTEXTS.find((c) => c.id === id)
  if (!context) throw new Error(`projectile: unknown context '${id}'`)
  return context
}

const WORDS: readonly (keyof ContextProps)[] = ['projectile', 'launcher', 'target', 'platform']
const NEUTRAL: ContextProps = CONTEXTS[0]!.props

/** The task's prompt told in a context: the story first, then the prompt with the props renamed. Numbers are untouched. */
export function tellInContext(task: Pick<ProjectileTask, 'prompt'>, id: ContextId): string {
  const context = contextById(id)
  if (id === 'lab') return `${context.story} ${task.prompt}`
  let text = task.prompt
  for (const word of WORDS) {
    text = text.replace(new RegExp(`\\b${NEUTRAL[word]}(s?)\\b`, 'g'), (_m, plural: string) => `${context.props[word]}${plural}`)
  }
  return `${context.story} ${text}`
}
