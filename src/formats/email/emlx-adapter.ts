import { sampleText } from '../../chat/text.js';
import { dateFactFromEpoch } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import type { HeldAttachment } from '../attachments.js';
import { newCollector } from '../chat-result.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext } from '../types.js';
import { addMessage, looksLikeEml } from './index.js';
import { mailResult } from './mail-record.js';

/**
 * Apple Mail's own message files (.emlx, as Mail keeps them in ~/Library/Mail and as they
 * are dragged out of it): a line with the message's length in bytes, the RFC 822 message,
 * then an XML property list (date-received in seconds since 1970, flags). A .partial.emlx
 * is a message whose attachments Mail stored apart, in the mailbox's
 * Attachments/<message id>/<part>/<file name>; their MIME parts are left empty with an
 * X-Apple-Content-Length header. A folder holding Messages/ and Attachments/ is read as one
 * mailbox, so those files show after their message instead of as loose images.
 */
export interface EmlxFile {
  readonly message: Buffer;
  readonly received?: DateFact;
  readonly damage?: string;
}

const LENGTH_LINE = /^[ \t]*(\d{1,12})[ \t]*\r?\n/;

export function looksLikeEmlx(sample: Buffer): boolean {
  const text = sampleText(sample);
  const m = LENGTH_LINE.exec(text);
  if (!m) return false;
  // A file cut inside its headers still shows what it is: its last, partial line is not judged.
  const rest = text.slice(m[0].length);
  return looksLikeEml(/\r?\n\r?\n/.test(rest) ? rest : rest.replace(/\r?\n[^\n]*$/, ''));
}

/** Splits an .emlx into its message and its property list's date-received. */
export function splitEmlx(bytes: Buffer): EmlxFile {
  const m = LENGTH_LINE.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!m) return { message: bytes, damage: 'it does not start with the message length' };
  const start = m[0].length;
  const length = Number(m[1]);
  const message = bytes.subarray(start, start + length);
  const plist = bytes.subarray(start + length).toString('utf8');
  const seconds = /<key>date-received<\/key>\s*<(?:real|integer)>([\d.]+)<\/(?:real|integer)>/.exec(plist)?.[1];
  const received = seconds ? dateFactFromEpoch(Math.round(Number(seconds) * 1000), `date-received ${seconds}`, 'export') : undefined;
  const damage =
    message.length < length
      ? `it is cut short: the message should be ${length} bytes, ${message.length} remain`
      : !/<plist\b[\s\S]*<\/plist>/.test(plist)
        ? 'its property list (flags, date received) is missing or cut short'
        : undefined;
  return { message, ...(received ? { received } : {}), ...(damage ? { damage } : {}) };
}

export const emlxAdapter: FormatAdapter = {
  id: 'emlx',
  label: 'Apple Mail message (.emlx, .partial.emlx)',
  extensions: ['emlx'],
  detect: (sample) => (looksLikeEmlx(sample) ? 0.95 : 0),
  async parse(ctx) {
    const collector = newCollector(ctx);
    const held: HeldAttachment[] = [];
    await addEmlx(ctx, collector, ctx.bytes ?? Buffer.alloc(0), 'the message', held, ctx.source.file.endsWith('.partial.emlx') ? () => undefined : undefined);
    return mailResult(ctx, collector, held, 'Email (Apple Mail)');
  },
};

async function addEmlx(
  ctx: ParseContext,
  collector: ReturnType<typeof newCollector>,
  bytes: Buffer,
  where: string,
  held: HeldAttachment[],
  stripped?: (name: string, part?: string) => Buffer | undefined,
): Promise<void> {
  const emlx = splitEmlx(bytes);
  if (emlx.damage) collector.report(makeFinding('ITEM_DAMAGED', { file: ctx.source.file }, { detail: `${where}: ${emlx.damage}` }));
  await addMessage(ctx, collector, emlx.message, where, 1, held, { ...(emlx.received ? { received: emlx.received } : {}), ...(stripped ? { stripped } : {}) });
}

const MESSAGE_FILE = /(?:^|\/)Messages\/(\d+)(?:\.partial)?\.emlx$/;
const STORED_FILE = /(?:^|\/)Attachments\/(\d+)\/([^/]+)\/([^/]+)$/;

/**
 * The mailbox a message file belongs to: the outermost `<name>.mbox` folder above it (Mail
 * spreads one mailbox over Data/<digits>/Messages folders), else the folder holding its
 * Messages/ when an Attachments/ stands beside it.
 */
function mailboxOf(file: string, files: readonly string[]): string | undefined {
  const m = MESSAGE_FILE.exec(file);
  if (!m) return undefined;
  const parent = file.slice(0, m.index);
  const parts = parent.split('/');
  const mbox = parts.findIndex((p) => p.endsWith('.mbox'));
  if (mbox >= 0) return parts.slice(0, mbox + 1).join('/');
  return parent && files.some((g) => g.startsWith(`${parent}/Attachments/`)) ? parent : undefined;
}

/** A mailbox folder of Apple Mail: its Messages/<id>.emlx files with the Attachments/<id>/… Mail stored apart. */
export const appleMailFolderFormat: FolderFormat = {
  id: 'apple-mail',
  findFolders(files) {
    const folders = new Set<string>();
    for (const f of files) {
      const folder = mailboxOf(f, files);
      if (folder) folders.add(folder);
    }
    return [...folders].sort();
  },
  async parseFolder(ctx, reader) {
    const collector = newCollector(ctx);
    const held: HeldAttachment[] = [];
    const id = (name: string) => Number(MESSAGE_FILE.exec(name)![1]);
    const messages = reader.names.filter((n) => MESSAGE_FILE.test(n)).sort((a, b) => id(a) - id(b) || (a < b ? -1 : 1));
    for (const name of messages) {
      const stored = await storedAttachments(reader, String(id(name)));
      await addEmlx(
        ctx,
        collector,
        await reader.read(name),
        name,
        held,
        (file, part) => stored.byName.get(file) ?? (part ? stored.byPart.get(part) : undefined),
      );
    }
    return mailResult(ctx, collector, held, 'Email (Apple Mail)');
  },
};

/**
 * The files Mail stored for one message, Attachments/<id>/<MIME part>/<name>: by file name,
 * and by part number, Mail's own key, for a name it wrote otherwise than the message does
 * (the part's folder holds that one file).
 */
async function storedAttachments(reader: ExportReader, id: string): Promise<{ byName: Map<string, Buffer>; byPart: Map<string, Buffer> }> {
  const byName = new Map<string, Buffer>();
  const byPart = new Map<string, Buffer>();
  const perPart = new Map<string, number>();
  for (const n of reader.names) {
    const m = STORED_FILE.exec(n);
    if (!m || m[1] !== id) continue;
    const bytes = await reader.read(n);
    if (!byName.has(m[3]!)) byName.set(m[3]!, bytes);
    perPart.set(m[2]!, (perPart.get(m[2]!) ?? 0) + 1);
    byPart.set(m[2]!, bytes);
  }
  for (const [part, count] of perPart) if (count > 1) byPart.delete(part);
  return { byName, byPart };
}
