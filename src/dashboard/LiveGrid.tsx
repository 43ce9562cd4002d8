/**
 * The live grid: one compact row per student of the class, who needs help first, with a
 * summary line on top. Status reads as colour, icon and word; an alert is a short phrase with
 * its reasons on demand. The projector view shows lab names (pseudonyms) only. React DOM only.
 */
import { useMemo } from 'react'
import { formatDuration } from '../shared/classAnalytics'
import type { LabInClass } from '../shared/classAnalytics'
import type { StudentRow } from '../shared/classState'
import { alertPhrase, filterEntries, gridEntries, sortEntries, STATUS_LOOK, summaryLine, type GridEntry, type GridFilter, type GridSort, type RosterEntry } from './grid'

export interface GridView extends GridFilter {
  sort: GridSort
}

const percent = (p: number) => `${Math.round(p * 100)}%`
const shortSkill = (skill: string) => skill.split('.').at(-1) ?? skill
const clock = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

interface Props {
  rows: readonly StudentRow[]
  roster: readonly RosterEntry[]
  labs: readonly LabInClass[]
  skillNames: Record<string, string>
  stationLabels: Record<string, string>
  now: number
  projector: boolean
  view: GridView
  onView: (view: GridView) => void
}

export function LiveGrid({ rows, roster, labs, skillNames, stationLabels, now, projector, view, onView }: Props) {
  const entries = useMemo(() => gridEntries(rows, roster, now), [rows, roster, now])
  const label = (e: GridEntry) => (projector ? e.pseudonym : (e.name ?? e.pseudonym))
  const shown = sortEntries(filterEntries(entries, view), view.sort, label)
  const labTitle = (id: string) => labs.find((l) => l.id === id)?.title ?? id
  const stationsSeen = [...new Set(rows.map((r) => r.stationId).filter((id) => id !== null))].sort((a, b) => (stationLabels[a] ?? a).localeCompare(stationLabels[b] ?? b, undefined, { numeric: true }))

  return (
    <section className="live-grid" aria-label="Live grid">
      <p className="grid-summary" data-testid="grid-summary" aria-live="polite">
        {summaryLine(entries)}
      </p>
      <div className="grid-tools">
        <label>
          Sort{' '}
          <select value={view.sort} onChange={(e) => onView({ ...view, sort: e.target.value as GridSort })}>
            <option value="need">by need</option>
            <option value="name">by name</option>
          </select>
        </label>
        <label>
          Show lab{' '}
          <select value={view.lab} onChange={(e) => onView({ ...view, lab: e.target.value })}>
            <option value="">all labs</option>
            {labs.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Show station{' '}
          <select value={view.station} onChange={(e) => onView({ ...view, station: e.target.value })}>
            <option value="">all stations</option>
            {stationsSeen.map((id) => (
              <option key={id} value={id}>
                {stationLabels[id] ?? id}
              </option>
            ))}
          </select>
        </label>
        {shown.length < entries.length ? <span className="muted">showing {shown.length} of {entries.length}</span> : null}
      </div>
      <table className="station-grid" aria-label="Students">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">{projector ? 'Lab name' : 'Student'}</th>
            <th scope="col">Lab · station</th>
            <th scope="col" title="Difficulty level">Lvl</th>
            <th scope="col">Mastery per skill</th>
            <th scope="col">Alert</th>
            <th scope="col" title="Time answering in the headset">In VR</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <GridRow key={entry.pseudonym} entry={entry} label={label(entry)} projector={projector} labTitle={labTitle} skillNames={skillNames} stationLabels={stationLabels} />
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p>No students yet: add them under Students, or wait for a station to send.</p> : null}
    </section>
  )
}

interface RowProps {
  entry: GridEntry
  label: string
  projector: boolean
  labTitle: (id: string) => string
  skillNames: Record<string, string>
  stationLabels: Record<string, string>
}

function GridRow({ entry, label, projector, labTitle, skillNames, stationLabels }: RowProps) {
  const { row, status } = entry
  const look = STATUS_LOOK[status]
  const latest = row?.alerts.at(-1)
  const station = row?.stationId ? (stationLabels[row.stationId] ?? row.stationId) : null
  return (
    <tr data-pseudonym={entry.pseudonym} data-status={status} className={`status-${status}`}>
      <td className="status">
        <span className="status-icon" aria-hidden="true">
          {look.icon}
        </span>{' '}
        {look.word}
      </td>
      <th scope="row" title={projector ? undefined : entry.pseudonym}>
        {label}
      </th>
      <td className="where" title={row?.task ? `Now: ${row.task}` : undefined}>
        {row?.sceneId ? labTitle(row.sceneId) : '–'}
        {station ? <span className="station"> · {station}</span> : null}
      </td>
      <td className="level">{row?.level ?? '–'}</td>
      <td className="mastery">
        <div className="chips">
        {Object.entries(row?.mastery ?? {})
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([skill, p]) => (
            <span key={skill} className="chip" data-skill={skill} title={`${skillNames[skill] ?? skill}: ${percent(p)}`}>
              <span className="chip-name">{shortSkill(skill)}</span>
              <span className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p * 100)} aria-label={skillNames[skill] ?? shortSkill(skill)}>
                <span className={p >= 0.95 ? 'fill mastered' : 'fill'} style={{ width: percent(p) }} />
              </span>
              <span className="chip-value">{percent(p)}</span>
            </span>
          ))}
        </div>
      </td>
      <td className="alert-cell">
        {latest ? (
          <details className="alert" data-alert={latest.kind}>
            <summary>{alertPhrase(latest.kind)}</summary>
            {projector ? null : (
              <ul>
                {row!.alerts
                  .slice(-3)
                  .reverse()
                  .map((a, i) => (
                    <li key={i}>
                      <time dateTime={new Date(a.at).toISOString()}>{clock(a.at)}</time> {a.reason}
                    </li>
                  ))}
              </ul>
            )}
          </details>
        ) : null}
      </td>
      <td className="vr">{row && row.vrMs > 0 ? formatDuration(row.vrMs) : '–'}</td>
    </tr>
  )
}
