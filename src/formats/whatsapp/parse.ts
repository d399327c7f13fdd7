import { dateFactFromLocal } from '../../evidence/dates.js';
import type { LocalDateTime } from '../../evidence/dates.js';
import type { ChatCollector } from '../../chat/collect.js';
import { readLines } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';

/**
 * WhatsApp "Export chat" text, as Android and iOS write it in every locale we have seen:
 *   Android  `30/06/2023, 16:13 - Name: text`   `6/30/23, 4:13 PM - Name: text`
 *   iOS      `[20.06.19, 15:58:47] Name: text`   `[1/4/23, 7:02:11 PM] Name: text`
 * with 12- or 24-hour clocks (`PM`, `p. m.`, U+202F or U+00A0 before it), dotted times,
 * year-first dates, direction marks (U+200E/U+200F), messages over several lines, lines
 * the app writes itself, and attachments.
 */
const MARKS = '[\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]*';
const SPACE = '[ \\t\\u00a0\\u202f]';
const DATE = '(\\d{1,4})([./-])(\\d{1,2})\\2(\\d{1,4})';
const TIME = `(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:${SPACE}*([aApP])\\.?${SPACE}*[mM]\\.?)?`;
const BRACKETED = new RegExp(`^${MARKS}\\[${DATE},?${SPACE}+${TIME}\\]${SPACE}?${MARKS}(.*)$`);
const DASHED = new RegExp(`^${MARKS}${DATE},?${SPACE}+${TIME}${SPACE}+[-–]${SPACE}+(.*)$`);

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export interface Header {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Digits in the first and last date field, the separator, and the bracket: a line's shape. */
  readonly shape: string;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
  readonly meridiem?: 'a' | 'p';
  readonly rest: string;
  readonly timeText: string;
}

/** Direction and format marks WhatsApp puts before a line's date. */
const isMark = (code: number) => code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff;

export function parseHeader(line: string): Header | undefined {
  // A header starts (after marks) with a digit or a bracket: most continuation lines are
  // turned away here, without the regular expressions (the file is read twice, line by line).
  let first = 0;
  while (first < line.length && isMark(line.charCodeAt(first))) first++;
  const code = line.charCodeAt(first);
  const bracketed = code === 0x5b;
  if (!bracketed && !(code >= 0x30 && code <= 0x39)) return undefined;
  const m = bracketed ? BRACKETED.exec(line) : DASHED.exec(line);
  if (!m) return undefined;
  const [, a, sep, b, c, h, mi, s, ap, rest] = m;
  const meridiem = ap ? (ap.toLowerCase() as 'a' | 'p') : undefined;
  const hour = Number(h);
  // Some locales write midnight as `00:08 a. m.`.
  if (meridiem && hour > 12) return undefined;
  return {
    a: Number(a),
    b: Number(b),
    c: Number(c),
    shape: `${bracketed ? '[' : ''}${a!.length > 2 ? 'Y' : 'n'}${sep}${c!.length > 2 ? 'Y' : 'n'}`,
    hour,
    minute: Number(mi),
    ...(s !== undefined ? { second: Number(s) } : {}),
    ...(meridiem ? { meridiem } : {}),
    rest: rest ?? '',
    timeText: headerText(line, first + (bracketed ? 1 : 0), line.length - (rest?.length ?? 0)),
  };
}

/** The date and time as the line writes them: between the marks or bracket before and the bracket, dash and spaces after. */
function headerText(line: string, start: number, end: number): string {
  let to = end;
  for (; to > start; to--) {
    const c = line.charCodeAt(to - 1);
    if (!(c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x202f || c === 0x2d || c === 0x2013 || c === 0x5d || c === 0x5b || c === 0x200e || c === 0x200f)) break;
  }
  let from = start;
  while (from < to && isMark(line.charCodeAt(from))) from++;
  return line.slice(from, to);
}

/**
 * Learns each line shape's day/month order from the whole file, in one pass and constant
 * memory: a field over 12 settles it; otherwise the order under which the dates never run
 * backwards wins.
 */
export class DateOrderInference {
  private readonly shapes = new Map<string, { maxA: number; maxB: number; yearFirst: boolean; last: Record<'dmy' | 'mdy', number>; backwards: Record<'dmy' | 'mdy', number>; sample: string }>();

  add(h: Header): void {
    let s = this.shapes.get(h.shape);
    if (!s) {
      s = { maxA: 0, maxB: 0, yearFirst: h.shape.replace('[', '').startsWith('Y'), last: { dmy: 0, mdy: 0 }, backwards: { dmy: 0, mdy: 0 }, sample: h.timeText };
      this.shapes.set(h.shape, s);
    }
    s.maxA = Math.max(s.maxA, h.a);
    s.maxB = Math.max(s.maxB, h.b);
    const year = h.c < 100 ? 2000 + h.c : h.c;
    for (const order of ['dmy', 'mdy'] as const) {
      const [day, month] = order === 'dmy' ? [h.a, h.b] : [h.b, h.a];
      const key = year * 10000 + month * 100 + day;
      if (key < s.last[order]) s.backwards[order]++;
      s.last[order] = key;
    }
  }

  /** The order of each shape, or the shapes that cannot be settled. */
  resolve(forced: DateOrder | undefined): { orders: Map<string, DateOrder>; ambiguous?: { sample: string } } {
    const orders = new Map<string, DateOrder>();
    let ambiguous: { sample: string } | undefined;
    for (const [shape, s] of this.shapes) {
      if (forced) orders.set(shape, forced);
      else if (s.yearFirst) orders.set(shape, 'ymd');
      else if (s.maxA > 12 && s.maxB <= 12) orders.set(shape, 'dmy');
      else if (s.maxB > 12 && s.maxA <= 12) orders.set(shape, 'mdy');
      else if (s.backwards.dmy < s.backwards.mdy) orders.set(shape, 'dmy');
      else if (s.backwards.mdy < s.backwards.dmy) orders.set(shape, 'mdy');
      else {
        orders.set(shape, 'dmy');
        ambiguous ??= { sample: s.sample };
      }
    }
    return { orders, ...(ambiguous ? { ambiguous } : {}) };
  }
}

export function headerToLocal(h: Header, order: DateOrder): LocalDateTime {
  const [year, month, day] =
    order === 'ymd' ? [h.a, h.b, h.c] : order === 'dmy' ? [h.c, h.b, h.a] : [h.c, h.a, h.b];
  let hour = h.hour;
  if (h.meridiem === 'a' && hour === 12) hour = 0;
  else if (h.meridiem === 'p' && hour < 12) hour += 12;
  return { year: year < 100 ? 2000 + year : year, month, day, hour, minute: h.minute, second: h.second ?? 0 };
}

const ATTACHED_IOS = /^[\u200e]?<attached: ([^>]+)>$/;
const ATTACHED_ANDROID = /^[\u200e]?(.+?\.[A-Za-z0-9]{2,5}) \((?:file attached|archivo adjunto|Datei angehängt|fichier joint|arquivo anexado|file allegato)\)$/;
const OMITTED = /^[\u200e]?(?:<Media omitted>|<Medien ausgeschlossen>|<Multimedia omitido>|<Médias omis>|(?:image|video|audio|sticker|GIF|document|Contact card) omitted)$/i;

interface Split {
  readonly sender?: string;
  readonly text: string;
  readonly system: boolean;
}

/** `Name: text` or a line the app wrote itself. */
export function splitSender(rest: string, bracketed: boolean): Split {
  const colon = rest.indexOf(':');
  if (colon > 0 && colon <= 80) {
    const sender = rest.slice(0, colon).trim();
    // System lines can hold a colon (a subject "Meeting at 4:30"); names hold no quotes.
    if (sender && !/["“”«»]/.test(sender) && !/\d:\d/.test(rest.slice(Math.max(0, colon - 2), colon + 2))) {
      const text = rest.slice(colon + 1).replace(/^ /, '');
      // iOS writes system events under the chat's name, marked with U+200E.
      const system = bracketed && text.startsWith('\u200e') && !ATTACHED_IOS.test(text) && !OMITTED.test(text);
      return system ? { text: text.replace(/^\u200e/, ''), system: true } : { sender, text, system: false };
    }
  }
  return { text: rest.replace(/^\u200e/, ''), system: true };
}

export function attachmentOf(text: string): { name?: string; omitted: boolean } {
  const end = text.indexOf('\n');
  const first = (end < 0 ? text : text.slice(0, end)).trim();
  // Every form below has a "<", a "(" or ends in "omitted": most messages have none.
  if (!first.includes('<') && !first.includes('(') && first.slice(-7).toLowerCase() !== 'omitted') return { omitted: false };
  const ios = ATTACHED_IOS.exec(first);
  if (ios) return { name: ios[1]!.trim(), omitted: false };
  const android = ATTACHED_ANDROID.exec(first);
  if (android) return { name: android[1]!.trim(), omitted: false };
  return { omitted: OMITTED.test(first) };
}

export async function inferOrders(lines: AsyncIterable<{ line: string }>): Promise<{ inference: DateOrderInference; headers: number }> {
  const inference = new DateOrderInference();
  let headers = 0;
  for await (const { line } of lines) {
    const h = parseHeader(line);
    if (h) {
      inference.add(h);
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
  const { orders, ambiguous } = inference.resolve(options.dateOrder);
  if (ambiguous) {
    collector.report(
      makeFinding('ITEM_DATE_AMBIGUOUS', { file: options.file }, { format: 'WhatsApp', orders: 'day/month or month/day', sample: ambiguous.sample }),
    );
  }

  let pending: { header: Header; line: number; lines: string[] } | undefined;
  const flush = () => {
    if (!pending) return;
    const { header, line } = pending;
    const local = headerToLocal(header, orders.get(header.shape) ?? 'dmy');
    const date = dateFactFromLocal(local, {
      text: header.timeText,
      source: 'export',
      precision: header.second === undefined ? 'minute' : 'second',
      ...(options.zone ? { zone: options.zone } : {}),
    });
    const split = splitSender(header.rest, header.shape.startsWith('['));
    const text = [split.text, ...pending.lines].join('\n').replace(/\n+$/, '');
    pending = undefined;
    if (!date) {
      collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: options.file, line }, { where: `line ${line}`, detail: `"${header.timeText}" is not a real date` }));
      return;
    }
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
  };
  for await (const { line, number } of readLines(open())) {
    const header = parseHeader(line);
    if (header) {
      flush();
      pending = { header, line: number, lines: [] };
    } else if (pending) pending.lines.push(line);
    // Text before the first header (rare: a cut export) has no date to place it by.
  }
  flush();
  return { ok: true };
}

/** A first-bytes check: a few lines that look like WhatsApp message headers. */
export function looksLikeWhatsApp(text: string): boolean {
  const lines = text.split(/\r?\n/, 40);
  let hits = 0;
  for (const line of lines) if (parseHeader(line)) hits++;
  return hits >= Math.min(2, lines.filter((l) => l.trim()).length) && hits > 0;
}
