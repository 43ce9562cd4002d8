/** The parts of troika-three-text (shipped without types) that src/view/textBatch.ts uses. */
declare module 'troika-three-text' {
  import type { DataTexture, Material, Mesh, Texture, Vector2, Vector4 } from 'three'

  interface TextRenderInfo {
    blockBounds: ArrayLike<number>
    sdfTexture: Texture
  }

  interface TextUniforms {
    uTroikaTotalBounds: { value: Vector4 }
    uTroikaClipRect: { value: Vector4 }
    uTroikaPositionOffset: { value: Vector2 }
    uTroikaEdgeOffset: { value: number }
    uTroikaBlurRadius: { value: number }
    uTroikaStrokeWidth: { value: number }
    uTroikaStrokeColor: { value: unknown }
    uTroikaStrokeOpacity: { value: number }
    uTroikaFillOpacity: { value: number }
    uTroikaCurveRadius: { value: number }
  }

  export interface TextMaterial extends Material {
    isTextOutlineMaterial?: boolean
    uniforms: TextUniforms & { uTroikaIsOutline: { value: boolean } }
    setMatrixTexture(texture: Texture): void
  }

  export class Text extends Mesh {
    text: string
    color: unknown
    outlineColor: unknown
    textRenderInfo: TextRenderInfo | null
    sync(callback?: () => void): void
    hasOutline(): boolean
    dispose(): void
    protected _prepareForRender(material: TextMaterial): void
  }

  export class BatchedText extends Text {
    protected _members: Map<Text, { index: number; glyphCount: number; dirty: boolean }>
    protected _dataTextures: Partial<Record<'main' | 'outline', DataTexture>>
    addText(text: Text): void
    removeText(text: Text): void
    updateBounds(): void
  }
}
