import { useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { profileStore } from '../stores/profile'
import { hashParams } from '../stores/route'
import { fetchClassList, signInByPick, signInWithCode, stationStore, type StationConfig } from '../stores/station'
import { startStationControls } from '../station/controls'
import { PausedOverlay } from '../station/PausedOverlay'
import type { ClassList } from '../../shared/station'

// Every station page comes through this module: from here on the device follows the teacher's
// controls (polling only while it is joined to a hub), whichever page it shows.
startStationControls()

/** Joins this device to the teacher's hub with the code from the hub's screen (or its QR code). */
export function JoinHub() {
  const error = useStore(stationStore, (s) => s.error)
  const removed = useStore(stationStore, (s) => s.removed)
  const [code, setCode] = useState(() => hashParams(location.hash).get('join') ?? '')
  const [label, setLabel] = useState(() => stationStore.getState().lastLabel ?? 'Station 1')
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="join"
      aria-labelledby="join-title"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        await stationStore.getState().join(code.trim(), label)
        setBusy(false)
      }}
    >
      <h2 id="join-title">Join the classroom hub</h2>
      {removed ? (
        <p role="alert" className="station-removed" data-testid="station-removed">
          {removed}
        </p>
      ) : null}
      <p>Type the join code shown on the teacher's screen (opening the hub's QR code fills it in).</p>
      <label htmlFor="join-code">Join code</label> <input id="join-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
      <label htmlFor="join-label">Station name</label> <input id="join-label" value={label} onChange={(e) => setLabel(e.target.value)} required />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Join
        </button>
      </div>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  )
}

/** At a station: students pick their pseudonym from the class list, or type their code. */
export function StationSignIn({ config }: { config: StationConfig }) {
  const [classList, setClassList] = useState<ClassList | null>(null)
  const pseudonyms = classList?.listSignIn ? classList.pseudonyms : null
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    fetchClassList(config).then(setClassList, (e: Error) => setError(`Could not load the class list: ${e.message}`))
  }, [config])
  return (
    <section aria-labelledby="station-sign-in">
      <h2 id="station-sign-in">Who is at {config.label}?</h2>
      {pseudonyms && pseudonyms.length > 0 ? (
        <ul className="class-list" aria-label="Class list">
          {pseudonyms.map((p) => (
            <li key={p}>
              <button
                type="button"
                onClick={() =>
                  // The hub records the sign-in: from then on this station may write for this student.
                  signInByPick(config, p).then(
                    (pseudonym) => profileStore.getState().signIn(pseudonym),
                    (err: Error) => setError(`Could not sign in: ${err.message}`),
                  )
                }
              >
                {p}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {pseudonyms && pseudonyms.length === 0 ? <p>The class list is empty: ask your teacher for your code.</p> : null}
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault()
          try {
            profileStore.getState().signIn(await signInWithCode(config, code.trim()))
          } catch (err) {
            setError((err as Error).message)
          }
        }}
      >
        <label htmlFor="student-code">{pseudonyms ? 'Or type your code' : 'Type your sign-in code'}</label>
        <input id="student-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" maxLength={5} />
        <button type="submit">Sign in</button>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      <PausedOverlay />
    </section>
  )
}
