/**
 * The teacher's live class view on the hub: students at their stations, mastery per skill,
 * status and alerts, the roster (names live only here), and exports. React DOM only.
 */
import { useEffect, useMemo, useState } from 'react'
import type { StorageStatus } from '../shared/hub-status'
import { EXTENSIONS } from '../telemetry/profile'
import { LazyClassView, LazyStationQr } from './LazyClassView'
import { Controls } from './Controls'
import { formatDuration } from '../shared/classAnalytics'
import { applyStatements, attemptsCsv, bktCsv, classListCsv, emptyClass, statusOf, type StatementLike, type StudentRow } from '../shared/classState'

const KEY_STORAGE = 'benchtop.teacherKey'
const auth = (key: string) => ({ Authorization: `Basic ${btoa(key)}` })
const xapi = (key: string) => ({ ...auth(key), 'X-Experience-API-Version': '2.0.0' })
type Statement = StatementLike

interface RosterEntry {
  pseudonym: string
  displayName: string
  code: string
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Reads all statements (following `more`), then keeps up through the hub's live feed. */
function useClassFeed(key: string | null) {
  const [statements, setStatements] = useState<Statement[]>([])
  const [error, setError] = useState<string | null>(null)
  const [storage, setStorage] = useState<StorageStatus | null>(null)
  useEffect(() => {
    if (!key) return
    const controller = new AbortController()
    const load = async () => {
      const all: Statement[] = []
      let next: string | null = 'xapi/statements?limit=500&ascending=true'
      while (next) {
        const res: Response = await fetch(new URL(next.replace(/^\//, ''), document.baseURI), { headers: xapi(key), signal: controller.signal })
        if (!res.ok) throw new Error(res.status === 401 ? 'the hub does not know this teacher key' : `the hub answered ${res.status}`)
        const body = (await res.json()) as { statements: Statement[]; more?: string }
        all.push(...body.statements)
        next = body.more || null
      }
      setStatements(all)
      const live = await fetch(new URL('api/live', document.baseURI), { headers: auth(key), signal: controller.signal })
      const reader = live.body!.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = frame.split('\n').find((line) => line.startsWith('data: '))
          if (frame.includes('event: statements') && data) {
            const fresh = JSON.parse(data.slice(6)) as Statement[]
            setStatements((previous) => [...previous, ...fresh])
          } else if (frame.includes('event: storage') && data) {
            setStorage(JSON.parse(data.slice(6)) as StorageStatus)
          }
        }
      }
    }
    load().catch((e: Error) => {
      if (e.name !== 'AbortError') setError(e.message)
    })
    return () => controller.abort()
  }, [key])
  return { statements, error, storage }
}

export function Dashboard() {
  const [key, setKey] = useState<string | null>(() => sessionStorage.getItem(KEY_STORAGE))
  const [draft, setDraft] = useState('')
  const { statements, error, storage } = useClassFeed(key)
  const [roster, setRoster] = useState<RosterEntry[]>([])
  const [newName, setNewName] = useState('')
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(tick)
  }, [])
  const [stationLabels, setStationLabels] = useState<Record<string, string>>({})
  const refreshRoster = async (k: string) => {
    const res = await fetch(new URL('api/roster', document.baseURI), { headers: auth(k) })
    if (res.ok) setRoster(((await res.json()) as { students: RosterEntry[] }).students)
  }
  // Station names for the grid; refreshed when a station not seen before shows up.
  const unknownStation = statements.some((s) => {
    const id = s.context?.extensions?.[EXTENSIONS.stationId]
    return typeof id === 'string' && !(id in stationLabels)
  })
  useEffect(() => {
    if (!key || !unknownStation) return
    void fetch(new URL('api/stations', document.baseURI), { headers: auth(key) })
      .then((res) => (res.ok ? (res.json() as Promise<{ stations: { id: string; label: string }[] }>) : { stations: [] }))
      .then(({ stations }) => setStationLabels(Object.fromEntries(stations.map((s) => [s.id, s.label]))))
  }, [key, unknownStation])
  useEffect(() => {
    if (key) void refreshRoster(key)
  }, [key])
  const rows = useMemo(() => [...applyStatements(emptyClass(), statements).values()].sort((a, b) => a.pseudonym.localeCompare(b.pseudonym)), [statements])
  const names = Object.fromEntries(roster.map((r) => [r.pseudonym, r.displayName]))

  if (!key) {
    return (
      <form
        className="dashboard-key"
        onSubmit={(e) => {
          e.preventDefault()
          sessionStorage.setItem(KEY_STORAGE, draft.trim())
          setKey(draft.trim())
        }}
      >
        <h2>Your class, live</h2>
        <p>Paste the teacher key that the hub printed when it started (it changes every run).</p>
        <label htmlFor="teacher-key">Teacher key</label> <input id="teacher-key" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
        <button type="submit">Open the class view</button>
      </form>
    )
  }
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">Your class, live</h2>
      {error ? <p role="alert">Could not read the class: {error}</p> : null}
      {storage?.full ? (
        <p role="alert" className="storage-banner" data-storage="full">
          {storage.message}
        </p>
      ) : null}
      <LazyStationQr teacherKey={key} />
      <Controls teacherKey={key} />
      <table className="station-grid" aria-label="Students">
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Station</th>
            <th scope="col">Lab and task</th>
            <th scope="col">Level</th>
            <th scope="col">Time in VR</th>
            <th scope="col">Mastery</th>
            <th scope="col">Status</th>
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row: StudentRow) => {
            const status = statusOf(row, now)
            return (
              <tr key={row.pseudonym} data-pseudonym={row.pseudonym} data-status={status}>
                <th scope="row">
                  {names[row.pseudonym] ?? row.pseudonym}
                  {names[row.pseudonym] ? <small> ({row.pseudonym})</small> : null}
                </th>
                <td>{row.stationId ? (stationLabels[row.stationId] ?? row.stationId) : '–'}</td>
                <td>
                  {row.sceneId ?? '–'}
                  {row.task ? <div className="task">{row.task}</div> : null}
                </td>
                <td>{row.level ?? '–'}</td>
                <td>{row.vrMs > 0 ? formatDuration(row.vrMs) : '–'}</td>
                <td>
                  {Object.entries(row.mastery).map(([skill, p]) => (
                    <div key={skill} className="skill-mastery">
                      {skill.split('.').at(-1)}: <meter min={0} max={1} value={p} aria-label={`${skill} ${Math.round(p * 100)}%`} /> {Math.round(p * 100)}%
                    </div>
                  ))}
                </td>
                <td className={`status-${status}`}>{status}</td>
                <td>
                  {row.alerts.slice(-3).map((a, i) => (
                    <div key={i} className="alert" data-alert={a.kind}>
                      {a.reason}
                    </div>
                  ))}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => download('benchtop-attempts.csv', 'text/csv', attemptsCsv(statements, stationLabels))}>
          Download attempts (CSV, lab names only)
        </button>
        <button type="button" onClick={() => download('benchtop-statements.json', 'application/json', JSON.stringify(statements, null, 1))}>
          Download statements (xAPI JSON)
        </button>
        <button type="button" onClick={() => download('benchtop-learners.csv', 'text/csv', bktCsv(statements))}>
          Download learner data (for the model fit)
        </button>
      </div>
      <LazyClassView statements={statements} names={names} />
      <h3>Class list</h3>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault()
          await fetch(new URL('api/roster', document.baseURI), { method: 'POST', headers: { ...auth(key), 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: newName }) })
          setNewName('')
          await refreshRoster(key)
        }}
      >
        <label htmlFor="new-student">Add a student (the name stays on this hub)</label>
        <input id="new-student" value={newName} onChange={(e) => setNewName(e.target.value)} required maxLength={80} />
        <button type="submit">Add</button>
      </form>
      <button type="button" onClick={() => download('benchtop-class-list.csv', 'text/csv', classListCsv(roster))}>
        Download the class list (names and codes, CSV)
      </button>
      <table aria-label="Class list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Lab name</th>
            <th scope="col">Sign-in code</th>
          </tr>
        </thead>
        <tbody>
          {roster.map((r) => (
            <tr key={r.pseudonym}>
              <td>{r.displayName}</td>
              <td>{r.pseudonym}</td>
              <td>{r.code}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
