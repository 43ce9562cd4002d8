import { describe, expect, it } from 'vitest'
import { InteractionTracker } from '../../src/view/interaction'
import { legibleTextHeight } from '../../src/view/legibility'

describe('interaction summary', () => {
  it('counts adjustments, path length and time to first action per task', () => {
    let now = 1000
    const tracker = new InteractionTracker(() => now)
    tracker.reset()
    now = 3500
    tracker.begin('mouse')
    tracker.moved(0.1)
    tracker.moved(-0.05)
    now = 4000
    tracker.begin('keyboard')
    expect(tracker.summary()).toEqual({ inputMode: 'keyboard', timeToFirstActionMs: 2500, adjustments: 2, pathLength: 0.15 })
    tracker.reset()
    now = 5000
    expect(tracker.summary('xr-hand')).toEqual({ inputMode: 'xr-hand', timeToFirstActionMs: 1000, adjustments: 0, pathLength: 0 })
  })
})

describe('in-world text size', () => {
  it('grows with viewing distance and the text-size setting, within 1 to 3 m', () => {
    expect(legibleTextHeight(1)).toBeCloseTo(0.024)
    expect(legibleTextHeight(3)).toBeCloseTo(0.072)
    expect(legibleTextHeight(10)).toBeCloseTo(legibleTextHeight(3))
    expect(legibleTextHeight(1, 1.5)).toBeCloseTo(0.036)
  })
})
