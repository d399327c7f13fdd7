import { dateFactFromLocal, parseIsoDate } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';

/**
 * A PDF date string (ISO 32000-1, 7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the
 * year optional, O being Z, + or -. Without an offset the case's zone is assumed, and said.
 */
export function parsePdfDate(raw: string, label: string, zone: string | undefined): DateFact | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h, mi, s, z, sign, oh, om = '00'] = m;
  const local = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) };
  const offsetMinutes = z ? 0 : sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : undefined;
  return dateFactFromLocal(local, {
    text: `${label} ${raw.trim()}`,
    source: 'metadata',
    precision: h === undefined ? 'day' : s === undefined ? 'minute' : 'second',
    ...(offsetMinutes !== undefined ? { offsetMinutes } : zone ? { zone } : {}),
  });
}

/** An XMP date (ISO 8601, as xmp:CreateDate holds it). */
export function parseXmpDate(raw: string, label: string, zone: string | undefined): DateFact | undefined {
  const fact = parseIsoDate(raw.trim(), 'metadata', zone);
  return fact ? { ...fact, text: `${label} ${raw.trim()}` } : undefined;
}
