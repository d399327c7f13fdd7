import { dateFactFromLocal } from '../../evidence/dates.js';
import type { ChatCollector } from '../../chat/collect.js';
import { readLines } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import { alternation, APP_NOTICES, MEDIA_OMITTED } from './grammar.js';
import { DateOrderInference } from './date-order.js';
import { headerToLocal, MARK, parseHeader, type DateOrder, type Header } from './header.js';

export { headerToLocal, parseHeader, type DateOrder, type Header } from './header.js';
export { DateOrderInference } from './date-order.js';

const ATTACHED_IOS = /^[\u200e]?<attached: ([^>]+)>$/;
const ATTACHED_ANDROID = /^[\u200e]?(.+?\.[A-Za-z0-9]{2,5}) \((?:file attached|archivo adjunto|Datei angehängt|fichier joint|arquivo anexado|file allegato)\)$/;
const OMITTED = new RegExp(`^[\\u200e]?(?:${alternation(MEDIA_OMITTED)})$`, 'iu');
const NOTICE = new RegExp(`^\\u200e(?:${alternation(APP_NOTICES)})`, 'iu');

/** Whether a line's text (as written, after `Name: `) is a notice the app wrote under the chat's name. */
export const isAppNotice = (text: string): boolean => NOTICE.test(text);

interface Split {
  readonly sender?: string;
  readonly text: string;
  readonly system: boolean;
}

/** `Name: text` or a line the app wrote itself. */
export function splitSender(rest: string, bracketed: boolean): Split {
  const colon = rest.indexOf(':');
  if (colon > 0 && colon <= 80) {
    // Arabic and Hebrew exports wrap the name in marks too.
    const sender = rest.slice(0, colon).replace(MARK, '').trim();
    // System lines can hold a colon (a subject "Meeting at 4:30"); names hold no quotes.
    if (sender && !/["“”«»]/.test(sender) && !/\d:\d/.test(rest.slice(Math.max(0, colon - 2), colon + 2))) {
      const text = rest.slice(colon + 1).replace(/^ /, '');
      // A line that names its sender is that sender's (iOS marks stickers, cards, locations and
      // deleted messages with U+200E as well); only the notices iOS writes under the chat's name are not.
      if (bracketed && isAppNotice(text)) return { text: text.replace(/^\u200e/, ''), system: true };
      return { sender, text: text.replace(/^\u200e/, ''), system: false };
    }
  }
  return { text: rest.replace(/^\u200e/, ''), system: true };
}

/** iOS (bracketed, or the old colon layout) marks the lines it writes itself. */
const isBracketed = (h: Header): boolean => h.shape.startsWith('[') || h.shape.startsWith(':');

export function attachmentOf(text: string): { name?: string; omitted: boolean } {
  const end = text.indexOf('\n');
  const first = (end < 0 ? text : text.slice(0, end)).trim();
  // Every form below is short: most messages are not tried against them.
  if (first.length > 48 && !first.includes('<') && !first.includes('(')) return { omitted: false };
  const ios = ATTACHED_IOS.exec(first);
  if (ios) return { name: ios[1]!.trim(), omitted: false };
  const android = ATTACHED_ANDROID.exec(first);
  if (android) return { name: android[1]!.trim(), omitted: false };
  return { omitted: OMITTED.test(first) };
}

export async function inferOrders(lines: AsyncIterable<{ line: string; number: number }>): Promise<{ inference: DateOrderInference; headers: number }> {
  const inference = new DateOrderInference();
  let headers = 0;
  for await (const { line, number } of lines) {
    const h = parseHeader(line);
    if (h) {
      inference.add(h, number, splitSender(h.rest, isBracketed(h)).sender !== undefined);
      headers++;
    }
  }
  return { inference, headers };
}

/**
 * Reads the chat in two streaming passes (orders, then messages) into the collector.
 * Returns false when the text is not a WhatsApp export at all.
 */
export async function readWhatsAppText(
  open: () => AsyncIterable<Buffer>,
  collector: ChatCollector,
  options: { file: string; zone?: string; dateOrder?: DateOrder },
): Promise<{ ok: boolean }> {
  const { inference, headers } = await inferOrders(readLines(open()));
  if (headers === 0) return { ok: false };
  const { orders, ambiguous, borrowed } = inference.resolve(options.dateOrder);
  for (const b of borrowed) {
    collector.report(
      makeFinding(
        'CHAT_DATE_LAYOUT_MIXED',
        { file: options.file, line: b.line },
        { where: `line ${b.line}`, sample: b.sample, lines: b.lines, order: b.order === 'mdy' ? 'month/day' : 'day/month' },
      ),
    );
  }
  if (ambiguous) {
    collector.report(
      makeFinding('ITEM_DATE_AMBIGUOUS', { file: options.file }, { format: 'WhatsApp', orders: 'day/month or month/day', sample: ambiguous.sample }),
    );
  }

  let pending: Pending | undefined;
  const flush = () => {
    if (pending) addMessage(pending, orders, collector, options);
    pending = undefined;
  };
  for await (const { line, number } of readLines(open())) {
    const header = parseHeader(line);
    if (header) {
      flush();
      pending = { header, line: number, lines: [], chars: 0, left: 0 };
    } else if (pending) keepLine(pending, line);
    // Text before the first header (rare: a cut export) has no date to place it by.
  }
  flush();
  return { ok: true };
}

/**
 * A message keeps at most this many lines after its first, and characters in them: more
 * would print pages no reviewer reads and hold the whole file in memory (a message of a
 * million lines). What is left out is counted, said where the message is cut and in a finding.
 */
export const MAX_MESSAGE_LINES = 500;
const MAX_MESSAGE_CHARS = 200_000;

type Pending = { header: Header; line: number; lines: string[]; chars: number; left: number };

function keepLine(pending: Pending, line: string): void {
  if (pending.left === 0 && pending.lines.length < MAX_MESSAGE_LINES && pending.chars + line.length <= MAX_MESSAGE_CHARS) {
    pending.lines.push(line);
    pending.chars += line.length + 1;
  } else pending.left++;
}

/** The message's lines, with a last one saying how many were left out when it was cut (and the finding that says so too). */
function linesShown(pending: Pending, collector: ChatCollector, file: string): string[] {
  if (pending.left === 0) return pending.lines;
  const where = `line ${pending.line}`;
  collector.report(
    makeFinding('CHAT_MESSAGE_TRUNCATED', { file, line: pending.line }, { where, kept: pending.lines.length + 1, left: pending.left, unit: 'lines' }),
  );
  return [...pending.lines, `[… ${pending.left} more line(s) of this message are not shown]`];
}

/** One message, its header and the lines that follow it, into the transcript; a header whose date is not real is a finding. */
function addMessage(
  pending: Pending,
  orders: ReturnType<DateOrderInference['resolve']>['orders'],
  collector: ChatCollector,
  options: { file: string; zone?: string },
): void {
  const { header, line } = pending;
  const local = headerToLocal(header, orders.get(header.shape) ?? 'dmy');
  const date = dateFactFromLocal(local, {
    text: header.timeText,
    source: 'export',
    precision: header.second === undefined ? 'minute' : 'second',
    ...(options.zone ? { zone: options.zone } : {}),
  });
  const split = splitSender(header.rest, isBracketed(header));
  if (!date) {
    collector.report(
      makeFinding('CHAT_MESSAGE_UNDATED', { file: options.file, line }, { where: `line ${line}`, detail: `"${header.timeText}" is not a real date` }),
    );
    return;
  }
  const text = [split.text, ...linesShown(pending, collector, options.file)].join('\n').replace(/\n+$/, '');
  const attachment = split.system ? { omitted: false } : attachmentOf(text);
  collector.add({
    date,
    ...(split.sender !== undefined ? { sender: split.sender } : {}),
    text: attachment.name ? text.split('\n').slice(1).join('\n') : attachment.omitted ? '(media not included in the export)' : text,
    ...(attachment.name ? { attachments: [attachment.name] } : {}),
    ...(split.system ? { system: true } : {}),
    where: `line ${line}`,
    line,
  });
}

/**
 * A first-bytes check: the first line is a WhatsApp message header (an export starts with a
 * message or the app's notice; one message of a million lines leaves no second header in the
 * sample), or a few lines are.
 */
export function looksLikeWhatsApp(text: string): boolean {
  const lines = text.split(/\r?\n/, 40);
  const first = lines.find((l) => l.trim() !== '');
  if (first !== undefined && parseHeader(first)) return true;
  let hits = 0;
  for (const line of lines) if (parseHeader(line)) hits++;
  return hits >= Math.min(2, lines.filter((l) => l.trim()).length) && hits > 0;
}
