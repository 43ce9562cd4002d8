import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { profileStore } from './stores/profile'
import { routeStore } from './stores/route'
import { settingsStore, type Settings } from './stores/settings'

export const useRoute = () => useStore(routeStore, (s) => s.route)
export const go = (...args: Parameters<ReturnType<typeof routeStore.getState>['go']>) => routeStore.getState().go(...args)

export const useSettings = (): Settings =>
  useStore(
    settingsStore,
    useShallow(({ reducedMotion, highContrast, seated, textScale, narration, teleport }) => ({
      reducedMotion,
      highContrast,
      seated,
      textScale,
      narration,
      teleport,
    })),
  )

export const usePseudonym = () => useStore(profileStore, (s) => s.pseudonym)
export const useRole = () => useStore(profileStore, (s) => s.role)
