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
