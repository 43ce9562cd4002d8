import type { InputMode, InteractionSummary } from '../core'

/**
 * Summarises a task's high-frequency interaction (drags, key presses) into the few numbers
 * telemetry keeps, so that no pose or pointer stream ever leaves the frame loop.
 */
export class InteractionTracker {
  private shownAt = 0
  private firstActionAt: number | null = null
  private adjustments = 0
  private pathLength = 0
  private lastMode: InputMode = 'mouse'

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A new task appeared. */
  reset(): void {
    this.shownAt = this.now()
    this.firstActionAt = null
    this.adjustments = 0
    this.pathLength = 0
  }

  /** A manipulation began (drag start, a key press that changed a value). */
  begin(mode: InputMode): void {
    if (this.firstActionAt === null) this.firstActionAt = this.now()
    this.adjustments++
    this.lastMode = mode
  }

  /** Distance moved during a drag, in scene metres. */
  moved(distance: number): void {
    this.pathLength += Math.abs(distance)
  }

  summary(submitMode?: InputMode): InteractionSummary {
    const now = this.now()
    return {
      inputMode: submitMode ?? this.lastMode,
      timeToFirstActionMs: Math.round((this.firstActionAt ?? now) - this.shownAt),
      adjustments: this.adjustments,
      pathLength: Math.round(this.pathLength * 1000) / 1000,
    }
  }
}
