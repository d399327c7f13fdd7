import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { errnoCode, FileSystemError, UsageError } from '../errors.js';
import { joinPath, nodeCaseFs, type CaseFs } from '../io/case-fs.js';
import { MANIFEST_NAMES } from '../case/discover-files.js';

export interface CaseFolder {
  /** Relative to the batch root, forward slashes ('.' for the root itself). */
  readonly path: string;
  readonly absolutePath: string;
  /** The output's base name: the path with `/` turned into `-`. */
  readonly name: string;
}

const SKIPPED_DIRS = new Set(['node_modules']);

/** Every case folder under root (see scanCaseFolders). */
export async function findCaseFolders(root: string, fs: CaseFs = nodeCaseFs): Promise<CaseFolder[]> {
  return (await scanCaseFolders(root, fs)).cases;
}

export interface CaseScan {
  readonly cases: CaseFolder[];
  /**
   * Folders that hold files but no case manifest, in or below them, next to folders that do
   * (relative paths, topmost only): most likely a case whose case.yaml was never written.
   */
  readonly skipped: string[];
}

/**
 * Every folder under root that holds a case manifest, sorted by path. A case folder is not
 * searched further: its sub-folders are its evidence. Hidden folders and node_modules are skipped.
 */
export async function scanCaseFolders(root: string, fs: CaseFs = nodeCaseFs): Promise<CaseScan> {
  const found: CaseFolder[] = [];
  const skipped: string[] = [];
  /** Whether the folder holds a case, and whether it holds any file, at any depth. */
  const walk = async (absolute: string, relative: string): Promise<{ hasCase: boolean; hasFiles: boolean }> => {
    const entries = await readFolder(fs, root, absolute, relative);
    if (entries.some((e) => e.kind === 'file' && (MANIFEST_NAMES as readonly string[]).includes(e.name))) {
      found.push({ path: relative, absolutePath: absolute, name: relative === '.' ? 'case' : relative.split('/').join('-') });
      return { hasCase: true, hasFiles: true };
    }
    const dirs = entries
      .filter((e) => e.kind === 'dir' && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name))
      .map((e) => e.name)
      .sort();
    const children: { path: string; hasCase: boolean; hasFiles: boolean }[] = [];
    for (const name of dirs) {
      const path = relative === '.' ? name : posix.join(relative, name);
      children.push({ path, ...(await walk(joinPath(absolute, name), path)) });
    }
    const hasCase = children.some((c) => c.hasCase);
    // Below a folder that holds a case, a sibling with files and no case is named; above, the
    // decision waits for the parent, so only the topmost such folder is named.
    if (hasCase) skipped.push(...children.filter((c) => !c.hasCase && c.hasFiles).map((c) => c.path));
    const ownFiles = entries.some((e) => e.kind === 'file' && !e.name.startsWith('.'));
    return { hasCase, hasFiles: ownFiles || children.some((c) => c.hasFiles) };
  };
  await walk(root, '.');
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort();
  const byName = new Map<string, string>();
  for (const c of found) {
    const other = byName.get(c.name);
    if (other)
      throw new UsageError('BATCH_NAME_CLASH', `cases ${other} and ${c.path} would both be written to ${c.name}.pdf`, { hint: 'Rename one of the folders.' });
    byName.set(c.name, c.path);
  }
  return { cases: found, skipped };
}

async function readFolder(fs: CaseFs, root: string, absolute: string, relative: string) {
  try {
    return await fs.readDir(absolute);
  } catch (error) {
    if (relative === '.' && errnoCode(error) === 'ENOENT')
      throw new UsageError('BATCH_ROOT_NOT_FOUND', `${root}: no such folder`, { hint: 'Pass the folder that holds your case folders.' });
    throw new FileSystemError('BATCH_ROOT_UNREADABLE', `${absolute}: cannot be read (${errnoCode(error) ?? String(error)})`, {
      hint: 'Check the folder’s permissions.',
    });
  }
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `--shard 2/4`: the second of four shares (1-based, like Playwright's and Jest's --shard). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError('USAGE_BAD_SHARD', `--shard "${text}" is not i/n with 1 ≤ i ≤ n`, {
      hint: 'Pass e.g. --shard 1/4 on the first of four machines, --shard 4/4 on the last.',
    });
  }
  return { index, count };
}

/**
 * The cases shard i of n builds. A case's shard comes from a hash of its path, so every
 * machine agrees without talking to the others, and adding a case never moves another.
 */
export function selectShard<T extends { path: string }>(cases: readonly T[], shard: Shard): T[] {
  if (shard.count === 1) return [...cases];
  return cases.filter((c) => createHash('sha256').update(c.path).digest().readUInt32BE(0) % shard.count === shard.index - 1);
}
