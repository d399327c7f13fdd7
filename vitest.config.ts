import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // No test depends on the machine's speed: no time limit (0), a busy machine is only slower.
    // The bench (npm run bench) is where speed is checked.
    testTimeout: 0,
    hookTimeout: 0,
    globalSetup: ['test/global-setup.ts'],
    // Two cores: e2e tests spawn the CLI, which itself uses both.
    maxWorkers: 2,
  },
});
