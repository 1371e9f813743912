// Lint for the whole tree, run by `npm test` (npm run lint). Besides typescript-eslint's
// recommended rules it states the code's boundaries, so a wrong import fails the lint where it is
// written rather than in a review:
// - the app, the server and the shared contract stay apart (the app never imports the server, and
//   the reverse; the shared contract imports neither, nor Node's modules, since the tablet runs it);
// - the tablet database (src/app/db) and the sync core (src/app/sync) know no feature: no component,
//   no services.ts, no feature folder. Features plug in from src/app/services.ts.
// test/lint-boundaries.test.ts proves each of these rules reports a violation.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

const serverImports = { group: ['**/server/**'], message: 'The app and the shared contract never import the server.' };
const appImports = { group: ['**/app/**'], message: 'The server and the shared contract never import the app.' };
const nodeImports = { group: ['node:*'], message: 'This code runs on the tablet: no Node modules.' };
// Any relative import that leaves the folder, except into the folders it may use. Regular
// expressions, because gitignore-style patterns cannot re-include a path below an excluded parent.
const dbImports = {
  regex: String.raw`^\.\./(?!\.\./shared(/|$))`,
  message:
    'The tablet database (src/app/db) knows no feature: it imports only db/ and src/shared, never a component, services.ts or a feature folder.',
};
const syncImports = {
  regex: String.raw`^\.\./(?!db(/|$)|\.\./shared(/|$))`,
  message:
    'The sync core (src/app/sync) knows no feature: it imports only sync/, db/ and src/shared. Features register their pull steps from src/app/services.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'data/**', 'test/generated-client/openapi.generated.d.ts', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Types come from zod schemas and TypeScript; the checker already catches undefined names.
      'no-undef': 'off',
    },
  },
  {
    // Tests and benchmarks poke at JSON answers and stored rows whose shape they check themselves.
    files: ['test/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Only the app has Preact hooks; tests' use* helpers (useTestServer) are not hooks.
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverImports, nodeImports] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [appImports] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverImports, appImports, nodeImports] }] },
  },
  {
    files: ['src/app/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverImports, nodeImports, dbImports] }] },
  },
  {
    files: ['src/app/sync/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverImports, nodeImports, syncImports] }] },
  },
  {
    files: ['src/app/db/**/*.tsx', 'src/app/sync/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message: 'src/app/db and src/app/sync hold no components: put the component with the screen that shows it.',
        },
      ],
    },
  },
  prettier,
);
