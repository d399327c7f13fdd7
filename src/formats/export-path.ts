import { posix } from 'node:path';

/** Where a path an export writes for one of its files leads, among the export's own files. */
export type ExportPathTarget =
  | { readonly kind: 'inside'; readonly path: string }
  /** A relative path that climbs above the export's folder: never read. */
  | { readonly kind: 'outside'; readonly path: string }
  /** Not among the export's files (not copied, or copied elsewhere): named only. */
  | { readonly kind: 'absent' };

const ABSOLUTE = /^(?:\/|~|[A-Za-z]:\/)/;

/**
 * The export's file a message's path names. A relative path is read from `from` (the folder of
 * the page that writes it) and may not climb above the export; an absolute one (an exporter that
 * could not make it relative, as DiscordChatExporter's `--media-dir` elsewhere or
 * imessage-exporter's export path given oddly) is matched by its longest tail that is one of
 * the export's files. Only the export's files are ever read, so no path reaches beyond them.
 */
export function resolveExportPath(ref: string, names: ReadonlySet<string>, from = ''): ExportPathTarget {
  const path = ref
    .trim()
    .replace(/^file:\/\/(?:localhost)?/i, '')
    .replace(/\\/g, '/')
    .replace(/^\/([A-Za-z]:\/)/, '$1');
  if (path === '') return { kind: 'absent' };
  if (ABSOLUTE.test(path)) {
    const parts = path.split('/').filter(Boolean);
    for (let k = parts.length; k >= 1; k--) {
      const tail = parts.slice(-k).join('/');
      if (names.has(tail)) return { kind: 'inside', path: tail };
    }
    return { kind: 'absent' };
  }
  const joined = posix.normalize(posix.join(from, path));
  if (joined === '..' || joined.startsWith('../')) return { kind: 'outside', path: ref.trim() };
  return names.has(joined) ? { kind: 'inside', path: joined } : { kind: 'absent' };
}

/** The same, trying the path as written and then URL-decoded (HTML pages escape what file names hold). */
export function resolveLinkedPath(ref: string, names: ReadonlySet<string>, from = ''): ExportPathTarget {
  const raw = resolveExportPath(ref, names, from);
  if (raw.kind !== 'absent') return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    return raw;
  }
  return decoded === ref ? raw : resolveExportPath(decoded, names, from);
}
