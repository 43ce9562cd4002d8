import { useState } from 'react'
import { makePseudonym, profileStore } from '../stores/profile'

/**
 * Students never type a name or e-mail: they take a friendly random pseudonym. (With the
 * classroom hub, they pick theirs from the class list instead.)
 */
export function SignIn() {
  const [name, setName] = useState(() => makePseudonym())
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Your lab name</h2>
      <p>
        Your lab name is <strong data-testid="pseudonym">{name}</strong>. It keeps your progress without using your real
        name.
      </p>
      <div className="row">
        <button type="button" onClick={() => setName(makePseudonym())}>
          Another name
        </button>
        <button type="button" className="primary" onClick={() => profileStore.getState().signIn(name)}>
          Start as {name}
        </button>
      </div>
    </section>
  )
}
