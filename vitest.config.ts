import { defineConfig } from 'vitest/config';

/**
 * In-process tests about what a fresh process holds (which CJK fonts are made ready): another
 * file's work would change their answer where modules are shared, so they get modules of their own.
 */
const FRESH_MODULES = ['test/unit/cjk-fonts.test.ts', 'test/unit/cjk-prepare.test.ts'];

export default defineConfig({
  test: {
    // No test depends on the machine's speed: no time limit (0), a busy machine is only slower.
    // The bench (npm run bench) is where speed is checked.
    testTimeout: 0,
    hookTimeout: 0,
    globalSetup: ['test/global-setup.ts'],
    // Helpers' per-test clean-ups (temp folders, test servers), registered again for each file.
    setupFiles: ['test/setup-after-each.ts'],
    // Two cores: e2e tests spawn the CLI, which itself uses both.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          // The tests that run the code in their own process share one module graph per worker
          // (isolate: false), so pdf.js, sharp, tesseract.js and the source are imported once per
          // worker, not once per file. Helpers register per-test clean-ups through
          // test/setup-after-each.ts, which runs for every file (see docs/test-suite.md).
          name: 'in-process',
          include: ['test/unit/**/*.test.ts', 'test/golden/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: FRESH_MODULES,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Runs of the CLI, each in a process of its own. The test files share one module graph
          // per worker too (pdf.js, pdf-lib and sharp, which they read the packets with, imported
          // once per worker): what they test runs in the processes they start.
          name: 'cli',
          include: ['test/e2e/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // A fresh module graph for each of these files (see FRESH_MODULES).
          name: 'fresh',
          include: FRESH_MODULES,
        },
      },
    ],
  },
});
