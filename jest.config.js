/** Jest 30 in ESM mode: NestJS 12 is ESM-only (see README, "Tests"). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/clients/typescript/test'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: {
    // The typed client from its sources (no build needed), as the examples import it by package name.
    '^@scoran/ledger-client$': '<rootDir>/clients/typescript/src/index.ts',
    '^@scoran/ledger-client/operations$': '<rootDir>/clients/typescript/src/generated/graphql.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  verbose: true,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  // A limit against hangs, not a speed check: e2e files start a real service and some ran close to 30 s
  // on a shared two-core machine (speed is measured by the benchmarks).
  testTimeout: 60000,
  // ESM mode keeps each file's modules in the worker: over 100 files the single in-band process ran out of
  // its 4 GB heap. A limit runs the files in a worker that is replaced once it holds more than this.
  workerIdleMemoryLimit: '1536MB',
};
