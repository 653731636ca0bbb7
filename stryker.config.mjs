// Mutation testing (npm run mutation): not in CI — a full run takes many minutes — but run it
// before changing the modules it covers. Scope one module at a time with --mutate, e.g.
//   npm run mutation -- --mutate src/checks/verify.ts
// The vitest runner runs only the tests related to the mutated file (vitest --related).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: true },
  // the matcher, the verdict rules, the read-only port and the redaction of secrets
  mutate: ['src/diagnose/**/*.ts', 'src/checks/verify.ts', 'src/cluster/**/*.ts', 'src/redact.ts'],
  coverageAnalysis: 'perTest',
  // Stryker would rewrite tsconfig.json through the TypeScript JS API, which TypeScript 7 no
  // longer ships; nothing in it points outside the sandbox, so point it at no file at all.
  tsconfigFile: 'stryker-no-tsconfig-rewrite.json',
  // the machine is shared: one test runner at a time
  concurrency: 1,
  // a mutant that makes a test hang counts as killed after this; the slowest test waits a 15 s budget
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'scratch/mutation/index.html' },
  jsonReporter: { fileName: 'scratch/mutation/report.json' },
  // scratch/ is git- and biome-ignored, and outside vitest's test/** include
  tempDirName: 'scratch/stryker-tmp',
  cleanTempDir: 'always',
};
