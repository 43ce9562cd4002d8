/**
 * The dashboard's one way to the hub: the browser's teacher session cookie goes with every
 * request (HttpOnly: this page never sees it), with the header that the hub's CSRF check wants,
 * and the class in view named on every hub API request (`?class=ID`). Any 401 (signed out
 * elsewhere, the passphrase changed, a reset) signs the page out at once, so it shows the
 * sign-in form instead of hanging on a request the hub will never accept.
 */
import { DASHBOARD_REQUEST_HEADER, type TeacherSessionState } from '../shared/teacher'

export const REFUSED_MESSAGE = "The hub did not accept this key: it changes when the hub restarts. Paste the new one from the hub's terminal."
export const SESSION_ENDED_MESSAGE = 'Your sign-in has ended (signed out, expired, or the passphrase was changed): sign in again.'

/** Thrown for a 401: the caller need not handle it, the dashboard is already back at the sign-in form. */
export class KeyRefused extends Error {
  constructor() {
    super(SESSION_ENDED_MESSAGE)
    this.name = 'KeyRefused'
  }
}

export interface HubClient {
  /** The class the requests are about (null: the hub's own, class-free requests). */
  readonly classId: number | null
  /** fetch() on a hub path (relative, e.g. 'api/roster') as the signed-in teacher; a 401 signs out and throws KeyRefused. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** GET and parse JSON; any status other than 2xx throws an Error naming it. */
  json<T>(path: string, init?: RequestInit): Promise<T>
}

/** A hub URL for `path`, with the class named when it is a hub API path. */
function hubUrl(path: string, classId: number | null): URL {
  const url = new URL(path, document.baseURI)
  if (classId !== null && url.pathname.includes('/api/') && !url.searchParams.has('class')) url.searchParams.set('class', String(classId))
  return url
}

/** What the sign-in endpoints answer, or the hub's error as an Error. */
export async function teacherRequest(path: string, body?: unknown): Promise<TeacherSessionState> {
  const res = await fetch(new URL(path, document.baseURI), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { [DASHBOARD_REQUEST_HEADER]: '1', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
  const answer = (await res.json().catch(() => null)) as (TeacherSessionState & { error?: string }) | null
  if (!res.ok) throw new Error(answer?.error ?? `the hub answered ${res.status}`)
  return answer!
}

export function createHubClient(classId: number | null, onRefused: () => void): HubClient {
  const client: HubClient = {
    classId,
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers)
      headers.set(DASHBOARD_REQUEST_HEADER, '1')
      const res = await fetch(hubUrl(path, classId), { ...init, headers, credentials: 'same-origin' })
      if (res.status === 401) {
        onRefused()
        throw new KeyRefused()
      }
      return res
    },
    async json<T>(path: string, init?: RequestInit) {
      const res = await client.fetch(path, init)
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null
        throw new Error(body?.error ?? `the hub answered ${res.status}`)
      }
      return (await res.json()) as T
    },
  }
  return client
}

/** Saves what a response holds as a file, through a temporary object URL. */
export async function saveResponse(res: Response, filename: string): Promise<void> {
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
  saveBlob(await res.blob(), filename)
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
