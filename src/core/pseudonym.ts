const ADJECTIVES = ['amber', 'brisk', 'calm', 'clever', 'daring', 'eager', 'gentle', 'keen', 'lucky', 'merry', 'nimble', 'quiet', 'rapid', 'sunny', 'swift', 'bold']
const ANIMALS = ['otter', 'falcon', 'lynx', 'heron', 'panda', 'gecko', 'koala', 'orca', 'puffin', 'fox', 'badger', 'ibis', 'yak', 'wren', 'newt', 'moth']

/**
 * An opaque, friendly pseudonym such as 'swift-otter-42'. Students never type their name: the
 * pseudonym is what every statement and the learner model are keyed by.
 */
export function makePseudonym(random: () => number = Math.random): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${10 + Math.floor(random() * 90)}`
}

/** A pseudonym as the app makes them: what the hub accepts from a station. */
export const PSEUDONYM_PATTERN = /^[a-z]+-[a-z]+-\d{2,4}$/
