import { dateFactFromLocal } from '../evidence/dates.js';
import type { DateFact, OcrText, Party } from '../evidence/model.js';

/** Text printed smaller than this is not read at 100 % (reviewers cannot zoom). */
export const MIN_TEXT_PT = 6;

/** Which of the three facts a reviewer needs the screenshot itself shows. */
export interface VisibleFacts {
  readonly name: boolean;
  readonly email: boolean;
  readonly date: boolean;
}

/** Letters and digits only, lower case, accents dropped: how names are compared. */
function plain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * OCR's usual confusions folded together on both sides: `rn`/`m`, `0`/`o`, `1`/`l`/`i`/`|`,
 * `©`/`@`; dots, commas, spaces and `@` dropped (often lost or invented).
 */
function emailKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/rn/g, 'm')
    .replace(/[0]/g, 'o')
    .replace(/[1|!iíì]/g, 'l')
    .replace(/[@©®(]/g, '')
    .replace(/[\s.,·_-]/g, '');
}

export function findVisibleFacts(ocr: OcrText, client: Party): VisibleFacts {
  const text = ocr.text;
  const plainText = ` ${plain(text)} `;
  const names = [client.name?.value, ...client.aliases].filter((n): n is string => n !== undefined && n.trim() !== '');
  const name = names.some((n) => {
    const digits = n.replace(/\D/g, '');
    // A phone number alias: its digits, whatever the spacing.
    if (digits.length >= 7 && digits.length >= n.replace(/[\s+()\-.]/g, '').length - 1) return text.replace(/\D/g, '').includes(digits);
    const p = plain(n);
    return p !== '' && plainText.includes(` ${p} `);
  });
  // biome-ignore lint/complexity/useOptionalChain: false, not undefined, when the client has no email
  const email = client.email !== undefined && client.email.value.includes('@') && emailKey(text).includes(emailKey(client.email.value));
  return { name, email, date: hasDateOrTime(text) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = `(${MONTHS.join('|')})[a-z]*\\.?`;
const TIME = /\b([01]?\d|2[0-3])[:.][0-5]\d(\s?[ap]\.?\s?m\.?)?\b/i;
const NUMERIC_DATE = /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b/;
const NAMED_DATE = new RegExp(`\\b(\\d{1,2}\\s+${MONTH}|${MONTH}\\s+\\d{1,2})\\b`, 'i');
const RELATIVE = /\b(today|yesterday)\b/i;

function hasDateOrTime(text: string): boolean {
  return TIME.test(text) || NUMERIC_DATE.test(text) || NAMED_DATE.test(text) || RELATIVE.test(text);
}

/**
 * A date (and time, when beside it) read from the image's text, used only when nothing more
 * trusted dated the file. Numeric dates whose day and month could swap are not guessed.
 */
export function dateFromOcr(ocr: OcrText, zone: string | undefined): DateFact | undefined {
  for (const line of ocr.lines) {
    const found = parseDateInLine(line.text);
    if (!found) continue;
    const fact = dateFactFromLocal(found.local, {
      text: `"${found.text}" read in the image`,
      source: 'ocr',
      precision: found.hasTime ? 'minute' : 'day',
      ...(zone ? { zone } : {}),
    });
    if (fact) return fact;
  }
  return undefined;
}

interface Found {
  local: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  text: string;
  hasTime: boolean;
}

function parseDateInLine(line: string): Found | undefined {
  const time = /\b([01]?\d|2[0-3])[:.]([0-5]\d)(?:\s?([ap])\.?\s?m\.?)?/i;
  /** The date matched at [start, end); a time right after it (within a few characters) joins it. */
  const make = (year: number, month: number, day: number, start: number, end: number): Found | undefined => {
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return undefined;
    const t = time.exec(line.slice(end));
    const joined = t !== null && t.index <= 6;
    let hour = joined ? Number(t[1]) : 0;
    if (joined && t[3]) hour = (hour % 12) + (t[3].toLowerCase() === 'p' ? 12 : 0);
    const stop = joined ? end + t.index + t[0].length : end;
    return { local: { year, month, day, hour, minute: joined ? Number(t[2]) : 0, second: 0 }, text: line.slice(start, stop).trim(), hasTime: joined };
  };
  const month = (name: string) => MONTHS.indexOf(name.toLowerCase().slice(0, 3)) + 1;
  let m = /\b(\d{4})-(\d{2})-(\d{2})/.exec(line);
  if (m) return make(Number(m[1]), Number(m[2]), Number(m[3]), m.index, m.index + m[0].length);
  m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s*,?\\s+(\\d{4})`, 'i').exec(line);
  if (m) return make(Number(m[3]), month(m[2]!), Number(m[1]), m.index, m.index + m[0].length);
  m = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})`, 'i').exec(line);
  if (m) return make(Number(m[3]), month(m[1]!), Number(m[2]), m.index, m.index + m[0].length);
  m = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/.exec(line);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) return make(Number(m[3]), b, a, m.index, m.index + m[0].length);
    if (b > 12 && a <= 12) return make(Number(m[3]), a, b, m.index, m.index + m[0].length);
  }
  return undefined;
}

/** Median height of confidently read lines, in source pixels: the size of the text. */
export function textHeightPx(ocr: OcrText): number | undefined {
  const heights = ocr.lines
    .filter((l) => l.confidence >= 60 && /[a-z0-9]{2}/i.test(l.text))
    .map((l) => l.bbox[3])
    .sort((a, b) => a - b);
  if (heights.length === 0) return undefined;
  return heights[Math.floor(heights.length / 2)];
}
