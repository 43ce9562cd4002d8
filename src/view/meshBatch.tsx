import { createContext, useContext, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, type ComponentProps, type ReactNode, type Ref } from 'react'
import { useThree } from '@react-three/fiber'
import { BatchedMesh, BoxGeometry, BufferAttribute, BufferGeometry, Color, FrontSide, Group, Matrix4, MeshBasicMaterial, MeshStandardMaterial, NormalBlending, type Material, type Mesh, type Object3D } from 'three'
import { beforeEachRender, sceneRoot, shownUnder, storeMatrix } from './sceneGraph'

/**
 * Meshes that share a material drawn in one call. A lab's parts (the battery, the resistors, each
 * wire's lead, a launcher's base, yoke and barrel) and its push buttons are separate meshes with
 * their own geometry, and each was a draw call whose fixed cost (matrices, uniforms, state) was
 * most of the lab's frame time over the empty stage (`npm run bench:frames`). three's BatchedMesh
 * draws many geometries with one material in one call; this keeps one per material (and per shadow
 * setting and attribute set), and each member mesh, where it was in the scene graph, is only hit by pointers and found by tests:
 * its material is invisible, and the batch draws its geometry by its world matrix, leaving it out
 * while it or an ancestor is hidden.
 *
 * Standard materials that differ only in colour, roughness, metalness and glow share one batch: a
 * batch's material is one shared look, and what differs is baked into the member's vertices (see
 * bakeLook), so a launcher's gunmetal base, grey tower and coloured barrel, or a circuit's board,
 * posts, leads and parts, are one draw call, not one per look. See-through looks (bulbs' glass,
 * transparent and writing no depth) share another, drawn after the opaque ones.
 *
 * A member's geometry must not change in place: give the mesh a new geometry and it joins again.
 */

/** The material a member mesh keeps while its batch draws it: hit by pointers, drawn by no one. */
const UNDRAWN = new MeshBasicMaterial({ visible: false })

/** A unit cube, scaled to its size: every push button's box, and Projectile's velocity arrows. */
export const UNIT_BOX = new BoxGeometry(1, 1, 1)

/** Per-vertex surface of a baked member: roughness and metalness (three's factors, multiplied by the batch material's 1 and 1). */
const SURFACE = 'bakedSurface'
/** Per-vertex glow of a baked member: its emissive colour times its intensity, in linear light as three keeps it. */
const GLOW = 'bakedGlow'
const PLAIN_STANDARD = new MeshStandardMaterial()
/** The name of a batch's shared baked-look material, by which a batch knows it bakes. */
const BAKED_LOOK = 'baked-look'

/**
 * Whether a material's look can be baked: a MeshStandardMaterial whose every setting but colour,
 * vertex colours, roughness, metalness and emissive is three's default (no maps, front side, tone
 * mapped), and either opaque or see-through like glass (transparent, writing no depth: its
 * opacity is baked too, and it is drawn with the other see-through looks, after the opaque ones).
 */
export function bakeable(material: Material): material is MeshStandardMaterial {
  if (!(material instanceof MeshStandardMaterial) || material.type !== 'MeshStandardMaterial') return false
  const m = material
  const opaque = !m.transparent && m.opacity === 1 && m.depthWrite
  const seeThrough = m.transparent && !m.depthWrite
  return (
    !m.map && !m.roughnessMap && !m.metalnessMap && !m.emissiveMap && !m.normalMap && !m.bumpMap && !m.aoMap && !m.lightMap && !m.alphaMap && !m.envMap && !m.displacementMap &&
    (opaque || seeThrough) && m.alphaTest === 0 && m.side === FrontSide && m.blending === NormalBlending &&
    !m.flatShading && !m.wireframe && m.toneMapped && m.depthTest && m.fog && m.visible &&
    m.envMapIntensity === PLAIN_STANDARD.envMapIntensity && !m.polygonOffset && m.clippingPlanes === null
  )
}

const _vertexColour = new Color()

/**
 * A copy of `geometry` carrying `material`'s look in its vertices: colour (the material's, times
 * the vertex colour where the material uses vertex colours, as three multiplies them, with the
 * opacity as its alpha where the look is see-through), roughness and metalness, and glow.
 * Position, normal and index are shared with the original; an unindexed shape gets an index that
 * lists its vertices in order.
 */
export function bakeLook(geometry: BufferGeometry, material: MeshStandardMaterial): BufferGeometry {
  const baked = new BufferGeometry()
  const position = geometry.getAttribute('position')
  baked.setAttribute('position', position)
  baked.setAttribute('normal', geometry.getAttribute('normal'))
  const count = position.count
  // Indexed, so that indexed and unindexed shapes share a batch (three's BatchedMesh takes one or the other).
  baked.setIndex(geometry.index ?? Array.from({ length: count }, (_, i) => i))
  const seeThrough = material.transparent
  const channels = seeThrough ? 4 : 3
  const colours = new Float32Array(count * channels)
  const surfaces = new Float32Array(count * 2)
  const glows = new Float32Array(count * 3)
  const vertexColours = material.vertexColors ? geometry.getAttribute('color') : undefined
  const { color, emissive, emissiveIntensity, roughness, metalness, opacity } = material
  for (let i = 0; i < count; i++) {
    if (vertexColours) _vertexColour.fromBufferAttribute(vertexColours as BufferAttribute, i).multiply(color)
    else _vertexColour.copy(color)
    _vertexColour.toArray(colours, i * channels)
    if (seeThrough) colours[i * channels + 3] = opacity
    surfaces[i * 2] = roughness
    surfaces[i * 2 + 1] = metalness
    glows[i * 3] = emissive.r * emissiveIntensity
    glows[i * 3 + 1] = emissive.g * emissiveIntensity
    glows[i * 3 + 2] = emissive.b * emissiveIntensity
  }
  baked.setAttribute('color', new BufferAttribute(colours, channels))
  baked.setAttribute(SURFACE, new BufferAttribute(surfaces, 2))
  baked.setAttribute(GLOW, new BufferAttribute(glows, 3))
  return baked
}

/**
 * The material of a batch of baked looks: three's standard shading, with colour, roughness,
 * metalness and glow read from the vertices; see-through looks blend, their opacity the colour's
 * alpha (three reads a four-channel colour so).
 */
function bakedLookMaterial(seeThrough: boolean): MeshStandardMaterial {
  const material = new MeshStandardMaterial({ vertexColors: true, roughness: 1, metalness: 1, transparent: seeThrough, depthWrite: !seeThrough })
  material.name = BAKED_LOOK
  material.onBeforeCompile = (shader) => {
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', `#include <common>\nattribute vec2 ${SURFACE};\nattribute vec3 ${GLOW};\nvarying vec2 vBakedSurface;\nvarying vec3 vBakedGlow;`)
      .replace('#include <begin_vertex>', `#include <begin_vertex>\nvBakedSurface = ${SURFACE};\nvBakedGlow = ${GLOW};`)
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying vec2 vBakedSurface;\nvarying vec3 vBakedGlow;')
      .replace('#include <roughnessmap_fragment>', '#include <roughnessmap_fragment>\nroughnessFactor *= vBakedSurface.x;')
      .replace('#include <metalnessmap_fragment>', '#include <metalnessmap_fragment>\nmetalnessFactor *= vBakedSurface.y;')
      .replace('#include <emissivemap_fragment>', '#include <emissivemap_fragment>\ntotalEmissiveRadiance += vBakedGlow;')
  }
  material.customProgramCacheKey = () => 'benchtop-baked-look'
  return material
}

/** Starting room of a batch; it doubles when full. */
const FIRST_INSTANCES = 16
const FIRST_VERTICES = 4096
const FIRST_INDICES = 8192

interface Member {
  /** The member's own material: what it looks like, whether drawn by the batch or by itself. */
  look: Material
  geometryId: number
  instanceId: number
  /** The matrix last written for it, as the float32 values the batch stores. */
  placed: Float32Array
  shown: boolean
}

export class MaterialBatch extends BatchedMesh {
  private readonly members = new Map<Mesh, Member>()
  private vertexCapacity = FIRST_VERTICES
  private indexCapacity = FIRST_INDICES
  private readonly toBatch = new Matrix4()
  private readonly scratch = new Matrix4()

  constructor(material: Material, castShadow: boolean, receiveShadow: boolean) {
    super(FIRST_INSTANCES, FIRST_VERTICES, FIRST_INDICES, material)
    this.castShadow = castShadow
    this.receiveShadow = receiveShadow
    // Every member is drawn while shown: no per-member culling or sorting each frame (the scene is small; its see-through parts, bulbs' glass, do not overlap).
    this.perObjectFrustumCulled = false
    this.sortObjects = false
    this.frustumCulled = false
    // Pointers hit the members themselves.
    this.raycast = () => {}
    this.visible = false
  }

  /** The meshes this batch draws. */
  meshes(): IterableIterator<Mesh> {
    return this.members.keys()
  }

  /** The material `mesh` joined with: how it looks. */
  lookOf(mesh: Mesh): Material | undefined {
    return this.members.get(mesh)?.look
  }

  /** Whether members' looks are baked into their vertices (the batch's material is the shared baked look). */
  get bakesLooks(): boolean {
    return this.material.name === BAKED_LOOK
  }

  addMember(mesh: Mesh, look: Material) {
    if (this.members.has(mesh)) this.removeMember(mesh)
    const geometry = this.bakesLooks ? bakeLook(mesh.geometry, look as MeshStandardMaterial) : mesh.geometry
    const vertices = geometry.getAttribute('position').count
    const indices = geometry.getIndex()?.count ?? 0
    if (this.unusedVertexCount < vertices || this.unusedIndexCount < indices) {
      this.optimize()
      if (this.unusedVertexCount < vertices || this.unusedIndexCount < indices) {
        const used = (capacity: number, unused: number) => capacity - unused
        this.vertexCapacity = Math.max(2 * this.vertexCapacity, used(this.vertexCapacity, this.unusedVertexCount) + vertices)
        this.indexCapacity = Math.max(2 * this.indexCapacity, used(this.indexCapacity, this.unusedIndexCount) + indices)
        this.setGeometrySize(this.vertexCapacity, this.indexCapacity)
      }
    }
    if (this.instanceCount >= this.maxInstanceCount) this.setInstanceCount(2 * this.maxInstanceCount)
    const geometryId = this.addGeometry(geometry)
    const instanceId = this.addInstance(geometryId)
    // Placed by the first sync, before it is drawn.
    this.setVisibleAt(instanceId, false)
    this.members.set(mesh, { look, geometryId, instanceId, placed: new Float32Array(16).fill(Number.NaN), shown: false })
    this.visible = true
  }

  removeMember(mesh: Mesh) {
    const member = this.members.get(mesh)
    if (!member) return
    this.deleteGeometry(member.geometryId)
    this.members.delete(mesh)
    // An empty batch makes no draw call.
    this.visible = this.members.size > 0
  }

  /** Copies each member's world matrix and whether it is shown, after three has updated the world matrices and before it draws; writes only what changed. */
  sync() {
    if (this.members.size === 0) return
    this.root = sceneRoot(this)
    this.toBatch.copy(this.matrixWorld).invert()
    this.members.forEach(this.syncMember)
  }

  // The pass being synced, in fields so that syncing a member allocates nothing per frame.
  private root: Object3D = this
  private readonly syncMember = (member: Member, mesh: Mesh) => {
    const shown = shownUnder(mesh, this.root)
    if (shown !== member.shown) {
      member.shown = shown
      this.setVisibleAt(member.instanceId, shown)
    }
    if (!shown) return
    const matrix = this.scratch.multiplyMatrices(this.toBatch, mesh.matrixWorld)
    if (storeMatrix(member.placed, 0, matrix.elements)) this.setMatrixAt(member.instanceId, matrix)
  }
}

/** The batches of one scene, one per material, shadow setting and geometry layout, made as members need them. */
export class MeshBatches {
  private readonly batches = new Map<string, MaterialBatch>()
  readonly group = new Group()

  constructor() {
    this.group.name = 'mesh-batches'
  }

  private key(mesh: Mesh, material: Material, baked: boolean) {
    const { attributes, index } = mesh.geometry
    if (baked) return `baked${material.transparent ? ' see-through' : ''} ${mesh.castShadow} ${mesh.receiveShadow}`
    const shape = index ? 'indexed' : 'flat'
    const layout = Object.keys(attributes)
      .sort()
      .map((name) => `${name}:${attributes[name]!.itemSize}${attributes[name]!.normalized ? 'n' : ''}`)
      .join(',')
    return `${material.uuid} ${mesh.castShadow} ${mesh.receiveShadow} ${layout} ${shape}`
  }

  /** Draws `mesh` (as it is now: material, geometry, shadows) in its batch until `leave` is called. */
  join(mesh: Mesh, material: Material): () => void {
    const baked = bakeable(material)
    const key = this.key(mesh, material, baked)
    let batch = this.batches.get(key)
    if (!batch) {
      const drawnWith = baked ? bakedLookMaterial(material.transparent) : material
      batch = new MaterialBatch(drawnWith, mesh.castShadow, mesh.receiveShadow)
      batch.name = `batch-${drawnWith.name || drawnWith.type}`
      this.batches.set(key, batch)
      this.group.add(batch)
    }
    batch.addMember(mesh, material)
    mesh.material = UNDRAWN
    const joined = batch
    return () => joined.removeMember(mesh)
  }

  sync() {
    this.batches.forEach(syncBatch)
  }

  dispose() {
    this.batches.forEach((batch) => {
      batch.dispose()
      if (batch.bakesLooks) (batch.material as Material).dispose()
    })
    this.batches.clear()
  }
}

const syncBatch = (batch: MaterialBatch) => batch.sync()

const MeshBatchContext = createContext<MeshBatches | null>(null)

/** One draw call for every BatchedPart below it in the tree in a standard look, and one per other material (see MaterialBatch). Put it at the scene's root. */
export function MeshBatchRoot({ children }: { children: ReactNode }) {
  const batches = useMemo(() => new MeshBatches(), [])
  const scene = useThree((s) => s.scene)
  useEffect(() => {
    const undo = beforeEachRender(scene, () => batches.sync())
    return () => {
      undo()
      batches.dispose()
    }
  }, [scene, batches])
  return (
    <MeshBatchContext.Provider value={batches}>
      <primitive object={batches.group} />
      {children}
    </MeshBatchContext.Provider>
  )
}

type MeshProps = ComponentProps<'mesh'>

/**
 * A mesh drawn by the scene's batch for its material (one draw call for all of them), or by
 * itself outside a MeshBatchRoot. Standard looks share a batch whatever their colour; other
 * materials should be shared (sharedStandardMaterial), as a material of its own makes a batch of
 * one. `ref` reaches the mesh, which stays in the scene graph for pointers and tests.
 */
export function BatchedPart({ geometry, material, ref, ...props }: Omit<MeshProps, 'geometry' | 'material'> & { geometry: BufferGeometry; material: Material }) {
  const batches = useContext(MeshBatchContext)
  const mesh = useRef<Mesh>(null)
  useImperativeHandle(ref as Ref<Mesh> | undefined, () => mesh.current!, [])
  useLayoutEffect(() => {
    if (!batches || !mesh.current) return
    return batches.join(mesh.current, material)
  }, [batches, geometry, material, props.castShadow, props.receiveShadow])
  return <mesh {...props} ref={mesh} geometry={geometry} material={batches ? UNDRAWN : material} />
}
