/**
 * The field's marks, worked by hand: the measuring tape's labelled step (at most six labelled
 * marks past zero, on a nice step), and a trail's dots at equal time steps (0.1 s for a short
 * flight, up to 1 s for a long one, each a whole number of the simulation's 1/240 s steps).
 */
import { describe, expect, it } from 'vitest'
import { dotInterval, dotSteps, tapeLabelStep } from '../../../scenes/projectile/view/fieldMarks'
import { createFlight, makeLaunch } from '../../../scenes/projectile/model'

describe('tapeLabelStep', () => {
  it.each([
    // length, step: length / step is at most 6, and the next smaller nice step would give more.
    [5, 1], // 5 marks of 1 m
    [6, 1], // exactly 6
    [6.5, 2], // 6.5 of 1 m is too many; 3.25 of 2 m
    [12, 2],
    [12.5, 5], // 6.25 of 2 m; 2.5 of 5 m
    [30, 5],
    [31, 10], // 6.2 of 5 m
    [40, 10], // the design field: 8 of 5 m, 4 of 10 m
    [120, 20],
    [125, 25], // 6.25 of 20 m; 5 of 25 m
    [150, 25],
    [151, 50],
  ])('a %s m tape is labelled every %s m', (length, step) => {
    expect(tapeLabelStep(length)).toBe(step)
  })

  it('past the largest nice step it keeps that step rather than inventing one', () => {
    expect(tapeLabelStep(4000)).toBe(500)
  })
})

describe('dotInterval', () => {
  it.each([
    // time of flight (s), seconds between dots
    [0.8, 0.1], // 9 dots counting the launch
    [2, 0.1], // the boundary belongs to the short flights
    [2.01, 0.2],
    [4, 0.2],
    [4.5, 0.5],
    [10, 0.5],
    [12, 1],
    [40, 1],
  ])('a flight of %s s leaves a dot every %s s', (time, interval) => {
    expect(dotInterval(time)).toBeCloseTo(interval, 12)
  })

  it('is a whole number of 1/240 s simulation steps: 24, 48, 120 and 240', () => {
    expect([1, 3, 6, 20].map(dotSteps)).toEqual([24, 48, 120, 240])
  })
})

describe('a trail drawn from the simulation', () => {
  // No drag, g = 10 m/s^2, 30 degrees: vy = v / 2 and the flight lasts T = 2 vy / g = v / 10 s.
  it.each([
    // speed, T, interval, dots (from t = 0 to the last whole interval before T)
    [10.5, 1.05, 0.1, 11],
    [33, 3.3, 0.2, 17],
    [71, 7.1, 0.5, 15],
  ])('at %s m/s (T = %s s) the dots fall every %s s, %s of them', (speed, flightTime, interval, count) => {
    const flight = createFlight(makeLaunch({ speed, angleDeg: 30, gravity: 10 }))
    const every = dotSteps(flightTime)
    const times = [flight.state.t]
    while (!flight.step()) if (flight.state.steps % every === 0) times.push(flight.state.t)
    expect(times).toHaveLength(count)
    times.forEach((t, k) => expect(t).toBeCloseTo(k * interval, 9))
  })
})
