/**
 * The teacher's dashboard on the hub: a header with the class switcher and tabs (Live grid, Class
 * view, Students, Stations, Settings) over what the hub keeps of the class in view. Names live
 * only here and on the hub. The browser stays signed in across hub restarts (a session cookie);
 * a session the hub refuses brings back the sign-in form with a plain message. React DOM only.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { ClassSummary } from '../shared/teacher'
import { ClassSwitcher, MoveStation, RenameClass, useClasses, type ClassedStation } from './Classes'
import { Controls } from './Controls'
import type { RosterEntry } from './grid'
import { createHubClient, SESSION_ENDED_MESSAGE, type HubClient } from './hubClient'
import { LazyClassView } from './LazyClassView'
import { LiveGrid, type GridView } from './LiveGrid'
import { StationsPanel, type StationKey } from './StationsPanel'
import { StudentsPanel } from './StudentsPanel'
import { ChangePassphrase, TeacherSignIn } from './TeacherSignIn'
import { useClassFeed, type FeedState } from './useClassFeed'
import './dashboard.css'

const TABS = [
  { id: 'live', title: 'Live' },
  { id: 'class', title: 'Class' },
  { id: 'students', title: 'Students' },
  { id: 'stations', title: 'Stations' },
  { id: 'settings', title: 'Settings' },
] as const
type TabId = (typeof TABS)[number]['id']
const STATION_REFRESH_MS = 5_000
const TAB_STORAGE = 'benchtop.dashboardTab'

export function Dashboard() {
  const [signedIn, setSignedIn] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const onSignedIn = useCallback(() => {
    setNotice(null)
    setSignedIn(true)
  }, [])
  const onSignedOut = useCallback((message: string) => {
    setNotice(message)
    setSignedIn(false)
  }, [])
  if (!signedIn) return <TeacherSignIn notice={notice} onSignedIn={onSignedIn} />
  return <Teacher onSignedOut={onSignedOut} />
}

/** Signed in: the classes, then the class in view (everything below is keyed by it). */
function Teacher({ onSignedOut }: { onSignedOut: (message: string) => void }) {
  const onRefused = useCallback(() => onSignedOut(SESSION_ENDED_MESSAGE), [onSignedOut])
  const base = useMemo(() => createHubClient(null, onRefused), [onRefused])
  const { classes, current, setClassId, refresh, error } = useClasses(base)
  const classId = current?.id ?? null
  const hub = useMemo(() => (classId === null ? null : createHubClient(classId, onRefused)), [classId, onRefused])
  if (error) return <p role="alert">Could not read the classes: {error}</p>
  if (!classes || !current || !hub) return <p role="status">Loading your classes…</p>
  const signOut = () => {
    void base
      .fetch('api/teacher/sign-out', { method: 'POST' })
      .catch(() => {})
      .finally(() => onSignedOut('Signed out.'))
  }
  return (
    <SignedIn
      key={current.id}
      hub={hub}
      classes={classes}
      current={current}
      onClassesChanged={refresh}
      onSignOut={signOut}
      switcher={<ClassSwitcher hub={base} classes={classes} current={current} onSwitch={setClassId} onAdded={refresh} />}
    />
  )
}

/** A hub list read on open and again when asked (and, for stations, every few seconds). */
function useHubList<T>(hub: HubClient, path: string, field: string, everyMs?: number) {
  const [items, setItems] = useState<T[]>([])
  const refresh = useCallback(() => {
    hub
      .json<Record<string, T[]>>(path)
      .then((body) => setItems(body[field] ?? []))
      .catch(() => {})
  }, [hub, path, field])
  useEffect(() => {
    refresh()
    if (!everyMs) return
    const timer = setInterval(refresh, everyMs)
    return () => clearInterval(timer)
  }, [refresh, everyMs])
  return [items, refresh] as const
}

const FEED_WORDS: Record<FeedState, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' }

interface SignedInProps {
  hub: HubClient
  classes: readonly ClassSummary[]
  current: ClassSummary
  onClassesChanged: () => void
  onSignOut: () => void
  switcher: ReactNode
}

function SignedIn({ hub, classes, current, onClassesChanged, onSignOut, switcher }: SignedInProps) {
  const { overview, state, error, subscribe, storage } = useClassFeed(hub)
  const [roster, refreshRoster] = useHubList<RosterEntry>(hub, 'api/roster', 'students')
  const [allStations, refreshStations] = useHubList<StationKey & ClassedStation>(hub, 'api/stations', 'stations', STATION_REFRESH_MS)
  // The class's own stations: its controls and its list (a station is in one class at a time).
  const stations = useMemo(() => allStations.filter((s) => s.classId === current.id), [allStations, current.id])
  // The tab stays as it was across a reload (this browser tab only).
  const [tab, setTabState] = useState<TabId>(() => TABS.find((t) => t.id === sessionStorage.getItem(TAB_STORAGE))?.id ?? 'live')
  const setTab = (next: TabId) => {
    sessionStorage.setItem(TAB_STORAGE, next)
    setTabState(next)
  }
  const [projector, setProjector] = useState(false)
  const [view, setView] = useState<GridView>({ sort: 'need', lab: '', station: '' })
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(tick)
  }, [])

  const rows = useMemo(() => overview?.students ?? [], [overview])
  const stationLabels = useMemo(() => Object.fromEntries(stations.map((s) => [s.id, s.label])), [stations])
  // A station or student not seen before: read the lists again rather than show an id.
  const unknownStation = rows.some((r) => r.stationId !== null && !(r.stationId in stationLabels))
  useEffect(() => {
    if (unknownStation) refreshStations()
  }, [unknownStation, refreshStations])
  const names = useMemo(() => (projector ? {} : Object.fromEntries(roster.map((r) => [r.pseudonym, r.displayName]))), [roster, projector])
  const unknownStudent = rows.some((r) => !roster.some((e) => e.pseudonym === r.pseudonym))
  useEffect(() => {
    if (unknownStudent) refreshRoster()
  }, [unknownStudent, refreshRoster])

  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({})
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const at = TABS.findIndex((t) => t.id === tab)
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[e.key]
    if (to === undefined) return
    e.preventDefault()
    const next = TABS[(to + TABS.length) % TABS.length]!.id
    setTab(next)
    tabRefs.current[next]?.focus()
  }

  return (
    <section className={`dashboard${projector ? ' projector' : ''}`} aria-labelledby="dashboard-title">
      <header className="dashboard-header">
        <h2 id="dashboard-title">Your class, live</h2>
        {switcher}
        <div role="tablist" aria-label="Dashboard" className="dashboard-tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el
              }}
              type="button"
              role="tab"
              id={`dashboard-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`dashboard-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={onTabKey}
            >
              {t.title}
            </button>
          ))}
        </div>
        <label className="projector-toggle">
          <input type="checkbox" checked={projector} onChange={(e) => setProjector(e.target.checked)} /> Projector view (hide names)
        </label>
        <span className={`feed-state feed-${state}`} role="status">
          {FEED_WORDS[state]}
        </span>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {error ? <p role="alert">Could not read the class: {error}</p> : null}
      {storage?.full ? (
        <p role="alert" className="storage-banner" data-storage="full">
          {storage.message}
        </p>
      ) : null}
      <div role="tabpanel" id={`dashboard-panel-${tab}`} aria-labelledby={`dashboard-tab-${tab}`} className="dashboard-panel">
        {tab === 'live' && !overview ? <p>Loading the class…</p> : null}
        {tab === 'live' && overview ? (
          <LiveGrid
            rows={rows}
            roster={roster}
            labs={overview.labs}
            skillNames={overview.skillNames}
            stationLabels={stationLabels}
            now={now}
            projector={projector}
            view={view}
            onView={setView}
          />
        ) : null}
        {tab === 'class' ? overview ? <LazyClassView overview={overview} names={names} hub={hub} subscribeLive={subscribe} /> : <p>Loading the class…</p> : null}
        {tab === 'students' ? (
          <StudentsPanel hub={hub} roster={roster} projector={projector} onChanged={refreshRoster} />
        ) : null}
        {tab === 'stations' ? (
          <>
            <StationsPanel hub={hub} stations={stations} rows={rows} studentLabel={(p) => names[p] ?? p} labTitle={(id) => overview?.labs.find((l) => l.id === id)?.title ?? id} onChanged={refreshStations} />
            <MoveStation
              hub={hub}
              stations={allStations}
              classes={classes}
              current={current}
              onMoved={() => {
                refreshStations()
                onClassesChanged()
              }}
            />
          </>
        ) : null}
        {tab === 'settings' ? (
          <>
            <Controls hub={hub} allStations={stations} />
            <RenameClass hub={hub} current={current} onRenamed={onClassesChanged} />
            <ChangePassphrase hub={hub} />
          </>
        ) : null}
      </div>
    </section>
  )
}
