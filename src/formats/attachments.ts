/**
 * Files messages carry (an email's attachments, a helpdesk's inline base64 ones) shown as
 * exhibits of their own right after their message.
 */
import { createHash } from 'node:crypto';
import { bufferChunks } from '../chat/text.js';
import type { ChatExhibit, DateFact, Exhibit, Finding, SourceFile } from '../evidence/model.js';
import { sniffImageFormat } from '../imaging/read-image.js';
import type { ParseContext } from './types.js';
import { makeFinding } from '../rules/codes.js';
import { imageAdapter } from './image/index.js';
import { pdfAdapter } from './pdf/index.js';

/** An attached image smaller than this on a side (a 1 × 1 tracking pixel, an icon) is not shown. */
const MIN_IMAGE_SIDE = 48;

/** An attachment is shown only up to this size (a larger one stays named in its message). */
const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

/** What a finding says went wrong, for another finding to repeat. */
const describeDetail = (finding: Finding): string => String(finding.args.detail ?? finding.code);

/** An image or PDF a message carries, held until the selection says whether its message is shown. */
export interface HeldAttachment {
  readonly seq: number;
  readonly name: string;
  readonly message: string;
  readonly sender?: string;
  readonly date: DateFact;
  readonly bytes: Buffer;
  readonly kind: 'image' | 'pdf';
}

/** All attachments of one export held at once stay under this (the rest stay named, with a finding). */
const MAX_HELD_BYTES = 256 * 1024 * 1024;

/**
 * Holds a file a message carries when it is worth showing: an image (PNG, JPEG, GIF, WebP,
 * HEIC) or a PDF, known by its content (others stay named in the message). One too large
 * to hold is named in a finding.
 */
export function holdAttachment(
  held: HeldAttachment[],
  attachment: { readonly name: string; readonly bytes: Buffer },
  message: Omit<HeldAttachment, 'name' | 'bytes' | 'kind'>,
  file: string,
  findings: { report(f: Finding): void },
): void {
  const { bytes } = attachment;
  if (bytes.length === 0) return;
  const kind = sniffImageFormat(bytes) ? 'image' : bytes.subarray(0, 1024).includes('%PDF-') ? 'pdf' : undefined;
  if (!kind) return;
  // Names are for the reader; a path in one is cut to its last part.
  const name = attachment.name.replace(/^.*[/\\]/, '') || 'attachment';
  const total = held.reduce((n, h) => n + h.bytes.length, 0);
  if (bytes.length > MAX_ATTACHMENT_BYTES || total + bytes.length > MAX_HELD_BYTES) {
    const limit =
      bytes.length > MAX_ATTACHMENT_BYTES
        ? `${MAX_ATTACHMENT_BYTES / 2 ** 20} MB for one attachment`
        : `${MAX_HELD_BYTES / 2 ** 20} MB for one export's attachments`;
    findings.report(makeFinding('CHAT_ATTACHMENT_NOT_SHOWN', { file }, { name, where: message.message, limit }));
    return;
  }
  held.push({ ...message, name, bytes, kind });
}

/** The attachment's name in the packet; a name two attachments share is told apart by its message. */
function attachmentFileName(ctx: ParseContext, a: HeldAttachment, names: Set<string>): string {
  // A folder export's name ends in a slash already.
  const base = ctx.source.file.replace(/\/$/, '');
  let file = `${base}/${a.name}`;
  if (names.has(file)) file = `${base}/${a.message.replace(/[<>]/g, '')}/${a.name}`;
  names.add(file);
  return file;
}

/** The attachment read by the image or PDF adapter; a damaged one is a finding instead. */
async function parseAttachment(ctx: ParseContext, a: HeldAttachment, source: SourceFile, findings: Finding[]) {
  const adapter = a.kind === 'image' ? imageAdapter : pdfAdapter;
  try {
    return await adapter.parse({
      source,
      bytes: a.bytes,
      open: () => bufferChunks(a.bytes),
      manifestDate: a.date,
      ...(ctx.timezone ? { timezone: ctx.timezone } : {}),
      ...(ctx.ocr ? { ocr: ctx.ocr } : {}),
      ...(ctx.cache ? { cache: ctx.cache } : {}),
    });
  } catch (error) {
    // A damaged attachment (a PDF whose pages cannot be read) stays named in its message.
    findings.push(
      makeFinding(
        'ITEM_DAMAGED',
        { file: source.file },
        {
          detail: `the attachment "${a.name}" of message ${a.message} cannot be shown (${error instanceof Error ? error.message : String(error)}); it stays named in its message`,
        },
      ),
    );
    return undefined;
  }
}

/**
 * One held attachment as the exhibits shown right after its message (`chatFile`, `a.seq`);
 * undefined when it cannot be read, which is then named and left out with a warning (the
 * message still names it, and the rest of the export is evidence all the same). Every export
 * that shows the files its messages carry (an email, a zip's media, a folder's photos) goes
 * through here, so a damaged one is treated alike wherever it comes from.
 */
export async function showAttachment(
  ctx: ParseContext,
  a: HeldAttachment,
  source: SourceFile,
  chatFile: string,
  findings: Finding[],
): Promise<Exhibit[] | undefined> {
  const parsed = await parseAttachment(ctx, a, source, findings);
  if (!parsed) return undefined;
  const broken = parsed.findings.find((f) => f.severity === 'error' && (f.code === 'ITEM_UNREADABLE' || f.code === 'ITEM_DAMAGED'));
  if (broken) {
    findings.push(makeFinding('ITEM_ATTACHMENT_UNREADABLE', { file: ctx.source.file }, { name: a.name, where: a.message, detail: describeDetail(broken) }));
    return undefined;
  }
  // The message's date is the attachment's: a date the file itself holds is not a conflict.
  findings.push(...parsed.findings.filter((f) => f.code !== 'ITEM_DATE_CONFLICT'));
  const exhibits: Exhibit[] = [];
  for (const e of parsed.exhibits) {
    // A tracking pixel or an icon is not evidence: it stays named in its message and listed in the appendix.
    if (e.kind === 'chat' || (e.kind === 'image' && (e.image.width < MIN_IMAGE_SIDE || e.image.height < MIN_IMAGE_SIDE))) continue;
    exhibits.push({ ...e, follows: { file: chatFile, seq: a.seq }, ...(a.sender ? { sender: a.sender } : {}) });
  }
  return exhibits;
}

/**
 * Each held attachment of a message the packet shows, as an exhibit of its own right after
 * that message, dated by it, hashed and listed in the appendix as an attachment of it.
 */
export async function attachmentExhibits(
  ctx: ParseContext,
  chat: ChatExhibit,
  held: readonly HeldAttachment[],
  findings: Finding[],
): Promise<{ exhibits: Exhibit[]; sources: SourceFile[] }> {
  const shown = new Set(chat.messages.map((m) => m.seq));
  const exhibits: Exhibit[] = [];
  const sources: SourceFile[] = [];
  const names = new Set<string>();
  for (const a of held) {
    if (!shown.has(a.seq)) continue;
    const file = attachmentFileName(ctx, a, names);
    const source: SourceFile = {
      file,
      absolutePath: ctx.source.absolutePath,
      bytes: a.bytes.length,
      sha256: createHash('sha256').update(a.bytes).digest('hex'),
      format: a.kind,
      attachment: { of: ctx.source.file, message: a.message, name: a.name, bytes: a.bytes },
    };
    const shownAs = await showAttachment(ctx, a, source, chat.file, findings);
    if (!shownAs) continue;
    sources.push(source);
    exhibits.push(...shownAs);
  }
  return { exhibits, sources };
}
