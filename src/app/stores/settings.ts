import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { ViewSettings } from '../../core'

export interface Settings extends ViewSettings {
  /** Read task prompts, feedback and hints aloud with the browser's speech synthesis. */
  narration: boolean
  /** In a headset: allow teleporting and snap turning. Off by default: tabletop labs need no locomotion. */
  teleport: boolean
}

export const TEXT_SCALES = [1, 1.25, 1.5, 2] as const

export const defaultSettings: Settings = {
  reducedMotion: false,
  highContrast: false,
  seated: false,
  textScale: 1,
  narration: false,
  teleport: false,
}

interface SettingsActions {
  update(patch: Partial<Settings>): void
  reset(): void
}

/** Accessibility and comfort settings, kept in localStorage so they follow the device. */
export const settingsStore = createStore<Settings & SettingsActions>()(
  persist(
    (set) => ({
      ...defaultSettings,
      update: (patch) => set(patch),
      reset: () => set(defaultSettings),
    }),
    {
      name: 'benchtop.settings',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ update: _u, reset: _r, ...settings }) => settings,
      // The OS-level reduced-motion preference is the default until the student chooses.
      merge: (persisted, current) => ({
        ...current,
        reducedMotion: typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
        ...(persisted as Partial<Settings>),
      }),
    },
  ),
)
