/**
 * Is the hub still storing? A write refused for a full disk (507) turns the teacher's banner on
 * at once, through the live feed; the next statement write that is stored turns it off.
 */
import type { StorageStatus } from '../shared/hub-status'

export interface StorageHealth {
  current(): StorageStatus
  /** Every answer the hub gives passes here (method, path, status). */
  noteAnswer(method: string, path: string, status: number): void
}

const OK: StorageStatus = { full: false, since: null, message: null }

export function createStorageHealth(dataDir: string, onChange: (status: StorageStatus) => void, now = () => new Date()): StorageHealth {
  let status = OK
  return {
    current: () => status,
    noteAnswer(method, path, code) {
      if (code === 507 && !status.full) {
        status = {
          full: true,
          since: now().toISOString(),
          message: `The hub's disk is full: new work from the stations cannot be stored. The stations keep it and send it again once there is space; nothing already stored is lost. Free space on the disk that holds ${dataDir}.`,
        }
        onChange(status)
      } else if (status.full && code >= 200 && code < 300 && (method === 'POST' || method === 'PUT') && /^\/xapi\/statements\/?$/.test(path)) {
        status = OK
        onChange(status)
      }
    },
  }
}
