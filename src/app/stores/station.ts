import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'

import type { ClassList, StationConfig } from '../../shared/station'

export type { StationConfig }

interface StationState {
  config: StationConfig | null
  error: string | null
  /** Set when the teacher removed this station (its key was revoked): shown above the join form. */
  removed: string | null
  /** The name this device had as a station, offered again when it joins after being removed. */
  lastLabel: string | null
  join(code: string, label: string): Promise<void>
  leave(): void
  /** The hub refused this station's key as revoked: forget it, and say so plainly. */
  wasRemoved(label: string): void
}

export const removedText = (label: string) =>
  `The teacher removed ${label} from the class, so it no longer sends anything to the hub. To join again, type the join code shown on the teacher's screen (it has changed).`

export const authHeader = (key: string) => `Basic ${btoa(key)}`

/** This device's station membership: kept across reloads, so a headset that sleeps rejoins by itself. */
export const stationStore = createStore<StationState>()(
  persist(
    (set) => ({
      config: null,
      error: null,
      removed: null,
      lastLabel: null,
      async join(code, label) {
        set({ error: null })
        try {
          const res = await fetch(new URL('api/join', document.baseURI), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ code, label }),
          })
          const body = (await res.json().catch(() => ({}))) as Partial<StationConfig> & { error?: string }
          if (!res.ok) throw new Error(body.error ?? `the hub answered ${res.status}`)
          set({ config: body as StationConfig, removed: null })
        } catch (error) {
          set({ error: `Could not join the hub: ${error instanceof Error ? error.message : String(error)}` })
        }
      },
      leave: () => set({ config: null }),
      wasRemoved: (label) => set({ config: null, removed: removedText(label), lastLabel: label }),
    }),
    { name: 'benchtop.station', version: 1, storage: createJSONStorage(() => localStorage), partialize: ({ config, removed, lastLabel }) => ({ config, removed, lastLabel }) },
  ),
)

/** The class list (pseudonyms only; none when the teacher turned the list off), from the hub. */
export async function fetchClassList(config: StationConfig): Promise<ClassList> {
  const res = await fetch(new URL('api/class', document.baseURI), { headers: { Authorization: authHeader(config.key) } })
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
  const body = (await res.json()) as Partial<ClassList>
  // A hub from before the list was a setting sends only the pseudonyms.
  return { listSignIn: body.listSignIn ?? true, pseudonyms: body.pseudonyms ?? [] }
}

/** Sign-ins the hub has recorded this page's life, by key and pseudonym. */
const recorded = new Set<string>()

async function signIn(config: StationConfig, body: { code: string } | { pseudonym: string }): Promise<string> {
  const res = await fetch(new URL('api/signin', document.baseURI), {
    method: 'POST',
    headers: { Authorization: authHeader(config.key), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  const answer = (await res.json().catch(() => ({}))) as { pseudonym?: string; error?: string }
  if (!res.ok || !answer.pseudonym) throw new Error(answer.error ?? `the hub answered ${res.status}`)
  recorded.add(`${config.key}\n${answer.pseudonym}`)
  return answer.pseudonym
}

/** Sign-in by code; the hub records that the student is at this station. */
export const signInWithCode = (config: StationConfig, code: string) => signIn(config, { code })

/** Sign-in by picking one's lab name from the class list; recorded on the hub like a code. */
export const signInByPick = (config: StationConfig, pseudonym: string) => signIn(config, { pseudonym })

/**
 * Makes sure the hub knows this student is at this station (it accepts their statements and
 * state only then): a student signed in on this device before a hub that did not record
 * sign-ins, or whose page kept the name across a reload. Network trouble is ignored: the hub
 * refuses what it has not recorded, and the queue keeps it until it is.
 */
export async function ensureSignedIn(config: StationConfig, pseudonym: string): Promise<void> {
  if (recorded.has(`${config.key}\n${pseudonym}`)) return
  await signInByPick(config, pseudonym).catch((error: Error) => console.warn(`Benchtop: could not record ${pseudonym}'s sign-in on the hub: ${error.message}`))
}
