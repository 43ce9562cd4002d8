// Mutation testing of the pure core: `npm run mutation`. Not part of `npm test` (it takes long).
// A subset: `npm run mutation -- --mutate 'scenes/projectile/model/**'`.
// Then `npx tsx scripts/mutation-summary.ts` prints killed/total per module from the JSON report.
// Reports go to reports/mutation/ (ignored by git); the sandbox to .stryker-tmp/ (also ignored).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(fileURLToPath(import.meta.url))

// Stryker runs the tests in a copy of the repository under .stryker-tmp/, where the BKT reference
// data beside the clone (../shared/reference/bkt) is no longer beside it: point the tests at it.
const besideClone = path.resolve(root, '../shared/reference/bkt')
if (!process.env.BENCHTOP_BKT_REFERENCE && existsSync(besideClone)) process.env.BENCHTOP_BKT_REFERENCE = besideClone

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the unit project: vitest.stryker.config.ts selects it from vitest.config.ts.
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // A static mutant (one only reached while modules load or in beforeAll/describe bodies) makes
  // Stryker reload and rerun every related test; here that is hours per module. They are
  // reported as Ignored, and module-level constants get explicit tests (e.g.
  // test/scenes/projectile/constants.test.ts). Mutants also reached from inside a test still run.
  ignoreStatic: true,
  // The machine has 2 cores shared with others.
  concurrency: 2,
  // The shared machine is often loaded: a slow test run is not an infinite loop.
  timeoutMS: 10000,
  dryRunTimeoutMinutes: 20,
  mutate: [
    // The learner model; fit.worker.ts and fitClient.ts are Worker glue, not pure logic.
    'src/learner/**/*.ts',
    '!src/learner/fit.worker.ts',
    '!src/learner/fitClient.ts',
    '!src/learner/index.ts',
    // The tutor loop.
    'src/tutor/**/*.ts',
    '!src/tutor/index.ts',
    // Scene models, assessors and task generators.
    'scenes/*/model/**/*.ts',
    '!scenes/*/model/index.ts',
    'scenes/*/assess.ts',
    'scenes/*/tasks/**/*.ts',
    '!scenes/*/tasks/types.ts',
    // The telemetry queue (what is delivered, retried or quarantined).
    'src/telemetry/queue.ts',
    // The hub's authorization: who may do what. Today it is spread over keys.ts (authenticate),
    // api.ts (requireRole) and lrs/index.ts (the station's limits); those two are mostly routing
    // and I/O, so only keys.ts is mutated.
    // TODO(route table): when authorization moves into one route table module, add it here,
    // e.g. 'src/hub/routes.ts'.
    'src/hub/keys.ts',
  ],
  // Keep the sandbox copy small: build outputs, data and reports need not be copied.
  ignorePatterns: ['dist', 'benchtop-data', 'test-results', 'coverage', 'reports', 'public/xr-profiles', '*.log'],
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
}
