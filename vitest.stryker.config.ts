/**
 * Vitest config for mutation testing (`npm run mutation`): the `unit` project of vitest.config.ts
 * alone, as a plain config. Stryker's vitest runner runs every project it is given, and the e2e
 * project builds the app and drives Chromium, which mutation testing must never do.
 */
import { defineConfig } from 'vitest/config'
import base from './vitest.config'

const unit = base.test?.projects?.find(
  (project): project is { test: { name: string; exclude?: string[] } } =>
    typeof project === 'object' && project !== null && 'test' in project && (project as { test?: { name?: string } }).test?.name === 'unit',
)
if (!unit) throw new Error('vitest.stryker.config.ts: vitest.config.ts has no project named "unit" to mutation-test with')

// The simulated classrooms (60 synthetic students through the tutor, 15 s and more each) cover
// every mutant of a scene and the tutor, and would run for each one that survives the focused
// tests: hours on a 2-core machine. They check the tutor's statistics end to end; mutation
// testing measures what the focused unit tests catch.
const SIMULATED_CLASSROOMS = ['test/sim/classroom.test.ts', 'test/scenes/*/classroom.test.ts']

// Instrumented code on a loaded 2-core machine runs several times slower than the plain suite;
// Stryker's own timeout (timeoutMS in stryker.config.mjs) catches mutants that loop forever.
export default defineConfig({
  test: {
    ...unit.test,
    exclude: [...(unit.test.exclude ?? []), ...SIMULATED_CLASSROOMS],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
