/**
 * Vitest config for mutation-testing the tutor's policy (src/tutor/tutor.ts and src/learner's
 * difficulty, scaffold, progression and state): only the learner and tutor unit tests. With the
 * whole unit suite, `related` also pulls in the simulated classroom and every scene contract,
 * which makes one Stryker run of these files take hours on the shared machine.
 *   npx stryker run stryker.policy.config.mjs --mutate src/learner/difficulty.ts
 */
import { defineConfig } from 'vitest/config'
import base from './vitest.stryker.config'

// MUTATION_BASELINE=1 leaves out the tests written to kill this policy's mutants, for the
// score before them.
const killers = process.env.MUTATION_BASELINE ? ['test/**/*-mutants.test.ts'] : []

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/learner/*.test.ts', 'test/tutor/*.test.ts'],
    exclude: ['test/learner/reference.test.ts', 'test/learner/cli.test.ts', 'test/learner/fit.test.ts', 'test/learner/fitClient.test.ts', 'test/learner/csv.test.ts', ...killers],
  },
})
