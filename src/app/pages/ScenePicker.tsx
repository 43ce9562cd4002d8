import { useEffect } from 'react'
import { useStore } from 'zustand'
import { go, usePseudonym } from '../hooks'
import { stationStore } from '../stores/station'
import { JoinHub, StationSignIn } from './StationSetup'
import { profileStore } from '../stores/profile'
import { scenes } from '../registry'
import { SignIn } from './SignIn'
import { PausedOverlay } from '../station/PausedOverlay'

/** Student and station home: sign in, then pick a simulation from the registry. */
export function ScenePicker({ station }: { station: boolean }) {
  const pseudonym = usePseudonym()
  const hub = useStore(stationStore, (s) => s.config)
  // Opening the station address (e.g. from the hub's QR code) makes this device a station.
  useEffect(() => {
    if (station) profileStore.getState().chooseRole('station')
  }, [station])
  return (
    <main id="main" tabIndex={-1} className="picker">
      <PausedOverlay />
      <h1>{station ? 'Lab station' : 'Choose a lab'}</h1>
      {station && !hub ? (
        <JoinHub />
      ) : pseudonym === null ? (
        hub ? <StationSignIn config={hub} /> : <SignIn />
      ) : (
        <>
          <p className="who">
            Working as <strong>{pseudonym}</strong>.{' '}
            <button type="button" className="link" onClick={() => profileStore.getState().nextStudent()}>
              {station ? 'Next student' : 'Not you?'}
            </button>
          </p>
          <ul className="scene-list" aria-label="Simulations">
            {scenes.map((scene) => (
              <li key={scene.id} className="scene-card">
                <h2>{scene.title}</h2>
                <p className="subject">{scene.subject}</p>
                <p>{scene.summary}</p>
                <button type="button" className="primary" data-scene={scene.id} onClick={() => go({ page: 'lab', sceneId: scene.id })}>
                  Open {scene.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  )
}
