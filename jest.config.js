/** Jest runs the TypeScript sources directly (ts-jest, ESM); acceptance tests drive the built provider in dist/. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // fastify's inject() (light-my-request) require()s cookie 2, which is ES-module-only; jest on Node 20 cannot
    // require an ES module, so it gets cookie 1, the same API as CommonJS (installed as cookie-cjs).
    '^cookie$': 'cookie-cjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'test/tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
