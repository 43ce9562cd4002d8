/**
 * The teacher's dashboard on the hub: a header with tabs (Live grid, Class view, Students,
 * Stations, Settings) over what the hub keeps of the class. Names live only here and on the
 * hub. A key the hub refuses brings back the sign-in form with a plain message. React DOM only.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { Controls } from './Controls'
import type { RosterEntry } from './grid'
import { createHubClient, KEY_STORAGE, KeyRefused, REFUSED_MESSAGE, type HubClient } from './hubClient'
import { LazyClassView } from './LazyClassView'
import { LiveGrid, type GridView } from './LiveGrid'
import { StationsPanel, type StationKey } from './StationsPanel'
import { StudentsPanel } from './StudentsPanel'
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
  const [key, setKey] = useState<string | null>(() => sessionStorage.getItem(KEY_STORAGE))
  const [notice, setNotice] = useState<string | null>(null)
  const hub = useMemo(
    () =>
      key
        ? createHubClient(key, () => {
            sessionStorage.removeItem(KEY_STORAGE)
            setNotice(REFUSED_MESSAGE)
            setKey(null)
          })
        : null,
    [key],
  )
  if (!hub) {
    return (
      <SignIn
        notice={notice}
        onKey={(k) => {
          sessionStorage.setItem(KEY_STORAGE, k)
          setNotice(null)
          setKey(k)
        }}
      />
    )
  }
  return (
    <SignedIn
      key={hub.key}
      hub={hub}
      onSignOut={() => {
        sessionStorage.removeItem(KEY_STORAGE)
        setNotice('Signed out.')
        setKey(null)
      }}
    />
  )
}

function SignIn({ notice, onKey }: { notice: string | null; onKey: (key: string) => void }) {
  const [draft, setDraft] = useState('')
  const [checking, setChecking] = useState(false)
  const [refused, setRefused] = useState<string | null>(notice)
  return (
    <form
      className="dashboard-key"
      onSubmit={async (e) => {
        e.preventDefault()
        const key = draft.trim()
        setChecking(true)
        // Asked once here, so a mistyped key is told at once rather than after the page opens.
        const accepted = await createHubClient(key, () => {})
          .fetch('api/station-link')
          .then(() => true)
          .catch((error: unknown) => !(error instanceof KeyRefused))
        setChecking(false)
        if (accepted) onKey(key)
        else setRefused(REFUSED_MESSAGE)
      }}
    >
      <h2>Your class, live</h2>
      {refused ? (
        <p role="alert" className="key-refused">
          {refused}
        </p>
      ) : null}
      <p>Paste the teacher key that the hub printed when it started (it changes every run).</p>
      <label htmlFor="teacher-key">Teacher key</label> <input id="teacher-key" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" required />
      <button type="submit" disabled={checking}>
        Open the class view
      </button>
    </form>
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

function SignedIn({ hub, onSignOut }: { hub: HubClient; onSignOut: () => void }) {
  const { overview, state, error, subscribe, storage } = useClassFeed(hub)
  const [roster, refreshRoster] = useHubList<RosterEntry>(hub, 'api/roster', 'students')
  const [stations, refreshStations] = useHubList<StationKey>(hub, 'api/stations', 'stations', STATION_REFRESH_MS)
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
          <StationsPanel hub={hub} stations={stations} rows={rows} studentLabel={(p) => names[p] ?? p} labTitle={(id) => overview?.labs.find((l) => l.id === id)?.title ?? id} onChanged={refreshStations} />
        ) : null}
        {tab === 'settings' ? <Controls hub={hub} allStations={stations} /> : null}
      </div>
    </section>
  )
}
