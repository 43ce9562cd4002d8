import { lazy, Suspense, useEffect } from 'react'
import { useRoute, useSettings } from './hooks'
import { ScenePicker } from './pages/ScenePicker'
import { SettingsPanel } from './pages/SettingsPanel'
import { StartPage } from './pages/StartPage'
import { TeacherPage } from './pages/TeacherPage'
import { go } from './hooks'
import { RotationAlert } from './station/RotationAlert'

// The lab (three, R3F, XR) loads only when a simulation opens: the start page stays light.
const LabPage = lazy(() => import('./lab/LabPage').then((m) => ({ default: m.LabPage })))

function useDocumentSettings() {
  const { highContrast, textScale, reducedMotion } = useSettings()
  useEffect(() => {
    const root = document.documentElement
    root.classList.toggle('high-contrast', highContrast)
    root.classList.toggle('reduced-motion', reducedMotion)
    root.style.setProperty('--text-scale', String(textScale))
  }, [highContrast, textScale, reducedMotion])
}

function SkipLink() {
  return (
    <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
      Skip to content
    </button>
  )
}

export function App() {
  const route = useRoute()
  useDocumentSettings()
  if (route.page === 'lab') {
    return (
      <>
        <SkipLink />
        <Suspense fallback={<p className="loading">Loading the lab…</p>}>
          <LabPage sceneId={route.sceneId} />
        </Suspense>
        <RotationAlert />
      </>
    )
  }
  return (
    <>
      <SkipLink />
      <header className="top">
        <button type="button" className="link brand" onClick={() => go({ page: 'start' })}>
          Benchtop
        </button>
        <SettingsPanel />
      </header>
      {route.page === 'start' ? <StartPage /> : null}
      {route.page === 'student' ? <ScenePicker station={false} /> : null}
      {route.page === 'station' ? <ScenePicker station /> : null}
      {route.page === 'teacher' ? <TeacherPage /> : null}
      <RotationAlert />
    </>
  )
}
