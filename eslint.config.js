import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** Pure layers run in plain Node: no React, three, DOM-bound stores or view code. */
const PURE = [
  'src/core/**',
  'src/learner/**',
  'src/tutor/**',
  'src/shared/**',
  // Telemetry's statement side is pure; the queue (IndexedDB) and transport (fetch) are not.
  'src/telemetry/builders.ts',
  'src/telemetry/profile.ts',
  'src/telemetry/privacy.ts',
  'src/telemetry/rate.ts',
  'src/telemetry/util.ts',
  'scenes/*/model/**',
  'scenes/*/tasks/**',
  'scenes/*/*.ts',
]
const VIEW_ONLY = ['react', 'react-dom', 'react-dom/*', 'three', 'three/*', '@react-three/*', 'zustand', 'zustand/*', 'idb']

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'public/**',
      'test-results/**',
      'coverage/**',
      // Mutation testing's sandbox copy and reports (npm run mutation).
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Hooks follow React's rules (a broken one is an error); a dependency list that misses a value
    // is a stale closure waiting to happen (a warning, to be fixed or explained where it is meant).
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: PURE,
    ignores: ['scenes/*/view/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: VIEW_ONLY, message: 'Pure layers (models, tasks, assessors, learner, tutor) import no React, three or zustand.', allowTypeImports: true },
            { group: ['**/view/**', '**/app/**', '**/xr/**', '**/dashboard/**', '**/hub/**'], message: 'Pure layers do not reach into views, the app, the hub or the dashboard.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // The app composes views and scenes, never the other way: a view or a scene that imports the app cannot be used without it.
    files: ['src/view/**', 'scenes/*/view/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**', '**/dashboard/**', '**/hub/**'], message: 'Views and scenes import nothing from the app, the dashboard or the hub.' }] }],
    },
  },
  {
    files: ['src/dashboard/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['three', 'three/*', '@react-three/*', '**/scenes/*/view/**'], message: 'The dashboard is React DOM only.' }] }],
    },
  },
  {
    files: ['src/hub/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'three', '@react-three/*', '**/view/**'], message: 'The hub is Node only.' }] }],
    },
  },
)
