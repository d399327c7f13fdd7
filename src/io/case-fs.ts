import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile, streamRegularFile } from './read-regular.js';

/** No file is read whole beyond this (a format's own limit is lower): a link to /dev/zero ends here. */
export const MAX_READ_BYTES = 512 * 1024 * 1024;

export interface DirEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir' | 'link' | 'other';
}

/**
 * The only way the core reads a case: handed in, so tests can run it in memory and
 * simulate what a real disk does (unreadable folders, links) without root tricks.
 */
export interface CaseFs {
  readDir(absoluteDir: string): Promise<DirEntry[]>;
  /** A regular file's bytes, at most `maxBytes` (MAX_READ_BYTES): a pipe, a device or a larger file is refused (read-regular.ts). */
  readFile(absolutePath: string, maxBytes?: number): Promise<Buffer>;
  /** The file in chunks, for files too large to hold whole. */
  stream(absolutePath: string): AsyncIterable<Buffer>;
  stat(absolutePath: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean }>;
  realpath(absolutePath: string): Promise<string>;
}

export const nodeCaseFs: CaseFs = {
  async readDir(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      kind: e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'link' : 'other',
    }));
  },
  readFile: (path, maxBytes = MAX_READ_BYTES) => readRegularFile(path, maxBytes),
  stream: (path) => streamRegularFile(path),
  async stat(path) {
    const s = await stat(path);
    return { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
  },
  realpath: (path) => realpath(path),
};

export function joinPath(...parts: string[]): string {
  return join(...parts);
}
