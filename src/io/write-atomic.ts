import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode, FileSystemError } from '../errors.js';

/**
 * Writes to a temporary file beside the target, then renames it into place: a reader never
 * sees a half-written PDF, and a failed build leaves any previous file untouched.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new FileSystemError('OUTPUT_NOT_WRITTEN', `cannot write ${path} (${errnoCode(error) ?? String(error)})`, {
      hint: 'Choose a folder you can write to with -o, and check the disk has space.',
      cause: error,
    });
  }
}

/**
 * Writes several files as one step as far as a file system allows: every file goes to a
 * temporary name first, and only when all are written are they renamed into place. A failed
 * write leaves none of the new files and every previous one untouched.
 */
export async function writeFilesAtomic(files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      const dir = dirname(file.path);
      const temp = join(dir, `.${basename(file.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      await mkdir(dir, { recursive: true });
      temps.push(temp);
      await writeFile(temp, file.data);
    }
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
    const failed = files[temps.length - 1]?.path ?? files[0]?.path;
    throw new FileSystemError('OUTPUT_NOT_WRITTEN', `cannot write ${failed} (${errnoCode(error) ?? String(error)})`, {
      hint: 'Choose a folder you can write to with -o, and check the disk has space.',
      cause: error,
    });
  }
  for (const [i, file] of files.entries()) {
    try {
      await rename(temps[i]!, file.path);
    } catch (error) {
      await Promise.all(temps.slice(i).map((t) => rm(t, { force: true }).catch(() => undefined)));
      throw new FileSystemError('OUTPUT_NOT_WRITTEN', `cannot write ${file.path} (${errnoCode(error) ?? String(error)})`, {
        hint: 'Choose a folder you can write to with -o, and check the disk has space.',
        cause: error,
      });
    }
  }
}
