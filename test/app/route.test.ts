// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { hashParams, parseRoute, routeHash, type Route } from '../../src/app/stores/route'
import { makePseudonym } from '../../src/app/stores/profile'

describe('routes in the URL hash', () => {
  it('round-trips every page', () => {
    const routes: Route[] = [{ page: 'start' }, { page: 'student' }, { page: 'station' }, { page: 'teacher' }, { page: 'lab', sceneId: 'measure' }, { page: 'lab', sceneId: 'a b/c' }]
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route)
  })

  it('sends unknown or empty hashes to the start page, and a lab without a scene to the picker', () => {
    expect(parseRoute('')).toEqual({ page: 'start' })
    expect(parseRoute('#/nowhere')).toEqual({ page: 'start' })
    expect(parseRoute('#/lab')).toEqual({ page: 'student' })
  })

  it('reads the station join code after the route', () => {
    expect(parseRoute('#/station?join=K7M2QX')).toEqual({ page: 'station' })
    expect(hashParams('#/station?join=K7M2QX').get('join')).toBe('K7M2QX')
    expect(hashParams('#/station').get('join')).toBeNull()
  })
})

describe('pseudonyms', () => {
  it('are friendly, opaque and never contain spaces or @', () => {
    for (let i = 0; i < 200; i++) expect(makePseudonym()).toMatch(/^[a-z]+-[a-z]+-\d{2}$/)
  })
})
