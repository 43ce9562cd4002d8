import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
export { makePseudonym } from '../../core/pseudonym'

export type Role = 'student' | 'station' | 'teacher'

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
