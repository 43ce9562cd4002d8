/**
 * Rotation timer arithmetic, pure: which segment of the station rotation is running and how long
 * is left of it, and when a student in the headset is due a break. Times are milliseconds on the
 * hub's clock (the station corrects its own by the offset the hub reports).
 */

export interface RotationSettings {
  segmentMinutes: number
  vrSegmentMinutes: number
  /** ISO time the teacher started the rotation, or null when it is stopped. */
  startedAt: string | null
  /** ISO time "pause all" stopped the timer, or null: the countdown stands still there. */
  pausedAt?: string | null
}

export interface SegmentCountdown {
  /** 1 for the first segment after the teacher pressed start, then 2, 3... */
  segment: number
  /** Milliseconds left in this segment, never negative. */
  remainingMs: number
}

const MINUTE_MS = 60_000

/**
 * The segment running at `nowMs` and what is left of it; null when the rotation is stopped.
 * Segments follow each other back to back, so a rotation keeps counting until the teacher stops it.
 */
export function segmentCountdown(rotation: RotationSettings, nowMs: number): SegmentCountdown | null {
  if (rotation.startedAt === null) return null
  const started = Date.parse(rotation.startedAt)
  const length = rotation.segmentMinutes * MINUTE_MS
  if (!Number.isFinite(started) || !(length > 0)) return null
  // Paused: the countdown stands still at the moment of the pause.
  const at = rotation.pausedAt ? Date.parse(rotation.pausedAt) : nowMs
  // A station clock a little behind the hub's must not show more than a whole segment.
  const elapsed = Math.max(0, at - started)
  const index = Math.floor(elapsed / length)
  return { segment: index + 1, remainingMs: length - (elapsed - index * length) }
}

/** "4:05" for a countdown; whole seconds, rounded up so 0:00 shows only at the end. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(seconds / 60)
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`
}

/** Words for the screen reader's timer: "4 minutes 5 seconds left". */
export function describeCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts = [minutes > 0 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '', rest > 0 || minutes === 0 ? `${rest} second${rest === 1 ? '' : 's'}` : ''].filter(Boolean)
  return `${parts.join(' ')} left`
}

/**
 * Milliseconds until a student who entered the headset at `enteredMs` is due a break (0 when it
 * is due now), or null when no break applies: the rotation is stopped, or nobody is in VR.
 */
export function msUntilVrBreak(rotation: RotationSettings, enteredMs: number | null, nowMs: number): number | null {
  if (rotation.startedAt === null || enteredMs === null) return null
  return Math.max(0, enteredMs + rotation.vrSegmentMinutes * MINUTE_MS - nowMs)
}
