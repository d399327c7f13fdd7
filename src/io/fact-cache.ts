import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Facts derived from a file's bytes alone (OCR text, an image's size and borders, bytes an
 * encoding takes), kept on disk by a key that names everything they depend on: the file's
 * SHA-256, the marks applied, the library versions. Same key, same bytes in: same fact out,
 * so a warm run skips the work. A missing, damaged or foreign entry is simply recomputed.
 */
export interface FactCache {
  get<T>(key: unknown, valid: (value: unknown) => value is T): Promise<T | undefined>;
  set(key: unknown, value: unknown): Promise<void>;
}

/** A cache in `dir`, one JSON file per key under a two-letter folder. */
export function folderCache(dir: string): FactCache {
  const path = (hash: string) => join(dir, hash.slice(0, 2), `${hash}.json`);
  return {
    async get(key, valid) {
      try {
        const value: unknown = JSON.parse(await readFile(path(hashKey(key)), 'utf8'));
        return valid(value) ? value : undefined;
      } catch {
        return undefined; // missing or damaged: computed again
      }
    },
    // Written to a temporary name and renamed, so two runs sharing a cache never read half an entry.
    async set(key, value) {
      const hash = hashKey(key);
      const folder = join(dir, hash.slice(0, 2));
      const temp = join(folder, `.${hash}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
      try {
        await mkdir(folder, { recursive: true });
        await writeFile(temp, JSON.stringify(value));
        await rename(temp, path(hash));
      } catch {
        // A cache that cannot be written only costs time on the next run; no temp file is left.
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

function hashKey(key: unknown): string {
  return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}

/** Looks the fact up, or computes and keeps it; without a cache, computes it. */
export async function cached<T>(cache: FactCache | undefined, key: unknown, valid: (value: unknown) => value is T, compute: () => Promise<T>): Promise<T> {
  const hit = cache ? await cache.get(key, valid) : undefined;
  if (hit !== undefined) return hit;
  const value = await compute();
  await cache?.set(key, value);
  return value;
}
