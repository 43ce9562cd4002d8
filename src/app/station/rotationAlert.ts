/**
 * "Time to rotate" at a station: when a rotation segment ends (the timer ran out, or the teacher
 * pressed "rotate now"), every station shows it and sounds a short beep made on the spot with
 * Web Audio (no sound file to fetch). Starting the timer is not a rotation; a paused timer never
 * runs out. The view is RotationAlert.tsx.
 */
import { createStore } from 'zustand/vanilla'
import { segmentCountdown } from './rotation'
import type { StationControls } from './controls'

export interface RotationAlertState {
  /** The segment that just began (2, 3, ...), or null when no alert shows. */
  segment: number | null
  /** Beeps that started to play this page's life (the audio device may still be muted by the browser). */
  beeps: number
}

export const rotationAlertStore = createStore<RotationAlertState>()(() => ({ segment: null, beeps: 0 }))

export const dismissRotationAlert = () => rotationAlertStore.setState({ segment: null })

let audio: AudioContext | null = null

/** Two short tones (880 Hz then 660 Hz), loud enough to hear across a classroom, not harsh. */
export function beep(): void {
  const Context = globalThis.AudioContext
  if (!Context) return
  try {
    audio ??= new Context()
    // A page the student has touched may play sound; a suspended context resumes here.
    void audio.resume().catch(() => {})
    const start = audio.currentTime + 0.05
    ;[880, 660].forEach((frequency, i) => {
      const tone = audio!.createOscillator()
      const gain = audio!.createGain()
      tone.type = 'sine'
      tone.frequency.value = frequency
      const at = start + i * 0.3
      gain.gain.setValueAtTime(0.0001, at)
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25)
      tone.connect(gain).connect(audio!.destination)
      tone.start(at)
      tone.stop(at + 0.27)
    })
    rotationAlertStore.setState((s) => ({ beeps: s.beeps + 1 }))
  } catch (error) {
    console.warn(`Benchtop: could not sound the rotation beep: ${(error as Error).message}`)
  }
}

/**
 * Follows the controls and the hub's clock; returns the function to call whenever the controls
 * change. Between changes one timer waits for the end of the running segment.
 */
export function createRotationWatch(controls: () => StationControls | null, hubNow: () => number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastSegment: number | null = null
  const check = () => {
    clearTimeout(timer)
    const rotation = controls()?.rotation
    const countdown = rotation ? segmentCountdown(rotation, hubNow()) : null
    if (!rotation || !countdown) {
      lastSegment = null
      return
    }
    if (lastSegment !== null && countdown.segment > lastSegment) {
      rotationAlertStore.setState({ segment: countdown.segment })
      beep()
    }
    lastSegment = countdown.segment
    // Paused: the countdown stands still, nothing to wait for until the controls change.
    if (!rotation.pausedAt) timer = setTimeout(check, countdown.remainingMs + 50)
  }
  return check
}
