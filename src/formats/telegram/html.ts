import { posix } from 'node:path';
import { decodeText, sampleText } from '../../chat/text.js';
import type { ChatCollector } from '../../chat/collect.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import { folderMediaExhibits, holdFolderFile, type FolderAttachment, type HeldMessage } from '../html-chat/folder-media.js';
import type { ExportReader, FolderFormat, FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { looksLikeTelegramHtml, readTelegramHtmlPage, type TelegramHtmlEntry } from './html-page.js';
import { daylightZonesFor, writtenTitleOffset } from './standard-offset.js';

/**
 * Telegram Desktop's default export ("Export chat history", HTML): `messages.html`,
 * `messages2.html`… of 1000 messages each, with css/, js/, images/ and the media folders
 * (photos/, files/, video_files/…); "Export Telegram data" puts each chat in
 * `chats/chat_NN/` under `export_results.html`. Read as tdesktop's export_output_html.cpp
 * writes it.
 */
export const TELEGRAM_HTML_LABEL = 'Telegram Desktop HTML export (messages.html, messages2.html… with media folders; one chat or the whole account)';

/** A Telegram messages*.html page alone in the case (without its export folder). */
export const telegramHtmlAdapter: FormatAdapter = {
  id: 'telegram-html',
  label: TELEGRAM_HTML_LABEL,
  extensions: ['html'],
  ownsExtensions: false,
  maxBytes: 64 * 1024 * 1024,
  detect: (sample) => (looksLikeTelegramHtml(sampleText(sample)) ? 0.9 : 0),
  parse: (ctx) =>
    parseTelegramHtml(ctx, [{ dir: '', pages: [ctx.source.file.replace(/^.*\//, '')] }], { names: [], read: async () => ctx.bytes ?? Buffer.alloc(0) }),
};

const PAGE = /^(?:(.*)\/)?messages(\d*)\.html$/;
/** tdesktop names media by message date: `photos/photo_1@14-03-2024_10-05-30.jpg` (PrepareFileNameDatePart). */
const TDESKTOP_MEDIA = /^(?:photos|files|video_files|voice_messages|round_video_messages|stickers)\/[^/]*@\d{2}-\d{2}-\d{4}_\d{2}-\d{2}-\d{2}/;
const ACCOUNT_CHAT = /^chats\/chat_[^/]+$/;
/** The folders tdesktop writes beside messages.html (export_output_html.cpp, export_data_types.cpp). */
const ROOT_FOLDERS = /^(?:css|js|images|photos|files|video_files|voice_messages|round_video_messages|stickers)\//;
/** What a whole-account export holds beside export_results.html. */
const ROOT_ACCOUNT = /^(?:chats|lists|profile_pictures|stories)\//;

/** Files (relative to a folder) that are a tdesktop chat export: pages with its css and js, more pages, or media named its way. */
function isChatExport(inside: readonly string[]): boolean {
  const has = (name: string) => inside.includes(name);
  return has('messages.html') && (has('messages2.html') || (has('css/style.css') && has('js/script.js')) || inside.some((f) => TDESKTOP_MEDIA.test(f)));
}

/**
 * An export folder in the case: messages.html with tdesktop's css/ and js/, further pages, or
 * media named as tdesktop names them beside it; or a whole-account export (export_results.html with chats/), whose chats
 * are then read within it.
 */
export const telegramHtmlFolderFormat: FolderFormat = {
  id: 'telegram-html',
  findFolders(files) {
    // A whole-account export's chats are read within it ('' when it lies loose in the case folder).
    const accounts = files
      .filter((f) => /(?:^|\/)export_results\.html$/.test(f) && files.some((c) => c.startsWith(f.replace(/export_results\.html$/, 'chats/'))))
      .map((f) => f.slice(0, -'export_results.html'.length).replace(/\/$/, ''));
    const chats = files
      .filter((f) => f.endsWith('/messages.html'))
      .map((f) => f.slice(0, -'/messages.html'.length))
      .filter((folder) => !accounts.some((a) => folder.startsWith(a ? `${a}/` : 'chats/')))
      .filter((folder) => isChatExport(files.filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1))));
    return [...accounts.filter((a) => a !== ''), ...chats];
  },
  rootMembers(files) {
    if (files.includes('export_results.html') && files.some((f) => f.startsWith('chats/')))
      return files.filter((f) => f === 'export_results.html' || ROOT_ACCOUNT.test(f) || ROOT_FOLDERS.test(f));
    const mine = files.filter((f) => /^messages\d*\.html$/.test(f) || ROOT_FOLDERS.test(f));
    return isChatExport(mine) ? mine : [];
  },
  parseFolder(ctx, reader) {
    const byDir = new Map<string, string[]>();
    for (const name of reader.names) {
      const dir = PAGE.exec(name)?.[1] ?? (PAGE.test(name) ? '' : undefined);
      if (dir !== undefined && (dir === '' || ACCOUNT_CHAT.test(dir))) byDir.set(dir, [...(byDir.get(dir) ?? []), name]);
    }
    const account = reader.names.includes('export_results.html');
    const chats = [...byDir].filter(([dir]) => (account ? dir !== '' : dir === '')).map(([dir, pages]) => ({ dir, pages }));
    return parseTelegramHtml(ctx, chats.length ? chats : [{ dir: '', pages: [] }], reader);
  },
};

function pageNumber(name: string): number {
  return Number(PAGE.exec(name)?.[2] || 1);
}

interface ChatPages {
  readonly dir: string;
  readonly pages: readonly string[];
}

async function parseTelegramHtml(ctx: ParseContext, chats: readonly ChatPages[], reader: ExportReader): Promise<ParseResult> {
  const file = ctx.source.file;
  const ordered = chats
    .map((c) => ({ ...c, pages: [...c.pages].sort((a, b) => pageNumber(a) - pageNumber(b)) }))
    .sort((a, b) => a.dir.localeCompare(b.dir, 'en', { numeric: true }));
  const firstName = ordered[0]?.pages[0];
  const first = firstName ? await reader.read(firstName) : Buffer.alloc(0);
  if (!looksLikeTelegramHtml(sampleText(first.subarray(0, 64 * 1024)))) {
    const detail = describeHtmlPage(first) ?? 'its messages.html is missing or not an HTML page';
    return {
      exhibits: [],
      findings: [makeFinding('ITEM_UNSUPPORTED', { file }, { detail: `${detail} (a folder holding messages.html is read as a Telegram Desktop export)` })],
    };
  }
  const collector = newCollector(ctx);
  const state: ReadState = { ctx, collector, reader, findings: [], held: [], many: ordered.length > 1, daylight: { memo: new Map(), warned: false } };
  const titles: string[] = [];
  for (const chat of ordered) {
    const title = await readChat(state, chat);
    if (title) titles.push(title);
  }
  const title = titles.length === 1 ? `Telegram chat: ${titles[0]}` : titles.length > 1 ? `Telegram account export (${titles.length} chats)` : undefined;
  const result = chatResult(ctx, collector, 'Telegram', title, { findings: state.findings });
  if (!result.exhibit || state.held.length === 0) return result;
  const media = await folderMediaExhibits(ctx, result.exhibit, state.held, result.findings, reader);
  return { ...result, exhibits: [...result.exhibits, ...media.exhibits], ...(media.sources.length ? { innerSources: media.sources } : {}) };
}

interface ReadState {
  readonly ctx: ParseContext;
  readonly collector: ChatCollector;
  readonly reader: ExportReader;
  readonly findings: Finding[];
  readonly held: FolderAttachment[];
  readonly many: boolean;
  /** Days already checked for daylight-saving time, and whether CHAT_TIMEZONE_STANDARD_OFFSET was said (once per export). */
  readonly daylight: { readonly memo: Map<string, string[]>; warned: boolean };
}

/** One chat's pages in order, as messages; returns the chat's name. */
async function readChat(state: ReadState, chat: ChatPages): Promise<string | undefined> {
  const { ctx, collector, reader } = state;
  const file = ctx.source.file;
  const damaged = (detail: string) => state.findings.push(makeFinding('ITEM_DAMAGED', { file }, { detail }));
  checkPageNumbers(chat, damaged);
  let title: string | undefined;
  let last: { sender?: string; date?: DateFact } = {};
  let pending: { text: string; where: string }[] = [];
  const senders = new Map<string, string>();
  for (const name of chat.pages) {
    const page = readTelegramHtmlPage(decodeText(await reader.read(name)).text, ctx.timezone);
    title ??= page.title;
    const conversation = state.many && title ? { conversation: title } : {};
    checkPage(reader, name, page, damaged);
    for (const entry of page.entries) {
      const where = `${name} #${entry.id}`;
      if (entry.service) {
        pending.push({ text: entry.text, where });
        continue;
      }
      if (!entry.date) {
        collector.report(
          makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where, detail: entry.dateText ? `"${entry.dateText}" is not a time` : 'it has no time' }),
        );
        continue;
      }
      // tdesktop writes no time on service lines: each is shown at the time of the message before it.
      for (const s of pending)
        collector.add({ date: serviceDate(last.date ?? entry.date, !last.date), text: s.text, system: true, where: s.where, ...conversation });
      pending = [];
      // A "joined" message (same sender within 15 minutes) omits the name: it is the one before's.
      const sender = entry.sender ?? last.sender;
      last = { ...(sender ? { sender } : {}), date: entry.date };
      const id = /^message(\d+)$/.exec(entry.id)?.[1];
      if (id && sender) senders.set(id, sender);
      const inReplyTo = replyText(entry, senders);
      warnStandardOffset(state, entry, where);
      const seq = collector.add({
        date: entry.date,
        ...(sender ? { sender } : {}),
        text: entry.text,
        attachments: entry.files.map((f) => posix.basename(f)),
        where,
        ...conversation,
        ...(inReplyTo ? { inReplyTo } : {}),
      });
      await holdFiles(reader, name, entry, { seq, date: entry.date, sender, where, file }, state.held, collector);
    }
  }
  for (const s of pending)
    if (last.date)
      collector.add({
        date: serviceDate(last.date, false),
        text: s.text,
        system: true,
        where: s.where,
        ...(state.many && title ? { conversation: title } : {}),
      });
  return title;
}

/** A gap in the numbers of a chat's pages is a page missing from the export. */
function checkPageNumbers(chat: ChatPages, damaged: (detail: string) => void): void {
  const prefix = chat.dir ? `${chat.dir}/` : '';
  const numbers = chat.pages.map(pageNumber);
  for (const [i, n] of numbers.entries())
    if (i > 0 && n !== numbers[i - 1]! + 1)
      damaged(`${prefix}messages${n - 1}.html is missing: the messages before ${prefix}messages${n}.html are not in the export`);
}

/** A page cut short, or linking to a next page the export does not hold, is damage. */
function checkPage(reader: ExportReader, name: string, page: ReturnType<typeof readTelegramHtmlPage>, damaged: (detail: string) => void): void {
  if (page.truncated)
    damaged(`${name} ends before its closing </html>: it was cut short; the message it ends inside is left out, and what followed it is missing`);
  if (page.next && reader.names.length > 0 && !reader.names.includes(posix.join(posix.dirname(name), page.next)))
    damaged(`${name} links to ${page.next}, which is not in the export`);
}

/** What a reply answers: the sender of the message it names when that one is known, else the export's words. */
function replyText(entry: TelegramHtmlEntry, senders: ReadonlyMap<string, string>): string | undefined {
  const replyId = /^reply to message (\d+)$/.exec(entry.replyTo ?? '')?.[1];
  return entry.replyTo ? (replyId && senders.has(replyId) ? `reply to ${senders.get(replyId)}` : entry.replyTo) : undefined;
}

/**
 * tdesktop writes its computer's STANDARD offset on every time (see telegramTitleDate): when the
 * case's zone cannot place a summer time right, the export is said to be possibly an hour off, once.
 */
function warnStandardOffset(state: ReadState, entry: TelegramHtmlEntry, where: string): void {
  if (state.daylight.warned || !entry.date || !entry.dateText) return;
  const written = writtenTitleOffset(entry.dateText);
  if (written === undefined) return;
  const zones = daylightZonesFor(entry.date.epochMs, written, state.ctx.timezone, state.daylight.memo);
  if (!zones) return;
  state.daylight.warned = true;
  const offset = `UTC${written < 0 ? '-' : '+'}${String(Math.floor(Math.abs(written) / 60)).padStart(2, '0')}:${String(Math.abs(written) % 60).padStart(2, '0')}`;
  const zone = state.ctx.timezone ? `the case's zone ${state.ctx.timezone} has another standard offset` : 'the case has no time zone';
  state.findings.push(
    makeFinding(
      'CHAT_TIMEZONE_STANDARD_OFFSET',
      { file: state.ctx.source.file },
      { offset, where: `${where} (${entry.dateText})`, zone, zones: zones.slice(0, 3).join(', ') },
    ),
  );
}

function serviceDate(near: DateFact, before: boolean): DateFact {
  return { ...near, text: `no time in the export (service line; shown at the time of the message ${before ? 'after' : 'before'} it, ${near.text})` };
}

async function holdFiles(
  reader: ExportReader,
  page: string,
  entry: TelegramHtmlEntry,
  message: HeldMessage,
  held: FolderAttachment[],
  findings: { report(f: Finding): void },
): Promise<void> {
  for (const href of entry.files) {
    const path = posix.normalize(posix.join(posix.dirname(page), href));
    if (reader.names.includes(path)) await holdFolderFile(reader, path, message, held, findings);
  }
}
