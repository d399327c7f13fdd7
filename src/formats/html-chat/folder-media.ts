import { createHash } from 'node:crypto';
import type { ChatExhibit, Exhibit, Finding, SourceFile } from '../../evidence/model.js';
import { holdAttachment, showAttachment, type HeldAttachment } from '../attachments.js';
import type { ExportReader, ParseContext } from '../types.js';

/** A held attachment, and where it lies inside the folder export (relative to the folder). */
export type FolderAttachment = HeldAttachment & { readonly path: string };

/**
 * Each image or PDF of a folder export (Telegram's photos/, files/) that a shown message
 * carries, as an exhibit right after that message, dated by it. The file is already hashed
 * for the appendix as part of the folder, so it is not listed again.
 */
export async function folderMediaExhibits(ctx: ParseContext, chat: ChatExhibit, held: readonly FolderAttachment[], findings: Finding[]): Promise<Exhibit[]> {
  const shown = new Set(chat.messages.map((m) => m.seq));
  const folder = ctx.source.file.replace(/\/?$/, '/');
  // An export loose in the case folder (`./`) holds its files by their case-relative names.
  const base = folder === './' ? '' : folder;
  const exhibits: Exhibit[] = [];
  for (const a of held) {
    if (!shown.has(a.seq)) continue;
    const source: SourceFile = {
      file: `${base}${a.path}`,
      absolutePath: `${ctx.source.absolutePath.replace(/[/\\]$/, '')}/${a.path}`,
      bytes: a.bytes.length,
      sha256: createHash('sha256').update(a.bytes).digest('hex'),
      format: a.kind,
      partOf: folder,
      // Its message names it: the transcript points to this exhibit by that name. Its bytes are held, already read.
      attachment: { of: folder, message: a.message, name: a.name, bytes: a.bytes },
    };
    // A damaged file is named and left out with a warning, as an email's attachment is.
    exhibits.push(...((await showAttachment(ctx, a, source, chat.file, findings)) ?? []));
  }
  return exhibits;
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
