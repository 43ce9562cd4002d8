import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'

import type { StationConfig } from '../../shared/station'

export type { StationConfig }

interface StationState {
  config: StationConfig | null
  error: string | null
  join(code: string, label: string): Promise<void>
  leave(): void
}

export const authHeader = (key: string) => `Basic ${btoa(key)}`

/** This device's station membership: kept across reloads, so a headset that sleeps rejoins by itself. */
export const stationStore = createStore<StationState>()(
  persist(
    (set) => ({
      config: null,
      error: null,
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
          set({ config: body as StationConfig })
        } catch (error) {
          set({ error: `Could not join the hub: ${error instanceof Error ? error.message : String(error)}` })
        }
      },
      leave: () => set({ config: null }),
    }),
    { name: 'benchtop.station', version: 1, storage: createJSONStorage(() => localStorage), partialize: ({ config }) => ({ config }) },
  ),
)

/** The class list (pseudonyms only) and sign-in by code, from the hub. */
export async function fetchClassList(config: StationConfig): Promise<string[]> {
  const res = await fetch(new URL('api/class', document.baseURI), { headers: { Authorization: authHeader(config.key) } })
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
  return ((await res.json()) as { pseudonyms: string[] }).pseudonyms
}

export async function signInWithCode(config: StationConfig, code: string): Promise<string> {
  const res = await fetch(new URL('api/signin', document.baseURI), {
    method: 'POST',
    headers: { Authorization: authHeader(config.key), 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  })
  const body = (await res.json().catch(() => ({}))) as { pseudonym?: string; error?: string }
  if (!res.ok || !body.pseudonym) throw new Error(body.error ?? `the hub answered ${res.status}`)
  return body.pseudonym
}
