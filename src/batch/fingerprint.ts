import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { joinPath, nodeCaseFs, type CaseFs } from '../io/case-fs.js';

/**
 * What a build depends on, as one SHA-256: the tool's version, the options, and the path and
 * content hash of every file in the case folder (hidden files included: a changed
 * `.note.txt` or manifest must rebuild). Equal fingerprints give byte-identical packets.
 */
export async function fingerprintCase(folder: string, version: string, options: unknown, fs: CaseFs = nodeCaseFs): Promise<string> {
  const files: { path: string; sha256: string }[] = [];
  const walk = async (absolute: string, relative: string): Promise<void> => {
    for (const entry of await fs.readDir(absolute)) {
      const path = relative === '' ? entry.name : posix.join(relative, entry.name);
      const full = joinPath(absolute, entry.name);
      if (entry.kind === 'dir') await walk(full, path);
      else if (entry.kind === 'file' || entry.kind === 'link') {
        const hash = createHash('sha256');
        try {
          for await (const chunk of fs.stream(full)) hash.update(chunk);
          files.push({ path, sha256: hash.digest('hex') });
        } catch {
          // An unreadable file or a dangling link: its state is part of the fingerprint.
          files.push({ path, sha256: 'unreadable' });
        }
      }
    }
  };
  await walk(folder, '');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return createHash('sha256').update(JSON.stringify({ version, options, files })).digest('hex');
}
