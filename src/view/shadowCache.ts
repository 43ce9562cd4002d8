import { beforeEachRender } from './sceneGraph'
import type { DirectionalLight, InstancedMesh, Mesh, Object3D, Scene, WebGLRenderer } from 'three'

/**
 * The shadow map is redrawn only when something that shapes it changed: a shadow caster moved,
 * appeared, vanished or changed its geometry, or a shadow-casting light (or what it aims at)
 * moved. A lab at rest, which is most of a student's time, then pays for no shadow pass, and
 * what is drawn is the same map three would have drawn again.
 *
 * What is compared, in scene order, for every visible object that casts a shadow: its world
 * matrix, its geometry, and for an instanced mesh its instance count and matrices' version; for a
 * light, its world matrix, its target's, and its shadow's size and extent. (A material's change
 * other than its visibility is not seen: no lab changes what a caster's depth is drawn from.)
 */
export class ShadowInputs {
  private values = new Float64Array(256)
  private length = 0
  private changed = false

  private readonly visit = (object: Object3D) => {
    if (!object.castShadow) return
    const light = object as Partial<DirectionalLight>
    if (light.isLight) {
      this.matrix(object)
      if (light.target) this.matrix(light.target)
      const shadow = light.shadow
      if (shadow) {
        this.push(shadow.mapSize.x)
        this.push(shadow.mapSize.y)
        const c = shadow.camera as { left?: number; right?: number; top?: number; bottom?: number; near: number; far: number }
        this.push(c.left ?? 0)
        this.push(c.right ?? 0)
        this.push(c.top ?? 0)
        this.push(c.bottom ?? 0)
        this.push(c.near)
        this.push(c.far)
      }
      return
    }
    const mesh = object as Partial<Mesh>
    if (!mesh.geometry) return
    this.matrix(object)
    this.push(mesh.geometry.id)
    const position = mesh.geometry.getAttribute('position') as { version?: number } | undefined
    this.push(position?.version ?? -1)
    const material = mesh.material
    this.push(Array.isArray(material) ? material.length : material?.visible ? 1 : 0)
    const instanced = object as Partial<InstancedMesh>
    if (instanced.isInstancedMesh) {
      this.push(instanced.count!)
      this.push(instanced.instanceMatrix!.version)
    }
  }

  /** Whether the shadow map drawn for the last call's scene is out of date now. World matrices must be current. */
  changedSince(scene: Object3D): boolean {
    this.length = 0
    this.changed = false
    scene.traverseVisible(this.visit)
    if (this.length !== this.previousLength) this.changed = true
    this.previousLength = this.length
    return this.changed
  }

  private previousLength = -1

  private matrix(object: Object3D) {
    const e = object.matrixWorld.elements
    for (let i = 0; i < 16; i++) this.push(e[i]!)
  }

  private push(value: number) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    if (this.values[this.length] !== value) {
      this.values[this.length] = value
      this.changed = true
    }
    this.length++
  }
}

/**
 * Lets the renderer skip the shadow pass while nothing that shapes it changed. Checked in the
 * scene's onBeforeRender: after three has updated the world matrices for this frame, before it
 * draws the shadow map. Returns the undo.
 */
export function cacheShadows(gl: WebGLRenderer, scene: Scene): () => void {
  const inputs = new ShadowInputs()
  const autoUpdate = gl.shadowMap.autoUpdate
  gl.shadowMap.autoUpdate = false
  gl.shadowMap.needsUpdate = true
  // Renders of other scenes (the reflections' room) never come here.
  const undo = beforeEachRender(scene, () => {
    if (inputs.changedSince(scene)) gl.shadowMap.needsUpdate = true
  })
  return () => {
    undo()
    gl.shadowMap.autoUpdate = autoUpdate
  }
}
