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
