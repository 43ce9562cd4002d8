/**
 * The bands on the bench's resistors against the published colour code (IEC 60062, as printed
 * on any resistor colour chart), for hand-picked values: each expected row was read off the chart,
 * not computed.
 */
import { describe, expect, it } from 'vitest'
import { resistorBands } from '../../../scenes/circuits/resistorCode'

describe('resistor colour bands', () => {
  it.each([
    [10, ['brown', 'black', 'black', 'gold']],
    [470, ['yellow', 'violet', 'brown', 'gold']],
    [1000, ['brown', 'black', 'red', 'gold']],
    [220, ['red', 'red', 'brown', 'gold']],
    [4700, ['yellow', 'violet', 'red', 'gold']],
    [1e6, ['brown', 'black', 'green', 'gold']],
    [4.7, ['yellow', 'violet', 'gold', 'gold']],
    [0.47, ['yellow', 'violet', 'silver', 'gold']],
    // The bench's own values: single digits take a black second band and the gold multiplier.
    [8, ['grey', 'black', 'gold', 'gold']],
    [1, ['brown', 'black', 'gold', 'gold']],
    [12, ['brown', 'red', 'black', 'gold']],
    [15, ['brown', 'green', 'black', 'gold']],
    [20, ['red', 'black', 'black', 'gold']],
    [25, ['red', 'green', 'black', 'gold']],
    // Three significant digits need the five-band code (1% tolerance, brown).
    [125, ['brown', 'red', 'green', 'black', 'brown']],
    [4.75, ['yellow', 'violet', 'green', 'silver', 'brown']],
  ])('%s ohm reads %j', (ohms, bands) => {
    expect(resistorBands(ohms)).toEqual(bands)
  })

  it('refuses a value no colour code can show, saying why', () => {
    expect(() => resistorBands(0)).toThrow(/0 ohm is not a positive resistance/)
    expect(() => resistorBands(-5)).toThrow(/not a positive/)
    expect(() => resistorBands(12.34)).toThrow(/more than three significant digits/)
  })
})
