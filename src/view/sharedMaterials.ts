import { MeshStandardMaterial } from 'three'

/** The looks a shared material can take; every other setting is three's default. */
export interface StandardLook {
  color?: string
  vertexColors?: boolean
  roughness?: number
  metalness?: number
  emissive?: string
  emissiveIntensity?: number
  /** Below 1, see-through as glass is: blended over what is behind it, writing no depth. */
  opacity?: number
}

const standard = new Map<string, MeshStandardMaterial>()

/**
 * One material per look, shared by every mesh that looks the same (a lab's buttons, its wire
 * leads, its resistors). three sorts opaque meshes by material, so meshes that share one are
 * drawn one after another without re-sending the material's uniforms: with a material each,
 * every button and part re-sent them, a frame cost that grew with the parts on the bench. Never
 * mutate one: change the look by asking for another.
 */
export function sharedStandardMaterial({ color = '#ffffff', vertexColors = false, roughness = 1, metalness = 0, emissive = '#000000', emissiveIntensity = 1, opacity = 1 }: StandardLook): MeshStandardMaterial {
  const key = `${color} ${vertexColors} ${roughness} ${metalness} ${emissive} ${emissiveIntensity} ${opacity}`
  let material = standard.get(key)
  if (!material) {
    const seeThrough = opacity < 1
    material = new MeshStandardMaterial({ color, vertexColors, roughness, metalness, emissive, emissiveIntensity, opacity, transparent: seeThrough, depthWrite: !seeThrough })
    standard.set(key, material)
  }
  return material
}
