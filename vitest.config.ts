import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-network-guard.ts'],
    testTimeout: 20_000,
  },
});
