import { dateFactFromLocal } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';

/**
 * Month names by their first letters (accents removed) in the languages Takeout writes most:
 * English, German, French, Spanish, Italian, Portuguese, Dutch. `jui…` needs four letters
 * (juin, juillet).
 */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  ene: 1,
  gen: 1,
  feb: 2,
  fev: 2,
  mar: 3,
  maa: 3,
  mrt: 3,
  apr: 4,
  avr: 4,
  abr: 4,
  may: 5,
  mai: 5,
  mag: 5,
  mei: 5,
  jun: 6,
  giu: 6,
  juin: 6,
  jul: 7,
  juil: 7,
  lug: 7,
  aug: 8,
  aou: 8,
  ago: 8,
  sep: 9,
  set: 9,
  oct: 10,
  okt: 10,
  ott: 10,
  out: 10,
  nov: 11,
  dec: 12,
  dez: 12,
  dic: 12,
};

function monthNumber(name: string): number | undefined {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return MONTHS[plain.slice(0, 4)] ?? MONTHS[plain.slice(0, 3)];
}

/** Zone names Takeout may print after the time, as UTC offsets in minutes. */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  JST: 540,
  AEST: 600,
  AEDT: 660,
};

/**
 * Google Takeout's `created_date`: "Tuesday, March 14, 2023 at 10:22:05 AM UTC" (US English,
 * a narrow no-break space before AM in newer exports), "Tuesday, 14 March 2023 at 10:22:05
 * UTC" (other English locales); the zone is a name (UTC, PST…) or `GMT+01:00`. A time whose
 * zone is not known is placed in the case's zone, and says so.
 */
export function parseCreatedDate(text: string, caseZone: string | undefined): DateFact | undefined {
  const clean = text
    .replace(/[\u202f\u00a0\u200e\u200f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "Weekday, Month D, YYYY at" or "Weekday, D. Month YYYY um/à/a las" before the time.
  const m =
    /^(?:[\p{L}]+\.?,?\s+)?(?:([\p{L}]+)\.?\s+(\d{1,2})|(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]+)\.?(?:\s+de)?)\.?,?\s+(\d{4}),?\s+(?:[\p{L}]+(?:\s+[\p{L}]+)?\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?\s*(.*)$/u.exec(
      clean,
    );
  if (!m) return undefined;
  const [, monthA, dayA, dayB, monthB, year, h, min, sec, meridiem, zoneText] = m;
  const month = monthNumber(monthA ?? monthB ?? '');
  if (month === undefined) return undefined;
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  const local = { year: Number(year), month, day: Number(dayA ?? dayB), hour, minute: Number(min), second: Number(sec ?? 0) };
  const offset = zoneOffset(zoneText ?? '');
  const precision = sec === undefined ? 'minute' : 'second';
  return dateFactFromLocal(local, {
    text,
    source: 'export',
    precision,
    ...(offset !== undefined ? { offsetMinutes: offset } : caseZone ? { zone: caseZone } : {}),
  });
}

function zoneOffset(zone: string): number | undefined {
  const z = zone
    .trim()
    .toUpperCase()
    .replace(/^(?:UTC|GMT|MEZ)$/, (x) => (x === 'MEZ' ? 'CET' : x));
  if (z in ZONES) return ZONES[z];
  if (z === 'MESZ') return 120;
  const m = /^(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}
