/**
 * The teacher's station controls: a simulation per station, the class's target success rate,
 * assessment mode, the rotation timer and "pause all". Every change goes straight to the hub
 * (PATCH /api/controls); stations pick it up within a couple of seconds. React DOM only.
 */
import { useCallback, useEffect, useState } from 'react'
import { scenes } from '../app/registry'
import type { ClassControls, ControlsResponse } from '../hub/controls'
import { formatCountdown, segmentCountdown } from '../app/station/rotation'
import type { HubClient } from './hubClient'

const REFRESH_MS = 5000

interface StationKey {
  id: string
  label: string
  revoked: string | null
}

type ControlsPatch = Partial<Omit<ClassControls, 'updated' | 'rotation' | 'assignments'>> & {
  assignments?: Record<string, string | null>
  rotation?: Partial<Omit<ClassControls['rotation'], 'startedAt' | 'pausedAt'>> & { startedAt?: string | null; rotateNow?: true }
}

/** The teacher's countdown, on the hub's clock (the controls carry its time); still while paused. */
function RotationCountdown({ controls, offset }: { controls: ControlsResponse; offset: number }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [])
  const countdown = segmentCountdown(controls.rotation, now + offset)
  if (!countdown) return null
  return (
    <span role="timer" data-testid="teacher-countdown" className="teacher-countdown">
      Rotation {countdown.segment}: {formatCountdown(countdown.remainingMs)} left{controls.rotation.pausedAt ? ' (paused)' : ''}
    </span>
  )
}

/** `allStations` is the dashboard's list, which it keeps up to date as stations join. */
export function Controls({ hub, allStations }: { hub: HubClient; allStations: readonly StationKey[] }) {
  const [controls, setControlsState] = useState<ControlsResponse | null>(null)
  // Hub clock minus this browser's, measured as each answer arrives: the countdown runs on the hub's.
  const [clockOffset, setClockOffset] = useState(0)
  const setControls = useCallback((body: ControlsResponse) => {
    setClockOffset(Date.parse(body.serverTime) - Date.now())
    setControlsState(body)
  }, [])
  const [error, setError] = useState<string | null>(null)
  const [targetPercent, setTargetPercent] = useState('80')
  const [segmentMinutes, setSegmentMinutes] = useState('20')
  const [vrSegmentMinutes, setVrSegmentMinutes] = useState('10')

  const load = useCallback(async () => {
    const res = await hub.fetch('api/controls')
    if (res.ok) setControls((await res.json()) as ControlsResponse)
  }, [hub, setControls])
  const stations = allStations.filter((k) => !k.revoked)

  // Another teacher's screen may change the controls: they keep up without a reload.
  useEffect(() => {
    void load().catch(() => {})
    const refresh = setInterval(() => void load().catch(() => {}), REFRESH_MS)
    return () => clearInterval(refresh)
  }, [load])

  // The form fields start from what the hub holds (once it has answered).
  const loaded = controls !== null
  useEffect(() => {
    if (!controls) return
    setTargetPercent(String(Math.round(controls.targetSuccess * 100)))
    setSegmentMinutes(String(controls.rotation.segmentMinutes))
    setVrSegmentMinutes(String(controls.rotation.vrSegmentMinutes))
    // Only on first load: later polls must not overwrite what the teacher is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on first load only, see above
  }, [loaded])

  const change = async (patch: ControlsPatch) => {
    setError(null)
    const res = await hub.fetch('api/controls', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(patch),
    })
    const body = (await res.json().catch(() => ({}))) as ControlsResponse & { error?: string }
    if (!res.ok) return setError(body.error ?? `the hub answered ${res.status}`)
    setControls(body)
  }

  if (!controls) return null
  const running = controls.rotation.startedAt !== null
  return (
    <section className="station-controls" aria-labelledby="station-controls-title">
      <h3 id="station-controls-title">Station controls</h3>
      {error ? <p role="alert">Not changed: {error}</p> : null}
      <div className="row">
        <button type="button" className={controls.paused ? 'primary' : undefined} aria-pressed={controls.paused} onClick={() => void change({ paused: !controls.paused })}>
          {controls.paused ? 'Resume all stations' : 'Pause all stations'}
        </button>
        <label>
          <input type="checkbox" checked={controls.assessmentMode} onChange={(e) => void change({ assessmentMode: e.target.checked })} /> Assessment mode (least support, no hints)
        </label>
        <label>
          <input type="checkbox" checked={controls.placement} onChange={(e) => void change({ placement: e.target.checked })} /> Placement for students new to a lab
        </label>
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void change({ targetSuccess: Number(targetPercent) / 100 })
        }}
      >
        <label htmlFor="target-success">Target success rate (%)</label>
        <input id="target-success" type="number" min={50} max={95} step={5} value={targetPercent} onChange={(e) => setTargetPercent(e.target.value)} required />
        <button type="submit">Set target</button>
        <span>now {Math.round(controls.targetSuccess * 100)}%</span>
      </form>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void change({ rotation: running ? { startedAt: null } : { segmentMinutes: Number(segmentMinutes), vrSegmentMinutes: Number(vrSegmentMinutes), startedAt: 'now' } })
        }}
      >
        <label htmlFor="segment-minutes">Rotation every (minutes)</label>
        <input id="segment-minutes" type="number" min={1} max={240} step={1} value={segmentMinutes} onChange={(e) => setSegmentMinutes(e.target.value)} disabled={running} required />
        <label htmlFor="vr-segment-minutes">VR break after (minutes)</label>
        <input id="vr-segment-minutes" type="number" min={1} max={120} step={1} value={vrSegmentMinutes} onChange={(e) => setVrSegmentMinutes(e.target.value)} disabled={running} required />
        <button type="submit">{running ? 'Stop rotation' : 'Start rotation'}</button>
        {running ? (
          <button type="button" onClick={() => void change({ rotation: { rotateNow: true } })}>
            Rotate now
          </button>
        ) : null}
        {running ? <RotationCountdown controls={controls} offset={clockOffset} /> : null}
      </form>
      <table aria-label="Simulation per station">
        <thead>
          <tr>
            <th scope="col">Station</th>
            <th scope="col">Simulation</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => (
            <tr key={station.id}>
              <th scope="row">{station.label}</th>
              <td>
                <select
                  aria-label={`Simulation at ${station.label}`}
                  value={controls.assignments[station.id] ?? ''}
                  onChange={(e) => void change({ assignments: { [station.id]: e.target.value || null } })}
                >
                  <option value="">Any lab (the student chooses)</option>
                  {scenes.map((scene) => (
                    <option key={scene.id} value={scene.id}>
                      {scene.title}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {stations.length === 0 ? <p>No station has joined yet.</p> : null}
    </section>
  )
}
