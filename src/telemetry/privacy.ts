/** The privacy check lives in src/shared: the station runs it before queueing, the hub on every station statement. */
export * from '../shared/privacy'
