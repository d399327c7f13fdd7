import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { sampleText } from '../../chat/text.js';
import type { ZipArchive } from '../../io/zip.js';
import type { Exhibit, Finding, SourceFile } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { showAttachment, type HeldAttachment } from '../attachments.js';
import { sniffImageFormat } from '../../imaging/read-image.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { looksLikeWhatsApp, readWhatsAppText } from './parse.js';
import { rejectSource } from '../reject-source.js';

export const WHATSAPP_LABEL = 'WhatsApp';

export const whatsappAdapter: FormatAdapter = {
  id: 'whatsapp',
  label: 'WhatsApp chat export (.txt, or the .zip with _chat.txt and media)',
  extensions: ['txt'],
  ownsExtensions: false,
  streams: true,
  detect: (sample) => (looksLikeWhatsApp(sampleText(sample)) ? 0.9 : 0),
  async parse(ctx) {
    const collector = newCollector(ctx);
    const dateOrder = ctx.item?.dateOrder;
    const read = await readWhatsAppText(() => ctx.open(), collector, {
      file: ctx.source.file,
      ...(ctx.timezone ? { zone: ctx.timezone } : {}),
      ...(dateOrder ? { dateOrder } : {}),
    });
    if (!read.ok) return rejectSource(makeFinding('ITEM_UNREADABLE', { file: ctx.source.file }, { detail: 'no WhatsApp message lines in it' }));
    return chatResult(ctx, collector, WHATSAPP_LABEL, titleFromName(ctx.source.file));
  },
};

function titleFromName(file: string): string | undefined {
  const m = /WhatsApp Chat (?:with|mit|con|avec|com) (.+?)(?:\.txt|\.zip)?$/i.exec(basename(file));
  return m ? `WhatsApp chat with ${m[1]}` : undefined;
}

/** The chat text inside a WhatsApp zip: `_chat.txt` (iOS) or `WhatsApp Chat with X.txt` (Android). */
export function whatsappChatEntry(archive: ZipArchive): string | undefined {
  const texts = archive.entries.filter((e) => e.name.toLowerCase().endsWith('.txt'));
  return (
    texts.find((e) => basename(e.name) === '_chat.txt') ??
    texts.find((e) => /whatsapp/i.test(basename(e.name))) ??
    (texts.length === 1 ? texts[0] : undefined)
  )?.name;
}

/** A WhatsApp zip: the chat, and the images that selected messages refer to, as exhibits. */
export async function parseWhatsAppZip(ctx: ParseContext, archive: ZipArchive, entry: string): Promise<ParseResult> {
  const collector = newCollector(ctx);
  const dateOrder = ctx.item?.dateOrder;
  const read = await readWhatsAppText(() => archive.stream(entry), collector, {
    file: ctx.source.file,
    ...(ctx.timezone ? { zone: ctx.timezone } : {}),
    ...(dateOrder ? { dateOrder } : {}),
  });
  if (!read.ok) return rejectSource(makeFinding('ITEM_UNREADABLE', { file: ctx.source.file }, { detail: `${entry} in the zip has no WhatsApp message lines` }));
  const result = chatResult(ctx, collector, WHATSAPP_LABEL, titleFromName(ctx.source.file) ?? titleFromName(entry));
  const chat = result.exhibit;
  if (!chat) return result;

  const byName = new Map(archive.entries.map((e) => [basename(e.name), e.name]));
  const media: Exhibit[] = [];
  const innerSources: SourceFile[] = [];
  const findings: Finding[] = [...result.findings];
  for (const message of chat.messages) {
    for (const name of message.attachments) {
      const inner = byName.get(name);
      if (!inner) continue;
      const shown = await mediaExhibits(ctx, archive, inner, { seq: message.seq, message: message.where, date: message.date }, chat.file, findings);
      if (!shown) continue;
      innerSources.push(shown.source);
      media.push(...shown.exhibits);
    }
  }
  return { ...result, exhibits: [...result.exhibits, ...media], findings, innerSources };
}

/**
 * Images and PDFs (a shared invoice): other media (audio, video) are named in the transcript.
 * Read as a loose image is (OCR finds the date and any card number shown in it); a damaged
 * one is named and left out with a warning, as an email's attachment is.
 */
async function mediaExhibits(
  ctx: ParseContext,
  archive: ZipArchive,
  entry: string,
  message: Pick<HeldAttachment, 'seq' | 'message' | 'date'>,
  chatFile: string,
  findings: Finding[],
): Promise<{ source: SourceFile; exhibits: Exhibit[] } | undefined> {
  const size = archive.entries.find((e) => e.name === entry)?.size ?? 0;
  if (size > 64 * 1024 * 1024) return undefined;
  const bytes = await archive.read(entry);
  const isPdf = !sniffImageFormat(bytes) && bytes.subarray(0, 1024).includes('%PDF-');
  if (!sniffImageFormat(bytes) && !isPdf) return undefined;
  const kind = isPdf ? 'pdf' : 'image';
  const source: SourceFile = {
    file: `${ctx.source.file}/${entry}`,
    absolutePath: ctx.source.absolutePath,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: kind,
    archive: { file: ctx.source.file, absolutePath: ctx.source.absolutePath, entry },
  };
  const exhibits = await showAttachment(ctx, { ...message, name: basename(entry), bytes, kind }, source, chatFile, findings);
  return exhibits ? { source, exhibits } : undefined;
}
