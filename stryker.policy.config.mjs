// Mutation testing of the tutor's policy with only the learner and tutor unit tests
// (vitest.stryker.policy.config.ts says why). One file at a time:
//   npx stryker run stryker.policy.config.mjs --mutate src/learner/difficulty.ts
import base from './stryker.config.mjs'

export default {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.stryker.policy.config.ts' },
  tempDirName: '.stryker-tmp/policy',
  // Another run's sandbox beside this one is not part of the project.
  ignorePatterns: [...base.ignorePatterns, '.stryker-tmp'],
  htmlReporter: { fileName: 'reports/mutation/policy/index.html' },
  jsonReporter: { fileName: 'reports/mutation/policy/mutation.json' },
}
