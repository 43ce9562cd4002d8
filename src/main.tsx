import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { emulatorRequested, exposeForTests } from './view/testHandles'
import { profileStore } from './app/stores/profile'
import { routeStore } from './app/stores/route'
import { settingsStore } from './app/stores/settings'
import './app/app.css'

async function boot() {
  if (emulatorRequested) {
    // Before anything asks navigator.xr: the emulated headset replaces the browser's runtime.
    const { installEmulator } = await import('./xr/emulator')
    exposeForTests({ device: installEmulator() })
  }
  exposeForTests({ stores: { settings: settingsStore, profile: profileStore, route: routeStore } })
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void boot()
