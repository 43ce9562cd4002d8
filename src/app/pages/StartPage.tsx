import { go } from '../hooks'
import { profileStore, type Role } from '../stores/profile'

const ROLES: { role: Role; title: string; text: string }[] = [
  { role: 'student', title: 'Student', text: 'Do hands-on science labs on this device, in a headset or on the screen.' },
  { role: 'station', title: 'Lab station', text: 'Set this device up as a station that students take turns at.' },
  { role: 'teacher', title: 'Teacher', text: 'See the simulations, their skills and levels, and how to run the classroom hub.' },
]

export function StartPage() {
  return (
    <main id="main" tabIndex={-1} className="start">
      <h1>Benchtop</h1>
      <p className="lead">Hands-on science simulations that adapt to you. Who is using this device?</p>
      <ul className="role-list">
        {ROLES.map(({ role, title, text }) => (
          <li key={role}>
            <button
              type="button"
              className="role-card"
              data-role={role}
              onClick={() => {
                profileStore.getState().chooseRole(role)
                go({ page: role })
              }}
            >
              <span className="role-title">{title}</span>
              <span className="role-text">{text}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
