import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoCode, FileSystemError } from '../errors.js';

/**
 * Writes to a temporary file beside the target, then renames it into place: a reader never
 * sees a half-written PDF, and a failed build leaves any previous file untouched.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  return writeFilesAtomic([{ path, data }]);
}

/**
 * Writes several files, each to a temporary name beside it first; only when all are written
 * are they renamed into place. A failed write leaves none of the new files and every previous
 * one untouched; a rename failing halfway (rare: it needs no space) leaves the rest as they were.
 */
export async function writeFilesAtomic(files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  const temps = files.map((f) => join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`));
  let current = 0;
  // Folders made for the output: removed again if it cannot be written (emptied first).
  const made: { top: string; dir: string }[] = [];
  try {
    for (; current < files.length; current++) {
      const dir = dirname(files[current]!.path);
      const top = await mkdir(dir, { recursive: true });
      if (top) made.push({ top, dir });
      await writeFile(temps[current]!, files[current]!.data);
    }
    for (current = 0; current < files.length; current++) await rename(temps[current]!, files[current]!.path);
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
    for (const { top, dir } of made.reverse()) await removeEmptyUpTo(dir, top);
    throw new FileSystemError('OUTPUT_NOT_WRITTEN', `cannot write ${files[current]!.path} (${errnoCode(error) ?? String(error)})`, {
      hint: 'Choose a folder you can write to with -o, and check the disk has space.',
      cause: error,
    });
  }
}

/** Removes `dir` and its parents up to and including `top`, each only if empty. */
async function removeEmptyUpTo(dir: string, top: string): Promise<void> {
  for (let d = resolve(dir); d.length >= resolve(top).length; d = dirname(d)) {
    if (!(await rmdir(d).then(() => true, () => false))) return;
    if (d === resolve(top)) return;
  }
}
