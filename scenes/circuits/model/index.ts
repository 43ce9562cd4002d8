export * from './circuit'
export * from './solve'
