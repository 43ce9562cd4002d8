import { useStore } from 'zustand'
import { dismissRotationAlert, rotationAlertStore } from './rotationAlert'
import './station.css'

/** "Time to rotate": a banner over whatever the station shows, until the student says OK. */
export function RotationAlert() {
  const segment = useStore(rotationAlertStore, (s) => s.segment)
  if (segment === null) return null
  return (
    <div className="station-rotate" role="alert" data-testid="rotation-alert">
      <strong>Time to rotate!</strong> Finish your sentence, then move to your next station (rotation {segment}).
      <button type="button" className="primary" onClick={dismissRotationAlert}>
        OK
      </button>
    </div>
  )
}
