import { createStore } from 'zustand/vanilla'

/**
 * Recenter requests. Consumed in the frame loop by LabAnchor, which moves the lab in front of
 * wherever the student now faces (and at a height that suits sitting or standing).
 */
export const recenterStore = createStore<{ requests: number; request(): void }>()((set, get) => ({
  requests: 0,
  request: () => set({ requests: get().requests + 1 }),
}))

export const requestRecenter = (): void => recenterStore.getState().request()
