/**
 * The teacher's live feed: Server-Sent Events over a fetch stream (the dashboard sends its key
 * in a header, so the key never appears in a URL or a log). Each stored batch of statements is
 * pushed at once, so an attempt reaches the teacher's screen in well under a second.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface LiveFeed {
  subscribe(req: IncomingMessage, res: ServerResponse): void
  publish(event: string, data: unknown): void
  readonly listeners: number
  close(): void
}

export function createLiveFeed(heartbeatMs = 15_000): LiveFeed {
  const clients = new Set<ServerResponse>()
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n')
  }, heartbeatMs)
  heartbeat.unref()
  return {
    subscribe(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      })
      res.write(': connected\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
    },
    publish(event, data) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
      for (const res of clients) res.write(frame)
    },
    get listeners() {
      return clients.size
    },
    close() {
      clearInterval(heartbeat)
      for (const res of clients) res.end()
      clients.clear()
    },
  }
}
