/**
 * ESLint (flat config): typescript-eslint's recommended rules without type information (fast: no TypeScript
 * program is built), and the allowed import directions between the layers (docs/decisions/), checked by
 * `huiyin/import-directions` (scripts/eslint-import-directions.mjs). `npm run lint` runs it, and
 * scripts/check-lint-directions.mjs proves that a planted wrong import still fails.
 */
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import huiyin from './scripts/eslint-import-directions.mjs';

const SEE = 'See docs/decisions/.';

/**
 * Who may import whom. A folder is a path from the repository root, a package a bare name (covering its
 * subpaths); `forbidValues` still allows `import type`. A file outside every zone may import anything.
 */
const ZONES = [
  {
    from: 'worker/rules',
    only: ['worker/rules', 'zod'],
    message: `worker/rules is pure: rules return codes; views translate them. It imports only worker/rules and zod. ${SEE}`,
  },
  {
    from: 'db',
    only: ['db', 'worker/rules', 'drizzle-orm', 'zod'],
    message: `db is the data layer: it imports only db, worker/rules, drizzle-orm and zod — never views, routes, the API, use cases, forms or hono. ${SEE}`,
  },
  {
    from: 'views',
    forbid: ['worker/routes', 'worker/api', 'worker/usecases'],
    forbidValues: ['db'],
    message: `views are pure functions of data: no routes, API, use cases or db values (import type from db is fine). ${SEE}`,
  },
  {
    from: 'worker/usecases',
    forbid: ['worker/routes', 'worker/api', 'views/pages'],
    message: `worker/usecases are what pages and the API both call: they never import routes, the API or pages. ${SEE}`,
  },
  {
    from: 'worker/api',
    forbid: ['worker/routes'],
    message: `worker/api calls use cases (worker/usecases), never route files. ${SEE}`,
  },
  {
    from: 'worker/forms',
    forbid: ['worker/routes'],
    forbidValues: ['db'],
    message: `worker/forms holds the zod form schemas: no routes, no db values (import type is fine). ${SEE}`,
  },
];

export default defineConfig(
  {
    ignores: ['node_modules/', '.wrangler/', 'migrations/', 'worker/assets/generated.ts', 'bench/out/', 'test-results/', 'docs/screenshots/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { huiyin },
    rules: {
      // An empty `catch {}` is this code's way of saying "ignore that failure" (killing a process already gone).
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Input sanitisation strips control characters on purpose (/[\u0000-\u001f]/), and benches strip ANSI escapes.
      'no-control-regex': 'off',
      // Chinese text uses the ideographic space (U+3000) deliberately, in strings, templates and JSX text.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      'huiyin/import-directions': ['error', { root: import.meta.dirname, zones: ZONES }],
      // Unused code is a bug or dead weight; a leading `_` marks a deliberately unused parameter or binding.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  // Node scripts, benches, the browser tests and config files run in Node, not workerd.
  {
    files: ['scripts/**', 'bench/**', 'test/browser/**', '*.config.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // The browser tests' page.evaluate / waitForFunction callbacks run inside the page.
  {
    files: ['test/browser/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The one script served to browsers (progressive enhancement).
  {
    files: ['views/enhance.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
);
