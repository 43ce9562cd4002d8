/** The rotation countdown and the VR break: the arithmetic a station's timer shows and acts on. */
import { describe, expect, it } from 'vitest'
import { describeCountdown, formatCountdown, msUntilVrBreak, segmentCountdown, type RotationSettings } from '../../../src/app/station/rotation'

const START = Date.parse('2025-03-04T09:00:00.000Z')
const rotation = (over: Partial<RotationSettings> = {}): RotationSettings => ({ segmentMinutes: 15, vrSegmentMinutes: 10, startedAt: new Date(START).toISOString(), ...over })
const at = (minutes: number, seconds = 0) => START + minutes * 60_000 + seconds * 1000

describe('the rotation countdown', () => {
  it('shows nothing while the rotation is stopped', () => {
    expect(segmentCountdown(rotation({ startedAt: null }), at(3))).toBeNull()
  })

  it('counts down the first segment from its full length', () => {
    expect(segmentCountdown(rotation(), at(0))).toEqual({ segment: 1, remainingMs: 15 * 60_000 })
    expect(segmentCountdown(rotation(), at(4, 30))).toEqual({ segment: 1, remainingMs: 10.5 * 60_000 })
  })

  it('starts the next segment when one runs out, so rotations follow back to back', () => {
    expect(segmentCountdown(rotation(), at(15))).toEqual({ segment: 2, remainingMs: 15 * 60_000 })
    expect(segmentCountdown(rotation(), at(44, 59))).toEqual({ segment: 3, remainingMs: 1000 })
  })

  it('stands still while the teacher has paused the class', () => {
    const paused = rotation({ pausedAt: new Date(at(4, 30)).toISOString() })
    expect(segmentCountdown(paused, at(9))).toEqual({ segment: 1, remainingMs: 10.5 * 60_000 })
    expect(segmentCountdown(paused, at(40))).toEqual({ segment: 1, remainingMs: 10.5 * 60_000 })
  })

  it('never shows more than a whole segment when the station clock is behind the hub', () => {
    expect(segmentCountdown(rotation(), at(-1))).toEqual({ segment: 1, remainingMs: 15 * 60_000 })
  })

  it('reads as minutes and seconds, rounding up so 0:00 shows only at the very end', () => {
    expect(formatCountdown(15 * 60_000)).toBe('15:00')
    expect(formatCountdown(65_000)).toBe('1:05')
    expect(formatCountdown(400)).toBe('0:01')
    expect(formatCountdown(0)).toBe('0:00')
    expect(describeCountdown(61_000)).toBe('1 minute 1 second left')
    expect(describeCountdown(120_000)).toBe('2 minutes left')
    expect(describeCountdown(0)).toBe('0 seconds left')
  })
})

describe('the VR break', () => {
  it('is due the VR segment after the student put the headset on', () => {
    const entered = at(2)
    expect(msUntilVrBreak(rotation(), entered, at(2))).toBe(10 * 60_000)
    expect(msUntilVrBreak(rotation(), entered, at(11, 30))).toBe(30_000)
    expect(msUntilVrBreak(rotation(), entered, at(12))).toBe(0)
    expect(msUntilVrBreak(rotation(), entered, at(20))).toBe(0)
  })

  it('follows the teacher\'s VR segment length', () => {
    expect(msUntilVrBreak(rotation({ vrSegmentMinutes: 5 }), at(0), at(1))).toBe(4 * 60_000)
  })

  it('does not apply outside VR or while the rotation is stopped', () => {
    expect(msUntilVrBreak(rotation(), null, at(30))).toBeNull()
    expect(msUntilVrBreak(rotation({ startedAt: null }), at(0), at(30))).toBeNull()
  })
})
