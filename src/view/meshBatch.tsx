import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, type ComponentProps, type ReactNode } from 'react'
import { useThree } from '@react-three/fiber'
import { BatchedMesh, Group, Matrix4, type BufferGeometry, type Material, type Mesh, type Object3D } from 'three'
import { UNDRAWN } from './buttonBatch'
import { beforeEachRender, sceneRoot, shownUnder, storeMatrix } from './sceneGraph'

/**
 * Meshes that share a material drawn in one call. A lab's parts (the battery, the resistors, each
 * wire's lead, a launcher's base, yoke and barrel) are separate meshes with their own geometry, and
 * each was a draw call whose fixed cost (matrices, uniforms, state) was most of the lab's frame time
 * over the empty stage (`npm run bench:frames`). three's BatchedMesh draws many geometries with one
 * material in one call; this keeps one per material (and per shadow setting and attribute set), and
 * each member mesh, where it was in the scene graph, is only hit by pointers and found by tests:
 * its material is invisible, and the batch draws its geometry by its world matrix, leaving it out
 * while it or an ancestor is hidden.
 *
 * A member's geometry must not change in place: give the mesh a new geometry and it joins again.
 */

/** Starting room of a batch; it doubles when full. */
const FIRST_INSTANCES = 16
const FIRST_VERTICES = 4096
const FIRST_INDICES = 8192

interface Member {
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
    // Every member is drawn while shown: no per-member culling or sorting each frame (the scene is small, and opaque).
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

  addMember(mesh: Mesh) {
    if (this.members.has(mesh)) this.removeMember(mesh)
    const geometry = mesh.geometry
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
    this.members.set(mesh, { geometryId, instanceId, placed: new Float32Array(16).fill(Number.NaN), shown: false })
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

  private key(mesh: Mesh, material: Material) {
    const { attributes, index } = mesh.geometry
    const layout = Object.keys(attributes)
      .sort()
      .map((name) => `${name}:${attributes[name]!.itemSize}${attributes[name]!.normalized ? 'n' : ''}`)
      .join(',')
    return `${material.uuid} ${mesh.castShadow} ${mesh.receiveShadow} ${layout} ${index ? 'indexed' : 'flat'}`
  }

  /** Draws `mesh` (as it is now: material, geometry, shadows) in its batch until `leave` is called. */
  join(mesh: Mesh, material: Material): () => void {
    const key = this.key(mesh, material)
    let batch = this.batches.get(key)
    if (!batch) {
      batch = new MaterialBatch(material, mesh.castShadow, mesh.receiveShadow)
      batch.name = `batch-${material.name || material.type}`
      this.batches.set(key, batch)
      this.group.add(batch)
    }
    batch.addMember(mesh)
    mesh.material = UNDRAWN
    const joined = batch
    return () => joined.removeMember(mesh)
  }

  sync() {
    this.batches.forEach(syncBatch)
  }

  dispose() {
    this.batches.forEach((batch) => batch.dispose())
    this.batches.clear()
  }
}

const syncBatch = (batch: MaterialBatch) => batch.sync()

const MeshBatchContext = createContext<MeshBatches | null>(null)

/** One draw call per material for every BatchedMesh below it in the tree (see MaterialBatch). Put it at the scene's root. */
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
 * itself outside a MeshBatchRoot. The material should be shared (sharedStandardMaterial): a
 * material of its own would make a batch of one.
 */
export function BatchedPart({ geometry, material, ...props }: Omit<MeshProps, 'geometry' | 'material'> & { geometry: BufferGeometry; material: Material }) {
  const batches = useContext(MeshBatchContext)
  const mesh = useRef<Mesh>(null)
  useLayoutEffect(() => {
    if (!batches || !mesh.current) return
    return batches.join(mesh.current, material)
  }, [batches, geometry, material, props.castShadow, props.receiveShadow])
  return <mesh {...props} ref={mesh} geometry={geometry} material={batches ? UNDRAWN : material} />
}
