// Nest 12 ships ES modules only, so Jest runs in its native ESM mode
// (NODE_OPTIONS=--experimental-vm-modules, set by the npm scripts).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        keepClassNames: true,
      },
      module: { type: 'es6' },
    }],
  },
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  // Generous: each e2e file seeds a fresh database and builds the search index; a busy 2-core machine is slow.
  testTimeout: 120000,
  // Jest's default is cores - 1 (one worker here); e2e files wait on the database much of the time.
  maxWorkers: 2,
};
