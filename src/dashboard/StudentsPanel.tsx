/**
 * The class list (names live only on the hub and this screen), adding a student, and the
 * downloads: the exports stream from the hub, the class list is the one file with names.
 */
import { useState } from 'react'
import { classListCsv } from '../shared/classState'
import type { RosterEntry } from './grid'
import { KeyRefused, saveBlob, saveResponse, type HubClient } from './hubClient'

const EXPORTS = [
  { path: 'api/export/attempts.csv', file: 'benchtop-attempts.csv', label: 'Download attempts (CSV, lab names only)' },
  { path: 'api/export/statements.json', file: 'benchtop-statements.json', label: 'Download statements (xAPI JSON)' },
  { path: 'api/export/learners.csv', file: 'benchtop-learners.csv', label: 'Download learner data (for the model fit)' },
]

export function StudentsPanel({ hub, roster, projector, onChanged }: { hub: HubClient; roster: readonly RosterEntry[]; projector: boolean; onChanged: () => void }) {
  const [newName, setNewName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const guard = async (what: string, work: () => Promise<void>) => {
    setError(null)
    setBusy(what)
    try {
      await work()
    } catch (e) {
      if (!(e instanceof KeyRefused)) setError(`${what}: ${(e as Error).message}`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="students-panel" aria-labelledby="class-list-title">
      <h3 id="class-list-title">Class list</h3>
      {error ? <p role="alert">{error}</p> : null}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void guard('Could not add the student', async () => {
            const res = await hub.fetch('api/roster', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: newName }) })
            if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `the hub answered ${res.status}`)
            setNewName('')
            onChanged()
          })
        }}
      >
        <label htmlFor="new-student">Add a student (the name stays on this hub)</label>
        <input id="new-student" value={newName} onChange={(e) => setNewName(e.target.value)} required maxLength={80} />
        <button type="submit">Add</button>
      </form>
      <div className="row">
        {EXPORTS.map((x) => (
          <button key={x.path} type="button" disabled={busy === x.label} onClick={() => void guard(x.label, async () => saveResponse(await hub.fetch(x.path), x.file))}>
            {x.label}
          </button>
        ))}
        <button type="button" onClick={() => saveBlob(new Blob([classListCsv(roster)], { type: 'text/csv' }), 'benchtop-class-list.csv')}>
          Download the class list (names and codes, CSV)
        </button>
      </div>
      {projector ? (
        <p>Names and sign-in codes are hidden in the projector view.</p>
      ) : (
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
      )}
    </section>
  )
}
