/**
 * The teacher's live feed: Server-Sent Events over a fetch stream (the dashboard sends its key
 * in a header, so the key never appears in a URL or a log). Each stored batch of statements is
 * pushed at once, so an attempt reaches the teacher's screen in well under a second.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface LiveFeed {
  /** `only` keeps a listener to some statements (one class's students). */
  subscribe(req: IncomingMessage, res: ServerResponse, only?: (statement: unknown) => boolean): void
  publish(event: string, data: unknown): void
  readonly listeners: number
  close(): void
}

/** `greeting` is sent to each new listener first (the state it would otherwise only learn on the next change). */
export function createLiveFeed(heartbeatMs = 15_000, greeting: () => { event: string; data: unknown }[] = () => []): LiveFeed {
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
  const clients = new Map<ServerResponse, ((statement: unknown) => boolean) | undefined>()
  const heartbeat = setInterval(() => {
    for (const res of clients.keys()) res.write(': keep-alive\n\n')
  }, heartbeatMs)
  heartbeat.unref()
  return {
    subscribe(req, res, only) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      })
      res.write(': connected\n\n')
      for (const { event, data } of greeting()) res.write(frame(event, data))
      clients.set(res, only)
      req.on('close', () => clients.delete(res))
    },
    publish(event, data) {
      const text = frame(event, data)
      for (const [res, only] of clients) {
        if (!only || !Array.isArray(data)) res.write(text)
        else {
          const kept = data.filter(only)
          if (kept.length) res.write(kept.length === data.length ? text : frame(event, kept))
        }
      }
    },
    get listeners() {
      return clients.size
    },
    close() {
      clearInterval(heartbeat)
      for (const res of clients.keys()) res.end()
      clients.clear()
    },
  }
}
