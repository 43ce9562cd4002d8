import type { Object3D, Scene } from 'three'

/** Whether `object` is shown: it and every ancestor up to `root` visible (three skips a hidden parent's subtree). */
export function shownUnder(object: Object3D, root: Object3D): boolean {
  for (let o: Object3D | null = object; o; o = o.parent) {
    if (!o.visible) return false
    if (o === root) return true
  }
  return false
}

/** The top of the graph `object` hangs in (the scene, once mounted). */
export function sceneRoot(object: Object3D): Object3D {
  return object.parent ? sceneRoot(object.parent) : object
}

/**
 * Runs `hook` in the scene's onBeforeRender, after any hook already there: three calls it once a
 * frame (once for both eyes in the headset), after it has updated the world matrices and before
 * it draws anything, the shadow map included. Returns the undo.
 */
export function beforeEachRender(scene: Scene, hook: () => void): () => void {
  const previous = scene.onBeforeRender
  scene.onBeforeRender = function (...args: Parameters<Scene['onBeforeRender']>) {
    previous.apply(this, args)
    hook()
  }
  return () => {
    scene.onBeforeRender = previous
  }
}
