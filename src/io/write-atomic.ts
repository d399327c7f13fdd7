import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
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
  // Short whatever the name (a name may be 255 bytes long): the start of it, and a random tag.
  const temps = files.map((f) =>
    join(
      dirname(f.path),
      `.${Buffer.from(basename(f.path))
        .subarray(0, 60)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}.${randomBytes(6).toString('hex')}.tmp`,
    ),
  );
  for (const temp of temps) pending.add(temp);
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
  } finally {
    for (const temp of temps) pending.delete(temp);
  }
}

/** Temporary files being written now. */
const pending = new Set<string>();

/**
 * Removes the temporary files being written, at once (synchronously): for the shell to call
 * when the process is told to stop (SIGTERM), so no `.packet.pdf.….tmp` is left behind.
 */
export function removePendingTemps(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}

/** Removes `dir` and its parents up to and including `top`, each only if empty. */
async function removeEmptyUpTo(dir: string, top: string): Promise<void> {
  for (let d = resolve(dir); d.length >= resolve(top).length; d = dirname(d)) {
    if (
      !(await rmdir(d).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (d === resolve(top)) return;
  }
}
