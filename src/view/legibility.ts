/**
 * In-world text size. VR type is measured in dmm (millimetres of height at one metre's
 * distance); ~24 dmm is a comfortable minimum for body text on current headsets, headings a
 * third more. Height grows with distance so text stays legible from 1 to 3 m.
 */
export const BODY_DMM = 24
export const HEADING_DMM = 32

export function legibleTextHeight(distanceMetres: number, textScale = 1, dmm = BODY_DMM): number {
  const distance = Math.min(3, Math.max(0.4, distanceMetres))
  return (dmm / 1000) * distance * textScale
}
