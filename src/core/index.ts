export * from './rng'
export * from './clock'
export * from './plugin'
export * from './events'
