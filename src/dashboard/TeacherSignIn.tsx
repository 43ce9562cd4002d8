/**
 * The teacher's sign-in: the first time, choose a passphrase with the setup code the hub printed
 * in its terminal (only the laptop's owner sees it); after that, the passphrase. The key the hub
 * prints each run also opens it, for whoever has the terminal and not the passphrase. Signing in
 * sets a session cookie that keeps this browser signed in across hub restarts. React DOM only.
 */
import { useEffect, useState, type FormEvent } from 'react'
import type { TeacherSessionState } from '../shared/teacher'
import { KeyRefused, teacherRequest, type HubClient } from './hubClient'

const MIN_PASSPHRASE = 10

interface Props {
  /** Why the form is back (signed out, the session ended), shown above it. */
  notice: string | null
  onSignedIn: () => void
}

export function TeacherSignIn({ notice, onSignedIn }: Props) {
  const [state, setState] = useState<TeacherSessionState | null>(null)
  const [unreachable, setUnreachable] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(notice)
  const [busy, setBusy] = useState(false)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    teacherRequest('api/teacher/session')
      .then((answer) => {
        if (!current) return
        setUnreachable(null)
        // Still signed in (a reload, or the hub came back): straight to the class.
        if (answer.signedIn) onSignedIn()
        else setState(answer)
      })
      .catch((error: unknown) => current && setUnreachable((error as Error).message))
    return () => {
      current = false
    }
  }, [attempt, onSignedIn])

  const submit = (path: string, body: unknown, check?: () => string | null) => async (e: FormEvent) => {
    e.preventDefault()
    const problem = check?.() ?? null
    if (problem) return setMessage(problem)
    setBusy(true)
    try {
      await teacherRequest(path, body)
      onSignedIn()
    } catch (error) {
      setMessage((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (unreachable)
    return (
      <section className="dashboard-key">
        <h2>Your class, live</h2>
        <p role="alert" className="key-refused">
          Cannot reach the hub ({unreachable}). Is it running on the teacher&apos;s laptop?
        </p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </section>
    )
  if (!state) return <p role="status">Checking your sign-in…</p>
  return (
    <section className="dashboard-key">
      <h2>Your class, live</h2>
      {message ? (
        <p role="alert" className="key-refused">
          {message}
        </p>
      ) : null}
      {state.passphraseSet ? <PassphraseForm busy={busy} onSubmit={(passphrase) => submit('api/teacher/sign-in', { passphrase })} /> : <SetupForm busy={busy} submit={submit} />}
      <KeyForm busy={busy} onSubmit={(teacherKey) => submit('api/teacher/sign-in', { teacherKey })} />
    </section>
  )
}

function PassphraseForm({ busy, onSubmit }: { busy: boolean; onSubmit: (passphrase: string) => (e: FormEvent) => void }) {
  const [passphrase, setPassphrase] = useState('')
  return (
    <form onSubmit={onSubmit(passphrase)} className="teacher-sign-in">
      <label htmlFor="teacher-passphrase">Passphrase</label>{' '}
      <input id="teacher-passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />{' '}
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      <p className="muted">
        Forgotten it? On the teacher&apos;s laptop stop the hub and start it with <code>npm start -- --reset-teacher</code>, then choose a new one.
      </p>
    </form>
  )
}

type Submit = (path: string, body: unknown, check?: () => string | null) => (e: FormEvent) => void

function SetupForm({ busy, submit }: { busy: boolean; submit: Submit }) {
  const [setupCode, setSetupCode] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [repeat, setRepeat] = useState('')
  const check = () =>
    [...passphrase].length < MIN_PASSPHRASE ? `Choose a passphrase of ${MIN_PASSPHRASE} characters or more (a few words is easiest).` : passphrase !== repeat ? 'The two passphrases differ: type the same one twice.' : null
  return (
    <form onSubmit={submit('api/teacher/setup', { setupCode, passphrase }, check)} className="teacher-setup">
      <h3>Set your teacher passphrase</h3>
      <p>
        The first time: choose a passphrase for this hub. The <strong>setup code</strong> is in the hub&apos;s terminal on the teacher&apos;s laptop, so only you can set it. You stay signed
        in on this browser for 30 days after you last use it, even when the hub restarts.
      </p>
      <p>
        <label htmlFor="teacher-setup-code">Setup code</label>{' '}
        <input id="teacher-setup-code" value={setupCode} onChange={(e) => setSetupCode(e.target.value)} autoComplete="off" required />
      </p>
      <p>
        <label htmlFor="teacher-new-passphrase">New passphrase</label>{' '}
        <input id="teacher-new-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
      </p>
      <p>
        <label htmlFor="teacher-repeat-passphrase">Repeat the passphrase</label>{' '}
        <input id="teacher-repeat-passphrase" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
      </p>
      <button type="submit" disabled={busy}>
        Set passphrase and sign in
      </button>
    </form>
  )
}

function KeyForm({ busy, onSubmit }: { busy: boolean; onSubmit: (key: string) => (e: FormEvent) => void }) {
  const [key, setKey] = useState('')
  return (
    <form onSubmit={onSubmit(key.trim())} className="teacher-key-form">
      <p className="muted">Or paste the teacher key that the hub printed when it started (it changes every run).</p>
      <label htmlFor="teacher-key">Teacher key</label> <input id="teacher-key" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" required />{' '}
      <button type="submit" disabled={busy}>
        Open the class view
      </button>
    </form>
  )
}

/** Settings: a new passphrase (with the current one); every other browser is signed out by it. */
export function ChangePassphrase({ hub }: { hub: HubClient }) {
  const [current, setCurrent] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [repeat, setRepeat] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="change-passphrase"
      onSubmit={async (e) => {
        e.preventDefault()
        if ([...passphrase].length < MIN_PASSPHRASE) return setMessage({ ok: false, text: `Choose a passphrase of ${MIN_PASSPHRASE} characters or more.` })
        if (passphrase !== repeat) return setMessage({ ok: false, text: 'The two new passphrases differ: type the same one twice.' })
        setBusy(true)
        try {
          const answer = await hub.json<{ otherSessionsSignedOut: number }>('api/teacher/passphrase', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ current, passphrase }) })
          const others = answer.otherSessionsSignedOut
          setMessage({ ok: true, text: `Passphrase changed. ${others === 1 ? 'One other browser was' : `${others} other browsers were`} signed out.` })
          setCurrent('')
          setPassphrase('')
          setRepeat('')
        } catch (error) {
          if (!(error instanceof KeyRefused)) setMessage({ ok: false, text: (error as Error).message })
        } finally {
          setBusy(false)
        }
      }}
    >
      <h3>Teacher passphrase</h3>
      <p>
        <label htmlFor="passphrase-current">Current passphrase</label>{' '}
        <input id="passphrase-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </p>
      <p>
        <label htmlFor="passphrase-new">New passphrase</label>{' '}
        <input id="passphrase-new" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
      </p>
      <p>
        <label htmlFor="passphrase-repeat">Repeat the new passphrase</label>{' '}
        <input id="passphrase-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
      </p>
      <button type="submit" disabled={busy}>
        Change passphrase
      </button>{' '}
      {message ? (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'key-refused'}>
          {message.text}
        </span>
      ) : null}
      <p className="muted">Signs out every other browser; this one stays signed in.</p>
    </form>
  )
}
