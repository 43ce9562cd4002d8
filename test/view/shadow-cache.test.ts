import { describe, expect, it } from 'vitest'
import { BoxGeometry, DirectionalLight, Group, InstancedMesh, Matrix4, Mesh, MeshBasicMaterial, MeshStandardMaterial, Object3D, Scene } from 'three'
import { ShadowInputs, cacheShadows } from '../../src/view/shadowCache'
import { MeshBatches } from '../../src/view/meshBatch'

/** A bench-like scene: a light aimed at a target, a caster inside a group, a mesh that casts nothing, posts as instances. */
function lab() {
  const scene = new Scene()
  const target = new Object3D()
  const light = new DirectionalLight()
  light.castShadow = true
  light.target = target
  light.position.set(-0.9, 1.9, 1.1)
  const group = new Group()
  const caster = new Mesh(new BoxGeometry(), new MeshBasicMaterial())
  caster.castShadow = true
  const plain = new Mesh(new BoxGeometry(), new MeshBasicMaterial())
  const posts = new InstancedMesh(new BoxGeometry(), new MeshBasicMaterial(), 4)
  posts.castShadow = true
  group.add(caster, plain)
  scene.add(target, light, group, posts)
  scene.updateMatrixWorld()
  const inputs = new ShadowInputs()
  inputs.changedSince(scene)
  /** Updates the world matrices as three does before each frame, then asks. */
  const changed = () => {
    scene.updateMatrixWorld()
    return inputs.changedSince(scene)
  }
  return { scene, light, target, group, caster, plain, posts, changed }
}

describe('the shadow map is redrawn only when what shapes it changed', () => {
  it('is out of date on the first frame and up to date on the next when nothing moved', () => {
    const scene = new Scene()
    const inputs = new ShadowInputs()
    expect(inputs.changedSince(scene)).toBe(true)
    const { changed } = lab()
    expect(changed()).toBe(false)
    expect(changed()).toBe(false)
  })

  it('is redrawn when a caster moves, also through a parent, and not again after', () => {
    const { caster, group, changed } = lab()
    caster.position.x = 0.01
    expect(changed()).toBe(true)
    expect(changed()).toBe(false)
    group.rotation.y = 0.2
    expect(changed()).toBe(true)
  })

  it('is not redrawn when only a mesh that casts no shadow moves', () => {
    const { plain, changed } = lab()
    plain.position.set(0.3, 0.1, 0)
    expect(changed()).toBe(false)
  })

  it('is redrawn when a caster appears, is hidden, or gets a new body', () => {
    const { scene, caster, changed } = lab()
    caster.visible = false
    expect(changed()).toBe(true)
    caster.visible = true
    expect(changed()).toBe(true)
    caster.geometry = new BoxGeometry(2, 1, 1)
    expect(changed()).toBe(true)
    const added = new Mesh(new BoxGeometry(), new MeshBasicMaterial())
    added.castShadow = true
    scene.add(added)
    expect(changed()).toBe(true)
  })

  it('is redrawn when instanced posts move or their count changes', () => {
    const { posts, changed } = lab()
    posts.setMatrixAt(1, new Matrix4().makeTranslation(0.07, 0, 0))
    posts.instanceMatrix.needsUpdate = true
    expect(changed()).toBe(true)
    posts.count = 3
    expect(changed()).toBe(true)
  })

  it("is redrawn when a batched part moves (a barrel aimed, a block slid): its undrawn mesh still casts in the cache's eyes, though the batch stays put", () => {
    const { scene, changed } = lab()
    const batches = new MeshBatches()
    scene.add(batches.group)
    const barrel = new Mesh(new BoxGeometry(0.1, 0.02, 0.02))
    barrel.castShadow = true
    scene.add(barrel)
    batches.join(barrel, new MeshStandardMaterial())
    // Synced as each frame does, then asked.
    const frame = () => {
      scene.updateMatrixWorld()
      batches.sync()
      return changed()
    }
    expect(frame(), 'a part joined').toBe(true)
    expect(frame()).toBe(false)
    barrel.rotation.z = 0.4
    expect(frame(), 'aimed').toBe(true)
    expect(frame()).toBe(false)
    barrel.visible = false
    expect(frame(), 'hidden').toBe(true)
  })

  it('is redrawn when the light or what it aims at moves (a recentre moves both)', () => {
    const { light, target, changed } = lab()
    target.position.z = -0.1
    expect(changed()).toBe(true)
    light.position.y = 2
    expect(changed()).toBe(true)
    light.shadow.camera.left = -2
    expect(changed()).toBe(true)
  })

  it('turns three off redrawing every frame, and asks for a redraw only on frames where something changed', () => {
    const { scene, caster } = lab()
    const gl = { shadowMap: { autoUpdate: true, needsUpdate: false } }
    const undo = cacheShadows(gl as never, scene)
    expect(gl.shadowMap.autoUpdate).toBe(false)
    const frame = () => {
      gl.shadowMap.needsUpdate = false
      scene.updateMatrixWorld()
      ;(scene.onBeforeRender as (...a: unknown[]) => void)(gl, scene, null, null)
      return gl.shadowMap.needsUpdate
    }
    expect(frame()).toBe(true)
    expect(frame()).toBe(false)
    caster.position.y = 0.05
    expect(frame()).toBe(true)
    undo()
    expect(gl.shadowMap.autoUpdate).toBe(true)
  })
})
