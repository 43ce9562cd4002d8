// Mutation testing of one module with its own report, so that runs of several modules one after
// another do not overwrite each other's JSON (and summaries can be kept per module):
//   MUTATION_NAME=fit npx stryker run stryker.module.config.mjs --mutate src/learner/fit.ts \
//     --testFiles 'test/learner/fit.test.ts,test/learner/hand-worked.test.ts'
// writes reports/mutation/fit/mutation.json (and index.html). Sandbox: .stryker-tmp/fit. With
// --incremental, a later run of the same name reuses the results of mutants and tests unchanged.
import base from './stryker.config.mjs'

const name = process.env.MUTATION_NAME
if (!name || !/^[\w.-]+$/.test(name)) throw new Error('stryker.module.config.mjs: set MUTATION_NAME to a short name for the report folder (letters, digits, . _ -)')

export default {
  ...base,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  tempDirName: `.stryker-tmp/${name}`,
  // Another run's sandbox beside this one is not part of the project.
  ignorePatterns: [...base.ignorePatterns, '.stryker-tmp'],
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  // A second run of the same module (after new tests) reruns only what changed.
  incrementalFile: `reports/mutation/${name}/stryker-incremental.json`,
}
