import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile } from './read-regular.js';

/** No fact is this large: a longer entry (or a pipe, a device in its place) is not read. */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

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

/**
 * A cache in `dir`, one JSON file per key under a two-letter folder. Each entry holds its
 * key's hash and a checksum of its value: an entry edited by hand, or moved to another key's
 * name, no longer matches and is computed again (what is stored is masked before it gets here).
 */
export function folderCache(dir: string): FactCache {
  const path = (hash: string) => join(dir, hash.slice(0, 2), `${hash}.json`);
  return {
    async get(key, valid) {
      try {
        const hash = hashKey(key);
        const entry = JSON.parse((await readRegularFile(path(hash), MAX_ENTRY_BYTES)).toString('utf8')) as { key?: unknown; sum?: unknown; value?: unknown };
        if (entry.key !== hash || entry.sum !== checksum(hash, JSON.stringify(entry.value))) return undefined;
        const value: unknown = entry.value;
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
        const json = JSON.stringify(value);
        await writeFile(temp, `{"key":${JSON.stringify(hash)},"sum":${JSON.stringify(checksum(hash, json))},"value":${json}}`);
        await rename(temp, path(hash));
      } catch {
        // A cache that cannot be written only costs time on the next run; no temp file is left.
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

function checksum(hash: string, json: string): string {
  return createHash('sha256').update(hash).update('\0').update(json).digest('hex');
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
