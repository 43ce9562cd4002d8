import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'

export type Role = 'student' | 'station' | 'teacher'

const ADJECTIVES = ['amber', 'brisk', 'calm', 'clever', 'daring', 'eager', 'gentle', 'keen', 'lucky', 'merry', 'nimble', 'quiet', 'rapid', 'sunny', 'swift', 'bold']
const ANIMALS = ['otter', 'falcon', 'lynx', 'heron', 'panda', 'gecko', 'koala', 'orca', 'puffin', 'fox', 'badger', 'ibis', 'yak', 'wren', 'newt', 'moth']

/**
 * An opaque, friendly pseudonym such as 'swift-otter-42'. Students never type their name: the
 * pseudonym is what every statement and the learner model are keyed by.
 */
export function makePseudonym(random: () => number = Math.random): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${10 + Math.floor(random() * 90)}`
}

interface ProfileState {
  role: Role | null
  /** The current student's pseudonym on this device; null at a station between students. */
  pseudonym: string | null
  chooseRole(role: Role): void
  signIn(pseudonym: string): void
  /** Station rotation: forget the current student so the next one starts fresh. */
  nextStudent(): void
}

export const profileStore = createStore<ProfileState>()(
  persist(
    (set) => ({
      role: null,
      pseudonym: null,
      chooseRole: (role) => set({ role }),
      signIn: (pseudonym) => set({ pseudonym }),
      nextStudent: () => set({ pseudonym: null }),
    }),
    {
      name: 'benchtop.profile',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ role, pseudonym }) => ({ role, pseudonym }),
    },
  ),
)
