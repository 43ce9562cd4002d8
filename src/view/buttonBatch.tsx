import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import { useThree } from '@react-three/fiber'
import { BoxGeometry, Color, DynamicDrawUsage, InstancedBufferAttribute, InstancedMesh, Matrix4, MeshBasicMaterial, MeshStandardMaterial, type Mesh } from 'three'
import { beforeEachRender, sceneRoot, shownUnder, storeMatrix } from './sceneGraph'

/**
 * Every push button of a lab in one draw call. A button is a box with a colour; each was its own
 * draw call, and a draw call's fixed cost (matrices, uniforms, state) was most of a lab's frame
 * time over the empty stage (`npm run bench:frames`): a Circuit Lab has seven buttons, the
 * headset's design task twenty-five.
 *
 * A button keeps its own box in the scene graph, where it was, for the pointers to hit and tests
 * to find; that box is not drawn (its material is invisible). The batch draws one instance per
 * button from the box's world matrix and the button's colour, so a pressed button's travel, a
 * moved panel and a hidden button show as before.
 */

/** Every button's box, and the Projectile velocity arrows': a unit cube, scaled to its size. */
export const UNIT_BOX = new BoxGeometry(1, 1, 1)

/** The material of a box the batch draws: hit by pointers, drawn by no one. */
export const UNDRAWN = new MeshBasicMaterial({ visible: false })

const FIRST_CAPACITY = 32

export class WorldButtonBatch extends InstancedMesh {
  private readonly members: Mesh[] = []
  private readonly colours = new Map<Mesh, Color>()
  private readonly toBatch = new Matrix4()
  private readonly placed = new Matrix4()

  constructor() {
    // The buttons' look before they were batched: a standard material's defaults, coloured per button.
    super(UNIT_BOX, new MeshStandardMaterial(), FIRST_CAPACITY)
    this.name = 'button-batch'
    this.count = 0
    // Buttons are all over the room: the batch is always in view, and its bounds are never used.
    this.frustumCulled = false
    // Pointers hit each button's own box.
    this.raycast = () => {}
    this.instanceMatrix.setUsage(DynamicDrawUsage)
    this.instanceColor = new InstancedBufferAttribute(new Float32Array(FIRST_CAPACITY * 3), 3)
    // A stage without buttons makes no draw call for them.
    this.visible = false
  }

  /** The buttons' boxes, in the order of their instances. */
  get buttons(): readonly Mesh[] {
    return this.members
  }

  /** Draws `box` (a button's unit box, scaled to the button) in `colour` until removed. */
  addButton(box: Mesh, colour: string) {
    if (!this.colours.has(box)) this.members.push(box)
    this.colours.set(box, new Color(colour))
    if (this.members.length > this.instanceMatrix.count) this.grow()
    this.visible = true
  }

  setButtonColour(box: Mesh, colour: string) {
    this.colours.get(box)?.set(colour)
  }

  removeButton(box: Mesh) {
    const index = this.members.indexOf(box)
    if (index >= 0) this.members.splice(index, 1)
    this.colours.delete(box)
    this.visible = this.members.length > 0
  }

  private grow() {
    const capacity = 2 * this.instanceMatrix.count
    const matrices = new InstancedBufferAttribute(new Float32Array(capacity * 16), 16)
    matrices.setUsage(DynamicDrawUsage)
    this.instanceMatrix = matrices
    this.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3)
  }

  /**
   * Copies each button's world matrix and colour into its instance, after three has updated the
   * world matrices and before it draws: writes, and so uploads, only what changed. A button that
   * is hidden, itself or an ancestor, is collapsed to nothing.
   */
  sync() {
    const matrices = this.instanceMatrix.array as Float32Array
    const colours = this.instanceColor!.array as Float32Array
    const root = sceneRoot(this)
    this.toBatch.copy(this.matrixWorld).invert()
    let matricesChanged = this.count !== this.members.length
    let coloursChanged = matricesChanged
    this.count = this.members.length
    for (let index = 0; index < this.members.length; index++) {
      const box = this.members[index]!
      const matrix = this.placed.multiplyMatrices(this.toBatch, box.matrixWorld).elements
      if (storeMatrix(matrices, 16 * index, shownUnder(box, root) ? matrix : null)) matricesChanged = true
      const colour = this.colours.get(box)!
      const r = Math.fround(colour.r)
      const g = Math.fround(colour.g)
      const b = Math.fround(colour.b)
      if (colours[3 * index] !== r || colours[3 * index + 1] !== g || colours[3 * index + 2] !== b) {
        colours[3 * index] = r
        colours[3 * index + 1] = g
        colours[3 * index + 2] = b
        coloursChanged = true
      }
    }
    if (matricesChanged) this.instanceMatrix.needsUpdate = true
    if (coloursChanged) this.instanceColor!.needsUpdate = true
  }
}

const ButtonBatchContext = createContext<WorldButtonBatch | null>(null)

/** The batch that buttons inside it join; buttons outside any batch draw themselves. */
export function useButtonBatch() {
  return useContext(ButtonBatchContext)
}

/** One draw call for every WorldButton below it in the tree (see WorldButtonBatch). Put it at the scene's root. */
export function ButtonBatch({ children }: { children: ReactNode }) {
  const batch = useMemo(() => new WorldButtonBatch(), [])
  const scene = useThree((s) => s.scene)
  useEffect(() => {
    const undo = beforeEachRender(scene, () => batch.sync())
    return () => {
      undo()
      ;(batch.material as MeshStandardMaterial).dispose()
      batch.dispose()
    }
  }, [scene, batch])
  return (
    <ButtonBatchContext.Provider value={batch}>
      <primitive object={batch} />
      {children}
    </ButtonBatchContext.Provider>
  )
}
