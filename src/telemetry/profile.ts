/** The profile's IRIs live in src/shared (the hub checks statements against them too). */
export * from '../shared/profile'
