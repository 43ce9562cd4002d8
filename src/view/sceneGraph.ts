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

/**
 * Stores a matrix's 16 elements in `target` from `offset` (zeros for `null`: a member collapsed
 * to nothing) and says whether any changed, so a batch re-uploads only what moved. Compared as the
 * float32 each is stored as: a double that float32 cannot hold would count as a change every frame.
 * Takes the elements array, not numbers, so a call per member per frame boxes nothing.
 */
export function storeMatrix(target: Float32Array, offset: number, elements: ArrayLike<number> | null): boolean {
  let changed = false
  for (let i = 0; i < 16; i++) {
    const value = Math.fround(elements ? elements[i]! : 0)
    if (target[offset + i] !== value) {
      target[offset + i] = value
      changed = true
    }
  }
  return changed
}
