import { posix } from 'node:path';
import type { ChatCollector } from '../../chat/collect.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { holdFolderFile, type FolderAttachment, type HeldMessage } from '../html-chat/folder-media.js';
import { openMember } from '../html-chat/open-member.js';
import { MAX_ELEMENT_CHARS } from '../html-chat/stream-elements.js';
import type { ExportReader, ParseContext } from '../types.js';
import { readTelegramHtmlPage, type TelegramHtmlEntry, type TelegramHtmlPage } from './html-page.js';
import { daylightZonesFor, writtenTitleOffset } from './standard-offset.js';

/** A page of a Telegram Desktop export: `messages.html`, `messages2.html`…, in a chat's folder or not. */
export const PAGE = /^(?:(.*)\/)?messages(\d*)\.html$/;

export function pageNumber(name: string): number {
  return Number(PAGE.exec(name)?.[2] || 1);
}

export interface ChatPages {
  readonly dir: string;
  readonly pages: readonly string[];
}

export interface ReadState {
  readonly ctx: ParseContext;
  readonly collector: ChatCollector;
  readonly reader: ExportReader;
  readonly findings: Finding[];
  readonly held: FolderAttachment[];
  readonly many: boolean;
  /** Days already checked for daylight-saving time, and whether CHAT_TIMEZONE_STANDARD_OFFSET was said (once per export). */
  readonly daylight: { readonly memo: Map<string, string[]>; warned: boolean };
  /** The most characters of one page's markup held at once. */
  peakHeldChars: number;
  readonly maxElementChars?: number;
}

/** One chat's pages in order, as messages, each page read message by message; returns the chat's name. */
export async function readChat(state: ReadState, chat: ChatPages): Promise<string | undefined> {
  const { ctx, collector, reader } = state;
  const file = ctx.source.file;
  const damaged = (detail: string) => state.findings.push(makeFinding('ITEM_DAMAGED', { file }, { detail }));
  checkPageNumbers(chat, damaged);
  const chatState: ChatState = { last: {}, pending: [], senders: new Map(), names: new Map(), carried: {} };
  for (const name of chat.pages) {
    // Files are read after the page, for the messages that link them (few): the page is not held meanwhile.
    const holds: { entry: TelegramHtmlEntry; message: HeldMessage }[] = [];
    const page = await readTelegramHtmlPage(openMember(reader, name), {
      zone: ctx.timezone,
      carried: chatState.carried,
      onTitle: (title) => (chatState.title ??= title),
      onEntry: (entry) => {
        const message = addEntry(state, chatState, entry, `${name} #${entry.id}`);
        if (message && entry.files.length) holds.push({ entry, message });
      },
      ...(state.maxElementChars !== undefined ? { maxElementChars: state.maxElementChars } : {}),
    });
    state.peakHeldChars = Math.max(state.peakHeldChars, page.peakHeldChars);
    checkPage(reader, name, page, damaged);
    for (const { entry, message } of holds) await holdFiles(reader, name, entry, message, state.held, collector);
  }
  const { last, title } = chatState;
  for (const s of chatState.pending)
    if (last.date) collector.add({ date: serviceDate(last.date, false), text: s.text, system: true, where: s.where, ...conversationOf(state, title) });
  return title;
}

/** What reading a chat's pages carries from one message to the next. */
interface ChatState {
  title?: string;
  last: { sender?: string; date?: DateFact };
  /** Service lines waiting for a message's time. */
  pending: { text: string; where: string }[];
  /** Who sent each message, by id, for the replies that name it. */
  readonly senders: Map<number, string>;
  /** One string per sender name, shared by their messages. */
  readonly names: Map<string, string>;
  readonly carried: { forwardedFrom?: string };
}

function conversationOf(state: ReadState, title: string | undefined): { conversation?: string } {
  return state.many && title ? { conversation: title } : {};
}

/** Adds one entry of a page to the transcript; returns what its files are shown after (none for a service line). */
function addEntry(state: ReadState, chat: ChatState, entry: TelegramHtmlEntry, where: string): HeldMessage | undefined {
  const { collector, ctx } = state;
  const file = ctx.source.file;
  if (entry.service) {
    chat.pending.push({ text: entry.text, where });
    return undefined;
  }
  if (!entry.date) {
    collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where, detail: entry.dateText ? `"${entry.dateText}" is not a time` : 'it has no time' }));
    return undefined;
  }
  const conversation = conversationOf(state, chat.title);
  // tdesktop writes no time on service lines: each is shown at the time of the message before it.
  for (const s of chat.pending)
    collector.add({ date: serviceDate(chat.last.date ?? entry.date, !chat.last.date), text: s.text, system: true, where: s.where, ...conversation });
  chat.pending = [];
  // A "joined" message (same sender within 15 minutes) omits the name: it is the one before's.
  const named = entry.sender === undefined ? undefined : (chat.names.get(entry.sender) ?? chat.names.set(entry.sender, entry.sender).get(entry.sender));
  const sender = named ?? chat.last.sender;
  chat.last = { ...(sender ? { sender } : {}), date: entry.date };
  const id = /^message(\d+)$/.exec(entry.id)?.[1];
  if (id && sender) chat.senders.set(Number(id), sender);
  const inReplyTo = replyText(entry, chat.senders);
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
  return { seq, date: entry.date, sender, where, file };
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
function checkPage(reader: ExportReader, name: string, page: TelegramHtmlPage, damaged: (detail: string) => void): void {
  if (page.truncated)
    damaged(`${name} ends before its closing </html>: it was cut short; the message it ends inside is left out, and what followed it is missing`);
  if (page.next && reader.names.length > 0 && !reader.names.includes(posix.join(posix.dirname(name), page.next)))
    damaged(`${name} links to ${page.next}, which is not in the export`);
  if (page.oversized)
    damaged(`${name} holds ${page.oversized} block(s) too large to be a message (over ${MAX_ELEMENT_CHARS / 2 ** 20} M characters): left out`);
}

/** What a reply answers: the sender of the message it names when that one is known, else the export's words. */
function replyText(entry: TelegramHtmlEntry, senders: ReadonlyMap<number, string>): string | undefined {
  const replyId = /^reply to message (\d+)$/.exec(entry.replyTo ?? '')?.[1];
  const to = replyId ? senders.get(Number(replyId)) : undefined;
  return entry.replyTo ? (to ? `reply to ${to}` : entry.replyTo) : undefined;
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
