export * from './types'
export * from './formats'
export * from './validate'
export * from './version'
