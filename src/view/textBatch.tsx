import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import { Color, DataTexture, FloatType, LinearSRGBColorSpace, Matrix4, RGBAFormat, type Object3D } from 'three'
import { BatchedText, Text, type TextMaterial } from 'troika-three-text'
import { sceneRoot, shownUnder, storeMatrix } from './sceneGraph'

/**
 * Every label of a lab in one draw call. Each troika text is its own draw call with some twenty
 * uniforms, and labels were half of a lab's draw calls and most of its frame time over the empty
 * stage (`npm run bench:frames`). troika's BatchedText draws its members in one call, but only
 * members that are its own children, placed by their local matrices; a lab's labels sit on
 * buttons, meters and launchers all over the scene graph. So this batch places each member by its
 * world matrix and leaves out members that are hidden (themselves or an ancestor).
 *
 * A member stays where it is in the scene graph, so its layout, its world matrix and what tests
 * read of it are as before; it is moved to a layer no camera renders, and the batch draws it.
 */
export const BATCHED_TEXT_LAYER = 31

/** troika's packing of one member into the batch's data texture (BatchedText.js): matrix, bounds, clip, colour, ... */
const FLOATS_PER_MEMBER = 32

type MemberState = { index: number }
type PrepareForRender = (this: Text, material: TextMaterial) => void
const prepareTextForRender = (Text.prototype as unknown as { _prepareForRender: PrepareForRender })._prepareForRender

/** What a member's slot in the data texture was last packed from, besides its matrix. */
interface Packed {
  slot: number
  info: unknown
  color: unknown
  fillOpacity: unknown
  clipRect: unknown
}

type MemberText = Text & { fillOpacity?: unknown; clipRect?: unknown }

export class WorldTextBatch extends BatchedText {
  private readonly toBatch = new Matrix4()
  private readonly placed = new Matrix4()
  private readonly scratchColor = new Color()
  private readonly packed = new Map<Text, Packed>()
  // The pass being packed, in fields so that packing a member allocates nothing per frame.
  private passTexture: DataTexture | undefined
  private passMaterial: TextMaterial | undefined
  private root: Object3D = this

  constructor() {
    super()
    // Members are all over the room: the batch is always in view, and its bounds are never used.
    this.frustumCulled = false
    // Drawn after the other see-through objects, so a label on a translucent panel is not tinted by it.
    this.renderOrder = 1
    // A fixed colour of its own, or troika's preparation deletes and re-parses the material's colour every frame.
    this.color = 0xffffff
    this.visible = false
  }

  /** BatchedText unions its members' bounds by local matrices every frame; members are placed by world matrices here. */
  override updateBounds() {}

  /** Labels have no outlines (Label sets none): one pass, not troika's outline pass for every member. */
  override hasOutline() {
    return false
  }

  protected override _prepareForRender(material: TextMaterial) {
    material.uniforms.uTroikaIsOutline.value = false
    // Room for one member at least: troika's sizing gives a 0 x NaN texture when the batch is empty.
    const length = Math.max(FLOATS_PER_MEMBER, 2 ** Math.ceil(Math.log2(this._members.size * FLOATS_PER_MEMBER)))
    let texture = this._dataTextures.main
    if (!texture || texture.image.data?.length !== length) {
      texture?.dispose()
      const width = Math.min(length / 4, 1024)
      texture = this._dataTextures.main = new DataTexture(new Float32Array(length), width, length / 4 / width, RGBAFormat, FloatType)
      this.packed.clear()
    }
    this.passTexture = texture
    this.passMaterial = material
    this.toBatch.copy(this.matrixWorld).invert()
    this.root = sceneRoot(this)
    this._members.forEach(this.packMember)
    material.setMatrixTexture(texture)
    prepareTextForRender.call(this, material)
  }

  private write(index: number, value: number) {
    const data = this.passTexture!.image.data as Float32Array
    if (data[index] !== Math.fround(value)) {
      data[index] = value
      this.passTexture!.needsUpdate = true
    }
  }

  /** Whether any member needs laying out or repacking (set by the member check below). */
  private membersChanged = false
  private readonly checkMember = (info: { dirty: boolean }, text: Text) => {
    if (info.dirty || (text as Text & { _needsSync?: boolean })._needsSync) this.membersChanged = true
  }

  /** BatchedText's check runs every frame with a new closure per member list; this one allocates nothing when nothing changed. */
  override sync(callback?: () => void) {
    this.membersChanged = (this as unknown as { _needsRepack?: boolean })._needsRepack === true
    if (!this.membersChanged) this._members.forEach(this.checkMember)
    if (this.membersChanged) super.sync(callback)
  }

  /**
   * A batch without members is hidden, so a stage without labels makes no draw call for them. It
   * is hidden by its membership, not by whether its members have glyphs yet: the batch lays its
   * members out from its own onBeforeRender, which runs only while it is drawn, so a batch hidden
   * while its first labels waited for their font never showed them (the headset's empty stage).
   */
  override addText(text: Text) {
    super.addText(text)
    this.visible = true
  }

  override removeText(text: Text) {
    super.removeText(text)
    this.packed.delete(text)
    this.visible = this._members.size > 0
  }

  /**
   * As BatchedText packs a member, with three differences: placed by its world matrix relative to
   * the batch; collapsed to nothing while it or an ancestor is hidden; and the rest of its slot
   * rewritten only when its layout, colour, opacity or clip changed, not every frame (troika's
   * per-member preparation re-parses colour strings, which allocates).
   */
  private readonly packMember = ({ index }: MemberState, text: MemberText) => {
    if (index < 0) return
    const start = index * FLOATS_PER_MEMBER
    const data = this.passTexture!.image.data as Float32Array
    const matrix = this.placed.multiplyMatrices(this.toBatch, text.matrixWorld).elements
    const moved = storeMatrix(data, start, shownUnder(text, this.root) ? matrix : null)
    if (moved) this.passTexture!.needsUpdate = true
    const last = this.packed.get(text)
    if (last && last.slot === index && last.info === text.textRenderInfo && last.color === text.color && last.fillOpacity === text.fillOpacity && last.clipRect === text.clipRect) return
    this.packed.set(text, { slot: index, info: text.textRenderInfo, color: text.color, fillOpacity: text.fillOpacity, clipRect: text.clipRect })
    const material = this.passMaterial!
    // The member fills the uniforms as it would for its own draw call; they are copied from there.
    prepareTextForRender.call(text, material)
    const u = material.uniforms
    for (let i = 0; i < 4; i++) this.write(start + 16 + i, u.uTroikaTotalBounds.value.getComponent(i))
    for (let i = 0; i < 4; i++) this.write(start + 20 + i, u.uTroikaClipRect.value.getComponent(i))
    // Linear components, as a material's colour uniform holds: troika packs sRGB ones, which the
    // shader's output conversion then lightens a second time (dark text came out grey).
    this.write(start + 24, this.scratchColor.set((text.color ?? this.color) as Color).getHex(LinearSRGBColorSpace))
    this.write(start + 25, u.uTroikaFillOpacity.value)
    this.write(start + 26, u.uTroikaCurveRadius.value)
    this.write(start + 28, u.uTroikaStrokeWidth.value)
    this.write(start + 29, this.scratchColor.set(u.uTroikaStrokeColor.value as Color).getHex(LinearSRGBColorSpace))
    this.write(start + 30, u.uTroikaStrokeOpacity.value)
  }
}

const TextBatchContext = createContext<WorldTextBatch | null>(null)

/** The batch that labels inside it join; labels outside any batch draw themselves. */
export function useTextBatch() {
  return useContext(TextBatchContext)
}

/** One draw call for every label below it in the tree (see WorldTextBatch). Put it at the scene's root. */
export function TextBatch({ children }: { children: ReactNode }) {
  const batch = useMemo(() => new WorldTextBatch(), [])
  useEffect(() => () => batch.dispose(), [batch])
  return (
    <TextBatchContext.Provider value={batch}>
      <primitive object={batch} />
      {children}
    </TextBatchContext.Provider>
  )
}
