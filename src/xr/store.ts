import { createXRStore } from '@react-three/xr'
import { createStore } from 'zustand/vanilla'
import { GRAB_POINTER_LOOK, MergedController, POINTER_LOOK } from './MergedController'

/** The controller and hand models ship with the app (scripts/xr-assets.ts); never a CDN. */
export const XR_PROFILES_URL = new URL('xr-profiles/', document.baseURI).href

/**
 * The one XR store of the app. Comfort defaults: no artificial locomotion (the labs are
 * tabletop-scale and within reach), no automatic session offer, and no built-in emulator.
 */
export const xrStore = createXRStore({
  emulate: false,
  offerSession: false,
  baseAssetPath: XR_PROFILES_URL,
  defaultControllerProfileId: 'generic-trigger',
  defaultXRHandProfileId: 'generic-hand',
  controller: MergedController,
  hand: { teleportPointer: false, rayPointer: POINTER_LOOK, grabPointer: GRAB_POINTER_LOOK, touchPointer: GRAB_POINTER_LOOK },
  frameRate: 'high',
})

/** True while an immersive session runs. */
export function inXRSession(): boolean {
  return xrStore.getState().session != null
}

export async function exitXR(): Promise<void> {
  await xrStore.getState().session?.end()
}

/**
 * Whether a lab's canvas has connected the XR store to three.js. Entering VR before that fails
 * (a student pressing Enter VR while the lab still loads got nothing), so the button waits on it.
 */
export const xrConnection = createStore<{ connected: boolean }>(() => ({ connected: false }))
