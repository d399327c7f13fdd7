import { createHash } from 'node:crypto';
import type { ChatExhibit, Exhibit, Finding, SourceFile } from '../../evidence/model.js';
import { holdAttachment, showAttachment, type HeldAttachment } from '../attachments.js';
import type { ExportReader, ParseContext } from '../types.js';

/** A held attachment, and where it lies inside the folder export (relative to the folder). */
export type FolderAttachment = HeldAttachment & { readonly path: string };

/**
 * Each image or PDF of a folder export (Telegram's photos/, files/) that a shown message
 * carries, as an exhibit right after that message, dated by it. A folder's file is already
 * hashed for the appendix as part of the folder, so it is not listed again; a zip's is, as an
 * entry of the zip (`sources`).
 */
export async function folderMediaExhibits(
  ctx: ParseContext,
  chat: ChatExhibit,
  held: readonly FolderAttachment[],
  findings: Finding[],
  reader: ExportReader,
): Promise<{ exhibits: Exhibit[]; sources: SourceFile[] }> {
  const shown = new Set(chat.messages.map((m) => m.seq));
  const exhibits: Exhibit[] = [];
  const sources: SourceFile[] = [];
  for (const a of held) {
    if (!shown.has(a.seq)) continue;
    const source = mediaSource(ctx, a, reader.zipEntryPrefix);
    // A damaged file is named and left out with a warning, as an email's attachment is.
    const shownAs = await showAttachment(ctx, a, source, chat.file, findings);
    if (!shownAs) continue;
    exhibits.push(...shownAs);
    if (source.archive) sources.push(source);
  }
  return { exhibits, sources };
}

/** Where a held file lies: in the export's folder, or an entry of the zip that holds the export. */
function mediaSource(ctx: ParseContext, a: FolderAttachment, zipEntryPrefix: string | undefined): SourceFile {
  const folder = ctx.source.file.replace(/\/?$/, '/');
  const common = {
    bytes: a.bytes.length,
    sha256: createHash('sha256').update(a.bytes).digest('hex'),
    format: a.kind,
    // Its message names it: the transcript points to this exhibit by that name. Its bytes are held, already read.
    attachment: { of: zipEntryPrefix === undefined ? folder : ctx.source.file, message: a.message, name: a.name, bytes: a.bytes },
  };
  if (zipEntryPrefix !== undefined) {
    const entry = `${zipEntryPrefix}${a.path}`;
    const archive = { file: ctx.source.file, absolutePath: ctx.source.absolutePath, entry };
    return { file: `${ctx.source.file}/${entry}`, absolutePath: ctx.source.absolutePath, ...common, archive };
  }
  // An export loose in the case folder (`./`) holds its files by their case-relative names.
  const base = folder === './' ? '' : folder;
  return { file: `${base}${a.path}`, absolutePath: `${ctx.source.absolutePath.replace(/[/\\]$/, '')}/${a.path}`, ...common, partOf: folder };
}

/** What a held file is shown after: its message's seq, where it is, its time and sender. */
export interface HeldMessage {
  readonly seq: number;
  readonly where: string;
  readonly date: HeldAttachment['date'];
  readonly sender: string | undefined;
  /** The export, for a finding about a file too large to show. */
  readonly file: string;
}

/** Holds a file of the folder export that a message links, when it is an image or a PDF. */
export async function holdFolderFile(
  reader: ExportReader,
  path: string,
  message: HeldMessage,
  held: FolderAttachment[],
  findings: { report(f: Finding): void },
): Promise<void> {
  const before = held.length;
  const base = { seq: message.seq, message: message.where, date: message.date, ...(message.sender ? { sender: message.sender } : {}) };
  holdAttachment(held, { name: path, bytes: await reader.read(path) }, base, message.file, findings);
  if (held.length > before) held[held.length - 1] = { ...held[held.length - 1]!, path };
}
