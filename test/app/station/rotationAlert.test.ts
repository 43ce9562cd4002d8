/**
 * When a station says "time to rotate": at the end of a segment and on "rotate now", never when
 * the timer starts, never while the class is paused. The hub's clock is faked; no real waiting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StationControls } from '../../../src/app/station/controls'
import { createRotationWatch, rotationAlertStore } from '../../../src/app/station/rotationAlert'

const START = Date.parse('2026-11-30T09:00:00.000Z')
const MINUTE = 60_000

let controls: StationControls | null = null
const station = (rotation: Partial<StationControls['rotation']>): StationControls => ({
  assignedScene: null,
  targetSuccess: 0.8,
  assessmentMode: false,
  placement: true,
  paused: false,
  rotation: { segmentMinutes: 5, vrSegmentMinutes: 10, startedAt: null, pausedAt: null, ...rotation },
})

beforeEach(() => {
  vi.useFakeTimers({ now: START })
  rotationAlertStore.setState({ segment: null, beeps: 0 })
  controls = null
})
afterEach(() => vi.useRealTimers())

describe('time to rotate', () => {
  it('is not said when the timer starts, and is said when the first segment runs out', () => {
    const watch = createRotationWatch(() => controls, Date.now)
    watch()
    controls = station({ startedAt: new Date(START).toISOString() })
    watch()
    expect(rotationAlertStore.getState().segment).toBeNull()
    vi.advanceTimersByTime(5 * MINUTE - 1000)
    expect(rotationAlertStore.getState().segment).toBeNull()
    vi.advanceTimersByTime(1000 + 100)
    expect(rotationAlertStore.getState().segment).toBe(2)
    // Node has no Web Audio: the beep is skipped, the alert still shows.
    expect(rotationAlertStore.getState().beeps).toBe(0)
  })

  it('is said at once when the teacher rotates now (the hub moves the start back one segment)', () => {
    const watch = createRotationWatch(() => controls, Date.now)
    controls = station({ startedAt: new Date(START).toISOString() })
    watch()
    vi.advanceTimersByTime(2 * MINUTE)
    controls = station({ startedAt: new Date(START - 3 * MINUTE).toISOString() })
    watch()
    expect(rotationAlertStore.getState().segment).toBe(2)
  })

  it('is not said while paused, however long the pause', () => {
    const watch = createRotationWatch(() => controls, Date.now)
    controls = station({ startedAt: new Date(START).toISOString() })
    watch()
    vi.advanceTimersByTime(MINUTE)
    controls = station({ startedAt: new Date(START).toISOString(), pausedAt: new Date(START + MINUTE).toISOString() })
    watch()
    vi.advanceTimersByTime(30 * MINUTE)
    expect(rotationAlertStore.getState().segment).toBeNull()
    // Resumed: the hub moved the start on by the pause; four minutes were left, and still are.
    controls = station({ startedAt: new Date(START + 30 * MINUTE).toISOString() })
    watch()
    vi.advanceTimersByTime(4 * MINUTE - 1000)
    expect(rotationAlertStore.getState().segment).toBeNull()
    vi.advanceTimersByTime(1100)
    expect(rotationAlertStore.getState().segment).toBe(2)
  })

  it('is not said when the teacher stops the timer and starts it again', () => {
    const watch = createRotationWatch(() => controls, Date.now)
    controls = station({ startedAt: new Date(START).toISOString() })
    watch()
    vi.advanceTimersByTime(12 * MINUTE)
    expect(rotationAlertStore.getState().segment).toBe(3)
    rotationAlertStore.setState({ segment: null })
    controls = station({ startedAt: null })
    watch()
    controls = station({ startedAt: new Date(Date.now()).toISOString() })
    watch()
    expect(rotationAlertStore.getState().segment).toBeNull()
  })
})
