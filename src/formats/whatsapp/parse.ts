import { dateFactFromLocal } from '../../evidence/dates.js';
import type { LocalDateTime } from '../../evidence/dates.js';
import type { ChatCollector } from '../../chat/collect.js';
import { readLines } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import { alternation, asciiDigits, DATE_TIME_JOINERS, DAY_PERIODS, DIGIT_ZEROS, ERAS, hourOf, MARK_CLASS, MEDIA_OMITTED, MERIDIEMS, type DayPeriod } from './grammar.js';

/**
 * WhatsApp "Export chat" text, as Android and iOS write it in every locale we have seen:
 *   Android  `30/06/2023, 16:13 - Name: text`   `6/30/23, 4:13 PM - Name: text`   `9:15 in the morning`
 *   iOS      `[20.06.19, 15:58:47] Name: text`  `[14:56:01, 3/18/22] Name: text` (time first)
 *   old iOS  `7/1/16, 4:56:55 PM: Name: text`   (no brackets)
 * with 12- or 24-hour clocks (`PM`, `p. m.`, `午後`, `م`, U+202F or U+00A0 before them), day
 * periods, dotted times, year-first dates (`2022. 3. 18.`), other digit sets (`١٨/٣/٢٠٢٢`),
 * the Thai Buddhist-era year (`3/18/2565 BE`), the Arabic comma, direction marks anywhere in
 * the header (taken out before a line is judged: a header hidden behind one would fold its
 * message into the one before), messages over several lines, lines the app writes itself,
 * and attachments. The words and marks are tables in grammar.ts.
 */
const MARK = new RegExp(`[${MARK_CLASS}]`, 'g');
const HAS_MARK = new RegExp(`[${MARK_CLASS}]`);
const SPACE = '[ \\t\\u00a0\\u202f]';
const ERA = alternation(ERAS.flatMap((e) => e.marks));
/** The date's fields; `sep` is the number of its separator's group, which the second separator repeats. */
const date = (sep: number) => `(\\d{1,4})([./-]|\\. )(\\d{1,2})\\${sep}(\\d{1,4})\\.?(?:${SPACE}?(${ERA}))?`;
const HALF = alternation(MERIDIEMS.flatMap((m) => m.words));
const PERIOD = alternation(DAY_PERIODS.flatMap((p) => p.words));
const TIME = `(?:(${HALF})${SPACE}*)?(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:${SPACE}*(${HALF}|${PERIOD})(?![\\p{L}]))?`;
const JOIN = `(?:${alternation(DATE_TIME_JOINERS)})?${SPACE}+`;
/** The header layouts, by their shape's prefix: the date's fields come first in every match, the time's next. */
const LAYOUTS: readonly { readonly shape: string; readonly re: RegExp; readonly timeFirst?: true }[] = [
  { shape: '[', re: new RegExp(`^\\[${date(2)}${JOIN}${TIME}\\]${SPACE}?(.*)$`, 'su') },
  { shape: '[t', re: new RegExp(`^\\[${TIME}${JOIN}${date(7)}\\]${SPACE}?(.*)$`, 'su'), timeFirst: true },
  { shape: '', re: new RegExp(`^${date(2)}${JOIN}${TIME}${SPACE}+[-–]${SPACE}+(.*)$`, 'su') },
  { shape: ':', re: new RegExp(`^${date(2)}${JOIN}${TIME}:${SPACE}(.*)$`, 'su') },
];
/**
 * The two shapes nearly every export is in (`[dd.mm.yy, hh:mm:ss] ` and `dd/mm/yyyy, hh:mm - `
 * with a 24-hour clock), without the tables' words: tried first, they keep a 50 000-message
 * chat under a second. Their groups are the full layouts' (the words' groups never match).
 */
const NONE = '((?!))';
const PLAIN_TIME = `(?:${NONE}${SPACE}*)?(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:${SPACE}*${NONE})?`;
const plainDate = (sep: number) => `(\\d{1,4})([./-]|\\. )(\\d{1,2})\\${sep}(\\d{1,4})\\.?(?:${SPACE}?${NONE})?`;
const COMMON: readonly { readonly shape: string; readonly re: RegExp }[] = [
  { shape: '[', re: new RegExp(`^\\[${plainDate(2)},?${SPACE}+${PLAIN_TIME}\\]${SPACE}?(.*)$`, 's') },
  { shape: '', re: new RegExp(`^${plainDate(2)},?${SPACE}+${PLAIN_TIME}${SPACE}+[-–]${SPACE}+(.*)$`, 's') },
];
const HALVES = new Map(MERIDIEMS.flatMap((m) => m.words.map((w) => [w, m.half] as const)));
const PERIODS = new Map(DAY_PERIODS.flatMap((p) => p.words.map((w) => [w, p.period] as const)));

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export interface Header {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** The layout, digits in the first and last date field, and the separator: a line's shape. */
  readonly shape: string;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
  readonly meridiem?: 'a' | 'p';
  readonly period?: DayPeriod;
  /** Years the calendar runs ahead of the Gregorian one (543 for the Buddhist era). */
  readonly eraYears?: number;
  readonly rest: string;
  readonly timeText: string;
}

/** Direction and format marks WhatsApp puts before a line's date. */
const isMark = (code: number) => code === 0x200e || code === 0x200f || code === 0x061c || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff;
const isDigit = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x0660 && DIGIT_ZEROS.some((z) => code >= z && code <= z + 9));

export function parseHeader(line: string): Header | undefined {
  // A header starts (after marks) with a digit or a bracket: most continuation lines are
  // turned away here, without the regular expressions (the file is read twice, line by line).
  let first = 0;
  while (first < line.length && isMark(line.charCodeAt(first))) first++;
  const code = line.charCodeAt(first);
  if (code !== 0x5b && !isDigit(code)) return undefined;
  // Read with the marks out and every digit in ASCII; the rest of the line is cut from the line as written.
  const plain = HAS_MARK.test(line) ? line.replace(MARK, '') : line;
  const text = asciiDigits(plain);
  for (const layout of [...COMMON, ...LAYOUTS]) {
    if ((text.charCodeAt(0) === 0x5b) !== layout.shape.startsWith('[')) continue;
    const m = layout.re.exec(text);
    if (m) return headerOf(m, layout.shape, line, text.length - m[m.length - 1]!.length, 'timeFirst' in layout && layout.timeFirst === true);
  }
  return undefined;
}

function headerOf(m: RegExpExecArray, shape: string, line: string, headerLength: number, timeFirst: boolean): Header | undefined {
  const date = timeFirst ? m.slice(6, 11) : m.slice(1, 6);
  const time = timeFirst ? m.slice(1, 6) : m.slice(6, 11);
  const [a, sep, b, c, era] = date;
  const [before, h, mi, s, after] = time;
  const word = (before ?? after ?? '').replace(/[\u00a0\u202f]/g, ' ');
  const half = HALVES.get(word);
  const period = after !== undefined ? PERIODS.get(word) : undefined;
  const hour = Number(h);
  // Some locales write midnight as `00:08 a. m.`; a 12-hour word after 13:00 is not a clock.
  if ((half || period) && hour > 12) return undefined;
  const year = Number(a!.length > 2 ? a : c);
  const calendar = ERAS.find((e) => (era !== undefined && e.marks.includes(era)) || year >= e.from);
  const rest = restOf(line, headerLength);
  return {
    a: Number(a),
    b: Number(b),
    c: Number(c),
    shape: `${shape}${a!.length > 2 ? 'Y' : 'n'}${sep}${c!.length > 2 ? 'Y' : 'n'}`,
    hour,
    minute: Number(mi),
    ...(s !== undefined ? { second: Number(s) } : {}),
    ...(half ? { meridiem: half } : {}),
    ...(period ? { period } : {}),
    ...(calendar ? { eraYears: calendar.years } : {}),
    rest,
    timeText: headerText(line, line.length - rest.length),
  };
}

/** The line as written after the first `length` characters of its mark-free text (the header). */
function restOf(line: string, length: number): string {
  let seen = 0;
  let i = 0;
  for (; i < line.length && seen < length; i++) if (!isMark(line.charCodeAt(i))) seen++;
  // Marks right after the header belong to it (`] \u200eName:` keeps the system line's mark).
  return line.slice(i);
}

/** The date and time as the line writes them: without the marks, bracket, dash and spaces around them. */
function headerText(line: string, end: number): string {
  const trimmed = line.slice(0, end).replace(MARK, '');
  return trimmed.replace(/^[\s[]+/, '').replace(/[\s\]\-–:]+$/, '');
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
  const gregorian = (year < 100 ? 2000 + year : year) - (h.eraYears ?? 0);
  return { year: gregorian, month, day, hour: hourOf(h.hour, h.meridiem, h.period), minute: h.minute, second: h.second ?? 0 };
}

const ATTACHED_IOS = /^[\u200e]?<attached: ([^>]+)>$/;
const ATTACHED_ANDROID = /^[\u200e]?(.+?\.[A-Za-z0-9]{2,5}) \((?:file attached|archivo adjunto|Datei angehängt|fichier joint|arquivo anexado|file allegato)\)$/;
const OMITTED = new RegExp(`^[\\u200e]?(?:${alternation(MEDIA_OMITTED)})$`, 'iu');

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
  // Every form below is short: most messages are not tried against them.
  if (first.length > 48 && !first.includes('<') && !first.includes('(')) return { omitted: false };
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
    // iOS (bracketed, or the old colon layout) marks the lines it writes itself.
    const split = splitSender(header.rest, header.shape.startsWith('[') || header.shape.startsWith(':'));
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
