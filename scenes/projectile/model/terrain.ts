/** The landscape a launch flies over: flat ground at height 0, optionally one raised platform. */
export interface Platform {
  /** Front edge (the side facing the launcher), m from the launcher. */
  xStart: number
  /** Back edge, m from the launcher; > xStart. */
  xEnd: number
  /** Height of the top above the ground, m. */
  height: number
}

export interface Terrain {
  platform: Platform | null
}

export const FLAT_GROUND: Terrain = Object.freeze({ platform: null })
