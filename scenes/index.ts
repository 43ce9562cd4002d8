/**
 * Every lab, as pure manifests (a scene's 3D view is reached only through its lazy loadView()),
 * so the app, the hub and Node tests share one list: adding a lab here adds it everywhere.
 */
import type { AnyPlugin } from '../src/core'
import circuits from './circuits'
import measure from './measure'
import projectile from './projectile'

export const scenes: readonly AnyPlugin[] = [projectile, circuits, measure]

export function findScene(id: string): AnyPlugin | undefined {
  return scenes.find((scene) => scene.id === id)
}
