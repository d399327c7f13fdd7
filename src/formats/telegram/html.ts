import { posix } from 'node:path';
import { decodeText, sampleText } from '../../chat/text.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import { folderMediaExhibits, holdFolderFile, type FolderAttachment, type HeldMessage } from '../html-chat/folder-media.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { looksLikeTelegramHtml, readTelegramHtmlPage, type TelegramHtmlEntry } from './html-page.js';

/**
 * Telegram Desktop's default export ("Export chat history", HTML): `messages.html`,
 * `messages2.html`… of 1000 messages each, with css/, js/, images/ and the media folders
 * (photos/, files/, video_files/…). Read as tdesktop's export_output_html.cpp writes it.
 */
export const TELEGRAM_HTML_LABEL = 'Telegram Desktop HTML export (messages.html, messages2.html… with media folders)';

/** A Telegram messages*.html page alone in the case (without its export folder). */
export const telegramHtmlAdapter: FormatAdapter = {
  id: 'telegram-html',
  label: TELEGRAM_HTML_LABEL,
  extensions: ['html'],
  ownsExtensions: false,
  maxBytes: 64 * 1024 * 1024,
  detect: (sample) => (looksLikeTelegramHtml(sampleText(sample)) ? 0.9 : 0),
  parse: (ctx) => parseTelegramHtml(ctx, [ctx.source.file.replace(/^.*\//, '')], { names: [], read: async () => ctx.bytes ?? Buffer.alloc(0) }),
};

const PAGE = /^(?:(.*)\/)?messages(\d*)\.html$/;
const MEDIA_DIRS = /^(?:photos|files|video_files|voice_messages|round_video_messages|stickers|contacts)\//;

/** An export folder in the case: messages.html with tdesktop's css/js, further pages or media folders beside it. */
export const telegramHtmlFolderFormat: FolderFormat = {
  id: 'telegram-html',
  findFolders(files) {
    return files
      .filter((f) => f.endsWith('/messages.html'))
      .map((f) => f.slice(0, -'/messages.html'.length))
      .filter((folder) => {
        const inside = files.filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1));
        return inside.some((f) => f === 'messages2.html' || f === 'css/style.css' || f === 'js/script.js' || MEDIA_DIRS.test(f));
      });
  },
  parseFolder(ctx, reader) {
    const pages = reader.names.filter((n) => { const m = PAGE.exec(n); return m !== null && m[1] === undefined; });
    return parseTelegramHtml(ctx, pages, reader);
  },
};

function pageNumber(name: string): number {
  return Number(PAGE.exec(name)?.[2] || 1);
}

async function parseTelegramHtml(ctx: ParseContext, names: readonly string[], reader: ExportReader): Promise<ParseResult> {
  const file = ctx.source.file;
  const pages = [...names].sort((a, b) => pageNumber(a) - pageNumber(b));
  const first = pages[0] ? await reader.read(pages[0]) : Buffer.alloc(0);
  if (!looksLikeTelegramHtml(sampleText(first.subarray(0, 64 * 1024)))) {
    const detail = describeHtmlPage(first) ?? 'its messages.html is not an HTML page';
    return { exhibits: [], findings: [makeFinding('ITEM_UNSUPPORTED', { file }, { detail: `${detail} (a folder holding messages.html is read as a Telegram Desktop export)` })] };
  }
  const collector = newCollector(ctx);
  const findings: Finding[] = [];
  const held: FolderAttachment[] = [];
  const senders = new Map<string, string>();
  let title: string | undefined;
  let last: { sender?: string; date?: DateFact } = {};
  let pending: { text: string; where: string }[] = [];
  const damaged = (detail: string) => findings.push(makeFinding('ITEM_DAMAGED', { file }, { detail }));
  const missing = pages.map(pageNumber).filter((n, i, all) => i > 0 && n !== all[i - 1]! + 1);
  for (const n of missing) damaged(`messages${n - 1 === 1 ? '' : n - 1}.html is missing: the messages between ${n === 2 ? 'messages.html' : `messages${n - 1}.html`} and messages${n}.html are not in the export`);
  for (const name of pages) {
    const page = readTelegramHtmlPage(decodeText(name === pages[0] ? first : await reader.read(name)).text, ctx.timezone);
    title ??= page.title;
    if (page.truncated) damaged(`${name} ends before its closing </html>: it was cut short: its last message, cut off, is left out, and what followed it is missing`);
    if (page.next && !reader.names.includes(posix.join(posix.dirname(name), page.next)) && names.length > 1) damaged(`${name} links to ${page.next}, which is not in the export`);
    for (const entry of page.entries) {
      const where = `${name} #${entry.id}`;
      if (entry.service) {
        pending.push({ text: entry.text, where });
        continue;
      }
      if (!entry.date) {
        collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where, detail: entry.dateText ? `"${entry.dateText}" is not a time` : 'it has no time' }));
        continue;
      }
      // tdesktop writes no time on service lines: each is shown at the time of the message before it.
      for (const s of pending) collector.add({ date: serviceDate(last.date ?? entry.date, !last.date), text: s.text, system: true, where: s.where });
      pending = [];
      // A "joined" message (same sender within 15 minutes) omits the name: it is the one before's.
      const sender = entry.sender ?? last.sender;
      last = { ...(sender ? { sender } : {}), date: entry.date };
      const id = /^message(\d+)$/.exec(entry.id)?.[1];
      if (id && sender) senders.set(id, sender);
      const replyId = /^reply to message (\d+)$/.exec(entry.replyTo ?? '')?.[1];
      const seq = collector.add({
        date: entry.date,
        ...(sender ? { sender } : {}),
        text: entry.text,
        attachments: entry.files.map((f) => posix.basename(f)),
        where,
        ...(entry.replyTo ? { inReplyTo: replyId && senders.has(replyId) ? `reply to ${senders.get(replyId)}` : entry.replyTo } : {}),
      });
      await holdFiles(reader, name, entry, { seq, date: entry.date, sender, where, file }, held, collector);
    }
  }
  for (const s of pending) if (last.date) collector.add({ date: serviceDate(last.date, false), text: s.text, system: true, where: s.where });
  const result = chatResult(ctx, collector, 'Telegram', title ? `Telegram chat: ${title}` : undefined, { findings });
  if (!result.exhibit || held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, held, result.findings);
  return { ...result, exhibits: [...result.exhibits, ...media] };
}

function serviceDate(near: DateFact, before: boolean): DateFact {
  return { ...near, text: `no time in the export (service line; shown at the time of the message ${before ? 'after' : 'before'} it, ${near.text})` };
}

async function holdFiles(reader: ExportReader, page: string, entry: TelegramHtmlEntry, message: HeldMessage, held: FolderAttachment[], findings: { report(f: Finding): void }): Promise<void> {
  for (const href of entry.files) {
    const path = posix.normalize(posix.join(posix.dirname(page), href));
    if (reader.names.includes(path)) await holdFolderFile(reader, path, message, held, findings);
  }
}
