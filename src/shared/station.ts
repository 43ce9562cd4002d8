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
