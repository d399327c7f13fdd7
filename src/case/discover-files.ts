import { CAPTURE_SIDECAR_SUFFIX, CAPTURE_WARC_SUFFIX } from '../evidence/capture-record.js';
import { isAbsolute, posix, relative, sep } from 'node:path';
import type { Finding } from '../evidence/model.js';
import { errnoCode } from '../errors.js';
import { makeFinding } from '../rules/codes.js';
import { joinPath, type CaseFs } from '../io/case-fs.js';
import { UnreadableFileError } from '../io/read-regular.js';
import { createIgnore, type Ignore } from '../io/cjs.js';

export const MANIFEST_NAMES = ['case.yaml', 'case.yml', 'case.json'] as const;
/** Where `init --template` puts the case's own copy of the cover letter. */
export const LETTER_FILE = 'letter.md';
export const NOTE_SIDECAR_SUFFIX = '.note.txt';
/** Patterns of files and folders the walk leaves out, in .gitignore's syntax. */
export const IGNORE_FILE = '.evidenceignore';
/** A longer .evidenceignore is not a list of patterns someone wrote. */
const MAX_IGNORE_BYTES = 1024 * 1024;
/** Folders that hold installed packages, never evidence: not walked (with a finding). */
const PACKAGE_FOLDERS = new Set(['node_modules', 'bower_components', '__pycache__']);

export interface DiscoveredFiles {
  /** Evidence files, relative to the case folder with forward slashes, sorted. */
  readonly files: string[];
  /** `<file>.note.txt` sidecars, keyed by the file they annotate. */
  readonly noteSidecars: Map<string, string>;
  readonly findings: Finding[];
}

export function toCasePath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/**
 * A path written in case.yaml, as a case-relative path with forward slashes; undefined
 * when it is absolute (POSIX or a Windows drive) or climbs out of the case folder.
 */
export function toCaseRelative(written: string): string | undefined {
  const normalized = posix.normalize(written.replace(/\\/g, '/'));
  if (isAbsolute(written) || /^[A-Za-z]:/.test(written) || normalized === '..' || normalized.startsWith('../')) return undefined;
  return normalized.replace(/^\.\//, '');
}

export function isInside(root: string, absolute: string): boolean {
  const rel = relative(root, absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Walks the case folder: hidden entries (.git), package folders (node_modules), what
 * `.evidenceignore` names, the manifest and the files being written (the output PDF and
 * report) are skipped; links are followed only to files inside the folder.
 */
export async function discoverCaseFiles(fs: CaseFs, root: string, options: { exclude?: readonly string[] } = {}): Promise<DiscoveredFiles> {
  const excluded = new Set(options.exclude ?? []);
  const realRoot = await fs.realpath(root);
  const found: string[] = [];
  const findings: Finding[] = [];
  const ignored = await readIgnoreFile(fs, root, realRoot, findings);

  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readDir(dir);
    } catch (error) {
      findings.push(
        makeFinding('ITEM_UNREADABLE', { file: toCasePath(root, dir) + '/' }, { detail: `folder cannot be listed (${errnoCode(error) ?? String(error)})` }),
      );
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = joinPath(dir, entry.name);
      if (excluded.has(absolute)) continue;
      const rel = toCasePath(root, absolute);
      if (dir === root && (MANIFEST_NAMES as readonly string[]).includes(entry.name)) continue;
      if (ignored?.ignores(entry.kind === 'dir' ? `${rel}/` : rel)) continue;
      if (entry.kind === 'dir' && PACKAGE_FOLDERS.has(entry.name)) {
        findings.push(makeFinding('CASE_FOLDER_SKIPPED', { file: `${rel}/` }, { reason: 'it holds installed packages, not evidence' }));
        continue;
      }
      if (entry.kind === 'dir') {
        await walk(absolute);
      } else if (entry.kind === 'file') {
        found.push(rel);
      } else if (entry.kind === 'link') {
        if (await isLinkToFileInside(fs, realRoot, absolute, rel, findings)) found.push(rel);
      } else {
        // A named pipe would hang a read, a device (a link to /dev/zero) never ends.
        findings.push(makeFinding('ITEM_NOT_A_FILE', { file: rel }, { kind: 'a device, pipe or socket' }));
      }
    }
  }

  await walk(root);
  return { ...withNoteSidecars(found), findings };
}

/** A link is followed only to a file inside the case folder: a broken one, or one that leads outside, is a finding. */
async function isLinkToFileInside(fs: CaseFs, realRoot: string, absolute: string, rel: string, findings: Finding[]): Promise<boolean> {
  let target: string;
  try {
    target = await fs.realpath(absolute);
  } catch {
    findings.push(makeFinding('ITEM_UNREADABLE', { file: rel }, { detail: 'a link whose target does not exist' }));
    return false;
  }
  if (!isInside(realRoot, target)) {
    findings.push(makeFinding('ITEM_LINK_OUTSIDE_CASE', { file: rel }, { target }));
    return false;
  }
  const info = await fs.stat(target).catch(() => undefined);
  // Links to folders inside the case are skipped: their files are reached directly.
  if (info && !info.isFile && !info.isDirectory) findings.push(makeFinding('ITEM_NOT_A_FILE', { file: rel }, { kind: 'a link to a device, pipe or socket' }));
  return info?.isFile === true;
}

/** The files found, less each note sidecar beside the file it annotates (kept apart, by that file). */
function withNoteSidecars(found: readonly string[]): { files: string[]; noteSidecars: Map<string, string> } {
  const noteSidecars = new Map<string, string>();
  const files: string[] = [];
  const present = new Set(found);
  for (const file of found) {
    // A capture's record is read with its image (formats/image/capture-sidecar.ts), not as evidence of its own.
    if (file.endsWith(CAPTURE_SIDECAR_SUFFIX) && present.has(file.slice(0, -CAPTURE_SIDECAR_SUFFIX.length))) continue;
    // So is its WARC (`capture --warc`): provenance named in the record, not an exhibit.
    if (file.endsWith(CAPTURE_WARC_SUFFIX) && present.has(`${file.slice(0, -CAPTURE_WARC_SUFFIX.length)}.png${CAPTURE_SIDECAR_SUFFIX}`)) continue;
    if (file.endsWith(NOTE_SIDECAR_SUFFIX)) {
      const annotated = file.slice(0, -NOTE_SIDECAR_SUFFIX.length);
      if (present.has(annotated)) {
        noteSidecars.set(annotated, file);
        continue;
      }
    }
    files.push(file);
  }
  return { files, noteSidecars };
}

/**
 * The case's `.evidenceignore`, when it has one: gitignore patterns, relative to the case
 * folder. As for evidence, a link is followed only to a file inside the folder; a pipe, a
 * device or a file too large to be a list of patterns is not read, with a finding.
 */
async function readIgnoreFile(fs: CaseFs, root: string, realRoot: string, findings: Finding[]): Promise<Ignore | undefined> {
  const path = joinPath(root, IGNORE_FILE);
  const target = await fs.realpath(path).catch(() => undefined);
  if (target === undefined) return undefined;
  if (!isInside(realRoot, target)) {
    findings.push(makeFinding('ITEM_LINK_OUTSIDE_CASE', { file: IGNORE_FILE }, { target }));
    return undefined;
  }
  try {
    return createIgnore().add((await fs.readFile(target, MAX_IGNORE_BYTES)).toString('utf8'));
  } catch (error) {
    findings.push(
      error instanceof UnreadableFileError && error.kind
        ? makeFinding('MANIFEST_NOT_A_FILE', { file: IGNORE_FILE }, { value: IGNORE_FILE, kind: error.kind })
        : makeFinding('ITEM_UNREADABLE', { file: IGNORE_FILE }, { detail: `it is not used (${error instanceof Error ? error.message : String(error)})` }),
    );
    return undefined;
  }
}
