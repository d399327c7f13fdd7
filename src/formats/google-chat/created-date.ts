import { dateFactFromLocal } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { dayPeriods, findMonth, knownPeriods, monthKey } from './locale-words.js';

/**
 * The zone names ICU prints for the zones most people live in, in the languages Google offers
 * (others print an offset, `GMT+2`, read as such), as minutes from UTC. Asking ICU for them
 * at run time costs seconds (it loads each zone's rules), so they are written out here; the
 * Takeout date test prints them through Intl and reads them back.
 */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEZ: 0,
  BST: 60,
  WEST: 60,
  WESZ: 60,
  CET: 60,
  MEZ: 60,
  SEČ: 60,
  CEST: 120,
  MESZ: 120,
  SELČ: 120,
  EET: 120,
  OEZ: 120,
  EEST: 180,
  OESZ: 180,
  IST: 330,
  AWST: 480,
  JST: 540,
  ACST: 570,
  AEST: 600,
  ACDT: 630,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  NDT: -150,
  NST: -210,
  ADT: -180,
  BRT: -180,
  AST: -240,
  EDT: -240,
  EST: -300,
  CDT: -300,
  CST: -360,
  MDT: -360,
  MST: -420,
  PDT: -420,
  PST: -480,
  AKDT: -480,
  AKST: -540,
  HST: -600,
  HAST: -600,
  // Canadian French.
  HAT: -150,
  HNT: -210,
  HAA: -180,
  HNA: -240,
  HAE: -240,
  HNE: -300,
  HAC: -300,
  HNC: -360,
  HAR: -360,
  HNR: -420,
  HAP: -420,
  HNP: -480,
};

/** `GMT+01:00`, `UTC-7`, `GMT+5:30`, `GMT+5.30`, Arabic `غرينتش-7`: an offset from UTC, any language. */
const OFFSET = /(?:UTC|GMT|غرينتش)\s*([+-])(\d{1,2})(?:[:.]?(\d{2}))?(?!\d)/i;
/** `22:02:05`, `22.02.05` (Finnish, Danish), `10h22`; then `22 นาฬิกา 02 นาที 05 วินาที`, `10시 2분 5초`, `22時02分05秒`. */
const TIMES = [
  /(?<![\d.])(\d{1,2})[:.](\d{2})[:.](\d{2})(?!\d)/,
  /(?<![\d.])(\d{1,2})(?::|\s?h\s?)(\d{2})(?:\s?min\s?(\d{1,2})\s?s)?(?![\d:.])/,
  /(?<!\d)(\d{1,2})\s*(?:時|时|시|นาฬิกา)\s*(\d{1,2})\s*(?:分|분|นาที)(?:\s*(\d{1,2})\s*(?:秒|초|วินาที))?/,
];
const NUMERIC_MONTH = /(?<!\d)(\d{1,2})\s*(?:月|월)|tháng\s*(\d{1,2})(?!\d)/i;

/** Digits of other scripts (Arabic-Indic, Devanagari, Thai, full width…) as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/(?![0-9])\p{Nd}/gu, (d) => {
    const code = d.codePointAt(0)!;
    for (let zero = code; zero > code - 10; zero--) if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(code - zero);
    return d;
  });
}

function normalize(text: string): string {
  return asciiDigits(text.normalize('NFC'))
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u202f\u00a0\u2009]/g, ' ')
    .replace(/\u2212/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts what a pattern matched out of the text, leaving a space where it was. */
function cut(text: string, m: RegExpExecArray): string {
  return `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
}

function zoneOf(text: string): { offset?: number; rest: string } {
  const m = OFFSET.exec(text);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return { offset: m[1] === '-' ? -minutes : minutes, rest: cut(text, m) };
  }
  // A zone's name is a word of its own (`[PDT]`, `MESZ`), never part of one.
  for (const word of text.matchAll(/(?<![\p{L}\p{M}])\p{Lu}{1,4}(?![\p{L}\p{M}])/gu))
    if (word[0] in ZONE_NAMES) return { offset: ZONE_NAMES[word[0]]!, rest: cut(text, word as RegExpExecArray) };
  return { rest: text };
}

/** The day-period marker written right before or right after the time, if any. */
function periodNear(before: string, after: string): 'am' | 'pm' | undefined {
  const b = before.trimEnd();
  const a = after.trimStart();
  const known = knownPeriods();
  if (known && ![...known].some((m) => b.endsWith(m) || a.startsWith(m))) return undefined;
  // Languages in turn, so an English time never builds the others' markers.
  for (const { periods, lengths } of dayPeriods())
    for (const length of lengths) {
      const ends = b.length >= length && !/[\p{L}\p{M}]/u.test(b.charAt(b.length - length - 1)) ? periods.get(b.slice(-length)) : undefined;
      if (ends) return ends;
      const starts = a.length >= length && !/[\p{L}\p{M}]/u.test(a.charAt(length)) ? periods.get(a.slice(0, length)) : undefined;
      if (starts) return starts;
    }
  return undefined;
}

function timeOf(text: string): { hour: number; minute: number; second?: number; rest: string } | undefined {
  for (const re of TIMES) {
    const m = re.exec(text);
    if (!m) continue;
    let hour = Number(m[1]);
    const period = periodNear(text.slice(0, m.index), text.slice(m.index + m[0].length));
    if (period) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (period === 'pm' ? 12 : 0);
    }
    return { hour, minute: Number(m[2]), ...(m[3] !== undefined ? { second: Number(m[3]) } : {}), rest: cut(text, m) };
  }
  return undefined;
}

function monthAndDay(text: string): { month: number; day: number } | undefined {
  const numeric = NUMERIC_MONTH.exec(text);
  let month: number | undefined;
  let rest = text;
  if (numeric) {
    month = Number(numeric[1] ?? numeric[2]);
    rest = cut(text, numeric);
  } else {
    month = findMonth((text.match(/[\p{L}\p{M}]+\.?/gu) ?? []).map(monthKey));
  }
  const day = /(?<!\d)(\d{1,2})(?!\d)/.exec(rest);
  return month !== undefined && day ? { month, day: Number(day[1]) } : undefined;
}

/**
 * Google Takeout's `created_date`: the message's time as ICU prints a full date and a long
 * time in the account's language ("Tuesday, March 14, 2023 at 10:22:05 AM UTC", "2023年3月14日
 * 火曜日 10:22:05 UTC", "вторник, 14 марта 2023 г. в 10:22:05 GMT+3"…). Read by its parts, in
 * any order: the zone (a name or an offset), the time with its day period, the four-digit
 * year (a Thai Buddhist-Era year too), the month by name or number, and the day. A time whose
 * zone is not known is placed in the case's zone, and says so.
 */
export function parseCreatedDate(text: string, caseZone: string | undefined): DateFact | undefined {
  const zone = zoneOf(normalize(text));
  const time = timeOf(zone.rest);
  if (!time) return undefined;
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(time.rest);
  if (!year) return undefined;
  const date = monthAndDay(cut(time.rest, year));
  if (!date) return undefined;
  const y = Number(year[1]);
  const local = { year: y > 2400 ? y - 543 : y, ...date, hour: time.hour, minute: time.minute, second: time.second ?? 0 };
  return dateFactFromLocal(local, {
    text,
    source: 'export',
    precision: time.second === undefined ? 'minute' : 'second',
    ...(zone.offset !== undefined ? { offsetMinutes: zone.offset } : caseZone ? { zone: caseZone } : {}),
  });
}
