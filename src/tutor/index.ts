export * from './tutor'
