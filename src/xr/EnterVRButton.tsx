import { useXRSessionModeSupported } from '@react-three/xr'
import { useStore } from 'zustand'
import { exitXR, xrStore } from './store'

/** Appears only where immersive-vr is supported; in a session it turns into "Exit VR". */
export function EnterVRButton() {
  const supported = useXRSessionModeSupported('immersive-vr')
  const inSession = useStore(xrStore, (s) => s.session != null)
  if (inSession) {
    return (
      <button type="button" className="primary" onClick={() => void exitXR()} data-testid="exit-vr">
        Exit VR
      </button>
    )
  }
  if (!supported) return null
  return (
    <button type="button" className="primary" onClick={() => void xrStore.enterVR()} data-testid="enter-vr">
      Enter VR
    </button>
  )
}
