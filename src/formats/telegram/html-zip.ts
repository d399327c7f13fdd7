import type { ZipArchive } from '../../io/zip.js';
import type { ExportReader, ParseContext, ParseResult } from '../types.js';
import { telegramHtmlFolderFormat } from './html.js';

/** A page or a photo larger than this in a zip is not read (a page holds 1000 messages; larger files are videos). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * The folder inside a zip that holds a Telegram Desktop HTML export ('' at its top, else
 * `ChatExport_…/`), as the user zips the folder tdesktop wrote; undefined when there is none.
 */
export function telegramHtmlZipRoot(names: readonly string[]): string | undefined {
  const roots = names
    .filter((n) => /(?:^|\/)(?:messages|export_results)\.html$/.test(n))
    .map((n) => n.replace(/(?:messages|export_results)\.html$/, ''))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  for (const root of new Set(roots)) {
    const inside = names.filter((n) => n.startsWith(root)).map((n) => n.slice(root.length));
    if (telegramHtmlFolderFormat.rootMembers?.(inside).length) return root;
  }
  return undefined;
}

/**
 * The export read out of the zip as its folder is read: one exhibit, its photos right after
 * their messages, each listed in the appendix as an entry of the zip. Entries are read one at
 * a time, as they are needed, through the zip reader's limits.
 */
export async function parseTelegramHtmlZip(ctx: ParseContext, archive: ZipArchive, root: string): Promise<ParseResult> {
  const within = archive.entries.filter((e) => e.name.startsWith(root) && e.size <= MAX_ENTRY_BYTES);
  const reader: ExportReader = {
    names: within.map((e) => e.name.slice(root.length)),
    read: (name) => archive.read(`${root}${name}`, MAX_ENTRY_BYTES),
    zipEntryPrefix: root,
  };
  return telegramHtmlFolderFormat.parseFolder(ctx, reader);
}
