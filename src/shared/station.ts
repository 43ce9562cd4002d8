/** What the hub hands a device when it joins as a station (POST /api/join). A wire contract: pure. */
export interface StationConfig {
  stationId: string
  label: string
  /** xAPI endpoint, absolute or relative to the hub (e.g. '/xapi/'). */
  endpoint: string
  /** "keyId:secret" for Basic auth; shown to this device only. */
  key: string
  /** The account homePage of every actor this station sends. */
  homePage: string
}

/** What GET /api/station-link answers the teacher: where stations join, and which tools hold a key. */
export interface StationLink {
  joinCode: string
  stationUrls: string[]
  /** The --lrs-key of this run (none when the flag was not given): external tools that read everything. */
  lrsKeys: { id: string; label: string; created: string }[]
}

/** The dashboard's own event on window when the join code changed (a station was revoked). */
export const JOIN_CODE_CHANGED = 'benchtop-join-code-changed'

/** What a station last reported to the hub (its heartbeat), as the teacher's Stations tab shows it. */
export interface StationStatus {
  /** When the hub last heard the heartbeat (ISO). */
  lastSeen: string
  /** Statements in the station's queue, not yet delivered. */
  waiting: number
  /** The student signed in at it now, or null. */
  pseudonym: string | null
  /** The lab open at it now, or null. */
  sceneId: string | null
}

/** The class's roster settings: whether stations offer the pick-from-list sign-in. */
export interface RosterSettings {
  listSignIn: boolean
}

/** What GET /api/class answers a station: the pseudonyms to pick from, none when the teacher turned the list off. */
export interface ClassList {
  listSignIn: boolean
  pseudonyms: string[]
}

/**
 * The hub's words for a refused station key that the teacher revoked: the station shows that it
 * was removed and how to join again, instead of retrying for ever.
 */
export const REVOKED_KEY_MESSAGE = 'This key was revoked by the teacher: join the hub again with the current join code'
