/**
 * The dashboard's one way to the hub: every request carries the teacher key, and any 401 (a key
 * from before the hub restarted, a mistyped one) signs the teacher out at once, so the page asks
 * for the new key instead of hanging on a request the hub will never accept.
 */

export const KEY_STORAGE = 'benchtop.teacherKey'
export const REFUSED_MESSAGE = "The hub did not accept this key: it changes when the hub restarts. Paste the new one from the hub's terminal."

/** Thrown for a 401: the caller need not handle it, the dashboard is already back at the sign-in form. */
export class KeyRefused extends Error {
  constructor() {
    super(REFUSED_MESSAGE)
    this.name = 'KeyRefused'
  }
}

export interface HubClient {
  readonly key: string
  /** fetch() on a hub path (relative, e.g. 'api/roster') with the key; a 401 signs out and throws KeyRefused. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** GET and parse JSON; any status other than 2xx throws an Error naming it. */
  json<T>(path: string, init?: RequestInit): Promise<T>
}

export function createHubClient(key: string, onRefused: () => void): HubClient {
  const authorization = `Basic ${btoa(key)}`
  const client: HubClient = {
    key,
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers)
      headers.set('Authorization', authorization)
      const res = await fetch(new URL(path, document.baseURI), { ...init, headers })
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
