import { createRng, systemClock } from '../../core'
import { createTutor } from '../../tutor'
import type { TutorFactory } from './labSession'

/**
 * The real tutor loop for a lab run. A saved learner state that no longer validates (an older
 * version, a hand-edited store) is set aside with a console warning rather than blocking the lab.
 */
export const tutorFactory: TutorFactory = ({ plugin, learner, savedState, emit, policy }) => {
  const rng = createRng((Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0)
  try {
    return createTutor({ plugin, learner, rng, clock: systemClock, state: savedState, emit, policy })
  } catch (error) {
    if (savedState === undefined) throw error
    console.warn(`Benchtop: the saved progress for ${learner} could not be read (${(error as Error).message}); starting fresh.`)
    return createTutor({ plugin, learner, rng, clock: systemClock, emit, policy })
  }
}
