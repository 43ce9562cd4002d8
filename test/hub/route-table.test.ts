/**
 * Who may do what, written out by hand from what each role needs (README "Keys and roles"), and
 * checked against the route table the hub enforces (src/hub/routes.ts; test/hub/authorization.test.ts
 * checks over HTTP that the hub does what the table says). The table cannot be its own oracle: a
 * route that gained a role there would pass the HTTP test too.
 */
import { describe, expect, it } from 'vitest'
import { isApiPath, isXapiPath, matchRoute, ROUTES, type Credential } from '../../src/hub/routes'

/** [method, path] -> who may call it. A station: its own students' work; an --lrs-key: the LRS only. */
const POLICY: [string, string, Credential[]][] = [
  ['POST', '/api/join', ['none']],
  ['GET', '/api/station-link', ['teacher']],
  ['POST', '/api/join-code/rotate', ['teacher']],
  ['GET', '/api/class', ['station', 'teacher']],
  ['POST', '/api/signin', ['station']],
  ['GET', '/api/stations', ['teacher']],
  ['POST', '/api/stations/station-0123456789ab/revoke', ['teacher']],
  // Names and sign-in codes, one student's everything, deleting a student: the teacher's alone.
  ['GET', '/api/roster', ['teacher']],
  ['POST', '/api/roster', ['teacher']],
  ['POST', '/api/roster/batch', ['teacher']],
  ['PATCH', '/api/roster/calm-otter-1', ['teacher']],
  ['GET', '/api/roster/settings', ['teacher']],
  ['PUT', '/api/roster/settings', ['teacher']],
  // Classes, moving a station between them, and the teacher's own passphrase: the teacher's.
  ['GET', '/api/classes', ['teacher']],
  ['POST', '/api/classes', ['teacher']],
  ['PATCH', '/api/classes/2', ['teacher']],
  ['POST', '/api/stations/station-0123456789ab/class', ['teacher']],
  ['POST', '/api/teacher/sign-out', ['teacher']],
  ['POST', '/api/teacher/passphrase', ['teacher']],
  // Signing in is open: the passphrase or setup code in the body is the credential (rate-limited).
  ['GET', '/api/teacher/session', ['none']],
  ['POST', '/api/teacher/setup', ['none']],
  ['POST', '/api/teacher/sign-in', ['none']],
  // A station tells the hub who is at it and how many statements wait there.
  ['POST', '/api/station/heartbeat', ['station']],
  ['GET', '/api/students/calm-otter-1/export', ['teacher']],
  ['DELETE', '/api/students/calm-otter-1', ['teacher']],
  ['POST', '/api/purge', ['teacher']],
  ['GET', '/api/controls', ['station', 'teacher']],
  ['PUT', '/api/controls', ['teacher']],
  ['PATCH', '/api/controls', ['teacher']],
  ['GET', '/api/live', ['teacher']],
  ['GET', '/api/class-view', ['teacher']],
  ['GET', '/api/class-view/students/calm-otter-1', ['teacher']],
  ['GET', '/api/export/statements.csv', ['teacher']],
  ['GET', '/api/learner-state/measure/calm-otter-1', ['station', 'teacher']],
  ['GET', '/xapi/about', ['none']],
  ['HEAD', '/xapi/about', ['none']],
  // A station writes statements and learner state; reading the class's statements is not its job.
  ['GET', '/xapi/statements', ['teacher', 'lrs']],
  ['POST', '/xapi/statements', ['station', 'teacher', 'lrs']],
  ['PUT', '/xapi/statements', ['station', 'teacher', 'lrs']],
  ['GET', '/xapi/activities/state', ['station', 'teacher', 'lrs']],
  ['PUT', '/xapi/activities/state', ['station', 'teacher', 'lrs']],
  ['DELETE', '/xapi/activities/state', ['station', 'teacher', 'lrs']],
  ['GET', '/xapi/activities/profile', ['teacher', 'lrs']],
  ['PUT', '/xapi/agents/profile', ['teacher', 'lrs']],
  ['GET', '/xapi/agents', ['teacher', 'lrs']],
  ['GET', '/xapi/activities', ['teacher', 'lrs']],
  ['GET', '/', ['none']],
  ['GET', '/assets/index-abc123.js', ['none']],
]

describe('the route table gives each role what it needs and no more', () => {
  for (const [method, path, roles] of POLICY) {
    it(`${method} ${path}: ${roles.join(', ')}`, () => {
      const found = matchRoute(method, path)
      expect(found.route, `${method} ${path} has a route`).not.toBeNull()
      expect([...found.route!.roles].sort()).toEqual([...roles].sort())
    })
  }

  it('no route a station key reaches shows names, codes or another station', () => {
    const teacherOnly = ['station-link', 'rotate-join-code', 'stations', 'revoke-station', 'roster-read', 'roster-add', 'student-export', 'student-delete', 'purge', 'controls-change', 'live', 'class-view', 'class-view-student', 'export', 'xapi-statements-read', 'roster-add-many', 'roster-rename', 'roster-settings-read', 'roster-settings-change', 'classes', 'class-add', 'class-rename', 'station-move', 'teacher-sign-out', 'teacher-passphrase']
    for (const route of ROUTES) if (teacherOnly.includes(route.name)) expect(route.roles, route.name).not.toContain('station')
    // Every route in the table is covered by the policy above.
    const policed = new Set(POLICY.map(([method, path]) => matchRoute(method, path).route?.name))
    expect(ROUTES.map((r) => r.name).filter((name) => !policed.has(name))).toEqual([])
  })

  it('an --lrs-key reaches the LRS only', () => {
    for (const route of ROUTES) if (route.roles.includes('lrs')) expect(route.path.startsWith('/xapi/'), route.name).toBe(true)
  })
})

describe('matching a request to its route', () => {
  it('takes :name segments, percent-decoded, and only whole segments', () => {
    expect(matchRoute('GET', '/api/learner-state/measure/calm%20otter')).toMatchObject({ route: { name: 'learner-state' }, params: { sceneId: 'measure', pseudonym: 'calm otter' } })
    expect(matchRoute('POST', '/api/stations/station-1/revoke')).toMatchObject({ route: { name: 'revoke-station' }, params: { id: 'station-1' } })
    // A parameter does not swallow a slash, and the path must match to its end.
    expect(matchRoute('GET', '/api/students/a/b/export')).toEqual({ route: null, allow: [] })
    expect(matchRoute('GET', '/api/roster/calm-otter-1/extra')).toEqual({ route: null, allow: [] })
    expect(matchRoute('GET', '/xapi/statementsX')).toEqual({ route: null, allow: [] })
  })

  it('a known path with another method lists the methods it takes (for 405), once each', () => {
    expect(matchRoute('DELETE', '/api/roster')).toEqual({ route: null, allow: ['GET', 'POST'] })
    expect(matchRoute('POST', '/api/controls')).toEqual({ route: null, allow: ['GET', 'PUT', 'PATCH'] })
    expect(matchRoute('PATCH', '/xapi/statements')).toEqual({ route: null, allow: ['GET', 'HEAD', 'POST', 'PUT'] })
    expect(matchRoute('POST', '/xapi/about')).toEqual({ route: null, allow: ['GET', 'HEAD'] })
  })

  it('the app answers any other path, but never one under /api or /xapi (those are 404, not the app)', () => {
    expect(matchRoute('GET', '/dashboard').route?.name).toBe('app')
    expect(matchRoute('HEAD', '/').route?.name).toBe('app')
    expect(matchRoute('POST', '/')).toEqual({ route: null, allow: ['GET', 'HEAD'] })
    for (const path of ['/api', '/api/nothing-here', '/xapi', '/xapi/nothing-here']) expect(matchRoute('GET', path), path).toEqual({ route: null, allow: [] })
    // Only whole prefixes: /apiary and /xapiens are the app's.
    expect(matchRoute('GET', '/apiary').route?.name).toBe('app')
    expect(matchRoute('GET', '/xapiens').route?.name).toBe('app')
  })

  it('bad percent-encoding throws (the server answers 400)', () => {
    expect(() => matchRoute('GET', '/api/students/%E0%A4%A/export')).toThrow(URIError)
  })

  it('tells API and LRS paths apart', () => {
    expect([isApiPath('/api'), isApiPath('/api/x'), isApiPath('/xapi'), isApiPath('/xapi/x'), isApiPath('/apix'), isApiPath('/'), isApiPath('/xapix')]).toEqual([true, true, true, true, false, false, false])
    expect([isXapiPath('/xapi'), isXapiPath('/xapi/about'), isXapiPath('/api/x'), isXapiPath('/xapiary')]).toEqual([true, true, false, false])
  })
})
