/**
 * The registry of scene plug-ins. Manifests only (pure): a scene's view is reached through its
 * lazy loadView(), so adding a scene here does not grow the start-up bundle by its 3D code.
 */
import type { AnyPlugin } from '../core'
import circuits from '../../scenes/circuits'
import measure from '../../scenes/measure'
import projectile from '../../scenes/projectile'

export const scenes: readonly AnyPlugin[] = [projectile, circuits, measure]

export function findScene(id: string): AnyPlugin | undefined {
  return scenes.find((scene) => scene.id === id)
}
