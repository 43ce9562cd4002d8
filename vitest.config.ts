import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          benchmark: { include: ['test/**/*.bench.ts'] },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // A ceiling, not a wait: a headset scene under SwiftShader on a loaded 2-core machine takes
          // over a minute; every wait inside a test has its own limit on the state it waits for.
          testTimeout: 150_000,
          hookTimeout: 120_000,
          // One browser at a time: CI has two cores and SwiftShader wants both.
          fileParallelism: false,
        },
      },
    ],
  },
})
