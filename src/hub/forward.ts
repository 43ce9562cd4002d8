/**
 * `--forward URL --forward-key USER:PASS`: every statement the hub stores is also sent to an
 * upstream LRS (district scale). The statements table itself is the durable queue: a cursor
 * (the last forwarded sequence number) lives in SQLite, so a restart carries on where it stopped
 * and nothing is sent twice except a batch in flight at a crash (which the upstream's id check absorbs).
 */
import type { HubDb } from './db'
import { createAttachmentStore, declaredHashes } from './lrs/attachments'
import { buildMultipart } from './lrs/multipart'
import type { JsonObject } from './lrs/agents'

export interface ForwardTarget {
  url: string
  user: string
  pass: string
}

export interface ForwarderStatus {
  forwarded: number
  waiting: number
  lastError: string | null
}

const BATCH = 100
const MAX_BACKOFF_MS = 60_000

export function createForwarder(db: HubDb, target: ForwardTarget, fetchImpl: typeof fetch = fetch) {
  const attachmentStore = createAttachmentStore(db)
  db.exec('CREATE TABLE IF NOT EXISTS forward_cursor (target TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)')
  const readCursor = () => (db.prepare('SELECT last_seq FROM forward_cursor WHERE target = ?').get(target.url) as { last_seq: number } | undefined)?.last_seq ?? 0
  const writeCursor = db.prepare('INSERT INTO forward_cursor (target, last_seq) VALUES (?, ?) ON CONFLICT(target) DO UPDATE SET last_seq = excluded.last_seq')
  const pending = db.prepare('SELECT seq, body FROM statements WHERE seq > ? ORDER BY seq LIMIT ?')
  const auth = `Basic ${Buffer.from(`${target.user}:${target.pass}`).toString('base64')}`
  let version: '1.0.3' | '2.0.0' | null = null
  let lastError: string | null = null
  let forwarded = 0
  let failures = 0
  let timer: NodeJS.Timeout | null = null
  let running = false
  let stopped = false

  async function negotiate(): Promise<'1.0.3' | '2.0.0'> {
    const res = await fetchImpl(new URL('about', target.url))
    if (!res.ok) throw new Error(`upstream /about answered ${res.status}`)
    const about = (await res.json()) as { version?: string[] }
    return about.version?.some((v) => v.startsWith('2.0')) ? '2.0.0' : '1.0.3'
  }

  /**
   * The upstream sets its own stored and authority; a 1.0.3 store gets no 2.0-only fields; and no
   * agent's name leaves the classroom (an lrs or teacher key may have stored one).
   */
  function prepare(body: string, v: '1.0.3' | '2.0.0'): Record<string, unknown> {
    const { stored: _s, authority: _a, ...statement } = withoutAgentNames(JSON.parse(body)) as Record<string, unknown>
    if (v === '1.0.3') {
      statement.version = '1.0.0'
      const context = statement.context as Record<string, unknown> | undefined
      if (context) {
        delete context.contextAgents
        delete context.contextGroups
      }
    }
    return statement
  }

  async function pump(): Promise<void> {
    if (running || stopped) return
    running = true
    try {
      version ??= await negotiate()
      for (;;) {
        const rows = pending.all(readCursor(), BATCH) as { seq: number; body: string }[]
        if (rows.length === 0) break
        const statements = rows.map((r) => prepare(r.body, version!))
        // Attachments sent with their bytes travel on with them (multipart), as the spec requires.
        const bodies = attachmentStore.get(declaredHashes(statements as JsonObject[]))
        const json = Buffer.from(JSON.stringify(statements))
        const request =
          bodies.length === 0
            ? { contentType: 'application/json', body: json }
            : (() => {
                const { boundary, body } = buildMultipart([
                  { headers: { 'Content-Type': 'application/json' }, body: json },
                  ...bodies.map((a) => ({ headers: { 'Content-Type': a.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 }, body: a.content })),
                ])
                return { contentType: `multipart/mixed; boundary=${boundary}`, body }
              })()
        const res = await fetchImpl(new URL('statements', target.url), {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': request.contentType, 'X-Experience-API-Version': version },
          body: new Uint8Array(request.body),
        })
        // 409: the upstream already has these ids (a batch resent after a crash).
        if (!res.ok && res.status !== 409) throw new Error(`upstream answered ${res.status}: ${(await res.text()).slice(0, 200)}`)
        writeCursor.run(target.url, rows.at(-1)!.seq)
        forwarded += rows.length
      }
      failures = 0
      lastError = null
    } catch (error) {
      failures++
      lastError = error instanceof Error ? error.message : String(error)
    } finally {
      running = false
      schedule()
    }
  }

  function schedule(): void {
    if (stopped) return
    const delay = failures === 0 ? 2_000 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures) * (0.5 + Math.random() / 2)
    timer = setTimeout(() => void pump(), delay)
    timer.unref()
  }

  return {
    /** Sends what is waiting now (also called after every stored batch). */
    kick: () => void pump(),
    start: () => void pump(),
    status(): ForwarderStatus {
      const waiting = (db.prepare('SELECT count(*) AS n FROM statements WHERE seq > ?').get(readCursor()) as { n: number }).n
      return { forwarded, waiting, lastError }
    },
    async stop(): Promise<void> {
      stopped = true
      if (timer) clearTimeout(timer)
      while (running) await new Promise((r) => setTimeout(r, 10))
    },
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A copy with `name` dropped from every agent and group, wherever it sits (activity names stay). */
export function withoutAgentNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAgentNames)
  if (!isRecord(value)) return value
  const agentLike = value.objectType === 'Agent' || value.objectType === 'Group' || ['mbox', 'mbox_sha1sum', 'openid', 'account', 'member'].some((key) => value[key] !== undefined)
  const copy: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    if (agentLike && key === 'name') continue
    // Extensions are opaque values, not agents: kept as they are.
    copy[key] = key === 'extensions' ? child : withoutAgentNames(child)
  }
  return copy
}
