/** The bench's label layout, on hand-worked cases: sizes in metres, a 0.01 m font. */
import { describe, expect, it } from 'vitest'
import { labelRect, layOutLabels, overlaps } from '../../../src/view/labelLayout'

const FONT = 0.01

describe('label layout', () => {
  it('sizes a label from its longest line and its line count', () => {
    // "10 ohm" is 6 characters at 0.6 em, two lines at 1.1 em, seen 1.3 times deeper, plus 2 mm of margin each way.
    const r = labelRect(['10 ohm', '0.9 A'], FONT, 0, 0)
    expect(r.width).toBeCloseTo(6 * 0.6 * FONT + 0.004, 9)
    expect(r.depth).toBeCloseTo(2 * 1.1 * FONT * 1.3 + 0.004, 9)
  })

  it('gives the second of two labels wanting the same spot its next clear spot', () => {
    const spot = { x: 0, z: 0 }
    const placed = layOutLabels(
      [
        { id: 'a', lines: ['1 A'], spots: [spot] },
        { id: 'b', lines: ['2 A'], spots: [spot, { x: 0.001, z: 0.005 }, { x: 0, z: 0.05 }] },
      ],
      FONT,
      [],
    )
    expect(placed.map((p) => [p.id, p.x, p.z])).toEqual([
      ['a', 0, 0],
      ['b', 0, 0.05],
    ])
    expect(overlaps(placed[0]!.rect, placed[1]!.rect)).toBe(false)
  })

  it('keeps labels off the fixed marks, and shows a label with no clear spot where it overlaps least', () => {
    const mark = labelRect(['M'], FONT, 0, 0)
    // The mark is 10 mm wide, "1 A" 22 mm: centred on the mark it covers all of it; 12 mm along it covers 4 mm of it.
    const [crowded] = layOutLabels([{ id: 'a', lines: ['1 A'], spots: [{ x: 0, z: 0 }, { x: 0.012, z: 0 }] }], FONT, [mark])
    expect([crowded!.x, crowded!.z]).toEqual([0.012, 0])
    const [clear] = layOutLabels([{ id: 'a', lines: ['1 A'], spots: [{ x: 0, z: 0 }, { x: 0.012, z: 0 }, { x: 0, z: 0.03 }] }], FONT, [mark])
    expect([clear!.x, clear!.z]).toEqual([0, 0.03])
  })

  it('refuses a label with nowhere to go, naming it', () => {
    expect(() => layOutLabels([{ id: 'resistor-1', lines: ['4 ohm'], spots: [] }], FONT, [])).toThrow(/label resistor-1: no spot/)
  })
})
