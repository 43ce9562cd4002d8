import { useXRSessionModeSupported } from '@react-three/xr'
import { useStore } from 'zustand'
import { exitXR, xrConnection, xrStore } from './store'

/** Appears only where immersive-vr is supported, usable once the lab's view has loaded; in a session it turns into "Exit VR". */
export function EnterVRButton() {
  const supported = useXRSessionModeSupported('immersive-vr')
  const inSession = useStore(xrStore, (s) => s.session != null)
  const connected = useStore(xrConnection, (s) => s.connected)
  if (inSession) {
    return (
      <button type="button" className="primary" onClick={() => void exitXR()} data-testid="exit-vr">
        Exit VR
      </button>
    )
  }
  if (!supported) return null
  return (
    // Until the lab's 3D view has loaded, entering VR cannot work: the button says so instead of doing nothing.
    <button type="button" className="primary" onClick={() => void xrStore.enterVR()} disabled={!connected} data-testid="enter-vr">
      {connected ? 'Enter VR' : 'Enter VR (loading…)'}
    </button>
  )
}
