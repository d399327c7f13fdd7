import type { LocalDateTime } from '../../evidence/dates.js';
import { alternation, asciiDigits, DATE_TIME_JOINERS, DAY_PERIODS, DIGIT_ZEROS, ERAS, hourOf, MARK_CLASS, MERIDIEMS, type DayPeriod } from './grammar.js';

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
export const MARK = new RegExp(`[${MARK_CLASS}]`, 'g');
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
const isMark = (code: number) =>
  code === 0x200e || code === 0x200f || code === 0x061c || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff;
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

export function headerToLocal(h: Header, order: DateOrder): LocalDateTime {
  const [year, month, day] = order === 'ymd' ? [h.a, h.b, h.c] : order === 'dmy' ? [h.c, h.b, h.a] : [h.c, h.a, h.b];
  const gregorian = (year < 100 ? 2000 + year : year) - (h.eraYears ?? 0);
  return { year: gregorian, month, day, hour: hourOf(h.hour, h.meridiem, h.period), minute: h.minute, second: h.second ?? 0 };
}
