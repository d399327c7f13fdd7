import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A run (a build, say) made once per key and shared by the tests of one file that only read
 * what it wrote: the first test that asks makes it, in a folder of its own that outlives the
 * test (temp-case's folders are removed after each test) and is removed after the file.
 * A failed run fails every test that asks for it, each naming it.
 */
export function shareRuns<T>(make: (key: string, dir: string) => Promise<T>): (key: string) => Promise<T> {
  const runs = new Map<string, Promise<T>>();
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return (key) => {
    let run = runs.get(key);
    if (!run) {
      run = mkdtemp(join(tmpdir(), 'ep-shared-')).then((dir) => {
        dirs.push(dir);
        return make(key, dir);
      });
      runs.set(key, run);
    }
    return run;
  };
}
