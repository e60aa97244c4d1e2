// Type checking is done once by `tsc --noEmit` (npm run typecheck) before jest runs,
// so ts-jest only transpiles (isolatedModules): seconds instead of a full program per suite.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, esModuleInterop: true, resolveJsonModule: true } }],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/integration/'],
    },
    {
      // Talks to a real moto server (AWS wire protocols) started once for the whole project.
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/integration/moto/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/integration/moto/global-teardown.ts',
    },
  ],
};
