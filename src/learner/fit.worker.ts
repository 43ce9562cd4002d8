/**
 * Module Web Worker entry for the EM fit: receives { id, rows, options }, answers
 * { id, ok: true, fits } or { id, ok: false, error }. Deliberately thin: all logic is in fit.ts,
 * tested in Node. Started by fitInWorker() in fitClient.ts.
 */
import { fitRows } from './fit'
import type { FitWorkerRequest, FitWorkerResponse } from './fitClient'

interface WorkerScope {
  onmessage: ((event: MessageEvent<FitWorkerRequest>) => void) | null
  postMessage(message: FitWorkerResponse): void
}

const scope = self as unknown as WorkerScope

scope.onmessage = (event) => {
  const { id, rows, options } = event.data
  try {
    scope.postMessage({ id, ok: true, fits: fitRows(rows, options) })
  } catch (error) {
    scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
}
