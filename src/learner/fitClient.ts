/**
 * Runs the EM fit off the main thread in the browser: fitInWorker(rows) -> per-skill fits.
 * A fresh worker per call (fits are rare: a teacher's button, a nightly hub job), terminated
 * when it answers, so no worker outlives its result.
 */
import type { BktRow } from './data'
import type { FitOptions, SkillFit } from './fit'

export interface FitWorkerRequest {
  id: number
  rows: BktRow[]
  options: FitOptions
}

export type FitWorkerResponse = { id: number; ok: true; fits: Record<string, SkillFit> } | { id: number; ok: false; error: string }

/** What fitInWorker needs of a Worker; injectable for tests and for other runtimes. */
export interface WorkerLike {
  postMessage(message: FitWorkerRequest): void
  terminate(): void
  onmessage: ((event: { data: FitWorkerResponse }) => void) | null
  onerror: ((event: { message?: string }) => void) | null
}

let nextRequestId = 1

function defaultWorker(): WorkerLike {
  if (typeof Worker === 'undefined') throw new Error('fitInWorker: this runtime has no Web Worker; call fitRows() directly')
  return new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike
}

export function fitInWorker(rows: BktRow[], options: FitOptions = {}, makeWorker: () => WorkerLike = defaultWorker): Promise<Record<string, SkillFit>> {
  return new Promise((resolve, reject) => {
    const worker = makeWorker()
    const id = nextRequestId++
    worker.onmessage = (event) => {
      if (event.data.id !== id) return
      worker.terminate()
      if (event.data.ok) resolve(event.data.fits)
      else reject(new Error(`fitInWorker: ${event.data.error}`))
    }
    worker.onerror = (event) => {
      worker.terminate()
      reject(new Error(`fitInWorker: the worker failed${event.message ? `: ${event.message}` : ''}`))
    }
    worker.postMessage({ id, rows, options })
  })
}
