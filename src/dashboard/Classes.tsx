/**
 * Classes on the dashboard: the switcher in the header (and adding a class), and moving a
 * station to another class. The class in view is kept per browser, so a reload opens the same
 * period. React DOM only.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ClassSummary } from '../shared/teacher'
import { KeyRefused, type HubClient } from './hubClient'

export const CLASS_STORAGE = 'benchtop.dashboardClass'

/** The hub's classes, and the one in view (null until the list has come). */
export function useClasses(hub: HubClient) {
  const [classes, setClasses] = useState<ClassSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [classId, setClassIdState] = useState<number | null>(() => {
    const stored = Number(localStorage.getItem(CLASS_STORAGE))
    return Number.isInteger(stored) && stored > 0 ? stored : null
  })
  const refresh = useCallback(
    () =>
      hub
        .json<{ classes: ClassSummary[] }>('api/classes')
        .then((body) => {
          setError(null)
          setClasses(body.classes)
        })
        .catch((e: unknown) => {
          if (!(e instanceof KeyRefused)) setError((e as Error).message)
        }),
    [hub],
  )
  useEffect(() => {
    void refresh()
  }, [refresh])
  const setClassId = useCallback((id: number) => {
    localStorage.setItem(CLASS_STORAGE, String(id))
    setClassIdState(id)
  }, [])
  // A class that is gone (another hub's folder, a class id from before) falls back to the first.
  const inView = classes ? (classes.find((c) => c.id === classId) ?? classes[0] ?? null) : null
  return { classes, current: inView, setClassId, refresh, error }
}

interface SwitcherProps {
  hub: HubClient
  classes: readonly ClassSummary[]
  current: ClassSummary
  onSwitch: (id: number) => void
  onAdded: () => Promise<unknown>
}

export function ClassSwitcher({ hub, classes, current, onSwitch, onAdded }: SwitcherProps) {
  const [adding, setAdding] = useState(false)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="class-switcher">
      <label htmlFor="dashboard-class">Class</label>{' '}
      <select id="dashboard-class" value={current.id} onChange={(e) => onSwitch(Number(e.target.value))}>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>{' '}
      {adding ? (
        <form
          className="class-add"
          onSubmit={async (e) => {
            e.preventDefault()
            try {
              const made = await hub.json<ClassSummary>('api/classes', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) })
              await onAdded()
              setAdding(false)
              setName('')
              setError(null)
              onSwitch(made.id)
            } catch (error) {
              if (!(error instanceof KeyRefused)) setError((error as Error).message)
            }
          }}
        >
          <label htmlFor="new-class-name">New class name</label> <input id="new-class-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />{' '}
          <button type="submit">Add class</button>{' '}
          <button type="button" className="link" onClick={() => setAdding(false)}>
            Cancel
          </button>
          {error ? (
            <span role="alert" className="key-refused">
              {' '}
              {error}
            </span>
          ) : null}
        </form>
      ) : (
        <button type="button" className="link" onClick={() => setAdding(true)}>
          New class
        </button>
      )}
    </div>
  )
}

export interface ClassedStation {
  id: string
  label: string
  revoked: string | null
  classId?: number | null
}

/** Stations tab: a station that joined the wrong period (or moves rooms) goes to another class. */
export function MoveStation({ hub, stations, classes, current, onMoved }: { hub: HubClient; stations: readonly ClassedStation[]; classes: readonly ClassSummary[]; current: ClassSummary; onMoved: () => void }) {
  const mine = stations.filter((s) => !s.revoked && s.classId === current.id)
  const others = classes.filter((c) => c.id !== current.id)
  const [stationId, setStationId] = useState('')
  const [target, setTarget] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  if (!mine.length || !others.length) return null
  const station = mine.find((s) => s.id === stationId) ?? mine[0]!
  const to = others.find((c) => String(c.id) === target) ?? others[0]!
  return (
    <form
      className="move-station"
      onSubmit={async (e) => {
        e.preventDefault()
        try {
          await hub.json(`api/stations/${encodeURIComponent(station.id)}/class`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ classId: to.id }) })
          setMessage(`${station.label} is now in ${to.name}.`)
          onMoved()
        } catch (error) {
          if (!(error instanceof KeyRefused)) setMessage((error as Error).message)
        }
      }}
    >
      <h3>Move a station to another class</h3>
      <label htmlFor="move-station">Station</label>{' '}
      <select id="move-station" value={station.id} onChange={(e) => setStationId(e.target.value)}>
        {mine.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>{' '}
      <label htmlFor="move-station-to">to</label>{' '}
      <select id="move-station-to" value={to.id} onChange={(e) => setTarget(e.target.value)}>
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit">Move</button> {message ? <span role="status">{message}</span> : null}
    </form>
  )
}

/** Settings: the class's name (as the switcher shows it). */
export function RenameClass({ hub, current, onRenamed }: { hub: HubClient; current: ClassSummary; onRenamed: () => void }) {
  const [name, setName] = useState(current.name)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  return (
    <form
      className="rename-class"
      onSubmit={async (e) => {
        e.preventDefault()
        try {
          const renamed = await hub.json<ClassSummary>(`api/classes/${current.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) })
          setMessage({ ok: true, text: `Renamed to ${renamed.name}.` })
          onRenamed()
        } catch (error) {
          if (!(error instanceof KeyRefused)) setMessage({ ok: false, text: (error as Error).message })
        }
      }}
    >
      <h3>This class</h3>
      <label htmlFor="class-name">Class name</label> <input id="class-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />{' '}
      <button type="submit">Rename</button>{' '}
      {message ? (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'key-refused'}>
          {message.text}
        </span>
      ) : null}
    </form>
  )
}
