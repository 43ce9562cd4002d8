/**
 * The resistor colour code (IEC 60062): the bands painted on a resistor for its value, so the
 * parts on the bench read as real ones do. Pure: no three, no DOM.
 */

export type BandColour = 'black' | 'brown' | 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'violet' | 'grey' | 'white' | 'gold' | 'silver'

const DIGITS: readonly BandColour[] = ['black', 'brown', 'red', 'orange', 'yellow', 'green', 'blue', 'violet', 'grey', 'white']

/** Multiplier band by power of ten: gold is x0.1, silver x0.01, then black x1 up to white x10^9. */
function multiplierBand(exponent: number): BandColour {
  if (exponent === -1) return 'gold'
  if (exponent === -2) return 'silver'
  return DIGITS[exponent]!
}

/** Paint for each band colour, as the bands are usually printed. */
export const BAND_PAINT: Readonly<Record<BandColour, string>> = {
  black: '#111111',
  brown: '#7a3e12',
  red: '#d11f1f',
  orange: '#f07b12',
  yellow: '#f5d90a',
  green: '#1f9d3a',
  blue: '#1f5fd1',
  violet: '#8a3fcf',
  grey: '#8c8c8c',
  white: '#f4f4f4',
  gold: '#c9a227',
  silver: '#c0c0c8',
}

/**
 * The bands for a value in ohms: two significant digits, the multiplier and a gold (5%)
 * tolerance band when two digits hold the value; otherwise three digits, the multiplier and a
 * brown (1%) band. A value the code cannot show (not positive, not finite, under 0.1 ohm with
 * three digits or over 999 gigaohms) is refused with the reason.
 */
export function resistorBands(ohms: number): BandColour[] {
  if (!Number.isFinite(ohms) || ohms <= 0) throw new Error(`resistor colour code: ${ohms} ohm is not a positive resistance`)
  for (const digits of [2, 3]) {
    for (let exponent = -2; exponent <= 9; exponent++) {
      const significant = ohms / 10 ** exponent
      const whole = Math.round(significant)
      // The digits must hold the value exactly (to rounding noise) and fill every digit band.
      if (Math.abs(significant - whole) > 1e-6 * Math.max(1, whole) || whole < 10 ** (digits - 1) || whole >= 10 ** digits) continue
      const bands = String(whole)
        .split('')
        .map((d) => DIGITS[Number(d)]!)
      return [...bands, multiplierBand(exponent), digits === 2 ? 'gold' : 'brown']
    }
  }
  throw new Error(`resistor colour code: ${ohms} ohm needs more than three significant digits or lies outside 0.1 ohm to 999 gigaohms`)
}
