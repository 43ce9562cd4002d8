/**
 * The class list (names live only on the hub and this screen): add one, paste many, import a
 * OneRoster users.csv, rename, remove; a warning before a name already on the list is added; the
 * pick-from-list sign-in switch; printable sign-in cards; and the downloads (the exports stream
 * from the hub, the class list is the one file with names).
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { classListCsv } from '../shared/classState'
import { duplicateNames, nameKey, parseNameList, parseOneRosterUsers, RosterInputError } from '../shared/rosterImport'
import type { RosterSettings } from '../shared/station'
import type { RosterEntry } from './grid'
import { KeyRefused, saveBlob, saveResponse, type HubClient } from './hubClient'

const SignInCards = lazy(() => import('./SignInCards').then((m) => ({ default: m.SignInCards })))

const EXPORTS = [
  { path: 'api/export/attempts.csv', file: 'benchtop-attempts.csv', label: 'Download attempts (CSV, lab names only)' },
  { path: 'api/export/statements.json', file: 'benchtop-statements.json', label: 'Download statements (xAPI JSON)' },
  { path: 'api/export/learners.csv', file: 'benchtop-learners.csv', label: 'Download learner data (for the model fit)' },
]

/** Names waiting for the teacher's "add anyway" because some are already on the list. */
interface PendingAdd {
  names: string[]
  duplicates: string[]
  /** Called once they are added. */
  done: () => void
}

async function hubError(res: Response): Promise<Error> {
  return new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `the hub answered ${res.status}`)
}

export function StudentsPanel({ hub, roster, projector, onChanged }: { hub: HubClient; roster: readonly RosterEntry[]; projector: boolean; onChanged: () => void }) {
  const [newName, setNewName] = useState('')
  const [pasted, setPasted] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [pending, setPending] = useState<PendingAdd | null>(null)
  const [renaming, setRenaming] = useState<{ pseudonym: string; name: string } | null>(null)
  const [settings, setSettings] = useState<RosterSettings | null>(null)
  const [cards, setCards] = useState(false)

  useEffect(() => {
    hub.json<RosterSettings>('api/roster/settings').then(setSettings, () => {})
  }, [hub])

  const guard = async (what: string, work: () => Promise<void>) => {
    setError(null)
    setNotice(null)
    setBusy(what)
    try {
      await work()
    } catch (e) {
      if (e instanceof RosterInputError) setError(`${what}: ${e.message}. Nothing was added.`)
      else if (!(e instanceof KeyRefused)) setError(`${what}: ${(e as Error).message}`)
    } finally {
      setBusy(null)
    }
  }

  const send = useCallback(
    async (names: string[]) => {
      const res =
        names.length === 1
          ? await hub.fetch('api/roster', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName: names[0] }) })
          : await hub.fetch('api/roster/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ names }) })
      if (!res.ok) throw await hubError(res)
      setNotice(names.length === 1 ? `Added ${names[0]}.` : `Added ${names.length} students.`)
      onChanged()
    },
    [hub, onChanged],
  )

  /** Adds at once, or first asks when a name is already on the list (or twice in what is added). */
  const add = async (names: string[], done: () => void) => {
    if (names.length === 0) throw new Error('there are no names to add')
    const duplicates = duplicateNames(
      roster.map((r) => r.displayName),
      names,
    )
    if (duplicates.length) return setPending({ names, duplicates, done })
    await send(names)
    done()
  }

  const importFile = async (file: File) => {
    const { names, skipped } = parseOneRosterUsers(await file.text())
    if (names.length === 0) throw new Error(`${file.name} has no students (role "student"); ${skipped} other rows were skipped`)
    await add(
      names.map((n) => n.displayName),
      () => setNotice(`Imported ${names.length} students from ${file.name}${skipped ? ` (${skipped} rows that are not students skipped)` : ''}.`),
    )
  }

  const rename = async (pseudonym: string, displayName: string) => {
    const res = await hub.fetch(`api/roster/${encodeURIComponent(pseudonym)}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ displayName }) })
    if (!res.ok) throw await hubError(res)
    setRenaming(null)
    onChanged()
  }

  const remove = async (entry: RosterEntry) => {
    if (!window.confirm(`Remove ${entry.displayName} (${entry.pseudonym}) from the class? Everything the hub holds about them is deleted: answers, progress and their sign-in code.`)) return
    const res = await hub.fetch(`api/students/${encodeURIComponent(entry.pseudonym)}`, { method: 'DELETE' })
    if (!res.ok) throw await hubError(res)
    setNotice(`Removed ${entry.displayName}.`)
    onChanged()
  }

  const changeListSignIn = async (listSignIn: boolean) => {
    const res = await hub.fetch('api/roster/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ listSignIn }) })
    if (!res.ok) throw await hubError(res)
    setSettings((await res.json()) as RosterSettings)
  }

  return (
    <section className="students-panel" aria-labelledby="class-list-title">
      <h3 id="class-list-title">Class list</h3>
      {error ? <p role="alert">{error}</p> : null}
      {notice ? <p role="status">{notice}</p> : null}
      {pending ? (
        <div role="alertdialog" aria-labelledby="duplicate-title" className="duplicate-warning">
          <p id="duplicate-title">
            {duplicateWording(pending.duplicates, roster)} Two students with the same name are hard to tell apart on the grid.
          </p>
          <button
            type="button"
            onClick={() =>
              void guard('Could not add', async () => {
                const { names, done } = pending
                setPending(null)
                await send(names)
                done()
              })
            }
          >
            Add anyway
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Don't add
          </button>
        </div>
      ) : null}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void guard('Could not add the student', () => add([newName.replace(/\s+/g, ' ').trim()], () => setNewName('')))
        }}
      >
        <label htmlFor="new-student">Add a student (the name stays on this hub)</label>
        <input id="new-student" value={newName} onChange={(e) => setNewName(e.target.value)} required maxLength={80} />
        <button type="submit">Add</button>
      </form>
      <details className="roster-many">
        <summary>Add many: paste names or import a OneRoster users.csv</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void guard('Could not add the pasted names', () =>
              add(
                parseNameList(pasted).map((n) => n.displayName),
                () => setPasted(''),
              ),
            )
          }}
        >
          <label htmlFor="paste-names">One name per line</label>
          <textarea id="paste-names" rows={6} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="submit" disabled={!pasted.trim()}>
            Add these names
          </button>
        </form>
        <p>
          <label htmlFor="import-users">Import a OneRoster users.csv (students only: givenName, familyName, role)</label>{' '}
          <input
            id="import-users"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void guard(`Could not import ${file.name}`, () => importFile(file))
            }}
          />
        </p>
      </details>
      <div className="row">
        <label>
          <input
            type="checkbox"
            checked={settings?.listSignIn ?? true}
            disabled={!settings}
            onChange={(e) => void guard('Could not change the sign-in setting', () => changeListSignIn(e.target.checked))}
          />{' '}
          Students may pick their lab name from a list at a station (off: they type their code, and stations get no list)
        </label>
      </div>
      <div className="row">
        <button type="button" disabled={projector || roster.length === 0} onClick={() => setCards(true)}>
          Print sign-in cards
        </button>
        {EXPORTS.map((x) => (
          <button key={x.path} type="button" disabled={busy === x.label} onClick={() => void guard(x.label, async () => saveResponse(await hub.fetch(x.path), x.file))}>
            {x.label}
          </button>
        ))}
        <button type="button" onClick={() => saveBlob(new Blob([classListCsv(roster)], { type: 'text/csv' }), 'benchtop-class-list.csv')}>
          Download the class list (names and codes, CSV)
        </button>
      </div>
      {cards ? (
        <Suspense fallback={null}>
          <SignInCards hub={hub} roster={roster} onClose={() => setCards(false)} />
        </Suspense>
      ) : null}
      {projector ? (
        <p>Names and sign-in codes are hidden in the projector view.</p>
      ) : (
        <table aria-label="Class list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Lab name</th>
              <th scope="col">Sign-in code</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((r) => (
              <tr key={r.pseudonym}>
                <td>
                  {renaming?.pseudonym === r.pseudonym ? (
                    <form
                      className="row"
                      onSubmit={(e) => {
                        e.preventDefault()
                        void guard(`Could not rename ${r.displayName}`, () => rename(r.pseudonym, renaming.name))
                      }}
                    >
                      <input aria-label={`New name for ${r.displayName}`} value={renaming.name} onChange={(e) => setRenaming({ pseudonym: r.pseudonym, name: e.target.value })} required maxLength={80} autoFocus />
                      <button type="submit">Save</button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    r.displayName
                  )}
                </td>
                <td>{r.pseudonym}</td>
                <td>{r.code}</td>
                <td>
                  <button type="button" aria-label={`Rename ${r.displayName}`} onClick={() => setRenaming({ pseudonym: r.pseudonym, name: r.displayName })}>
                    Rename
                  </button>{' '}
                  <button type="button" aria-label={`Remove ${r.displayName}`} onClick={() => void guard(`Could not remove ${r.displayName}`, () => remove(r))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** Says which names are already on the list and which come twice in what is being added. */
function duplicateWording(duplicates: readonly string[], roster: readonly { displayName: string }[]) {
  const onList = new Set(roster.map((r) => nameKey(r.displayName)))
  const already = duplicates.filter((n) => onList.has(nameKey(n)))
  const twice = duplicates.filter((n) => !onList.has(nameKey(n)))
  return (
    <>
      {already.length ? (
        <>
          Already on the class list: <strong>{already.join(', ')}</strong>.{' '}
        </>
      ) : null}
      {twice.length ? (
        <>
          Twice in what you are adding: <strong>{twice.join(', ')}</strong>.{' '}
        </>
      ) : null}
    </>
  )
}
