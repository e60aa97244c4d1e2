// Type checking is done once by `tsc --noEmit` (npm run typecheck) before jest runs,
// so ts-jest only transpiles (isolatedModules): seconds instead of a full program per suite.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, esModuleInterop: true, resolveJsonModule: true } }],
};

/** @type {import('jest').Config} */
module.exports = {
  // A hang guard, never a speed check (speed lives in bench/): jest's 5 s default
  // failed moto hooks on a 2-core CI machine busy with other work. Tests that
  // need longer (the system suite's terraform runs) set their own.
  testTimeout: 60_000,
  // Three workers on the 2-core machine (jest would take one): the two system
  // files (the cdktf organization, the Terraform modules' example) spend their
  // minutes waiting on terraform and moto, each with a moto of its own, so both
  // run at once while the third worker takes the other suites.
  maxWorkers: 3,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/integration/', '<rootDir>/__tests__/system/'],
    },
    {
      // Talks to a real moto server (AWS wire protocols) started once for the whole project.
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/support/moto/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/support/moto/global-teardown.ts',
    },
    {
      // Real terraform + the AWS provider from the machine's filesystem mirror,
      // applying the synthesized stacks into a moto server of its own (started by the suite).
      displayName: 'system',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/system/**/*.test.ts'],
    },
  ],
};
