import { dateFactFromLocal } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Zone names Takeout may print after the time, as UTC offsets in minutes. */
const ZONES: Readonly<Record<string, number>> = { UTC: 0, GMT: 0, Z: 0, PST: -480, PDT: -420, MST: -420, MDT: -360, CST: -360, CDT: -300, EST: -300, EDT: -240, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, JST: 540, AEST: 600, AEDT: 660 };

/**
 * Google Takeout's `created_date`: "Tuesday, March 14, 2023 at 10:22:05 AM UTC" (US English,
 * a narrow no-break space before AM in newer exports), "Tuesday, 14 March 2023 at 10:22:05
 * UTC" (other English locales); the zone is a name (UTC, PST…) or `GMT+01:00`. A time whose
 * zone is not known is placed in the case's zone, and says so.
 */
export function parseCreatedDate(text: string, caseZone: string | undefined): DateFact | undefined {
  const clean = text.replace(/[\u202f\u00a0\u200e\u200f]/g, ' ').replace(/\s+/g, ' ').trim();
  const m =
    /^(?:[A-Za-z]+,\s*)?(?:([A-Za-z]+)\s+(\d{1,2})|(\d{1,2})\.?\s+([A-Za-z]+))\.?,?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?\s*(.*)$/.exec(clean);
  if (!m) return undefined;
  const [, monthA, dayA, dayB, monthB, year, h, min, sec, meridiem, zoneText] = m;
  const month = MONTHS.findIndex((name) => name.startsWith((monthA ?? monthB ?? '').toLowerCase().slice(0, 3))) + 1;
  if (month === 0) return undefined;
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  const local = { year: Number(year), month, day: Number(dayA ?? dayB), hour, minute: Number(min), second: Number(sec ?? 0) };
  const offset = zoneOffset(zoneText ?? '');
  const precision = sec === undefined ? 'minute' : 'second';
  return dateFactFromLocal(local, { text, source: 'export', precision, ...(offset !== undefined ? { offsetMinutes: offset } : caseZone ? { zone: caseZone } : {}) });
}

function zoneOffset(zone: string): number | undefined {
  const z = zone.trim().toUpperCase();
  if (z in ZONES) return ZONES[z];
  const m = /^(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}
