/**
 * Who may do what on the hub, in one table: every route it answers, the credentials it takes and
 * the largest body it reads. The server (server.ts) dispatches from this table and checks the
 * credentials here before any handler runs or any body is read; test/hub/authorization.test.ts
 * tries every route with every credential against it. Finer rules a role carries inside a route
 * (a station's students, its own controls, its own statements) live in scope.ts.
 */
import type { KeyRole } from './keys'

/** A credential a route may take: 'none' = anyone on the network, no key. */
export type Credential = 'none' | KeyRole

export type RouteName =
  | 'join'
  | 'station-link'
  | 'rotate-join-code'
  | 'class-list'
  | 'sign-in'
  | 'stations'
  | 'revoke-station'
  | 'roster-read'
  | 'roster-add'
  | 'roster-add-many'
  | 'roster-rename'
  | 'roster-settings-read'
  | 'roster-settings-change'
  | 'station-heartbeat'
  | 'student-export'
  | 'student-delete'
  | 'purge'
  | 'controls-read'
  | 'controls-change'
  | 'live'
  | 'class-view'
  | 'class-view-student'
  | 'export'
  | 'learner-state'
  | 'xapi-about'
  | 'xapi-statements-read'
  | 'xapi-statements-write'
  | 'xapi-state'
  | 'xapi-activity-profile'
  | 'xapi-agent-profile'
  | 'xapi-agents'
  | 'xapi-activities'
  | 'teacher-session'
  | 'teacher-setup'
  | 'teacher-sign-in'
  | 'teacher-sign-out'
  | 'teacher-passphrase'
  | 'classes'
  | 'class-add'
  | 'class-rename'
  | 'station-move'
  | 'app'

/** The LRS's body limit (5 MB, none with --no-limits): statements with attachments, documents. */
export const LRS_BODY = 'lrs'
/** Small JSON bodies of the hub API. */
const SMALL = 4 * 1024
const API = 64 * 1024
/** A pasted or imported class list: 500 names of up to 80 characters, as JSON. */
const ROSTER_BATCH = 256 * 1024

export interface Route {
  name: RouteName
  methods: readonly string[]
  /** "/api/stations/:id/revoke": a :name stands for one path segment; "/*" for any path. */
  path: string
  roles: readonly Credential[]
  /** Largest body in bytes; 0 = none is read; LRS_BODY = the LRS's configurable limit. */
  bodyLimit: number | typeof LRS_BODY
  what: string
}

const DOCUMENT_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const

export const ROUTES: readonly Route[] = [
  { name: 'join', methods: ['POST'], path: '/api/join', roles: ['none'], bodyLimit: SMALL, what: 'a device joins as a station with the join code and gets a station key' },
  { name: 'station-link', methods: ['GET'], path: '/api/station-link', roles: ['teacher'], bodyLimit: 0, what: 'the join code, station addresses and --lrs-key tools' },
  { name: 'rotate-join-code', methods: ['POST'], path: '/api/join-code/rotate', roles: ['teacher'], bodyLimit: 0, what: 'a new join code; the old one stops working' },
  { name: 'class-list', methods: ['GET'], path: '/api/class', roles: ['station', 'teacher'], bodyLimit: 0, what: 'pseudonyms of the class (no names), for the pick-from-list sign-in' },
  { name: 'sign-in', methods: ['POST'], path: '/api/signin', roles: ['station'], bodyLimit: SMALL, what: 'a student signs in at this station (recorded on the hub)' },
  { name: 'stations', methods: ['GET'], path: '/api/stations', roles: ['teacher'], bodyLimit: 0, what: 'the station keys' },
  { name: 'revoke-station', methods: ['POST'], path: '/api/stations/:id/revoke', roles: ['teacher'], bodyLimit: 0, what: 'revoke a station key (and rotate the join code)' },
  { name: 'roster-read', methods: ['GET'], path: '/api/roster', roles: ['teacher'], bodyLimit: 0, what: 'names, pseudonyms and sign-in codes' },
  { name: 'roster-add', methods: ['POST'], path: '/api/roster', roles: ['teacher'], bodyLimit: SMALL, what: 'add a student' },
  { name: 'roster-add-many', methods: ['POST'], path: '/api/roster/batch', roles: ['teacher'], bodyLimit: ROSTER_BATCH, what: 'add many students at once (a pasted list or an imported users.csv), all or none' },
  { name: 'roster-settings-read', methods: ['GET'], path: '/api/roster/settings', roles: ['teacher'], bodyLimit: 0, what: 'whether stations offer the pick-from-list sign-in' },
  { name: 'roster-settings-change', methods: ['PUT'], path: '/api/roster/settings', roles: ['teacher'], bodyLimit: SMALL, what: 'turn the pick-from-list sign-in on or off' },
  { name: 'roster-rename', methods: ['PATCH'], path: '/api/roster/:pseudonym', roles: ['teacher'], bodyLimit: SMALL, what: "change a student's name on the class list" },
  { name: 'station-heartbeat', methods: ['POST'], path: '/api/station/heartbeat', roles: ['station'], bodyLimit: SMALL, what: 'a station reports who is at it, its lab and how many statements wait in its queue' },
  { name: 'student-export', methods: ['GET'], path: '/api/students/:pseudonym/export', roles: ['teacher'], bodyLimit: 0, what: 'everything held about one student' },
  { name: 'student-delete', methods: ['DELETE'], path: '/api/students/:pseudonym', roles: ['teacher'], bodyLimit: 0, what: 'delete everything held about one student' },
  { name: 'purge', methods: ['POST'], path: '/api/purge', roles: ['teacher'], bodyLimit: SMALL, what: 'delete what is older than N days' },
  { name: 'controls-read', methods: ['GET'], path: '/api/controls', roles: ['teacher', 'station'], bodyLimit: 0, what: 'station controls (a station sees its own assignment only)' },
  { name: 'controls-change', methods: ['PUT', 'PATCH'], path: '/api/controls', roles: ['teacher'], bodyLimit: API, what: 'change the station controls' },
  { name: 'live', methods: ['GET'], path: '/api/live', roles: ['teacher'], bodyLimit: 0, what: 'the live feed of stored statements' },
  { name: 'class-view', methods: ['GET'], path: '/api/class-view', roles: ['teacher'], bodyLimit: 0, what: 'the class view the hub keeps (grid rows, labs, task statistics)' },
  { name: 'class-view-student', methods: ['GET'], path: '/api/class-view/students/:pseudonym', roles: ['teacher'], bodyLimit: 0, what: "one student's statements, for their timeline and chart" },
  { name: 'export', methods: ['GET'], path: '/api/export/:file', roles: ['teacher'], bodyLimit: 0, what: 'the class exports (statements, attempts, learner data), streamed' },
  { name: 'learner-state', methods: ['GET'], path: '/api/learner-state/:sceneId/:pseudonym', roles: ['station', 'teacher'], bodyLimit: 0, what: "a student's learner state with every delivered answer folded in (a station: its signed-in students only)" },
  { name: 'xapi-about', methods: ['GET', 'HEAD'], path: '/xapi/about', roles: ['none'], bodyLimit: 0, what: 'xAPI versions (the spec makes it public)' },
  { name: 'xapi-statements-read', methods: ['GET', 'HEAD'], path: '/xapi/statements', roles: ['teacher', 'lrs'], bodyLimit: 0, what: 'read statements' },
  { name: 'xapi-statements-write', methods: ['POST', 'PUT'], path: '/xapi/statements', roles: ['station', 'teacher', 'lrs'], bodyLimit: LRS_BODY, what: 'store statements (a station: its signed-in students, profile-checked)' },
  { name: 'xapi-state', methods: DOCUMENT_METHODS, path: '/xapi/activities/state', roles: ['station', 'teacher', 'lrs'], bodyLimit: LRS_BODY, what: 'learner state (a station: its signed-in students only)' },
  { name: 'xapi-activity-profile', methods: DOCUMENT_METHODS, path: '/xapi/activities/profile', roles: ['teacher', 'lrs'], bodyLimit: LRS_BODY, what: 'activity profiles' },
  { name: 'xapi-agent-profile', methods: DOCUMENT_METHODS, path: '/xapi/agents/profile', roles: ['teacher', 'lrs'], bodyLimit: LRS_BODY, what: 'agent profiles' },
  { name: 'xapi-agents', methods: ['GET', 'HEAD'], path: '/xapi/agents', roles: ['teacher', 'lrs'], bodyLimit: 0, what: 'the Person behind an agent' },
  { name: 'xapi-activities', methods: ['GET', 'HEAD'], path: '/xapi/activities', roles: ['teacher', 'lrs'], bodyLimit: 0, what: 'an activity definition' },
  { name: 'teacher-session', methods: ['GET'], path: '/api/teacher/session', roles: ['none'], bodyLimit: 0, what: 'whether a teacher passphrase is set and this browser is signed in' },
  { name: 'teacher-setup', methods: ['POST'], path: '/api/teacher/setup', roles: ['none'], bodyLimit: SMALL, what: "set the first teacher passphrase, with the setup code from the hub's terminal" },
  { name: 'teacher-sign-in', methods: ['POST'], path: '/api/teacher/sign-in', roles: ['none'], bodyLimit: SMALL, what: 'the teacher signs in with the passphrase (or the printed key) and gets a session cookie' },
  { name: 'teacher-sign-out', methods: ['POST'], path: '/api/teacher/sign-out', roles: ['teacher'], bodyLimit: 0, what: "end this browser's teacher session" },
  { name: 'teacher-passphrase', methods: ['POST'], path: '/api/teacher/passphrase', roles: ['teacher'], bodyLimit: SMALL, what: 'change the passphrase (with the current one); signs out every other browser' },
  { name: 'classes', methods: ['GET'], path: '/api/classes', roles: ['teacher'], bodyLimit: 0, what: 'the classes (periods) with their join codes' },
  { name: 'class-add', methods: ['POST'], path: '/api/classes', roles: ['teacher'], bodyLimit: SMALL, what: 'add a class' },
  { name: 'class-rename', methods: ['PATCH'], path: '/api/classes/:classId', roles: ['teacher'], bodyLimit: SMALL, what: 'rename a class' },
  { name: 'station-move', methods: ['POST'], path: '/api/stations/:id/class', roles: ['teacher'], bodyLimit: SMALL, what: 'move a station to another class' },
  { name: 'app', methods: ['GET', 'HEAD'], path: '/*', roles: ['none'], bodyLimit: 0, what: 'the app itself (static files from dist/)' },
]

interface CompiledRoute extends Route {
  pattern: RegExp
  params: string[]
}

const compile = (route: Route): CompiledRoute => {
  const params: string[] = []
  if (route.path === '/*') return { ...route, pattern: /^\/.*$/, params }
  const source = route.path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      params.push(part.slice(1))
      return '([^/]+)'
    })
    .join('/')
  return { ...route, pattern: new RegExp(`^${source}$`), params }
}

const COMPILED = ROUTES.map(compile)

export type RouteMatch = { route: Route; params: Record<string, string> } | { route: null; allow: string[] }

/**
 * The route for a method and path (the LRS's paths without trailing slashes). No route: `allow`
 * lists the methods the path does take (empty: no such path), for a 405 or a 404.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const allow: string[] = []
  for (const route of COMPILED) {
    const found = route.pattern.exec(path)
    if (!found) continue
    // The catch-all app route only answers paths outside the API and the LRS.
    if (route.path === '/*' && isApiPath(path)) continue
    if (!route.methods.includes(method)) {
      allow.push(...route.methods)
      continue
    }
    const params: Record<string, string> = {}
    route.params.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1]!)
    })
    return { route, params }
  }
  return { route: null, allow: [...new Set(allow)] }
}

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/') || path === '/xapi' || path.startsWith('/xapi/')
export const isXapiPath = (path: string) => path === '/xapi' || path.startsWith('/xapi/')
