import { createStore } from 'zustand/vanilla'

export type CameraCommand = 'left' | 'right' | 'up' | 'down' | 'in' | 'out' | 'reset'

/**
 * Camera moves asked for by the page's buttons and keys (so the orbit camera works by keyboard
 * alone). DesktopCamera applies them in the frame loop.
 */
export const cameraCommandStore = createStore<{ pending: CameraCommand[]; send(command: CameraCommand): void }>()(
  (set, get) => ({
    pending: [],
    send: (command) => set({ pending: [...get().pending, command] }),
  }),
)

export const sendCameraCommand = (command: CameraCommand): void => cameraCommandStore.getState().send(command)
