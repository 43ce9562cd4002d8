/**
 * The teacher's controls inside a lab run at a station: the rotation countdown, the assessment
 * mode notice, the tutor policy, pausing the 3D scene, and the VR break. Loaded with the lab
 * only (it reaches the XR store), so the start page stays light.
 */
import { useEffect, useRef, useState } from 'react'
import { useThree } from '@react-three/fiber'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { Label } from '../../view/Label'
import { exitXR, xrStore } from '../../xr/store'
import type { LabSession } from '../lab/labSession'
import { exposeForTests } from '../../view/testHandles'
import { hubNow, stationControlsStore, tutorPolicyOf } from './controls'
import { describeCountdown, formatCountdown, msUntilVrBreak, segmentCountdown } from './rotation'
import './station.css'

export const BREAK_TEXT = 'Time for a break: take the headset off; you can carry on at the desktop'
/** How long the break notice shows in the headset before the session ends by itself. */
export const BREAK_NOTICE_MS = 3000

/** none; notice: shown in the headset, VR about to end; prompt: shown on the page after VR. */
export const vrBreakStore = createStore<{ phase: 'none' | 'notice' | 'prompt' }>()(() => ({ phase: 'none' }))

export const usePaused = () => useStore(stationControlsStore, (s) => s.controls?.paused ?? false)
export const useAssessmentMode = () => useStore(stationControlsStore, (s) => s.controls?.assessmentMode ?? false)
export const useAssignedScene = () => useStore(stationControlsStore, (s) => s.controls?.assignedScene ?? null)

/** Keeps the lab's tutor on the teacher's target success rate, assessment mode and placement switch. */
export function useStationTutorPolicy(session: LabSession): void {
  const targetSuccess = useStore(stationControlsStore, (s) => s.controls?.targetSuccess)
  const assessmentMode = useStore(stationControlsStore, (s) => s.controls?.assessmentMode)
  const placement = useStore(stationControlsStore, (s) => s.controls?.placement)
  useEffect(() => {
    if (targetSuccess === undefined) return
    session.setPolicy(tutorPolicyOf(stationControlsStore.getState().controls))
  }, [session, targetSuccess, assessmentMode, placement])
}

/** Re-renders once a second while `active`: the countdown's only clock. */
function useSecondTick(active: boolean): number {
  const [now, setNow] = useState(hubNow)
  useEffect(() => {
    if (!active) return
    setNow(hubNow())
    const tick = setInterval(() => setNow(hubNow()), 1000)
    return () => clearInterval(tick)
  }, [active])
  return now
}

/** The rotation countdown and the assessment-mode notice, for the lab's header. */
export function StationStatus() {
  const rotation = useStore(stationControlsStore, (s) => s.controls?.rotation ?? null)
  const assessmentMode = useAssessmentMode()
  const running = rotation?.startedAt != null
  const now = useSecondTick(running)
  const countdown = rotation ? segmentCountdown(rotation, now) : null
  if (!countdown && !assessmentMode) return null
  return (
    <span className="station-status">
      {countdown ? (
        <span className="station-timer" role="timer" aria-label={`Station rotation ${countdown.segment}: ${describeCountdown(countdown.remainingMs)}`} data-testid="rotation-timer">
          Rotation {countdown.segment}: {formatCountdown(countdown.remainingMs)} left
        </span>
      ) : null}
      {assessmentMode ? (
        <span className="station-badge" data-testid="assessment-mode" title="Your teacher turned hints and extra support off">
          Assessment mode
        </span>
      ) : null}
    </span>
  )
}

/**
 * Watches the time in the headset: when the rotation runs and the student has been in VR for the
 * VR segment, the break notice shows in the headset, then the session ends and the page shows
 * the break prompt. "Pause all" ends a VR session at once (the paused notice is on the page).
 */
export function VrBreakWatch() {
  const session = useStore(xrStore, (s) => s.session ?? null)
  const rotation = useStore(stationControlsStore, (s) => s.controls?.rotation ?? null)
  const paused = usePaused()
  const entered = useRef<{ session: XRSession; at: number } | null>(null)
  const phase = useStore(vrBreakStore, (s) => s.phase)

  useEffect(() => exposeForTests({ stores: { vrBreak: vrBreakStore, stationControls: stationControlsStore } }), [])

  useEffect(() => {
    if (session && paused) void exitXR()
  }, [session, paused])

  useEffect(() => {
    if (!session) {
      entered.current = null
      if (vrBreakStore.getState().phase === 'notice') vrBreakStore.setState({ phase: 'prompt' })
      return
    }
    if (entered.current?.session !== session) entered.current = { session, at: hubNow() }
    if (!rotation) return
    const wait = msUntilVrBreak(rotation, entered.current.at, hubNow())
    if (wait === null) return
    let ending: ReturnType<typeof setTimeout> | undefined
    const due = setTimeout(() => {
      vrBreakStore.setState({ phase: 'notice' })
      ending = setTimeout(() => {
        vrBreakStore.setState({ phase: 'prompt' })
        void exitXR()
      }, BREAK_NOTICE_MS)
    }, wait)
    return () => {
      clearTimeout(due)
      clearTimeout(ending)
    }
  }, [session, rotation])

  if (phase !== 'prompt' || session) return null
  return (
    <div className="station-break" role="alertdialog" aria-labelledby="station-break-title" data-testid="vr-break">
      <h2 id="station-break-title">{BREAK_TEXT}</h2>
      <button type="button" className="primary" autoFocus onClick={() => vrBreakStore.setState({ phase: 'none' })}>
        Carry on at the desktop
      </button>
    </div>
  )
}

/** Inside the lab's canvas: stops the scene's frames while paused, shows the break notice in VR. */
export function StationInWorld({ textScale }: { textScale: number }) {
  const paused = usePaused()
  const setFrameloop = useThree((s) => s.setFrameloop)
  const phase = useStore(vrBreakStore, (s) => s.phase)
  useEffect(() => {
    if (!paused) return
    // The simulation steps in its frame callbacks: no frames, nothing moves until the teacher resumes.
    setFrameloop('never')
    return () => setFrameloop('always')
  }, [paused, setFrameloop])
  if (phase !== 'notice') return null
  return <Label name="vr-break-notice" text={BREAK_TEXT} heading textScale={textScale} position={[0, 0.45, -0.05]} maxWidth={0.8} textAlign="center" />
}
