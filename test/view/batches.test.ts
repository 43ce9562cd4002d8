import { describe, expect, it } from 'vitest'
import { BoxGeometry, BufferGeometry, CylinderGeometry, DoubleSide, Float32BufferAttribute, Group, Matrix4, Mesh, MeshPhysicalMaterial, MeshStandardMaterial, Scene, SphereGeometry } from 'three'
import { MeshBatches, bakeable, bakeLook, type MaterialBatch } from '../../src/view/meshBatch'
import { storeMatrix } from '../../src/view/sceneGraph'

/**
 * The batches' bookkeeping, in plain Node (three's BatchedMesh and InstancedMesh keep their data in
 * typed arrays a test can read). That the batches draw what their members would is tested in the
 * browser (test/e2e/batches.test.ts).
 */

function placedMesh(geometry: BufferGeometry, x: number, parent: Group) {
  const mesh = new Mesh(geometry)
  mesh.position.set(x, 0.5, -x)
  mesh.rotation.set(0.3, x, 0)
  parent.add(mesh)
  return mesh
}

function close(a: Matrix4, b: Matrix4) {
  return a.elements.every((v, i) => Math.abs(v - b.elements[i]!) < 1e-6)
}

describe('MeshBatches', () => {
  it('draws each member by its world matrix, grows past its first room, and leaves out what is hidden or removed', () => {
    const scene = new Scene()
    const batches = new MeshBatches()
    scene.add(batches.group)
    const panel = new Group()
    panel.position.set(1, 2, 3)
    scene.add(panel)
    const look = new MeshStandardMaterial({ color: '#3d4450' })
    // 40 members of 1,000 or more vertices: past the first 16 instances and 4,096 vertices.
    const geometry = new CylinderGeometry(0.1, 0.1, 1, 64, 12)
    expect(geometry.getAttribute('position').count).toBeGreaterThan(1000)
    const meshes = Array.from({ length: 40 }, (_, i) => placedMesh(geometry, i / 10, panel))
    const leave = meshes.map((m) => batches.join(m, look))
    const batch = batches.group.children[0] as MaterialBatch
    expect(batches.group.children, 'one batch for one material').toHaveLength(1)
    expect([...batch.meshes()]).toHaveLength(40)

    scene.updateMatrixWorld()
    batches.sync()
    const drawn = new Matrix4()
    const idOf = (mesh: Mesh) => [...batch.meshes()].indexOf(mesh)
    // Instance ids follow the order the members joined in while none has left.
    meshes.forEach((mesh, i) => {
      expect(idOf(mesh)).toBe(i)
      expect(batch.getVisibleAt(i)).toBe(true)
      expect(close(batch.getMatrixAt(i, drawn), mesh.matrixWorld), `member ${i}`).toBe(true)
    })
    // The member's own material is not drawn: the batch draws it.
    expect((meshes[0]!.material as MeshStandardMaterial).visible).toBe(false)

    // A hidden ancestor hides its members; a moved one moves them.
    panel.visible = false
    batches.sync()
    expect(meshes.every((_, i) => !batch.getVisibleAt(i))).toBe(true)
    panel.visible = true
    panel.position.x += 1
    scene.updateMatrixWorld()
    batches.sync()
    expect(close(batch.getMatrixAt(7, drawn), meshes[7]!.matrixWorld)).toBe(true)
    expect(batch.getVisibleAt(7)).toBe(true)

    // Removing members frees their room: the batch takes as many again without losing the rest.
    leave.slice(0, 30).forEach((undo) => undo())
    expect([...batch.meshes()]).toHaveLength(10)
    const more = Array.from({ length: 30 }, (_, i) => placedMesh(geometry, -i / 10, panel))
    more.forEach((m) => batches.join(m, look))
    scene.updateMatrixWorld()
    batches.sync()
    expect([...batch.meshes()]).toHaveLength(40)
    expect(batch.visible).toBe(true)
  })

  it('draws standard looks that differ in colour, roughness, metalness or glow in one batch, and keeps a batch per shadow setting and per other material', () => {
    const scene = new Scene()
    const batches = new MeshBatches()
    scene.add(batches.group)
    const box = new BoxGeometry(1, 1, 1)
    const a = new MeshStandardMaterial({ color: '#ff0000', roughness: 0.25, metalness: 0.5 })
    const b = new MeshStandardMaterial({ color: '#808080', emissive: '#ff0000', emissiveIntensity: 2 })
    // Transparent: its look cannot be baked, so it is drawn with its own material.
    const glass = new MeshStandardMaterial({ color: '#ffffff', transparent: true, opacity: 0.4 })
    const first = placedMesh(box, 0, batches.group)
    const second = placedMesh(box, 1, batches.group)
    const caster = placedMesh(box, 2, batches.group)
    const pane = placedMesh(box, 3, batches.group)
    const unindexed = new Mesh(box.toNonIndexed(), b)
    batches.group.add(unindexed)
    caster.castShadow = true
    const leaveFirst = batches.join(first, a)
    batches.join(second, b)
    batches.join(caster, a)
    batches.join(pane, glass)
    batches.join(unindexed, b)
    const made = batches.group.children.filter((c) => (c as MaterialBatch).isBatchedMesh) as MaterialBatch[]
    expect(made).toHaveLength(3)
    const batchOf = (mesh: Mesh) => made.find((m) => [...m.meshes()].includes(mesh))!
    const shared = batchOf(first)
    expect(batchOf(second), 'red and grey share a draw call').toBe(shared)
    expect(batchOf(unindexed), 'an unindexed shape joins the indexed ones').toBe(shared)
    expect(shared.castShadow).toBe(false)
    expect(batchOf(caster).castShadow).toBe(true)
    expect(batchOf(pane).material).toBe(glass)
    // Each member keeps its own look, for the tests that draw it by itself.
    expect(shared.lookOf(first)).toBe(a)
    expect(shared.lookOf(second)).toBe(b)
    leaveFirst()
    expect(shared.visible, 'still drawing the grey box').toBe(true)
    expect(batchOf(caster).visible).toBe(true)
  })

  it("bakes a look into a copy of the geometry: colour in linear light, roughness and metalness, glow times its intensity", () => {
    const box = new BoxGeometry(1, 1, 1)
    // sRGB 0x80 = 128/255 is ((128/255 + 0.055) / 1.055)^2.4 = 0.2158605 in linear light (IEC 61966-2-1).
    const grey = 0.2158605
    const red = bakeLook(box, new MeshStandardMaterial({ color: '#ff0000', roughness: 0.25, metalness: 0.5 }))
    const glowing = bakeLook(box, new MeshStandardMaterial({ color: '#808080', emissive: '#808080', emissiveIntensity: 2 }))
    const vertices = box.getAttribute('position').count
    const colour = red.getAttribute('color')
    const surface = red.getAttribute('bakedSurface')
    for (let i = 0; i < vertices; i++) {
      expect([colour.getX(i), colour.getY(i), colour.getZ(i)]).toEqual([1, 0, 0])
      expect([surface.getX(i), surface.getY(i)]).toEqual([0.25, 0.5])
    }
    expect(glowing.getAttribute('color').getX(5)).toBeCloseTo(grey, 6)
    // three's defaults: roughness 1, metalness 0.
    expect(glowing.getAttribute('bakedSurface').getX(5)).toBe(1)
    expect(glowing.getAttribute('bakedSurface').getY(5)).toBe(0)
    expect(glowing.getAttribute('bakedGlow').getZ(5)).toBeCloseTo(2 * grey, 6)
    expect(red.getAttribute('bakedGlow').getX(0)).toBe(0)
    // Shape is shared, not copied.
    expect(red.getAttribute('position')).toBe(box.getAttribute('position'))
    expect(red.index).toBe(box.index)

    // Vertex colours multiply the material's colour, as three does.
    const tinted = box.clone()
    tinted.setAttribute('color', new Float32BufferAttribute(new Array(vertices * 3).fill(0.5), 3))
    const baked = bakeLook(tinted, new MeshStandardMaterial({ color: '#ff0000', vertexColors: true }))
    expect(baked.getAttribute('color').getX(3)).toBe(0.5)
    expect(baked.getAttribute('color').getY(3)).toBe(0)
    expect(bakeable(new MeshStandardMaterial({ color: '#ff0000', vertexColors: true }))).toBe(true)
    expect(bakeable(new MeshStandardMaterial({ side: DoubleSide }))).toBe(false)
    expect(bakeable(new MeshPhysicalMaterial())).toBe(false)
  })

  it("draws see-through looks (glass: transparent, writing no depth) in one blended batch of their own, each one's opacity in its vertices' alpha", () => {
    const scene = new Scene()
    const batches = new MeshBatches()
    scene.add(batches.group)
    const sphere = new SphereGeometry(1, 8, 6)
    const dim = new MeshStandardMaterial({ color: '#eef2f5', transparent: true, opacity: 0.35, depthWrite: false })
    const bright = new MeshStandardMaterial({ color: '#fff6d6', emissive: '#ffcf5a', emissiveIntensity: 0.9, transparent: true, opacity: 0.75, depthWrite: false })
    const solid = new MeshStandardMaterial({ color: '#808080' })
    const bulbA = placedMesh(sphere, 0, batches.group)
    const bulbB = placedMesh(sphere, 1, batches.group)
    const holder = placedMesh(sphere, 2, batches.group)
    batches.join(bulbA, dim)
    batches.join(bulbB, bright)
    batches.join(holder, solid)
    const made = batches.group.children.filter((c) => (c as MaterialBatch).isBatchedMesh) as MaterialBatch[]
    expect(made, 'one batch for both glasses, one for the opaque holder').toHaveLength(2)
    const glass = made.find((b) => [...b.meshes()].includes(bulbA))!
    expect([...glass.meshes()]).toEqual([bulbA, bulbB])
    const drawnWith = glass.material as MeshStandardMaterial
    expect([drawnWith.transparent, drawnWith.depthWrite]).toEqual([true, false])
    const opaque = made.find((b) => b !== glass)!.material as MeshStandardMaterial
    expect([opaque.transparent, opaque.depthWrite]).toEqual([false, true])
    // The opacity rides as the colour's fourth channel (three multiplies diffuse by it).
    const baked = bakeLook(sphere, dim).getAttribute('color')
    expect(baked.itemSize).toBe(4)
    expect(baked.getW(7)).toBeCloseTo(0.35, 6)
    expect(bakeLook(sphere, solid).getAttribute('color').itemSize).toBe(3)
    // Transparent but writing depth (three's default) is sorted and drawn as its own material.
    expect(bakeable(new MeshStandardMaterial({ transparent: true, opacity: 0.4 }))).toBe(false)
  })
})

describe('storeMatrix', () => {
  it('reports a change only when the stored float32 values change, so a still member uploads nothing', () => {
    const store = new Float32Array(32)
    // 0.1 has no float32: compared as a double it would differ from what was stored every time.
    const m = new Matrix4().makeTranslation(0.1, 0.2, 0.3)
    expect(storeMatrix(store, 16, m.elements)).toBe(true)
    expect(storeMatrix(store, 16, m.elements)).toBe(false)
    expect(store[16 + 12]).toBe(Math.fround(0.1))
    expect([...store.slice(0, 16)].every((v) => v === 0), 'nothing written before the offset').toBe(true)
    m.makeTranslation(0.1, 0.2, 0.31)
    expect(storeMatrix(store, 16, m.elements)).toBe(true)
    // Collapsed: all zeros, once.
    expect(storeMatrix(store, 16, null)).toBe(true)
    expect([...store.slice(16)].every((v) => v === 0)).toBe(true)
    expect(storeMatrix(store, 16, null)).toBe(false)
  })
})
