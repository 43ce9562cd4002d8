/** What the hub's live feed says about its own storage (event "storage"); the dashboard shows it as a banner. */
export interface StorageStatus {
  /** True while statement writes are refused with 507 because the disk is full. */
  full: boolean
  /** When the first refused write happened (ISO), null while not full. */
  since: string | null
  /** For the teacher: what happened and what to do, null while not full. */
  message: string | null
}
