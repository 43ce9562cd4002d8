/**
 * The stations: how a new one joins (address, join code, QR) and the ones that have, with who
 * is at each and when it was last heard from; a lost or misused one can be revoked here.
 */
import { JOIN_CODE_CHANGED, type StationStatus } from '../shared/station'
import { useState } from 'react'
import type { StudentRow } from '../shared/classState'
import { KeyRefused, type HubClient } from './hubClient'
import { LazyStationQr } from './LazyClassView'

export interface StationKey {
  id: string
  label: string
  created: string
  revoked: string | null
  /** What the station last reported (its heartbeat); null before its first. */
  status?: StationStatus | null
}

const when = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

interface Props {
  hub: HubClient
  stations: readonly StationKey[]
  rows: readonly StudentRow[]
  studentLabel: (pseudonym: string) => string
  labTitle: (id: string) => string
  onChanged: () => void
}

export function StationsPanel({ hub, stations, rows, studentLabel, labTitle, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null)
  // Who was last heard from at each station is the student at it now.
  const latestAt = new Map<string, StudentRow>()
  for (const row of rows) {
    if (!row.stationId) continue
    const seen = latestAt.get(row.stationId)
    if (!seen || row.lastSeen > seen.lastSeen) latestAt.set(row.stationId, row)
  }
  const active = stations.filter((s) => !s.revoked)
  const revoked = stations.filter((s) => s.revoked)

  // A lost or misused station stops sending at once; the join code changes, so it cannot simply
  // join again: the other stations keep their keys, new devices use the new code.
  const revoke = async (station: StationKey) => {
    if (!window.confirm(`Remove ${station.label}? It stops sending at once and shows that it was removed; what it sent stays${station.status?.waiting ? ` (${station.status.waiting} statements still waiting there will not arrive)` : ''}. The join code changes, so it can join again only with the new one.`)) return
    setError(null)
    try {
      const res = await hub.fetch(`api/stations/${encodeURIComponent(station.id)}/revoke`, { method: 'POST' })
      if (!res.ok) setError(`Could not revoke ${station.label}'s key: the hub answered ${res.status}`)
      else window.dispatchEvent(new Event(JOIN_CODE_CHANGED))
    } catch (e) {
      if (!(e instanceof KeyRefused)) setError(`Could not revoke ${station.label}'s key: ${(e as Error).message}`)
    }
    onChanged()
  }

  return (
    <section className="stations-panel" aria-labelledby="stations-title">
      <h3 id="stations-title">Stations</h3>
      <div className="stations-layout">
        <LazyStationQr hub={hub} />
        <div>
          {error ? <p role="alert">{error}</p> : null}
          <table aria-label="Stations">
            <thead>
              <tr>
                <th scope="col">Station</th>
                <th scope="col">Student now</th>
                <th scope="col">Lab</th>
                <th scope="col">Last heard from</th>
                <th scope="col">Statements waiting</th>
                <th scope="col">Key</th>
              </tr>
            </thead>
            <tbody>
              {active.map((station) => {
                const row = latestAt.get(station.id)
                const status = station.status ?? null
                // The heartbeat says who is there now; without one, who was last heard from.
                const pseudonym = status ? status.pseudonym : (row?.pseudonym ?? null)
                const sceneId = status ? status.sceneId : (row?.sceneId ?? null)
                const seen = Math.max(status ? Date.parse(status.lastSeen) : 0, row?.lastSeen ?? 0)
                return (
                  <tr key={station.id}>
                    <th scope="row">{station.label}</th>
                    <td>{pseudonym ? studentLabel(pseudonym) : '–'}</td>
                    <td>{sceneId ? labTitle(sceneId) : '–'}</td>
                    <td>{seen ? when(seen) : 'not yet'}</td>
                    <td className={status && status.waiting > 0 ? 'waiting-count' : undefined}>{status ? status.waiting : '–'}</td>
                    <td>
                      <button type="button" onClick={() => void revoke(station)}>
                        Revoke {station.label}'s key
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {active.length === 0 ? <p>No station has joined yet.</p> : null}
          {revoked.length ? (
            <details>
              <summary>{revoked.length} revoked</summary>
              <ul>
                {revoked.map((s) => (
                  <li key={s.id}>
                    {s.label}, revoked {new Date(s.revoked!).toLocaleString()}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      </div>
    </section>
  )
}
