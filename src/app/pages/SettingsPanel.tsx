import { useEffect, useRef } from 'react'
import { useSettings } from '../hooks'
import { settingsStore, TEXT_SCALES, type Settings } from '../stores/settings'

type Toggle = { key: keyof Pick<Settings, 'reducedMotion' | 'highContrast' | 'seated' | 'narration' | 'teleport'>; label: string; help: string }

const TOGGLES: Toggle[] = [
  { key: 'reducedMotion', label: 'Reduce motion', help: 'No camera easing or animations.' },
  { key: 'highContrast', label: 'High contrast', help: 'Black, white and bright colours.' },
  { key: 'seated', label: 'Seated', help: 'Lower the lab table for sitting.' },
  { key: 'narration', label: 'Read aloud', help: 'Speak tasks, feedback and hints.' },
  { key: 'teleport', label: 'Teleport and snap turn (headset)', help: 'Off keeps you still; the lab is within reach.' },
]

/** Settings that persist on this device (localStorage). */
export function SettingsPanel() {
  const settings = useSettings()
  const update = settingsStore.getState().update
  const details = useRef<HTMLDetailsElement>(null)
  // A press anywhere else folds the sheet away, as it does any overlay (the lab stays usable).
  // Listening all along, not from the toggle event on: that comes a task after the sheet shows.
  useEffect(() => {
    const away = (e: PointerEvent) => {
      const sheet = details.current
      if (sheet?.open && !sheet.contains(e.target as Node)) sheet.open = false
    }
    // Capture phase: the 3D view stops the pointer events it handles.
    document.addEventListener('pointerdown', away, true)
    return () => document.removeEventListener('pointerdown', away, true)
  }, [])
  // Escape folds it away too, and gives focus back to its summary.
  return (
    <details
      ref={details}
      className="settings"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !e.currentTarget.open) return
        e.currentTarget.open = false
        e.currentTarget.querySelector('summary')?.focus()
      }}
    >
      <summary>Settings</summary>
      {/* Over the page, not in its flow: opening it must not push the lab's canvas down. */}
      <div className="settings-sheet">
        <fieldset>
          <legend>Comfort and access</legend>
          {TOGGLES.map(({ key, label, help }) => (
            <label key={key} className="toggle">
              <input type="checkbox" name={key} checked={settings[key]} onChange={(e) => update({ [key]: e.target.checked })} />
              <span>{label}</span> <small>{help}</small>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Text size</legend>
          {TEXT_SCALES.map((scale) => (
            <label key={scale} className="toggle">
              <input type="radio" name="textScale" value={scale} checked={settings.textScale === scale} onChange={() => update({ textScale: scale })} />
              <span>{Math.round(scale * 100)}%</span>
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  )
}
