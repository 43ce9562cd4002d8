import { useEffect } from 'react'
import { createPortal } from 'react-dom'
import { useStore } from 'zustand'
import { stationControlsStore } from './controls'
import './station.css'

/**
 * "Pause all": a full-screen notice over whatever the station shows. The rest of the page is made
 * inert while it is up, so neither a click, a tap nor the keyboard reaches the lab behind it.
 */
export function PausedOverlay() {
  const paused = useStore(stationControlsStore, (s) => s.controls?.paused ?? false)
  useEffect(() => {
    const root = document.getElementById('root')
    if (!paused || !root) return
    root.inert = true
    return () => {
      root.inert = false
    }
  }, [paused])
  if (!paused) return null
  return createPortal(
    <div className="station-paused" role="alertdialog" aria-modal="true" aria-labelledby="station-paused-title" aria-describedby="station-paused-text" data-testid="paused-overlay">
      <h2 id="station-paused-title">Paused by your teacher</h2>
      <p id="station-paused-text">Eyes on your teacher, please. Your lab carries on where you left it when they un-pause.</p>
    </div>,
    document.body,
  )
}
