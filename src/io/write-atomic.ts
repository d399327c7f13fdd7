import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  try {
    for (; current < files.length; current++) {
      await mkdir(dirname(files[current]!.path), { recursive: true });
      await writeFile(temps[current]!, files[current]!.data);
    }
    for (current = 0; current < files.length; current++) await rename(temps[current]!, files[current]!.path);
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
    throw new FileSystemError('OUTPUT_NOT_WRITTEN', `cannot write ${files[current]!.path} (${errnoCode(error) ?? String(error)})`, {
      hint: 'Choose a folder you can write to with -o, and check the disk has space.',
      cause: error,
    });
  }
}
