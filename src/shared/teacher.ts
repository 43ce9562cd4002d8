/** The teacher's sign-in and classes, as the hub and the dashboard both see them. A wire contract: pure. */

/** GET /api/teacher/session: is a passphrase set, and is this browser signed in. */
export interface TeacherSessionState {
  passphraseSet: boolean
  signedIn: boolean
}

/** The header the dashboard sends with every request (the hub's CSRF check for cookie sign-ins). */
export const DASHBOARD_REQUEST_HEADER = 'X-Benchtop-Request'

/** One class (period) on the hub, as GET /api/classes lists it. */
export interface ClassSummary {
  id: number
  name: string
  /** Stations join this class with it (new every hub run, and when the teacher changes it). */
  joinCode: string
  students: number
  stations: number
}
