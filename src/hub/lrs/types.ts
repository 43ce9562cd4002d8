/** Types the LRS shares with the rest of the hub. */

/** homePage of the Agent that stands for a hub key (as authority) and for roster pseudonyms. */
export const ACTOR_HOME_PAGE_FOR_KEYS = 'urn:benchtop:hub'

/** A statement as the hub stored it: id, stored, timestamp, authority and version are set. */
export interface StoredStatement {
  id: string
  stored: string
  timestamp: string
  version: string
  actor: Record<string, unknown>
  verb: { id: string; display?: Record<string, string> }
  object: Record<string, unknown>
  authority: Record<string, unknown>
  result?: Record<string, unknown>
  context?: Record<string, unknown>
  attachments?: unknown[]
  [property: string]: unknown
}
