/** fitInWorker with an in-process stand-in for the Worker: the message protocol and cleanup. */
import { describe, expect, it } from 'vitest'
import { fitRows } from '../../src/learner/fit'
import { fitInWorker, type FitWorkerRequest, type FitWorkerResponse, type WorkerLike } from '../../src/learner/fitClient'

function fakeWorker(fail = false): WorkerLike & { terminated: boolean } {
  const worker = {
    terminated: false,
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    postMessage(request: FitWorkerRequest) {
      // Structured clone, as postMessage does.
      const { id, rows, options } = structuredClone(request)
      queueMicrotask(() => {
        const reply: FitWorkerResponse = fail ? { id, ok: false, error: 'boom' } : { id, ok: true, fits: structuredClone(fitRows(rows, options)) }
        worker.onmessage?.({ data: reply })
      })
    },
    terminate() {
      worker.terminated = true
    },
  }
  return worker
}

describe('fitInWorker', () => {
  const rows = [
    { userId: '1', skill: 'a', correct: 0 as const, orderId: 1 },
    { userId: '1', skill: 'a', correct: 1 as const, orderId: 2 },
  ]
  it('posts rows, resolves with the same fits as fitRows and terminates the worker', async () => {
    const worker = fakeWorker()
    expect(await fitInWorker(rows, { seed: 1 }, () => worker)).toEqual(fitRows(rows, { seed: 1 }))
    expect(worker.terminated).toBe(true)
  })
  it('rejects with the worker\'s error', async () => {
    await expect(fitInWorker(rows, {}, () => fakeWorker(true))).rejects.toThrow('fitInWorker: boom')
  })
  it('says so clearly where there is no Worker', async () => {
    await expect(fitInWorker(rows)).rejects.toThrow(/no Web Worker/)
  })
})
