/**
 * Clean-ups that helper modules need after every test, run by test/setup-after-each.ts. A helper
 * cannot call afterEach itself where files share their modules (isolate: false, see
 * vitest.config.ts): it is evaluated once, so its hook would belong to the first file only.
 * The setup file is evaluated again for every test file, and registers the hook for each.
 */
const cleanups = new Set<() => Promise<void>>();

/** Runs `cleanup` after every test of every file from now on (once, however often it is asked). */
export function afterEachTest(cleanup: () => Promise<void>): void {
  cleanups.add(cleanup);
}

/** Every registered clean-up, one after the other. */
export async function runAfterEachTest(): Promise<void> {
  for (const cleanup of cleanups) await cleanup();
}
