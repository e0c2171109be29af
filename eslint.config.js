// Lint gate (`npm run lint`, zero warnings): typescript-eslint's type-aware rules over the sources,
// scripts, benchmarks and tests. Where a rule is relaxed, the reason stands beside it.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/generated/**', 'web/**', 'clients/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `const { secret: _, ...rest } = x` is how the code drops a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Read models build their WHERE clauses as `if (filter.x) where.push(...) && (params.x = ...)`.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Interface implementations that happen to be synchronous stay `async` so that a throw is a rejection.
      '@typescript-eslint/require-await': 'off',
      // `let { service, admin } = await start()` where only `service` is reassigned later.
      'prefer-const': ['error', { destructuring: 'all' }],
      // An iterator's throw() and a subscription pass on whatever failed, as they received it.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Tests read untyped JSON (supertest bodies, GraphQL responses) and jest's asymmetric matchers are
      // typed `any`: the assertions check the shape. Promise rules stay on.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
