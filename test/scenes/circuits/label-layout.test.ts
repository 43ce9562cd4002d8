/** The bench's label layout, on hand-worked cases: sizes in metres, a 0.01 m font. */
import { describe, expect, it } from 'vitest'
import { labelRect, largestClearLayout, layOutLabels, overlaps } from '../../../src/view/labelLayout'

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

  it('says which labels found no clear spot', () => {
    const mark = labelRect(['M'], FONT, 0, 0)
    const [crowded, clear] = layOutLabels(
      [
        { id: 'a', lines: ['1 A'], spots: [{ x: 0, z: 0 }] },
        { id: 'b', lines: ['2 A'], spots: [{ x: 0, z: 0.05 }] },
      ],
      FONT,
      [mark],
    )
    expect([crowded!.clear, clear!.clear]).toEqual([false, true])
  })

  it('draws a crowded board at the largest text scale that leaves every label clear, at worst the last (200% text)', () => {
    // Two marks 30 mm apart, centre to centre: each 0.6 x 10 + 4 = 10 mm wide at scale 1, leaving 20 mm between
    // them. "10" between them is 2 x 0.6 x 10 x s + 4 mm wide: 28 mm at 2, 22 mm at 1.5 (over both marks,
    // which also grow), 16 mm at 1 (clear: the marks then leave 20 mm).
    const layOutAt = (scale: number) =>
      layOutLabels([{ id: 'a', lines: ['10'], spots: [{ x: 0, z: 0 }] }], FONT * scale, [labelRect(['M'], FONT * scale, -0.015, 0), labelRect(['M'], FONT * scale, 0.015, 0)])
    const tried: number[] = []
    const chosen = largestClearLayout([2, 1.5, 1], (s) => (tried.push(s), layOutAt(s)))
    expect(chosen.scale).toBe(1)
    expect(tried).toEqual([2, 1.5, 1])
    expect(chosen.placed[0]!.rect.width).toBeCloseTo(0.016, 9)
    // With room at once, the first scale is kept and no smaller one is tried.
    const roomy = (scale: number) => layOutLabels([{ id: 'a', lines: ['10'], spots: [{ x: 0, z: 0.1 }] }], FONT * scale, [])
    expect(largestClearLayout([2, 1], roomy).scale).toBe(2)
    // Nothing clear at any scale: the last one, as it is.
    const none = largestClearLayout([2, 1], (s) => layOutLabels([{ id: 'a', lines: ['10'], spots: [{ x: 0, z: 0 }] }], FONT * s, [labelRect(['M'], FONT, 0, 0)]))
    expect([none.scale, none.placed[0]!.clear]).toEqual([1, false])
  })

  it('refuses a label with nowhere to go, naming it', () => {
    expect(() => layOutLabels([{ id: 'resistor-1', lines: ['4 ohm'], spots: [] }], FONT, [])).toThrow(/label resistor-1: no spot/)
  })
})
